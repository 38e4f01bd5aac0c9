//! `/{lang}/plans/{country}`: a country's National Action Plan: its header and sources, the
//! commitments public sources count per area, and its lines sorted by priority with their
//! requirements and status.

use super::text::texts;
use super::years;
use crate::components::data_table::{col, num, DataTable};
use crate::components::{error_panel::or_error_panel, example_badge::ExampleBadge, DataTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::{format_usd, sum_money, PlanView};
use crate::rpc::plans::fetch_plan;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PlanPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let params = use_params_map();
    let country = Memo::new(move |_| params.read().get("country").unwrap_or_default());
    let data = Resource::new(move || country.get(), fetch_plan);
    view! {
        <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
            {move || Suspend::new(or_error_panel(async move {
                let d = data.await?;
                Ok::<_, AppError>(view! { <Plan d /> })
            }))}
        </Suspense>
    }
}

/// The way back to the plans, then the plan's heading, period, source and summary; on a line's
/// page (`link`), only the way back to the plan.
#[component]
pub(super) fn PlanHeader(d: PlanView, #[prop(optional)] link: bool) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let p = d.plan;
    let code = p.country.code.clone();
    let (tes, ten) = (p.title_es.clone(), p.title_en.clone());
    let (ses, sen) = (p.summary_es.clone(), p.summary_en.clone());
    let period = years(p.period_start, p.period_end);
    let source = p.source_url.clone();
    let back = view! {
        <nav class="breadcrumbs" aria-label=move || x().plans_title>
            <a href=move || localized(lang.get(), "/plans")>{move || x().plans_title}</a>
            {link.then(|| {
                let (tes, ten) = (tes.clone(), ten.clone());
                view! {
                    " › "
                    <a href=move || localized(lang.get(), &format!("/plans/{code}"))>{move || lang.get().pick(&tes, &ten).to_string()}</a>
                }
            })}
        </nav>
    };
    if link {
        return back.into_any();
    }
    view! {
        {back}
        <h1>{move || lang.get().pick(&tes, &ten).to_string()}</h1>
        {p.is_example.then(|| view! { <p class="notice"><ExampleBadge /> " " {move || x().example_plan}</p> })}
        <dl class="facts facts--compact">
            {(!period.is_empty()).then(|| view! { <dt>{move || x().col_period}</dt><dd>{period.clone()}</dd> })}
            {(!source.is_empty()).then(|| {
                let href = source.clone();
                view! { <dt>{move || x().col_source}</dt><dd><a href=href.clone() rel="noopener">{href.clone()}</a></dd> }
            })}
        </dl>
        {move || {
            let s = lang.get().pick(&ses, &sen).to_string();
            (!s.is_empty()).then(|| view! { <p>{s}</p> })
        }}
    }
    .into_any()
}

/// What the parts of a coverage bar mean.
#[component]
pub(crate) fn CoverageLegend() -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    view! {
        <ul class="coverage-legend" data-test-id="coverage-legend">
            <li><span class="swatch coverage__funded"></span>{move || x().col_funded}</li>
            <li><span class="swatch coverage__pledged"></span>{move || x().legend_pledged}</li>
            <li><span class="swatch coverage__offered"></span>{move || x().legend_offered}</li>
            <li><span class="swatch"></span>{move || x().legend_missing}</li>
        </ul>
    }
}

/// "—" for nothing, else the amount.
fn dash_or_usd(cents: i64, lang: crate::i18n::Lang) -> String {
    if cents > 0 {
        format_usd(cents, lang)
    } else {
        "—".into()
    }
}

/// A line's coverage as a bar in parts: funded, pledged but not yet funded, offered in a match
/// still in discussion, and missing; the percentage funded beside it.
#[component]
pub(crate) fn CoverageBar(
    required: i64,
    funded: i64,
    pledged: i64,
    #[prop(optional)] offered: i64,
    coverage: Option<i64>,
) -> impl IntoView {
    let lang = use_lang();
    let pct = |part: i64| {
        if required > 0 {
            (part.clamp(0, required) as f64 * 100.0 / required as f64).round()
        } else {
            0.0
        }
    };
    let funded_pct = pct(funded);
    let pledged_pct = (pct(pledged.max(funded)) - funded_pct).max(0.0);
    let offered_pct = (pct(pledged.max(funded) + offered) - funded_pct - pledged_pct).max(0.0);
    view! {
        <span class="coverage">
            <span class="coverage__bar" aria-hidden="true">
                <span class="coverage__funded" style=format!("width: {funded_pct}%")></span>
                <span class="coverage__pledged" style=format!("width: {pledged_pct}%")></span>
                <span class="coverage__offered" style=format!("width: {offered_pct}%")></span>
            </span>
            <span class="coverage__label">
                {move || coverage.map(|bp| crate::model::format_bp(bp, lang.get())).unwrap_or_else(|| "—".into())}
            </span>
        </span>
    }
}

