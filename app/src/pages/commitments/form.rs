//! `/{lang}/commitments/new` and `/{lang}/commitments/{id}/edit`: a country's focal point, a
//! member or the secretariat writes a commitment (jointly with other makers if need be) as a
//! draft, to be submitted for pre-articulation from its page.

use super::text::{texts, unit_name};
use crate::components::auth::{field_error, form_error};
use crate::components::field::{Field, TextArea};
use crate::components::{error_panel::or_error_panel, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang, Lang};
use crate::model::{
    CommitmentFormOptions, CommitmentInput, CommitmentKind, CommitmentStage, Named, Occasion,
    COUNT_UNITS,
};
use crate::rpc::commitments::{fetch_commitment_form, SaveCommitment};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::collections::BTreeMap;

#[component]
pub fn CommitmentFormPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let options = Resource::new(move || id.get(), fetch_commitment_form);
    view! {
        <PageTitle text=|l| texts(l).record />
        <section class="page">
            <nav class="breadcrumbs" aria-label=move || x().title>
                <a href=move || localized(lang.get(), "/commitments")>{move || x().title}</a>
            </nav>
            <h1>{move || x().form_title}</h1>
            <p class="lead">{move || x().form_lead}</p>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let o = options.await?;
                    Ok::<_, AppError>(view! { <CommitmentForm options=o /> })
                }))}
            </Suspense>
        </section>
    }
}

/// A group of checkboxes named `input[{group}][{code}]`.
#[component]
fn Checks(
    group: &'static str,
    legend: fn(Lang) -> &'static str,
    #[prop(optional)] hint: Option<fn(Lang) -> &'static str>,
    choices: Vec<Named>,
    on: BTreeMap<String, String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <fieldset class="field field--wide checks" class:field--invalid=move || error.get().is_some() data-test-id=format!("field-{group}")>
            <legend>{move || legend(lang.get())}</legend>
            {hint.map(|h| view! { <p class="field__hint">{move || h(lang.get())}</p> })}
            {choices.into_iter().map(|c| {
                let checked = on.contains_key(&c.code);
                let name = format!("input[{group}][{}]", c.code);
                let test = format!("{group}-{}", c.code.replace(':', "-"));
                view! {
                    <label class="check">
                        <input type="checkbox" name=name value="on" checked=checked data-test-id=test />
                        {move || c.name(lang.get()).to_string()}
                    </label>
                }
            }).collect_view()}
            {move || error.get().map(|e| view! { <p class="field-error" data-test-id=format!("error-{group}")>{e}</p> })}
        </fieldset>
    }
}

/// A select of coded values.
#[component]
fn Choice(
    name: &'static str,
    id: &'static str,
    label: fn(Lang) -> &'static str,
    choices: Vec<(&'static str, &'static str, &'static str)>,
    chosen: String,
    #[prop(optional)] empty: bool,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <label for=id>{move || label(lang.get())}</label>
            <select id=id name=name data-test-id=format!("field-{id}")>
                {empty.then(|| view! { <option value="">"—"</option> })}
                {choices.into_iter().map(|(code, es, en)| view! {
                    <option value=code selected=code == chosen>{move || lang.get().pick(es, en).to_string()}</option>
                }).collect_view()}
            </select>
            {move || error.get().map(|e| view! { <p class="field-error" data-test-id=format!("error-{id}")>{e}</p> })}
        </div>
    }
}

/// The (code, Spanish, English) of every value of a coded enum.
macro_rules! coded {
    ($t:ty) => {
        <$t>::ALL
            .iter()
            .map(|v| (v.code(), v.name(Lang::Es), v.name(Lang::En)))
            .collect::<Vec<_>>()
    };
}

