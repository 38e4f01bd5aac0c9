//! `/{lang}/contributions/import`: upload a CSV or spreadsheet of contributions (members and the
//! secretariat), with the columns explained.

use crate::components::data_table::{col, DataTable};
use crate::components::error_panel::or_error_panel;
use crate::components::PageTitle;
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::model::{IMPORT_COLUMNS, REQUIRED_COLUMNS};
use crate::pages::contributions::text::texts;
use leptos::prelude::*;

/// What goes in each column of an import file.
pub fn column_help(column: &str, lang: Lang) -> &'static str {
    let x = texts(lang);
    match column {
        "donor" => x.help_donor,
        "recipient" => x.help_recipient,
        "channel" => x.help_channel,
        "kind" => x.help_kind,
        "mechanism" => x.help_mechanism,
        "pillar" => x.help_pillar,
        "sector" => x.help_sector,
        "working_group" => x.help_working_group,
        "event" => x.help_event,
        "title_es" => x.help_title_es,
        "title_en" => x.help_title_en,
        "description_es" => x.help_description_es,
        "description_en" => x.help_description_en,
        "source_url" => x.help_source_url,
        "parent" => x.help_parent,
        "is_example" => x.help_is_example,
        "stage" => x.help_stage,
        "date" => x.help_date,
        "currency" => x.help_currency,
        "amount" => x.help_amount,
        "fx_rate" => x.help_fx_rate,
        "note" => x.help_note,
        _ => "",
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    // Those who may record contributions may import; others see why not. The server decides,
    // and a resource carries its answer into the page, so hydration does not ask again.
    let donors = Resource::new(|| (), |_| crate::rpc::contributions::recordable_donors());
    view! {
        <PageTitle text=|l| texts(l).import_title />
        <section class="page">
            <h1>{move || x().import_title}</h1>
            <p class="lead">{move || x().import_lead}</p>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    donors.await?;
                    Ok::<_, AppError>(view! { <UploadForm /> })
                }))}
            </Suspense>
        </section>
    }
}

#[component]
fn UploadForm() -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let query = leptos_router::hooks::use_query_map();
    // Set by the upload when it could not start (the plain form has no other way back).
    let refused = move || {
        let x = x();
        match query.read().get("error").as_deref() {
            Some("forbidden") => Some(x.import_error_forbidden),
            Some("busy") => Some(x.import_error_busy),
            Some("no_file") => Some(x.import_error_no_file),
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
                <label for="import-file">{move || x().import_file_label}</label>
                <input
                    id="import-file"
                    type="file"
                    name="file"
                    required
                    accept=".csv,.txt,.xlsx,.xlsm,text/csv"
                    aria-describedby="import-file-hint"
                    data-test-id="import-file"
                />
                <p class="field__hint" id="import-file-hint">{move || x().import_file_hint}</p>
            </div>
            <div class="form-actions">
                <button type="submit" class="button" data-test-id="import-submit">{move || x().import_upload}</button>
                <a href="/import/contributions/template.csv" download data-test-id="import-template">
                    {move || x().import_template}
                </a>
            </div>
        </form>
        <h2>{move || x().import_columns}</h2>
        <DataTable columns=vec![col(|l| texts(l).import_col_name), col(|l| texts(l).import_col_required), col(|l| texts(l).import_col_meaning)] test_id="import-columns">
                    {IMPORT_COLUMNS
                        .iter()
                        .map(|c| {
                            let required = REQUIRED_COLUMNS.contains(c);
                            view! {
                                <tr>
                                    <th scope="row"><code>{*c}</code></th>
                                    <td>{move || if required { x().word_yes } else { x().word_no }}</td>
                                    <td>{move || column_help(c, lang.get())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
        </DataTable>
    }
}