#[component]
fn Plan(d: PlanView) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let name = d.plan.country.clone();
    let code = name.code.clone();
    let declared = d.plan.declared.clone();
    // One source for every area (the usual case) is named once, under the list.
    let shared_source = declared
        .first()
        .map(|a| a.source_url.clone())
        .filter(|s| !s.is_empty() && declared.iter().all(|a| &a.source_url == s));
    let one_source = shared_source.is_some();
    let can_edit = d.can_edit;
    // What is missing first: the public reads the plan as a list of needs.
    let mut lines = d.lines.clone();
    crate::model::PlanLine::sort_by_missing(&mut lines);
    let total = sum_money(lines.iter().map(|l| l.required_usd()));
    let total_funded = sum_money(lines.iter().map(|l| l.funding.funded_usd));
    let in_discussion: i64 = lines.iter().map(|l| l.funding.offers_in_discussion).sum();
    let unlinked = d.unlinked_funded_usd;
    let export_code = name.code.clone();
    let json_code = name.code.clone();
    let xlsx_code = name.code.clone();
    view! {
        <DataTitle es=format!("{} · Plan de acción nacional", name.name_es) en=format!("{} · National Action Plan", name.name_en) />
        <section class="page" data-test-id="plan-page">
            <PlanHeader d=d.clone() />
            <h2 id="declared-title">{move || x().declared_title}</h2>
            {if declared.is_empty() {
                view! { <p class="empty">{move || x().declared_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain" data-test-id="plan-declared">
                        {declared.into_iter().map(|a| {
                            let sector = a.sector.clone();
                            let n = a.commitments;
                            let href = a.source_url.clone();
                            view! {
                                <li>
                                    <strong>{move || sector.name(lang.get()).to_string()}</strong>
                                    ": "
                                    {move || x().declared_count.of(lang.get(), n as i64)}
                                    {(!one_source && !href.is_empty()).then(|| view! { " (" <a href=href.clone() rel="noopener">{move || x().col_source}</a> ")" })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    {shared_source.map(|href| view! {
                        <p class="small">{move || x().col_source} ": " <a href=href.clone() rel="noopener">{href.clone()}</a></p>
                    })}
                }.into_any()
            }}
            <h2 id="lines-title">{move || x().lines_title}</h2>
            {can_edit.then(|| {
                let code = code.clone();
                view! {
                    <p class="actions">
                        <a class="button" href=move || localized(lang.get(), &format!("/plans/{code}/new")) data-test-id="line-new-link">{move || x().line_new}</a>
                    </p>
                }
            })}
            {if lines.is_empty() {
                view! { <p class="empty">{move || x().lines_none}</p> }.into_any()
            } else {
                view! {
                    <CoverageLegend />
                    <DataTable labelled_by="lines-title" test_id="plan-lines" columns=vec![col(|l| texts(l).col_code), col(|l| texts(l).col_line), col(|l| l.t().col_status), num(|l| texts(l).col_required), num(|l| texts(l).col_funded), num(|l| texts(l).col_missing), num(|l| texts(l).col_in_discussion), col(|l| texts(l).col_coverage)]>
                        {lines.into_iter().map(|l| {
                            let id = l.id;
                            let href_code = code.clone();
                            let (tes, ten) = (l.title_es.clone(), l.title_en.clone());
                            let status = l.status;
                            let required = l.required_usd();
                            let funded = l.funding.funded_usd;
                            let pledged = l.funding.pledged_usd;
                            let offered = l.funding.offered_usd;
                            let discussing = l.funding.offers_in_discussion;
                            let coverage = l.funding.coverage_bp(required);
                            view! {
                                <tr data-test-id=format!("plan-line-{}", l.code)>
                                    <td class="nowrap">{l.code.clone()}</td>
                                    <td>
                                        <a href=move || localized(lang.get(), &format!("/plans/{href_code}/lines/{id}"))>{move || lang.get().pick(&tes, &ten).to_string()}</a>
                                        {l.is_example.then(|| view! { " " <ExampleBadge /> })}
                                    </td>
                                    <td>{move || status.name(lang.get())}</td>
                                    <td class="num">{move || dash_or_usd(required, lang.get())}</td>
                                    <td class="num">{move || dash_or_usd(funded, lang.get())}</td>
                                    <td class="num">{move || dash_or_usd((required - funded).max(0), lang.get())}</td>
                                    <td class="num">{discussing}</td>
                                    <td><CoverageBar required funded pledged offered coverage /></td>
                                </tr>
                            }
                        }).collect_view()}
                        <tr class="total">
                            <th scope="row" colspan="3">{move || x().requirements_total}</th>
                            <td class="num" data-test-id="plan-total">{move || format_usd(total, lang.get())}</td>
                            <td class="num">{move || format_usd(total_funded, lang.get())}</td>
                            <td class="num">{move || format_usd((total - total_funded).max(0), lang.get())}</td>
                            <td class="num">{in_discussion}</td>
                            <td></td>
                        </tr>
                    </DataTable>
                }.into_any()
            }}
            <p data-test-id="plan-unlinked">
                {move || x().unlinked_note}
                " "
                <strong>{move || format_usd(unlinked, lang.get())}</strong>
            </p>
            <p class="actions">
                <a href=move || localized(lang.get(), &format!("/inventory/{}", name.code))>{move || x().see_inventory}</a>
                " · "
                <a href=move || format!("/api/v1/plans.csv?country={}&lang={}", export_code, lang.get().code()) data-test-id="plan-csv">{move || x().download_csv}</a>
                " · "
                <a href=move || format!("/api/v1/plans.xlsx?country={}&lang={}", xlsx_code, lang.get().code()) data-test-id="plan-xlsx">{move || x().download_xlsx}</a>
                " · "
                <a href=format!("/api/v1/plans?country={}", json_code)>{move || x().download_json}</a>
            </p>
        </section>
    }
}
