//! `/{lang}/contributions/import/{id}`: an uploaded file being checked, its preview or its
//! problems, and the confirmation that records every row at once.

use crate::components::data_table::{col, num, DataTable};
use crate::components::error_panel::or_error_panel;
use crate::components::PageTitle;
use crate::error::AppError;
use crate::i18n::{localized, use_lang, Counted, Lang};
use crate::model::{format_usd, ContributionKind, ImportPhase, ImportStatus, Stage};
use crate::pages::contributions::text::texts;
use crate::rpc::imports::{get_import_status, CommitImport, DiscardImport};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ImportJobPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
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
        let x = x();
        match status.get() {
            Some(Ok(s)) => match s.phase {
                ImportPhase::Checking => x.import_checking,
                ImportPhase::Committing => x.import_committing,
                ImportPhase::Ready => x.import_ready,
                ImportPhase::Rejected => x.import_rejected,
                ImportPhase::Committed => x.import_committed,
                ImportPhase::Failed => x.import_failed,
                ImportPhase::Discarded => x.import_discarded,
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
        <PageTitle text=|l| texts(l).import_title />
        <section class="page">
            <h1>{move || x().import_title}</h1>
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
    let x = texts(l);
    let again = view! {
        <p>
            <a href=localized(l, "/contributions/import") data-test-id="import-again">{x.import_again}</a>
        </p>
    };
    let header = view! {
        <p class="import-file" data-test-id="import-filename">
            <strong>{status.filename.clone()}</strong>
        </p>
    };
    let body = match status.phase {
        ImportPhase::Checking => {
            view! { <Progress status=status.clone() label=x.import_checking /> }.into_any()
        }
        ImportPhase::Committing => {
            view! { <Progress status=status.clone() label=x.import_committing /> }.into_any()
        }
        ImportPhase::Ready => view! { <Ready status=status.clone() commit discard /> }.into_any(),
        ImportPhase::Rejected => view! { <Rejected status=status.clone() />{again} }.into_any(),
        ImportPhase::Committed => {
            let n = status.recorded.len();
            let first = status.recorded.first().copied();
            view! {
                <p class="notice notice--ok" data-test-id="import-committed">
                    {format!("{}: {n}.", x.import_committed)}
                </p>
                <p>
                    <a href=localized(l, "/contributions") data-test-id="import-see-list">{x.import_see_list}</a>
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
            <p class="notice notice--error" data-test-id="import-failed">{x.import_failed}</p>
            {again}
        }
        .into_any(),
        ImportPhase::Discarded => view! {
            <p class="notice" data-test-id="import-discarded">{x.import_discarded}</p>
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
    let l = use_lang().get_untracked();
    let x = texts(l);
    let commit_id = status.id.clone();
    let discard_id = status.id.clone();
    view! {
        <p class="notice notice--ok" data-test-id="import-ready">{x.import_ready}</p>
        <dl class="facts">
            <dt>{x.import_rows_valid}</dt>
            <dd data-test-id="import-valid-rows">{status.valid_rows}</dd>
            <dt>{x.import_total_usd}</dt>
            <dd data-test-id="import-total">{format_usd(status.total_usd_cents, l)}</dd>
        </dl>
        <h2>{x.import_preview}</h2>
        <PreviewTable status=status.clone() />
        <div class="form-actions">
            <ActionForm action=commit attr:class="inline">
                <input type="hidden" name="id" value=commit_id.clone() />
                <button type="submit" class="button" disabled=move || commit.pending().get() || discard.pending().get() data-test-id="import-commit">{x.import_commit}</button>
            </ActionForm>
            <ActionForm action=discard attr:class="inline">
                <input type="hidden" name="id" value=discard_id.clone() />
                <button type="submit" class="button button--quiet" disabled=move || commit.pending().get() || discard.pending().get() data-test-id="import-discard">{x.import_discard}</button>
            </ActionForm>
        </div>
    }
}

#[component]
fn PreviewTable(status: ImportStatus) -> impl IntoView {
    let l = use_lang().get_untracked();
    let x = texts(l);
    view! {
        <DataTable
            columns=vec![
                col(|l| texts(l).import_line),
                col(|l| texts(l).col_donor),
                col(|l| texts(l).col_recipient),
                col(|l| texts(l).col_kind),
                col(|l| l.t().field_title_es),
                col(|l| texts(l).col_stage),
                col(|l| texts(l).col_date),
                num(|l| texts(l).field_amount),
                num(|_| "USD"),
            ]
            test_id="import-preview"
        >
                    {status
                        .preview
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <td>{r.line}</td>
                                    <td>{r.donor}</td>
                                    <td>{if r.recipient == "regional" { x.regional.to_string() } else { r.recipient }}</td>
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
        </DataTable>
    }
}

#[component]
fn Rejected(status: ImportStatus) -> impl IntoView {
    let l = use_lang().get_untracked();
    let x = texts(l);
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
            <p>{x.import_rejected}</p>
            {summary.map(|s| view! { <p data-test-id="import-problem-count">{s}</p> })}
        </div>
        {(!status.file_problems.is_empty())
            .then(|| {
                view! {
                    <h2>{x.import_file_problems}</h2>
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
                    <DataTable
                        columns=vec![
                            col(|l| texts(l).import_line),
                            col(|l| texts(l).import_col_name),
                            col(|l| texts(l).import_problem),
                        ]
                        test_id="import-problems"
                    >
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
                    </DataTable>
                    {more.map(|m| view! { <p class="field__hint">{m}</p> })}
                }
            })}
    }
}
