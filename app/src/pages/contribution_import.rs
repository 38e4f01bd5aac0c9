//! `/{lang}/contributions/import`: upload a CSV or spreadsheet of contributions; and
//! `/{lang}/contributions/import/{id}`: its progress, then the preview or every problem found,
//! then confirmation. The upload is a plain multipart form, so all of it works without
//! JavaScript (the progress page then refreshes itself while work is going on).

use crate::api::imports::{get_import_status, CommitImport, DiscardImport};
use crate::auth_context::use_auth;
use crate::components::error_panel::or_error_panel;
use crate::components::PageTitle;
use crate::error::AppError;
use crate::i18n::{localized, use_lang, Counted, Lang};
use crate::model::{
    format_usd, ContributionKind, ImportPhase, ImportStatus, Role, Stage, IMPORT_COLUMNS,
    REQUIRED_COLUMNS,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

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

/// Members and the secretariat may import; others see why not.
async fn may_import() -> Result<(), AppError> {
    let user = use_auth().user.await?.ok_or(AppError::Unauthorized)?;
    match user.role {
        Role::Member { .. } | Role::Secretariat => Ok(()),
        Role::FocalPoint { .. } => Err(AppError::Forbidden),
    }
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

#[component]
pub fn ImportJobPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let tick = RwSignal::new(0u32);
    let status = Resource::new(move || (id(), tick.get()), |(id, _)| get_import_status(id));
    // While work is going on, ask again shortly.
    Effect::new(move |_| {
        if let Some(Ok(s)) = status.get() {
            if s.phase.in_progress() {
                set_timeout(
                    move || tick.update(|n| *n += 1),
                    std::time::Duration::from_millis(400),
                );
            }
        }
    });
    let commit = ServerAction::<CommitImport>::new();
    let discard = ServerAction::<DiscardImport>::new();
    Effect::new(move |_| {
        if commit.version().get() > 0 || discard.version().get() > 0 {
            tick.update(|n| *n += 1);
        }
    });
    // One live region that stays in place while the content below is redrawn on each poll, so
    // that screen readers hear each change of phase once.
    let announcement = move || {
        let t = t();
        match status.get() {
            Some(Ok(s)) => match s.phase {
                ImportPhase::Checking => t.import_checking,
                ImportPhase::Committing => t.import_committing,
                ImportPhase::Ready => t.import_ready,
                ImportPhase::Rejected => t.import_rejected,
                ImportPhase::Committed => t.import_committed,
                ImportPhase::Failed => t.import_failed,
                ImportPhase::Discarded => t.import_discarded,
            },
            _ => "",
        }
    };
    let action_error = move || {
        let l = lang.get();
        let err = match (commit.value().get(), discard.value().get()) {
            (Some(Err(e)), _) => Some(e),
            (_, Some(Err(e))) => Some(e),
            _ => None,
        };
        err.map(|e| e.message(l))
    };
    view! {
        <PageTitle text=|t| t.import_title />
        <section class="page">
            <h1>{move || t().import_title}</h1>
            <p class="visually-hidden" role="status" aria-live="polite" data-test-id="import-announcement">
                {announcement}
            </p>
            {move || action_error().map(|m| view! { <p class="form-error" role="alert" data-test-id="import-action-error">{m}</p> })}
            <Transition fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let s = status.await?;
                    Ok::<_, AppError>(view! { <JobView status=s commit discard /> })
                }))}
            </Transition>
        </section>
    }
}

#[component]
fn Progress(status: ImportStatus, label: &'static str) -> impl IntoView {
    let text = format!("{} {} / {}", label, status.done, status.total);
    view! {
        // Without JavaScript the page refreshes itself until the work is done.
        <noscript>
            <meta http-equiv="refresh" content="2" />
        </noscript>
        <div class="import-progress" data-test-id="import-progress">
            <p>{text}</p>
            <progress max=status.total.max(1) value=status.done aria-label=label>
                {format!("{} %", status.percent())}
            </progress>
        </div>
    }
}

fn stage_name(code: &str, lang: Lang) -> String {
    Stage::from_code(code)
        .map(|s| s.name(lang).to_string())
        .unwrap_or_else(|| code.to_string())
}

fn kind_name(code: &str, lang: Lang) -> String {
    ContributionKind::from_code(code)
        .map(|k| k.name(lang).to_string())
        .unwrap_or_else(|| code.to_string())
}

#[component]
fn JobView(
    status: ImportStatus,
    commit: ServerAction<CommitImport>,
    discard: ServerAction<DiscardImport>,
) -> impl IntoView {
    let lang = use_lang();
    let l = lang.get_untracked();
    let t = l.t();
    let again = view! {
        <p>
            <a href=localized(l, "/contributions/import") data-test-id="import-again">{t.import_again}</a>
        </p>
    };
    let header = view! {
        <p class="import-file" data-test-id="import-filename">
            <strong>{status.filename.clone()}</strong>
        </p>
    };
    let body = match status.phase {
        ImportPhase::Checking => {
            view! { <Progress status=status.clone() label=t.import_checking /> }.into_any()
        }
        ImportPhase::Committing => {
            view! { <Progress status=status.clone() label=t.import_committing /> }.into_any()
        }
        ImportPhase::Ready => view! { <Ready status=status.clone() commit discard /> }.into_any(),
        ImportPhase::Rejected => view! { <Rejected status=status.clone() />{again} }.into_any(),
        ImportPhase::Committed => {
            let n = status.recorded.len();
            let first = status.recorded.first().copied();
            view! {
                <p class="notice notice--ok" data-test-id="import-committed">
                    {format!("{}: {n}.", t.import_committed)}
                </p>
                <p>
                    <a href=localized(l, "/contributions") data-test-id="import-see-list">{t.import_see_list}</a>
                    {first.map(|id| view! {
                        " · "
                        <a href=localized(l, &format!("/contributions/{id}"))>{format!("#{id}")}</a>
                    })}
                </p>
                {again}
            }
            .into_any()
        }
        ImportPhase::Failed => view! {
            <p class="notice notice--error" data-test-id="import-failed">{t.import_failed}</p>
            {again}
        }
        .into_any(),
        ImportPhase::Discarded => view! {
            <p class="notice" data-test-id="import-discarded">{t.import_discarded}</p>
            {again}
        }
        .into_any(),
    };
    view! { {header} {body} }
}

