//! The fields that describe a contribution (who, to whom, what, its texts and parent), shared by
//! the form that records one and the form that edits one; the edit form opens with the
//! record's current values.

use crate::components::field::{coded_choices, Field, Select};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::{
    ContributionDetail, ContributionFormChoices, ContributionKind, FinancingMechanism,
};
use crate::pages::contributions::text::texts;
use leptos::prelude::*;

#[component]
pub(super) fn DescriptiveFields(
    options: ContributionFormChoices,
    /// The record being edited; `None` for a new one.
    #[prop(optional)]
    current: Option<ContributionDetail>,
    /// What the last attempt failed with, if it did.
    failure: Signal<Option<AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let err = move |f: &'static str| {
        Signal::derive(move || {
            failure
                .get()
                .and_then(|e| e.field(f).map(|p| p.message(lang.get())))
        })
    };
    let none = Signal::derive(move || lang.get().t().choose_one);
    let optional = Signal::derive(|| "—");
    let mut recipients = vec![(
        "regional".to_string(),
        "Regional".to_string(),
        "Regional".to_string(),
    )];
    recipients.extend(options.countries.clone());
    let kinds = coded_choices(
        ContributionKind::ALL,
        ContributionKind::code,
        ContributionKind::name,
    );
    let mechanisms = coded_choices(
        FinancingMechanism::ALL,
        FinancingMechanism::code,
        FinancingMechanism::name,
    );
    let pillars: Vec<(String, String, String)> = (1..=4)
        .map(|p| (p.to_string(), p.to_string(), p.to_string()))
        .collect();
    let events: Vec<(String, String, String)> = options
        .events
        .iter()
        .map(|(id, es, en)| (id.to_string(), es.clone(), en.clone()))
        .collect();
    // What the edit form opens with (empty for a new record).
    let c = current.as_ref();
    let s = c.map(|c| &c.summary);
    let pick = |v: Option<String>| v.unwrap_or_default();
    let donor = pick(s.map(|s| s.donor_code.clone()));
    let recipient = pick(s.map(|s| {
        s.recipient_iso2
            .clone()
            .unwrap_or_else(|| "regional".into())
    }));
    let channel = pick(s.and_then(|s| s.channel_code.clone()));
    let kind = pick(s.map(|s| s.kind.code().to_string()));
    let mechanism = pick(s.and_then(|s| s.mechanism.map(|m| m.code().to_string())));
    let pillar = pick(s.and_then(|s| s.pillar.map(|p| p.to_string())));
    let sector = pick(s.and_then(|s| s.sector_code.clone()));
    let group = pick(c.and_then(|c| c.working_group_code.clone()));
    let event = pick(c.and_then(|c| c.event_id.map(|e| e.to_string())));
    let value = |v: Option<String>| Signal::derive(move || v.clone().unwrap_or_default());
    let title_es = value(s.map(|s| s.title_es.clone()));
    let title_en = value(s.map(|s| s.title_en.clone()));
    let description_es = value(c.map(|c| c.description_es.clone()));
    let description_en = value(c.map(|c| c.description_en.clone()));
    let source = value(c.and_then(|c| c.source_url.clone()));
    let parent = value(s.and_then(|s| s.parent_id.map(|p| p.to_string())));
    // An example stays an example when it is edited.
    let example = s.is_some_and(|s| s.is_example);
    view! {
        {example.then(|| view! { <input type="hidden" name="input[is_example]" value="true" /> })}
        <Select name="input[donor]" field="input[donor]" id="c-input-donor-" label=Signal::derive(move || x().col_donor) choices=options.donors.clone() selected=donor empty=none error=err("donor") />
        <Select name="input[recipient]" field="input[recipient]" id="c-input-recipient-" label=Signal::derive(move || x().col_recipient) choices=recipients selected=recipient error=err("recipient") />
        <Select name="input[channel]" field="input[channel]" id="c-input-channel-" label=Signal::derive(move || x().field_channel) choices=options.organisations.clone() selected=channel empty=optional error=err("channel") />
        <Select name="input[kind]" field="input[kind]" id="c-input-kind-" label=Signal::derive(move || x().col_kind) choices=kinds selected=kind error=err("kind") />
        <Select name="input[mechanism]" field="input[mechanism]" id="c-input-mechanism-" label=Signal::derive(move || x().filter_mechanism) choices=mechanisms selected=mechanism empty=optional error=err("mechanism") />
        <Select name="input[pillar]" field="input[pillar]" id="c-input-pillar-" label=Signal::derive(move || x().filter_pillar) choices=pillars selected=pillar empty=optional error=err("pillar") />
        <Select name="input[sector]" field="input[sector]" id="c-input-sector-" label=Signal::derive(move || x().field_sector) choices=options.sectors.clone() selected=sector empty=optional error=err("sector") />
        <Select name="input[working_group]" field="input[working_group]" id="c-input-working_group-" label=Signal::derive(move || t().col_group) choices=options.working_groups.clone() selected=group empty=optional error=err("working_group") />
        <Select name="input[event]" field="input[event]" id="c-input-event-" label=Signal::derive(move || x().field_event) choices=events selected=event empty=optional error=err("event") />
        <Field name="input[title_es]" form="c" label=Signal::derive(move || t().field_title_es) value=title_es error=err("title_es") />
        <Field name="input[title_en]" form="c" label=Signal::derive(move || t().field_title_en) value=title_en error=err("title_en") />
        <Field name="input[description_es]" form="c" label=Signal::derive(move || t().field_description_es) value=description_es error=err("description_es") />
        <Field name="input[description_en]" form="c" label=Signal::derive(move || t().field_description_en) value=description_en error=err("description_en") />
        <Field name="input[source_url]" form="c" kind="url" label=Signal::derive(move || x().field_source) value=source error=err("source_url") />
        <Field name="input[parent]" form="c" label=Signal::derive(move || x().field_parent) hint=Signal::derive(move || x().parent_hint) value=parent error=err("parent") />
    }
}
