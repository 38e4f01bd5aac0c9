//! `/{lang}/offers/new`: an offer of support as a member writes it for its organisation (the
//! secretariat for any organisation, partners included).

use super::text::texts;
use crate::components::auth::{field_error, form_error};
use crate::components::field::{coded_choices, named_choices, CheckGroup, Field, Select, TextArea};
use crate::components::{error_panel::or_error_panel, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::{OfferForm, OfferKind};
use crate::rpc::offers::{fetch_offer_form, SaveOffer};
use leptos::prelude::*;

#[component]
pub fn OfferNewPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let data = Resource::new(|| (), |_| fetch_offer_form());
    view! {
        <PageTitle text=|l| texts(l).offer_form_title />
        <section class="page">
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let d = data.await?;
                    Ok::<_, AppError>(view! { <OfferFormView d /> })
                }))}
            </Suspense>
        </section>
    }
}

/// Every field of the form, for the problems that belong to none of them.
const FIELDS: &[&str] = &[
    "offeror",
    "kind",
    "title_es",
    "title_en",
    "description_es",
    "description_en",
    "countries",
    "themes",
    "pillars",
    "currency",
    "amount",
    "fx_rate",
    "capacity_es",
    "capacity_en",
    "available_from",
    "available_until",
    "contact_name",
    "contact_email",
];

#[component]
fn OfferFormView(d: OfferForm) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let save = ServerAction::<SaveOffer>::new();
    let result = save.value();
    let err =
        move |f: &'static str| Signal::derive(move || field_error(&result.get(), f, lang.get()));
    let general = move || form_error(&result.get(), FIELDS, lang.get());
    let offerors = named_choices(&d.offerors);
    let first = d
        .offerors
        .first()
        .map(|o| o.code.clone())
        .unwrap_or_default();
    let kinds = coded_choices(OfferKind::ALL, OfferKind::code, OfferKind::name);
    let pillars: Vec<(String, String, String)> = d
        .pillars
        .iter()
        .map(|p| {
            (
                p.code.clone(),
                format!("{}. {}", p.code, p.name_es),
                format!("{}. {}", p.code, p.name_en),
            )
        })
        .collect();
    let currencies: Vec<(String, String, String)> = d
        .currencies
        .iter()
        .map(|c| (c.clone(), c.clone(), c.clone()))
        .collect();
    let regional_error = err("countries");
    view! {
        <p><a href=move || localized(lang.get(), "/offers")>{move || x().offers_title}</a></p>
        <h1>{move || x().offer_form_title}</h1>
        <ActionForm action=save attr:class="form-grid" attr:data-test-id="offer-form">
            <input type="hidden" name="lang" value=move || lang.get().code() />
            <Select name="input[offeror]" field="offeror" id="o-offeror" label=Signal::derive(move || x().field_offeror) choices=offerors selected=first error=err("offeror") />
            <Select name="input[kind]" field="kind" id="o-kind" label=Signal::derive(move || x().col_kind) choices=kinds selected="financial" error=err("kind") />
            <Field name="input[title_es]" form="o" label=Signal::derive(move || t().field_title_es) error=err("title_es") />
            <Field name="input[title_en]" form="o" label=Signal::derive(move || t().field_title_en) error=err("title_en") />
            <TextArea name="input[description_es]" label=Signal::derive(move || t().field_description_es) error=err("description_es") />
            <TextArea name="input[description_en]" label=Signal::derive(move || t().field_description_en) error=err("description_en") />
            <div class="field field--wide">
                <label class="check">
                    <input type="checkbox" name="input[regional]" value="on" data-test-id="field-regional" />
                    {move || x().field_regional}
                </label>
            </div>
            <CheckGroup name="input[countries]" legend=Signal::derive(move || x().field_countries) choices=named_choices(&d.countries) error=regional_error test_id="offer-countries" />
            <CheckGroup name="input[themes]" legend=Signal::derive(move || x().themes) choices=named_choices(&d.themes) error=err("themes") test_id="offer-themes" />
            <CheckGroup name="input[pillars]" legend=Signal::derive(move || x().pillars) choices=pillars error=err("pillars") test_id="offer-pillars" />
            <Select name="input[currency]" field="currency" id="o-currency" label=Signal::derive(move || x().field_currency) choices=currencies selected="USD" error=err("currency") />
            <Field name="input[amount]" form="o" label=Signal::derive(move || x().field_amount) hint=Signal::derive(move || x().amount_hint) error=err("amount") />
            <Field name="input[fx_rate]" form="o" label=Signal::derive(move || x().field_rate) hint=Signal::derive(move || x().rate_hint) error=err("fx_rate") />
            <Field name="input[capacity_es]" form="o" label=Signal::derive(move || x().field_capacity_es) hint=Signal::derive(move || x().capacity_hint) error=err("capacity_es") />
            <Field name="input[capacity_en]" form="o" label=Signal::derive(move || x().field_capacity_en) error=err("capacity_en") />
            <Field name="input[available_from]" form="o" kind="date" label=Signal::derive(move || x().field_from) error=err("available_from") />
            <Field name="input[available_until]" form="o" kind="date" required=true label=Signal::derive(move || x().field_until) error=err("available_until") />
            <Field name="input[contact_name]" form="o" label=Signal::derive(move || x().field_contact_name) hint=Signal::derive(move || x().contact_hint) error=err("contact_name") />
            <Field name="input[contact_email]" form="o" kind="email" label=Signal::derive(move || x().field_contact_email) error=err("contact_email") />
            <div class="form-actions">
                <button type="submit" class="button" data-test-id="offer-save">{move || t().save}</button>
            </div>
            {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="offer-error">{e}</p> })}
        </ActionForm>
    }
}
