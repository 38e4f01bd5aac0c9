//! `/{lang}/contributions/import`: upload a CSV or spreadsheet of contributions (members and the
//! secretariat), with the columns explained.

use crate::components::error_panel::or_error_panel;
use crate::components::PageTitle;
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::model::{IMPORT_COLUMNS, REQUIRED_COLUMNS};
use leptos::prelude::*;

/// What goes in each column of an import file.
pub fn column_help(column: &str, lang: Lang) -> &'static str {
    let (es, en) = match column {
        "donor" => (
            "Código del donante (ESP, EU, USA…).",
            "Donor code (ESP, EU, USA…).",
        ),
        "recipient" => (
            "País receptor: código ISO de 2 o 3 letras (GT o GTM), o «regional».",
            "Recipient country: ISO code of 2 or 3 letters (GT or GTM), or \"regional\".",
        ),
        "channel" => (
            "Organización por la que pasa (UNHCR, OAS…), si la hay.",
            "Organisation it is channelled through (UNHCR, OAS…), if any.",
        ),
        "kind" => (
            "financial, in_kind, technical o political.",
            "financial, in_kind, technical or political.",
        ),
        "pillar" => (
            "Pilar del Plan de Acción Nacional, de 1 a 4.",
            "National Action Plan pillar, 1 to 4.",
        ),
        "sector" => ("Código del sector.", "Sector code."),
        "working_group" => ("Código del grupo de trabajo.", "Working group code."),
        "event" => (
            "Número del evento en que se anunció.",
            "Number of the event where it was announced.",
        ),
        "title_es" => ("Título en español.", "Title in Spanish."),
        "title_en" => ("Título en inglés.", "Title in English."),
        "description_es" => ("Descripción en español.", "Description in Spanish."),
        "description_en" => ("Descripción en inglés.", "Description in English."),
        "source_url" => (
            "Enlace a la fuente (https://…).",
            "Link to the source (https://…).",
        ),
        "parent" => (
            "Número de la contribución a través de la cual se canaliza.",
            "Number of the contribution it is routed through.",
        ),
        "is_example" => (
            "«sí» si es un dato de ejemplo.",
            "\"yes\" if it is example data.",
        ),
        "stage" => (
            "Primer paso: pledge, commitment o disbursement.",
            "First step: pledge, commitment or disbursement.",
        ),
        "date" => (
            "Fecha del paso: AAAA-MM-DD o DD/MM/AAAA.",
            "Date of the step: YYYY-MM-DD or DD/MM/YYYY.",
        ),
        "currency" => (
            "Moneda ISO 4217 (USD, EUR…).",
            "ISO 4217 currency (USD, EUR…).",
        ),
        "amount" => (
            "Monto en la moneda original, con punto decimal; vacío si no es financiera.",
            "Amount in the original currency, with a decimal point; empty if not financial.",
        ),
        "fx_rate" => (
            "Dólares por unidad de la moneda en esa fecha; vacío para USD.",
            "US dollars per unit of the currency on that date; empty for USD.",
        ),
        "note" => ("Nota sobre el paso.", "Note on the step."),
        _ => ("", ""),
    };
    lang.pick(es, en)
}

/// Those who may record contributions may import; others see why not (the server decides).
async fn may_import() -> Result<(), AppError> {
    crate::rpc::contributions::recordable_donors()
        .await
        .map(|_| ())
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    view! {
        <PageTitle text=|t| t.import_title />
        <section class="page">
            <h1>{move || t().import_title}</h1>
            <p class="lead">{move || t().import_lead}</p>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    may_import().await?;
                    Ok::<_, AppError>(view! { <UploadForm /> })
                }))}
            </Suspense>
        </section>
    }
}

#[component]
fn UploadForm() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let query = leptos_router::hooks::use_query_map();
    // Set by the upload when it could not start (the plain form has no other way back).
    let refused = move || {
        let t = t();
        match query.read().get("error").as_deref() {
            Some("forbidden") => Some(t.import_error_forbidden),
            Some("busy") => Some(t.import_error_busy),
            Some("no_file") => Some(t.import_error_no_file),
            _ => None,
        }
    };
    view! {
        {move || refused().map(|m| view! { <p class="form-error" role="alert" data-test-id="import-refused">{m}</p> })}
        <form
            method="post"
            action="/import/contributions"
            enctype="multipart/form-data"
            class="form-grid import-form"
            data-test-id="import-form"
        >
            <input type="hidden" name="lang" value=move || lang.get().code() />
            <div class="field field--wide">
                <label for="import-file">{move || t().import_file_label}</label>
                <input
                    id="import-file"
                    type="file"
                    name="file"
                    required
                    accept=".csv,.txt,.xlsx,.xlsm,text/csv"
                    aria-describedby="import-file-hint"
                    data-test-id="import-file"
                />
                <p class="field__hint" id="import-file-hint">{move || t().import_file_hint}</p>
            </div>
            <div class="form-actions">
                <button type="submit" class="button" data-test-id="import-submit">{move || t().import_upload}</button>
                <a href="/import/contributions/template.csv" download data-test-id="import-template">
                    {move || t().import_template}
                </a>
            </div>
        </form>
        <h2>{move || t().import_columns}</h2>
        <div class="table-wrap">
            <table class="data-table" data-test-id="import-columns">
                <thead>
                    <tr>
                        <th scope="col">{move || t().import_col_name}</th>
                        <th scope="col">{move || t().import_col_required}</th>
                        <th scope="col">{move || t().import_col_meaning}</th>
                    </tr>
                </thead>
                <tbody>
                    {IMPORT_COLUMNS
                        .iter()
                        .map(|c| {
                            let required = REQUIRED_COLUMNS.contains(c);
                            view! {
                                <tr>
                                    <th scope="row"><code>{*c}</code></th>
                                    <td>{move || if required { t().word_yes } else { t().word_no }}</td>
                                    <td>{move || column_help(c, lang.get())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