#[component]
fn CommitmentForm(options: CommitmentFormOptions) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let save = ServerAction::<SaveCommitment>::new();
    let result = save.value();
    let err =
        move |f: &'static str| Signal::derive(move || field_error(&result.get(), f, lang.get()));
    let fields = [
        "kind",
        "title_es",
        "title_en",
        "description_es",
        "description_en",
        "makers",
        "reporter",
        "countries",
        "themes",
        "occasion",
        "announced_on",
        "deadline",
        "stage",
        "target",
        "target_unit",
        "target_what_es",
        "target_what_en",
        "target_population",
        "source_url",
    ];
    let general = move || form_error(&result.get(), &fields, lang.get());
    let (id, version, cur) = options.current.clone().unwrap_or_else(|| {
        // A new one: made by the person's own country or organisation, planned.
        let mut input = CommitmentInput {
            stage: "planning".into(),
            occasion: "grf2023".into(),
            ..CommitmentInput::default()
        };
        if let [own] = options.own.as_slice() {
            input.makers.insert(own.clone(), "on".into());
        }
        (0, 0, input)
    });
    let value = |v: &str| {
        let v = v.to_string();
        Signal::derive(move || v.clone())
    };
    let units: Vec<(&'static str, &'static str, &'static str)> = COUNT_UNITS
        .iter()
        .map(|&u| (u, unit_name(Lang::Es, u), unit_name(Lang::En, u)))
        .collect();
    let reporter_choices: Vec<Named> = options.makers.clone();
    view! {
        <ActionForm action=save attr:class="form-grid" attr:data-test-id="commitment-form">
            <input type="hidden" name="lang" value=move || lang.get().code() />
            <input type="hidden" name="id" value=id.to_string() />
            <input type="hidden" name="version" value=version.to_string() />
            <Choice name="input[kind]" id="kind" label=|l| texts(l).field_kind choices=coded!(CommitmentKind) chosen=cur.kind.clone() empty=true error=err("kind") />
            <Choice name="input[stage]" id="stage" label=|l| texts(l).field_stage choices=coded!(CommitmentStage) chosen=cur.stage.clone() error=err("stage") />
            <Field name="input[title_es]" form="c" value=value(&cur.title_es) label=Signal::derive(move || t().field_title_es) error=err("title_es") />
            <Field name="input[title_en]" form="c" value=value(&cur.title_en) label=Signal::derive(move || t().field_title_en) error=err("title_en") />
            <TextArea name="input[description_es]" rows=5 value=cur.description_es.clone() label=Signal::derive(move || x().field_description_es) error=err("description_es") />
            <TextArea name="input[description_en]" rows=5 value=cur.description_en.clone() label=Signal::derive(move || x().field_description_en) error=err("description_en") />
            <Checks group="makers" legend=|l| texts(l).field_makers hint=|l| texts(l).makers_hint choices=options.makers.clone() on=cur.makers.clone() error=err("makers") />
            <div class="field" class:field--invalid=move || err("reporter").get().is_some()>
                <label for="reporter">{move || x().field_reporter}</label>
                <select id="reporter" name="input[reporter]" data-test-id="field-reporter">
                    <option value="">"—"</option>
                    {reporter_choices.into_iter().map(|m| {
                        let selected = m.code == cur.reporter;
                        let code = m.code.clone();
                        view! { <option value=code selected=selected>{move || m.name(lang.get()).to_string()}</option> }
                    }).collect_view()}
                </select>
                {move || err("reporter").get().map(|e| view! { <p class="field-error" data-test-id="error-reporter">{e}</p> })}
            </div>
            <Checks group="countries" legend=|l| texts(l).countries choices=options.countries.clone() on=cur.countries.clone() error=err("countries") />
            <Checks group="themes" legend=|l| texts(l).themes choices=options.themes.clone() on=cur.themes.clone() error=err("themes") />
            <Choice name="input[occasion]" id="occasion" label=|l| texts(l).field_occasion choices=coded!(Occasion) chosen=cur.occasion.clone() error=err("occasion") />
            <Field name="input[announced_on]" form="c" value=value(&cur.announced_on) label=Signal::derive(move || x().field_announced_on) error=err("announced_on") />
            <Field name="input[deadline]" form="c" value=value(&cur.deadline) label=Signal::derive(move || x().field_deadline) error=err("deadline") />
            <fieldset class="field field--wide">
                <legend>{move || x().target_legend}</legend>
                <div class="form-row">
                    <Field name="input[target]" form="c" kind="number" value=value(&cur.target) label=Signal::derive(move || x().field_target) error=err("target") />
                    <Choice name="input[target_unit]" id="target_unit" label=|l| texts(l).field_unit choices=units chosen=cur.target_unit.clone() empty=true error=err("target_unit") />
                </div>
                <Field name="input[target_what_es]" form="c" value=value(&cur.target_what_es) label=Signal::derive(move || x().field_what_es) error=err("target_what_es") />
                <Field name="input[target_what_en]" form="c" value=value(&cur.target_what_en) label=Signal::derive(move || x().field_what_en) error=err("target_what_en") />
                <Field name="input[target_population]" form="c" value=value(&cur.target_population) label=Signal::derive(move || x().field_population) error=err("target_population") />
            </fieldset>
            <Field name="input[source_url]" form="c" kind="url" value=value(&cur.source_url) label=Signal::derive(move || x().field_source) error=err("source_url") />
            <div class="form-actions">
                <button type="submit" class="button" data-test-id="commitment-save">{move || x().save}</button>
            </div>
            {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="commitment-form-error">{e}</p> })}
        </ActionForm>
    }
}
