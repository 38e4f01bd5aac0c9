//! `/{lang}/countries/{code}`: the one place for a MIRPS country: its National Action Plan and
//! its coverage, the contributions it received, its inventory, good practices, upcoming events
//! and the offers still available to it, each in short with the way to its full list.

pub mod text;

use crate::components::data_table::{col, num, DataTable};
use crate::components::{error_panel::or_error_panel, example_badge::ExampleBadge, DataTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang, Lang};
use crate::model::{format_bp, format_date, format_usd, CountryPage, CountryPlan, Named, Totals};
use crate::pages::offers::amount_label;
use crate::pages::plans::country::{CoverageBar, CoverageLegend};
use crate::rpc::countries::fetch_country_page;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use text::texts;

#[component]
pub fn CountryPageView() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let data = Resource::new(move || code.get(), fetch_country_page);
    view! {
        <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
            {move || Suspend::new(or_error_panel(async move {
                let d = data.await?;
                Ok::<_, AppError>(view! { <Country d /> })
            }))}
        </Suspense>
    }
}

/// A piece of interface text in a language.
type Label = fn(Lang) -> &'static str;

/// A figure of a section: its value over its label.
fn figure(id: &'static str, value: String, label: Label) -> impl IntoView {
    let lang = use_lang();
    view! {
        <li class="figure" data-test-id=format!("country-{id}")>
            <span class="figure__value">{value}</span>
            <span class="figure__label">{move || label(lang.get())}</span>
        </li>
    }
}

/// "See all" under a section.
fn see_all(href: String, label: Label, test_id: &'static str) -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="actions">
            <a href=move || localized(lang.get(), &href) data-test-id=test_id>{move || label(lang.get())} " →"</a>
        </p>
    }
}

/// The name of a code in `list`, or the code itself.
fn name_of(list: &[Named], code: &str, lang: Lang) -> String {
    list.iter()
        .find(|n| n.code == code)
        .map(|n| n.name(lang).to_string())
        .unwrap_or_else(|| code.to_string())
}

#[component]
fn Country(d: CountryPage) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let c = d.profile.country.clone();
    let code = c.iso2.clone();
    let (name_es, name_en) = (c.name_es.clone(), c.name_en.clone());
    let leads = d.profile.leads.clone();
    let sections: [(&'static str, Label); 6] = [
        ("country-plan", |l| texts(l).plan_title),
        ("country-money", |l| texts(l).money_title),
        ("country-inventory", |l| texts(l).inventory_title),
        ("country-practices", |l| texts(l).practices_title),
        ("country-events", |l| texts(l).events_title),
        ("country-offers", |l| texts(l).offers_title),
    ];
    view! {
        <DataTitle es=name_es.clone() en=name_en.clone() />
        <section class="page" data-test-id="country-page" data-country=code.clone()>
            <nav class="breadcrumbs" aria-label=move || x().breadcrumb>
                <a href=move || localized(lang.get(), "/#explore-title")>{move || x().breadcrumb}</a>
            </nav>
            <h1>{move || lang.get().pick(&name_es, &name_en).to_string()}</h1>
            <dl class="facts facts--compact">
                <dt>{move || x().joined}</dt>
                <dd>{c.joined_year}</dd>
                {(!leads.is_empty()).then(|| view! {
                    <dt>{move || x().leads}</dt>
                    <dd>{move || leads.iter().map(|g| lang.get().pick(&g.name_es, &g.name_en).to_string()).collect::<Vec<_>>().join("; ")}</dd>
                })}
            </dl>
            <nav class="on-this-page" aria-labelledby="on-this-page">
                <h2 id="on-this-page" class="visually-hidden">{move || x().on_this_page}</h2>
                <ul>
                    {sections.into_iter().map(|(id, label)| view! {
                        <li><a href=format!("#{id}")>{move || label(lang.get())}</a></li>
                    }).collect_view()}
                </ul>
            </nav>
            <PlanPart code=code.clone() plan=d.plan.clone() />
            <MoneyPart code=code.clone() received=d.received.clone() recent=d.recent.clone() />
            <InventoryPart d=d.clone() />
            <PracticesPart d=d.clone() />
            <EventsPart d=d.clone() />
            <OffersPart d />
        </section>
    }
}

