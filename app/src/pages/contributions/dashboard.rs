//! `/{lang}/dashboard`: the public funding dashboard: headline figures, eight charts each with its
//! data table, stale pledges and exports of exactly the filtered view. Filters live in the URL, so
//! any view can be bookmarked; with JavaScript they apply on change, without it through the form's
//! button.

use super::charts;
use super::filters::{filter_from_query, filtered};
use crate::components::data_table::{col, num, DataTable};
use crate::components::example_badge::ExampleBadge;
use crate::components::PageTitle;
use crate::i18n::{localized, use_lang, Lang};
use crate::model::Filter;
use crate::model::{
    format_bp, format_usd, AggregateRow, ContributionFilter, CountryCoverage, DashboardData, Flow,
};
use crate::pages::contributions::text::texts;
use crate::rpc::contributions::fetch_dashboard;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let query = use_query_map();
    let filter = Memo::new(move |_| filter_from_query(&query.read()));
    let data = Resource::new(move || filter.get(), fetch_dashboard);
    view! {
        <PageTitle text=|l| l.t().nav_dashboard />
        <section class="hero">
            <h1>{move || x().dash_title}</h1>
            <p class="lead">{move || x().dash_lead}</p>
        </section>
        {filtered("/dashboard", filter, data, |data, filter| view! { <DashboardBody data filter /> })}
    }
}

/// A translated text, as a chart's title.
type Title = fn(Lang) -> &'static str;

#[component]
fn DashboardBody(data: DashboardData, filter: ContributionFilter) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let hydrated = RwSignal::new(false);
    {
        let data = data.clone();
        Effect::new(move |_| {
            let l = lang.get();
            hydrated.set(true);
            let d = data.clone();
            leptos::task::spawn_local(async move {
                let _ = charts::draw_dashboard(&d, l).await;
            });
        });
    }
    let totals = data.totals.clone();
    let q = filter.to_query();
    let export = move |ext: &str| super::filters::export_href(&q, ext, lang.get());
    let examples = totals.example_count;
    let empty = totals.count == 0;
    let figure = |id: &'static str, label: fn(Lang) -> &'static str, value: String| {
        view! {
            <li class="figure" data-test-id=format!("total-{id}")>
                <span class="figure__value">{value}</span>
                <span class="figure__label">{move || label(lang.get())}</span>
            </li>
        }
    };
    let l = lang.get_untracked();
    let DashboardData {
        by_donor,
        by_country,
        by_pillar,
        by_mechanism,
        by_status,
        by_year,
        flows,
        coverage,
        stale,
        stale_months,
        ..
    } = data.clone();
    let coverage2 = coverage.clone();
    let aggregates: [(&'static str, Title, _); 6] = [
        ("chart-donor", |l| texts(l).chart_by_donor, by_donor),
        ("chart-country", |l| texts(l).chart_by_country, by_country),
        ("chart-pillar", |l| texts(l).chart_by_pillar, by_pillar),
        (
            "chart-mechanism",
            |l| texts(l).chart_by_mechanism,
            by_mechanism,
        ),
        ("chart-funnel", |l| texts(l).chart_funnel, by_status),
        ("chart-year", |l| texts(l).chart_by_year, by_year),
    ];
    view! {
        <section class="section" aria-labelledby="totals-title">
            <h2 id="totals-title" class="visually-hidden">{move || t().home_figures_title}</h2>
            <ul class="figures figures--money" data-test-id="dashboard-totals">
                {figure("pledged", |l| texts(l).measure_pledged, format_usd(totals.pledged_usd, l))}
                {figure("committed", |l| texts(l).measure_committed, format_usd(totals.committed_usd, l))}
                {figure("disbursed", |l| texts(l).measure_disbursed, format_usd(totals.disbursed_usd, l))}
                {figure("implemented", |l| texts(l).measure_implemented, format_usd(totals.implemented_usd, l))}
                {figure("funded", |l| texts(l).measure_funded, format_usd(totals.funded_usd, l))}
                {figure("required", |l| texts(l).measure_required, format_usd(totals.required_usd, l))}
                {figure(
                    "coverage",
                    |l| texts(l).measure_coverage,
                    totals.coverage_bp().map(|bp| format_bp(bp, l)).unwrap_or_else(|| "—".into()),
                )}
                {figure("gap", |l| texts(l).measure_gap, format_usd(totals.gap_usd(), l))}
                {figure("count", |l| texts(l).measure_count, l.format_int(totals.count))}
            </ul>
            {(examples > 0)
                .then(|| {
                    view! {
                        <p class="muted">
                            <ExampleBadge />
                            " "
                            {move || x().dash_examples.of(lang.get(), examples)}
                        </p>
                    }
                })}
            {empty.then(|| view! { <p class="notice" data-test-id="no-data">{move || x().no_data}</p> })}
            <details class="definitions">
                <summary>{move || x().dash_definitions}</summary>
                <ul>
                    <li>{move || x().dash_def_funded}</li>
                    <li>{move || x().dash_def_coverage}</li>
                    <li>{move || x().dash_def_once}</li>
                    <li>{move || x().dash_def_usd}</li>
                </ul>
            </details>
        </section>
        <div class="charts">
            {aggregates
                .into_iter()
                .map(|(id, title, rows)| {
                    view! {
                        <ChartFigure id title hydrated>
                            <AggregateTable rows />
                        </ChartFigure>
                    }
                })
                .collect_view()}
            <ChartFigure id="chart-coverage" title=|l| texts(l).chart_coverage hydrated>
                <CoverageTable rows=coverage />
            </ChartFigure>
            <ChartFigure id="chart-map" title=|l| texts(l).chart_map hydrated>
                <CoverageTable rows=coverage2 />
            </ChartFigure>
            <ChartFigure id="chart-flow" title=|l| texts(l).chart_flow hydrated wide=true>
                <p class="muted">{move || x().chart_flow_note}</p>
                <FlowTable flows=flows />
            </ChartFigure>
        </div>
        <StalePledges rows=stale months=stale_months />
        <section class="section" aria-labelledby="exports-title">
            <h2 id="exports-title">{move || x().exports_title}</h2>
            <p class="exports" data-test-id="exports">
                <a href=export.clone()("csv") rel="external" download="" data-test-id="export-csv">"CSV (HXL)"</a>
                " · "
                <a href=export.clone()("xlsx") rel="external" download="" data-test-id="export-xlsx">"XLSX"</a>
                " · "
                <a href=export.clone()("json") rel="external" download="" data-test-id="export-json">"JSON"</a>
                " · "
                <a href="/api/openapi.json" rel="external">"API"</a>
            </p>
        </section>
    }
}

