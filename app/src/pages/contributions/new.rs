//! `/{lang}/contributions/new`: a member records one of its organisation's contributions (the
//! secretariat, anyone's), with its first step. Every field error comes back translated and
//! nothing is saved until everything is right.

use crate::components::auth::{field_error, form_error};
use crate::components::PageTitle;
use crate::components::{error_panel::or_error_panel, field::Field, field::Select};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::ContributionFormChoices;
use crate::model::{ContributionKind, Stage};
use crate::pages::contributions::text::texts;
use crate::rpc::contributions::{contribution_form_options, CreateContribution};
use leptos::prelude::*;

#[component]
pub fn NewContributionPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let options = Resource::new(|| (), |_| contribution_form_options());
    view! {
        <PageTitle text=|l| texts(l).new_contribution_title />
        <section class="page">
            <h1>{move || x().new_contribution_title}</h1>
            <p class="lead">{move || x().new_contribution_lead}</p>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let o = options.await?;
                    Ok::<_, AppError>(view! { <ContributionForm options=o /> })
                }))}
            </Suspense>
        </section>
    }
}

#[component]
fn ContributionForm(options: ContributionFormChoices) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let create = ServerAction::<CreateContribution>::new();
    let result = create.value();
    let err =
        move |f: &'static str| Signal::derive(move || field_error(&result.get(), f, lang.get()));
    // The form's fields are the import file's columns (one rule for both ways in).
    let fields = crate::model::IMPORT_COLUMNS;
    let general = move || form_error(&result.get(), fields, lang.get());
    let none = Signal::derive(move || lang.get().t().choose_one);
    let optional = Signal::derive(|| "—");
    let mut recipients = vec![(
        "regional".to_string(),
        "Regional".to_string(),
        "Regional".to_string(),
    )];
    recipients.extend(options.countries.clone());
    let kinds: Vec<(String, String, String)> = ContributionKind::ALL
        .iter()
        .map(|k| {
            (
                k.code().to_string(),
                k.name(crate::i18n::Lang::Es).to_string(),
                k.name(crate::i18n::Lang::En).to_string(),
            )
        })
        .collect();
    let stages: Vec<(String, String, String)> =
        [Stage::Pledge, Stage::Commitment, Stage::Disbursement]
            .iter()
            .map(|s| {
                (
                    s.code().to_string(),
                    s.name(crate::i18n::Lang::Es).to_string(),
                    s.name(crate::i18n::Lang::En).to_string(),
                )
            })
            .collect();
    let pillars: Vec<(String, String, String)> = (1..=4)
        .map(|p| (p.to_string(), p.to_string(), p.to_string()))
        .collect();
    let events: Vec<(String, String, String)> = options
        .events
        .iter()
        .map(|(id, es, en)| (id.to_string(), es.clone(), en.clone()))
        .collect();
    let currencies: Vec<(String, String, String)> = options
        .currencies
        .iter()
        .map(|c| (c.clone(), c.clone(), c.clone()))
        .collect();
    view! {
        <ActionForm action=create attr:class="form-grid contribution-form" attr:data-test-id="contribution-form">
            <input type="hidden" name="lang" value=move || lang.get().code() />
            <Select name="input[donor]" field="input[donor]" id="c-input-donor-" label=Signal::derive(move || x().col_donor) choices=options.donors.clone() empty=none error=err("donor") />
            <Select name="input[recipient]" field="input[recipient]" id="c-input-recipient-" label=Signal::derive(move || x().col_recipient) choices=recipients error=err("recipient") />
            <Select name="input[channel]" field="input[channel]" id="c-input-channel-" label=Signal::derive(move || x().field_channel) choices=options.organisations.clone() empty=optional error=err("channel") />
            <Select name="input[kind]" field="input[kind]" id="c-input-kind-" label=Signal::derive(move || x().col_kind) choices=kinds error=err("kind") />
            <Select name="input[pillar]" field="input[pillar]" id="c-input-pillar-" label=Signal::derive(move || x().filter_pillar) choices=pillars empty=optional error=err("pillar") />
            <Select name="input[sector]" field="input[sector]" id="c-input-sector-" label=Signal::derive(move || x().field_sector) choices=options.sectors.clone() empty=optional error=err("sector") />
            <Select name="input[working_group]" field="input[working_group]" id="c-input-working_group-" label=Signal::derive(move || t().col_group) choices=options.working_groups.clone() empty=optional error=err("working_group") />
            <Select name="input[event]" field="input[event]" id="c-input-event-" label=Signal::derive(move || x().field_event) choices=events empty=optional error=err("event") />
            <Field name="input[title_es]" form="c" label=Signal::derive(move || t().field_title_es) error=err("title_es") />
            <Field name="input[title_en]" form="c" label=Signal::derive(move || t().field_title_en) error=err("title_en") />
            <Field name="input[description_es]" form="c" label=Signal::derive(move || t().field_description_es) error=err("description_es") />
            <Field name="input[description_en]" form="c" label=Signal::derive(move || t().field_description_en) error=err("description_en") />
            <Field name="input[source_url]" form="c" kind="url" label=Signal::derive(move || x().field_source) error=err("source_url") />
            <Field name="input[parent]" form="c" label=Signal::derive(move || x().field_parent) hint=Signal::derive(move || x().parent_hint) error=err("parent") />
            <Select name="input[stage]" field="input[stage]" id="c-input-stage-" label=Signal::derive(move || x().col_stage) choices=stages error=err("stage") />
            <Field name="input[date]" form="c" kind="date" required=true label=Signal::derive(move || x().col_date) error=err("date") />
            <Select name="input[currency]" field="input[currency]" id="c-input-currency-" label=Signal::derive(move || x().field_currency) choices=currencies error=err("currency") />
            <Field name="input[amount]" form="c" label=Signal::derive(move || x().field_amount) hint=Signal::derive(move || x().amount_hint) error=err("amount") />
            <Field name="input[fx_rate]" form="c" label=Signal::derive(move || x().field_fx_rate) hint=Signal::derive(move || x().fx_hint) error=err("fx_rate") />
            <Field name="input[note]" form="c" label=Signal::derive(move || x().field_note) error=err("note") />
            <div class="form-actions">
                <button type="submit" class="button" data-test-id="contribution-submit">{move || t().save}</button>
            </div>
            {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="contribution-error">{e}</p> })}
        </ActionForm>
    }
}