#[component]
fn PlanPart(code: String, plan: Option<CountryPlan>) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let Some(p) = plan else {
        return view! {
            <section class="section" id="country-plan" aria-labelledby="country-plan-title">
                <h2 id="country-plan-title">{move || x().plan_title}</h2>
                <p class="empty">{move || x().plan_none}</p>
            </section>
        }
        .into_any();
    };
    let l = lang.get_untracked();
    let (tes, ten) = (p.summary.title_es.clone(), p.summary.title_en.clone());
    let lines = p.summary.lines;
    let required = p.required_usd;
    let funded = p.funded_usd;
    let coverage = Totals {
        required_usd: required,
        funded_usd: funded,
        ..Default::default()
    }
    .coverage_bp();
    let discussing = p.offers_in_discussion;
    let unlinked = p.unlinked_funded_usd;
    let plan_href = format!("/plans/{code}");
    let line_code = code.clone();
    view! {
        <section class="section" id="country-plan" aria-labelledby="country-plan-title">
            <h2 id="country-plan-title">{move || x().plan_title}</h2>
            <p>
                <a href=move || localized(lang.get(), &format!("/plans/{code}"))>{move || lang.get().pick(&tes, &ten).to_string()}</a>
                {p.summary.is_example.then(|| view! { " " <ExampleBadge /> })}
                " · "
                {move || x().lines_count.of(lang.get(), lines)}
            </p>
            <ul class="figures figures--money" data-test-id="country-plan-figures">
                {figure("required", format_usd(required, l), |l| texts(l).plan_required)}
                {figure("funded", format_usd(funded, l), |l| texts(l).plan_funded)}
                {figure("missing", format_usd((required - funded).max(0), l), |l| texts(l).plan_missing)}
                {figure("coverage", coverage.map(|bp| format_bp(bp, l)).unwrap_or_else(|| "—".into()), |l| texts(l).plan_coverage)}
            </ul>
            <p class="small">
                {move || x().discussing.of(lang.get(), discussing)}
                " · "
                {move || x().plan_unlinked} ": "
                <strong data-test-id="country-unlinked">{move || format_usd(unlinked, lang.get())}</strong>
            </p>
            {if p.top_lines.is_empty() {
                view! { <p class="empty">{move || x().plan_no_lines}</p> }.into_any()
            } else {
                view! {
                    <h3 id="country-lines-title">{move || x().plan_top}</h3>
                    <CoverageLegend />
                    <DataTable labelled_by="country-lines-title" test_id="country-lines" columns=vec![col(|l| texts(l).col_code), col(|l| texts(l).col_line), num(|l| texts(l).col_required), num(|l| texts(l).col_missing), col(|l| texts(l).col_coverage)]>
                        {p.top_lines.into_iter().map(|line| {
                            let id = line.id;
                            let href_code = line_code.clone();
                            let (tes, ten) = (line.title_es.clone(), line.title_en.clone());
                            let required = line.required_usd();
                            let funded = line.funding.funded_usd;
                            let pledged = line.funding.pledged_usd;
                            let offered = line.funding.offered_usd;
                            let coverage = line.funding.coverage_bp(required);
                            view! {
                                <tr data-test-id=format!("country-line-{}", line.code)>
                                    <td class="nowrap">{line.code.clone()}</td>
                                    <td>
                                        <a href=move || localized(lang.get(), &format!("/plans/{href_code}/lines/{id}"))>{move || lang.get().pick(&tes, &ten).to_string()}</a>
                                        {line.is_example.then(|| view! { " " <ExampleBadge /> })}
                                    </td>
                                    <td class="num">{move || format_usd(required, lang.get())}</td>
                                    <td class="num">{move || format_usd((required - funded).max(0), lang.get())}</td>
                                    <td><CoverageBar required funded pledged offered coverage /></td>
                                </tr>
                            }
                        }).collect_view()}
                    </DataTable>
                }.into_any()
            }}
            {see_all(plan_href, |l| texts(l).plan_see, "country-plan-link")}
        </section>
    }
    .into_any()
}