#[component]
fn Ready(
    status: ImportStatus,
    commit: ServerAction<CommitImport>,
    discard: ServerAction<DiscardImport>,
) -> impl IntoView {
    let lang = use_lang();
    let l = lang.get_untracked();
    let t = l.t();
    let commit_id = status.id.clone();
    let discard_id = status.id.clone();
    view! {
        <p class="notice notice--ok" data-test-id="import-ready">{t.import_ready}</p>
        <dl class="facts">
            <dt>{t.import_rows_valid}</dt>
            <dd data-test-id="import-valid-rows">{status.valid_rows}</dd>
            <dt>{t.import_total_usd}</dt>
            <dd data-test-id="import-total">{format_usd(status.total_usd_cents, l)}</dd>
        </dl>
        <h2>{t.import_preview}</h2>
        <PreviewTable status=status.clone() />
        <div class="form-actions">
            <ActionForm action=commit attr:class="inline">
                <input type="hidden" name="id" value=commit_id.clone() />
                <button type="submit" class="button" disabled=move || commit.pending().get() || discard.pending().get() data-test-id="import-commit">{t.import_commit}</button>
            </ActionForm>
            <ActionForm action=discard attr:class="inline">
                <input type="hidden" name="id" value=discard_id.clone() />
                <button type="submit" class="button button--quiet" disabled=move || commit.pending().get() || discard.pending().get() data-test-id="import-discard">{t.import_discard}</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn PreviewTable(status: ImportStatus) -> impl IntoView {
    let l = use_lang().get_untracked();
    let t = l.t();
    view! {
        <div class="table-wrap">
            <table class="data-table" data-test-id="import-preview">
                <thead>
                    <tr>
                        <th scope="col">{t.import_line}</th>
                        <th scope="col">{t.col_donor}</th>
                        <th scope="col">{t.col_recipient}</th>
                        <th scope="col">{t.col_kind}</th>
                        <th scope="col">{t.field_title_es}</th>
                        <th scope="col">{t.col_stage}</th>
                        <th scope="col">{t.col_date}</th>
                        <th scope="col" class="num">{t.field_amount}</th>
                        <th scope="col" class="num">"USD"</th>
                    </tr>
                </thead>
                <tbody>
                    {status
                        .preview
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <td>{r.line}</td>
                                    <td>{r.donor}</td>
                                    <td>{if r.recipient == "regional" { t.regional.to_string() } else { r.recipient }}</td>
                                    <td>{kind_name(&r.kind, l)}</td>
                                    <td>{r.title}</td>
                                    <td>{stage_name(&r.stage, l)}</td>
                                    <td>{r.date}</td>
                                    <td class="num">{format!("{} {}", r.amount, r.currency)}</td>
                                    <td class="num">{r.usd_cents.map(|c| format_usd(c, l)).unwrap_or_else(|| "—".into())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Rejected(status: ImportStatus) -> impl IntoView {
    let l = use_lang().get_untracked();
    let t = l.t();
    let summary = (status.problem_count > 0).then(|| {
        let (problems, rows) = match l {
            Lang::Es => (
                Counted::new("{n} problema", "{n} problemas"),
                Counted::new("en {n} fila.", "en {n} filas."),
            ),
            Lang::En => (
                Counted::new("{n} problem", "{n} problems"),
                Counted::new("in {n} row.", "in {n} rows."),
            ),
        };
        format!(
            "{} {}",
            problems.of(l, i64::from(status.problem_count)),
            rows.of(l, i64::from(status.bad_rows))
        )
    });
    let shown = status.row_problems.len() as u32;
    let more = (status.problem_count > shown).then(|| match l {
        Lang::Es => format!("Se muestran los primeros {shown}."),
        Lang::En => format!("The first {shown} are shown."),
    });
    let has_rows = !status.row_problems.is_empty();
    view! {
        <div class="notice notice--error" data-test-id="import-rejected">
            <p>{t.import_rejected}</p>
            {summary.map(|s| view! { <p data-test-id="import-problem-count">{s}</p> })}
        </div>
        {(!status.file_problems.is_empty())
            .then(|| {
                view! {
                    <h2>{t.import_file_problems}</h2>
                    <ul data-test-id="import-file-problems">
                        {status
                            .file_problems
                            .iter()
                            .map(|p| view! { <li>{p.message(l)}</li> })
                            .collect_view()}
                    </ul>
                }
            })}
        {has_rows
            .then(|| {
                view! {
                    <div class="table-wrap">
                        <table class="data-table" data-test-id="import-problems">
                            <thead>
                                <tr>
                                    <th scope="col">{t.import_line}</th>
                                    <th scope="col">{t.import_col_name}</th>
                                    <th scope="col">{t.import_problem}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {status
                                    .row_problems
                                    .iter()
                                    .map(|p| {
                                        view! {
                                            <tr>
                                                <td>{(p.line > 0).then_some(p.line)}</td>
                                                <td><code>{p.column.clone()}</code></td>
                                                <td>{p.problem.message(l)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {more.map(|m| view! { <p class="field__hint">{m}</p> })}
                }
            })}
    }
}