#[component]
fn ChartFigure(
    id: &'static str,
    title: fn(Lang) -> &'static str,
    hydrated: RwSignal<bool>,
    #[prop(optional)] wide: bool,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let heading = format!("{id}-title");
    let heading2 = heading.clone();
    let filename = format!("mirps-hub-{id}.png");
    view! {
        <figure class="chart-figure" class:chart-figure--wide=wide aria-labelledby=heading.clone() data-test-id=id>
            <figcaption>
                <h3 id=heading2>{move || title(lang.get())}</h3>
                <Show when=move || hydrated.get()>
                    {
                        let filename = filename.clone();
                        view! {
                            <button
                                type="button"
                                class="button button--small button--quiet"
                                data-test-id=format!("{id}-png")
                                on:click=move |_| {
                                    let _ = charts::download_png(id, &filename);
                                }
                            >
                                {move || x().download_png}
                            </button>
                        }
                    }
                </Show>
            </figcaption>
            <div class="chart" id=id role="img" aria-label=move || title(lang.get())></div>
            // Open without JavaScript (the table is then all there is); folded under the drawn
            // chart once it is there.
            <details class="chart-data" open=move || !hydrated.get()>
                <summary>{move || x().data_table}</summary>
                {children()}
            </details>
        </figure>
    }
}