#[component]
fn MoneyPart(
    code: String,
    received: Totals,
    recent: Vec<crate::model::ContributionSummary>,
) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let l = lang.get_untracked();
    let count = received.count;
    let examples = received.example_count;
    view! {
        <section class="section" id="country-money" aria-labelledby="country-money-title">
            <h2 id="country-money-title">{move || x().money_title}</h2>
            {if count == 0 {
                view! { <p class="empty">{move || x().money_none}</p> }.into_any()
            } else {
                view! {
                    <p>
                        {move || x().contributions_count.of(lang.get(), count)}
                        {(examples > 0).then(|| view! { " · " {move || x().examples.of(lang.get(), examples)} " " <ExampleBadge /> })}
                    </p>
                    <ul class="figures figures--money" data-test-id="country-money-figures">
                        {figure("pledged", format_usd(received.pledged_usd, l), |l| texts(l).money_pledged)}
                        {figure("money-funded", format_usd(received.funded_usd, l), |l| texts(l).money_funded)}
                        {figure("disbursed", format_usd(received.disbursed_usd, l), |l| texts(l).money_disbursed)}
                    </ul>
                    <h3 id="country-recent-title">{move || x().money_recent}</h3>
                    <DataTable labelled_by="country-recent-title" test_id="country-recent" columns=vec![col(|l| texts(l).col_contribution), col(|l| texts(l).col_donor), col(|l| texts(l).col_status), num(|l| texts(l).col_amount), col(|l| texts(l).col_date)]>
                        {recent.into_iter().map(|c| {
                            let id = c.id;
                            let (tes, ten) = (c.title_es.clone(), c.title_en.clone());
                            let (des, den) = (c.donor_es.clone(), c.donor_en.clone());
                            let status = c.status;
                            let amount = c.pledged_usd.max(c.committed_usd);
                            let date = c.decision_date.clone();
                            view! {
                                <tr>
                                    <td>
                                        <a href=move || localized(lang.get(), &format!("/contributions/{id}"))>{move || lang.get().pick(&tes, &ten).to_string()}</a>
                                        {c.is_example.then(|| view! { " " <ExampleBadge /> })}
                                    </td>
                                    <td>{move || lang.get().pick(&des, &den).to_string()}</td>
                                    <td>{move || status.name(lang.get())}</td>
                                    <td class="num">{move || if c.has_usd { format_usd(amount, lang.get()) } else { "—".into() }}</td>
                                    <td class="nowrap">{move || date_label(&date, lang.get())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </DataTable>
                }.into_any()
            }}
            <p class="actions">
                {
                    let list = format!("/contributions?country={code}");
                    view! { <a href=move || localized(lang.get(), &list) data-test-id="country-money-link">{move || x().money_see} " →"</a> }
                }
                " · "
                {
                    let dash = format!("/dashboard?country={code}");
                    view! { <a href=move || localized(lang.get(), &dash)>{move || x().money_dashboard} " →"</a> }
                }
            </p>
        </section>
    }
}

/// A stored `YYYY-MM-DD` as the language writes dates; anything else as it is.
fn date_label(iso: &str, lang: Lang) -> String {
    chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| format_date(d, lang))
        .unwrap_or_else(|_| iso.to_string())
}

#[component]
fn InventoryPart(d: CountryPage) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let code = d.profile.country.iso2.clone();
    let n = d.inventory.clone();
    let themes = d.themes.clone();
    view! {
        <section class="section" id="country-inventory" aria-labelledby="country-inventory-title">
            <h2 id="country-inventory-title">{move || x().inventory_title}</h2>
            <ul class="figures figures--money" data-test-id="country-inventory-figures">
                {figure("services", lang.get_untracked().format_int(n.services as i64), |l| texts(l).inventory_services)}
                {figure("programmes", lang.get_untracked().format_int(n.programmes as i64), |l| texts(l).inventory_programmes)}
                {figure("open-gaps", lang.get_untracked().format_int(n.open_gaps as i64), |l| texts(l).inventory_gaps)}
            </ul>
            {if d.gaps.is_empty() {
                view! { <p class="empty">{move || x().inventory_no_gaps}</p> }.into_any()
            } else {
                view! {
                    <h3 id="country-gaps-title">{move || x().inventory_top}</h3>
                    <DataTable labelled_by="country-gaps-title" test_id="country-gaps" columns=vec![col(|l| texts(l).col_gap), col(|l| texts(l).col_theme), col(|l| texts(l).col_severity)]>
                        {d.gaps.into_iter().map(|g| {
                            let (tes, ten) = (g.title_es.clone(), g.title_en.clone());
                            let theme = g.theme_code.clone();
                            let themes = themes.clone();
                            let severity = g.severity;
                            view! {
                                <tr>
                                    <td>
                                        {move || lang.get().pick(&tes, &ten).to_string()}
                                        {g.is_example.then(|| view! { " " <ExampleBadge /> })}
                                    </td>
                                    <td>{move || name_of(&themes, &theme, lang.get())}</td>
                                    <td>{move || severity.map(|s| s.name(lang.get())).unwrap_or("—")}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </DataTable>
                }.into_any()
            }}
            {see_all(format!("/inventory/{code}"), |l| texts(l).inventory_see, "country-inventory-link")}
        </section>
    }
}

#[component]
fn PracticesPart(d: CountryPage) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let code = d.profile.country.iso2.clone();
    let total = d.practices_total as i64;
    view! {
        <section class="section" id="country-practices" aria-labelledby="country-practices-title">
            <h2 id="country-practices-title">{move || x().practices_title}</h2>
            {if d.practices.is_empty() {
                view! { <p class="empty">{move || x().practices_none}</p> }.into_any()
            } else {
                view! {
                    <p>{move || x().practices_count.of(lang.get(), total)}</p>
                    <ul class="plain list-links" data-test-id="country-practices">
                        {d.practices.into_iter().map(|p| {
                            let id = p.id;
                            let year = p.year;
                            let example = p.is_example;
                            view! {
                                <li>
                                    <a href=move || localized(lang.get(), &format!("/practices/{id}"))>{move || p.title(lang.get()).0.to_string()}</a>
                                    " (" {year} ")"
                                    {example.then(|| view! { " " <ExampleBadge /> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {see_all(format!("/practices?country={code}"), |l| texts(l).practices_see, "country-practices-link")}
        </section>
    }
}

#[component]
fn EventsPart(d: CountryPage) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let code = d.profile.country.iso2.clone();
    view! {
        <section class="section" id="country-events" aria-labelledby="country-events-title">
            <h2 id="country-events-title">{move || x().events_title}</h2>
            {if d.events.is_empty() {
                view! { <p class="empty">{move || x().events_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain list-links" data-test-id="country-events">
                        {d.events.into_iter().map(|e| {
                            let id = e.id;
                            let (tes, ten) = (e.title_es.clone(), e.title_en.clone());
                            let day = e.local_start.date();
                            let kind = e.kind;
                            view! {
                                <li>
                                    <a href=move || localized(lang.get(), &format!("/events/{id}"))>{move || lang.get().pick(&tes, &ten).to_string()}</a>
                                    " · " {move || kind.name(lang.get())}
                                    " · " {move || format_date(day, lang.get())}
                                    {e.is_example.then(|| view! { " " <ExampleBadge /> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {see_all(format!("/events?country={code}"), |l| texts(l).events_see, "country-events-link")}
        </section>
    }
}

#[component]
fn OffersPart(d: CountryPage) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let code = d.profile.country.iso2.clone();
    let total = d.offers_total as i64;
    view! {
        <section class="section" id="country-offers" aria-labelledby="country-offers-title">
            <h2 id="country-offers-title">{move || x().offers_title}</h2>
            <p>{move || x().offers_lead}</p>
            {if d.offers.is_empty() {
                view! { <p class="empty">{move || x().offers_none}</p> }.into_any()
            } else {
                view! {
                    <p>{move || x().offers_count.of(lang.get(), total)}</p>
                    <DataTable labelled_by="country-offers-title" test_id="country-offers" columns=vec![col(|l| texts(l).col_offer), col(|l| texts(l).col_offeror), col(|l| texts(l).col_kind), num(|l| texts(l).col_amount), col(|l| texts(l).col_until)]>
                        {d.offers.into_iter().map(|o| {
                            let id = o.id;
                            let offeror = o.offeror.clone();
                            let kind = o.kind;
                            let until = o.available_until.clone();
                            let o2 = o.clone();
                            let o3 = o.clone();
                            view! {
                                <tr>
                                    <td>
                                        <a href=move || localized(lang.get(), &format!("/offers/{id}"))>{move || o2.title(lang.get()).to_string()}</a>
                                        {o.is_example.then(|| view! { " " <ExampleBadge /> })}
                                    </td>
                                    <td>{move || offeror.name(lang.get()).to_string()}</td>
                                    <td>{move || kind.name(lang.get())}</td>
                                    <td class="num">{move || amount_label(&o3, lang.get())}</td>
                                    <td class="nowrap">{move || date_label(&until, lang.get())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </DataTable>
                }.into_any()
            }}
            {see_all(format!("/offers?country={code}"), |l| texts(l).offers_see, "country-offers-link")}
        </section>
    }
}
