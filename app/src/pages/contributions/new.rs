//! `/{lang}/contributions/new`: a member records one of its organisation's contributions (the
//! secretariat, anyone's), with its first step. Every field error comes back translated and
//! nothing is saved until everything is right.

use crate::components::auth::{field_error, form_error};
use crate::components::PageTitle;
use crate::components::{
    error_panel::or_error_panel, field::coded_choices, field::Field, field::Select,
};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::{ContributionFormChoices, Stage};
use crate::pages::contributions::fields::DescriptiveFields;
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
    let failure = Signal::derive(move || match result.get() {
        Some(Err(e)) => Some(e),
        _ => None,
    });
    // The form's fields are the import file's columns (one rule for both ways in).
    let fields = crate::model::IMPORT_COLUMNS;
    let general = move || form_error(&result.get(), fields, lang.get());
    let stages = coded_choices(
        &[Stage::Pledge, Stage::Commitment, Stage::Disbursement],
        Stage::code,
        Stage::name,
    );
    let currencies: Vec<(String, String, String)> = options
        .currencies
        .iter()
        .map(|c| (c.clone(), c.clone(), c.clone()))
        .collect();
    view! {
        <ActionForm action=create attr:class="form-grid contribution-form" attr:data-test-id="contribution-form">
            <input type="hidden" name="lang" value=move || lang.get().code() />
            <DescriptiveFields options failure />
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
