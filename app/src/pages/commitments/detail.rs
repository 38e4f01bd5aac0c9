//! `/{lang}/commitments/{id}`: one announced commitment: who makes it and who reports, what it
//! promises (its target, where it counts something), where and when it was announced, its stage,
//! whether progress is reported as it should be, and the dated reports with their evidence.

use super::text::{target_label, texts, unit_name};
use super::workflow::{ReportForm, Workflow};
use super::{names_of, reporting_badge};
use crate::components::data_table::{col, num, DataTable};
use crate::components::{error_panel::or_error_panel, example_badge::ExampleBadge, DataTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang, Lang};
use crate::model::{CommitmentReview, CommitmentView};
use crate::rpc::commitments::{fetch_commitment, MoveCommitment, ReportCommitmentProgress};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CommitmentPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i64>().ok()));
    let moved = ServerAction::<MoveCommitment>::new();
    let reported = ServerAction::<ReportCommitmentProgress>::new();
    let data = Resource::new(
        move || (id.get(), moved.version().get(), reported.version().get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => fetch_commitment(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        // A transition: after a move or a report the page keeps showing (and owning the form
        // that made it) until the new state has arrived.
        <Transition fallback=move || view! { <p>{move || t().loading}</p> }>
            {move || Suspend::new(or_error_panel(async move {
                let d = data.await?;
                Ok::<_, AppError>(view! { <CommitmentDetail d moved reported /> })
            }))}
        </Transition>
    }
}

#[component]
fn CommitmentDetail(
    d: CommitmentView,
    moved: ServerAction<MoveCommitment>,
    reported: ServerAction<ReportCommitmentProgress>,
) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let c = d.commitment.clone();
    let title_es = format!("{} · Compromiso", c.title(Lang::Es));
    let title_en = format!("{} · Commitment", c.title(Lang::En));
    let (des, den) = (c.description_es.clone(), c.description_en.clone());
    let (title, makers) = (c.clone(), c.clone());
    let reporter = c.reporter.clone();
    let (kind, stage, occasion, reporting) = (c.kind, c.stage, c.occasion, c.reporting);
    let countries = {
        let (list, codes) = (d.countries.clone(), c.countries.clone());
        move || names_of(&list, &codes, lang.get())
    };
    let themes = {
        let (list, codes) = (d.themes.clone(), c.themes.clone());
        move || names_of(&list, &codes, lang.get())
    };
    let with_figures = {
        let (list, codes) = (d.countries.clone(), c.countries_with_figures.clone());
        move || names_of(&list, &codes, lang.get())
    };
    let counted = c.target.is_some() || !c.countries_with_figures.is_empty();
    let target = c.target.clone();
    let deadline = c.deadline.clone();
    let announced = c.announced_on.clone();
    let source = c.source_url.clone();
    let country_names = d.countries.clone();
    let review = c.review;
    let workflow = d.can_edit || !d.moves.is_empty() || !d.history.is_empty();
    let wf = d.clone();
    let report = d.can_report.then(|| (c.id, d.countries.clone(), c.stage));
    view! {
        <DataTitle es=title_es en=title_en />
        <section class="page" data-test-id="commitment-page">
            <nav class="breadcrumbs" aria-label=move || x().title>
                <a href=move || localized(lang.get(), "/commitments")>{move || x().title}</a>
            </nav>
            <h1>
                {move || title.title(lang.get()).to_string()}
                {c.is_example.then(|| view! { " " <ExampleBadge /> })}
            </h1>
            {(review != CommitmentReview::Announced).then(|| view! {
                <p class="notice" data-test-id="commitment-review">
                    <strong>{move || x().col_review} ": "</strong>
                    {move || review.name(lang.get())}
                </p>
            })}
            <p>{move || lang.get().pick(&des, &den).to_string()}</p>
            {workflow.then(|| view! { <Workflow d=wf moved /> })}
            <h2 id="commitment-details">{move || x().details_title}</h2>
            <dl class="facts" aria-labelledby="commitment-details">
                <dt>{move || x().col_makers}</dt>
                <dd data-test-id="commitment-makers">{move || makers.makers_label(lang.get())}</dd>
                {reporter.map(|r| view! {
                    <dt>{move || x().reporter}</dt>
                    <dd>{move || r.name(lang.get()).to_string()}</dd>
                })}
                <dt>{move || x().col_kind}</dt>
                <dd>{move || kind.name(lang.get())}</dd>
                <dt>{move || x().countries}</dt>
                <dd>{countries}</dd>
                <dt>{move || x().themes}</dt>
                <dd>{themes}</dd>
                <dt>{move || x().col_announced}</dt>
                <dd>{move || occasion.name(lang.get())} " " <span class="nowrap">{announced.clone()}</span></dd>
                <dt>{move || x().col_target}</dt>
                <dd data-test-id="commitment-target">{move || target.as_ref().map(|t| target_label(lang.get(), t)).unwrap_or_else(|| "—".into())}</dd>
                <dt>{move || x().deadline}</dt>
                <dd>{move || if deadline.is_empty() { x().no_deadline.to_string() } else { deadline.clone() }}</dd>
                <dt>{move || x().col_stage}</dt>
                <dd data-test-id="commitment-stage">{move || stage.name(lang.get())}</dd>
                <dt>{move || x().col_reporting}</dt>
                <dd data-test-id="commitment-reporting">{reporting_badge(reporting)}</dd>
                {counted.then(|| view! {
                    <dt>{move || x().figures_in}</dt>
                    <dd data-test-id="commitment-figures-in">{with_figures}</dd>
                })}
                {(!source.is_empty()).then(|| view! {
                    <dt>{move || x().source}</dt>
                    <dd class="break"><a href=source.clone() rel="noopener">{source.clone()}</a></dd>
                })}
            </dl>
            <h2 id="progress-title">{move || x().progress_title}</h2>
            {if d.updates.is_empty() {
                view! { <p class="empty" data-test-id="progress-none">{move || x().progress_none}</p> }.into_any()
            } else {
                view! {
                    <DataTable labelled_by="progress-title" test_id="commitment-progress" columns=vec![col(|l| texts(l).col_date), col(|l| texts(l).col_country), num(|l| texts(l).col_figure), col(|l| texts(l).col_report), col(|l| texts(l).col_evidence)]>
                        {d.updates.into_iter().map(|u| {
                            let country = {
                                let (list, code) = (country_names.clone(), vec![u.country.clone()]);
                                move || if code[0].is_empty() { "—".to_string() } else { names_of(&list, &code, lang.get()) }
                            };
                            let figure = {
                                let (value, unit) = (u.value, u.unit.clone());
                                move || value.map(|v| format!("{} {}", lang.get().format_int(v), unit_name(lang.get(), &unit))).unwrap_or_else(|| "—".into())
                            };
                            let (tes, ten) = (u.text_es.clone(), u.text_en.clone());
                            let evidence = u.evidence_url.clone();
                            view! {
                                <tr>
                                    <td class="nowrap">{u.reported_on.clone()}</td>
                                    <td>{country}</td>
                                    <td class="num">{figure}</td>
                                    <td>{move || lang.get().pick(&tes, &ten).to_string()}</td>
                                    <td>{(!evidence.is_empty()).then(|| view! { <a href=evidence.clone() rel="noopener">{move || texts(lang.get()).source}</a> })}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </DataTable>
                }.into_any()
            }}
            {report.map(|(id, countries, stage)| view! { <ReportForm id countries stage reported /> })}
        </section>
    }
}