#[component]
fn AggregateTable(rows: Vec<AggregateRow>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <DataTable columns=vec![col(|l| l.t().col_name), num(|l| texts(l).measure_count), num(|l| texts(l).measure_pledged), num(|l| texts(l).measure_committed), num(|l| texts(l).measure_disbursed), num(|l| texts(l).measure_funded)]>
                    {rows
                        .into_iter()
                        .map(|r| {
                            let AggregateRow { name_es, name_en, count, pledged_usd, committed_usd, disbursed_usd, funded_usd, .. } = r;
                            view! {
                                <tr>
                                    <th scope="row">{move || lang.get().pick(&name_es, &name_en).to_string()}</th>
                                    <td class="num">{move || lang.get().format_int(count)}</td>
                                    <td class="num">{move || format_usd(pledged_usd, lang.get())}</td>
                                    <td class="num">{move || format_usd(committed_usd, lang.get())}</td>
                                    <td class="num">{move || format_usd(disbursed_usd, lang.get())}</td>
                                    <td class="num">{move || format_usd(funded_usd, lang.get())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
        </DataTable>
    }
}

#[component]
fn CoverageTable(rows: Vec<CountryCoverage>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <DataTable columns=vec![col(|l| l.t().col_country), num(|l| texts(l).measure_required), num(|l| texts(l).measure_funded), num(|l| texts(l).measure_coverage), num(|l| texts(l).measure_gap)]>
                    {rows
                        .into_iter()
                        .map(|r| {
                            let t2 = crate::model::Totals { required_usd: r.required_usd, funded_usd: r.funded_usd, ..Default::default() };
                            let (coverage_bp, gap) = (t2.coverage_bp(), t2.gap_usd());
                            let example = r.requirement_is_example;
                            view! {
                                <tr>
                                    <th scope="row">
                                        {move || lang.get().pick(&r.name_es, &r.name_en).to_string()}
                                    </th>
                                    <td class="num">
                                        {move || format_usd(r.required_usd, lang.get())}
                                        {example.then(|| view! { " " <ExampleBadge /> })}
                                        <RequirementSource iso2=r.iso2.clone() from_plan=r.requirement_from_plan direct=r.requirement_direct updated=r.requirement_updated.clone() />
                                    </td>
                                    <td class="num">{move || format_usd(r.funded_usd, lang.get())}</td>
                                    <td class="num">
                                        {move || coverage_bp.map(|bp| format_bp(bp, lang.get())).unwrap_or_else(|| "—".into())}
                                    </td>
                                    <td class="num">{move || format_usd(gap, lang.get())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
        </DataTable>
    }
}

/// Where a country's requirement comes from: its plan's costed lines (a link to the plan), a
/// figure entered directly, or both; with the date a figure last changed.
#[component]
fn RequirementSource(
    iso2: String,
    from_plan: bool,
    direct: bool,
    updated: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    (from_plan || direct).then(|| view! {
        <span class="source-note" data-test-id="requirement-source">
            {from_plan.then(|| view! {
                <a href=move || localized(lang.get(), &format!("/plans/{iso2}"))>{move || x().required_from_plan}</a>
            })}
            {(from_plan && direct).then_some(" + ")}
            {direct.then(|| view! { <span>{move || x().required_direct}</span> })}
            {updated.map(|d| view! { " · " <time datetime=d.clone()>{d.clone()}</time> })}
        </span>
    })
}

#[component]
fn FlowTable(flows: Vec<Flow>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <DataTable columns=vec![col(|l| texts(l).col_source), col(|l| texts(l).col_target), num(|l| texts(l).col_value)] tall=true>
                    {flows
                        .into_iter()
                        .map(|f| {
                            view! {
                                <tr>
                                    <td>{move || lang.get().pick(&f.source_es, &f.source_en).to_string()}</td>
                                    <td>{move || lang.get().pick(&f.target_es, &f.target_en).to_string()}</td>
                                    <td class="num">{move || format_usd(f.usd, lang.get())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
        </DataTable>
    }
}

#[component]
fn StalePledges(rows: Vec<crate::model::ContributionSummary>, months: u32) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    view! {
        <section class="section" aria-labelledby="stale-title" data-test-id="stale-pledges">
            <h2 id="stale-title">{move || x().stale_title}</h2>
            <p>{move || x().stale_lead.replace("{months}", &months.to_string())}</p>
            {if rows.is_empty() {
                view! { <p>{move || x().stale_none}</p> }.into_any()
            } else {
                view! {
                    <DataTable columns=vec![col(|l| texts(l).col_date), col(|l| l.t().col_title), col(|l| texts(l).col_donor), col(|l| texts(l).col_recipient), num(|l| texts(l).measure_pledged)]>
                                {rows
                                    .into_iter()
                                    .map(|c| {
                                        let id = c.id;
                                        let example = c.is_example;
                                        let c2 = c.clone();
                                        let c3 = c.clone();
                                        let c4 = c.clone();
                                        view! {
                                            <tr>
                                                <td>{c.decision_date.clone()}</td>
                                                <td>
                                                    <a href=move || localized(lang.get(), &format!("/contributions/{id}"))>
                                                        {move || c2.title(lang.get()).to_string()}
                                                    </a>
                                                    {example.then(|| view! { " " <ExampleBadge /> })}
                                                </td>
                                                <td>{move || c3.donor(lang.get()).to_string()}</td>
                                                <td>{move || c4.recipient(lang.get()).to_string()}</td>
                                                <td class="num">{move || format_usd(c.pledged_usd, lang.get())}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                    </DataTable>
                }
                    .into_any()
            }}
        </section>
    }
}
