//! The contribution filters in the address and their form, shared by the dashboard and the list.

use crate::components::error_panel::or_error_panel;
use crate::error::AppError;
use crate::i18n::{localized, use_lang, Lang};
use crate::model::Filter;
use crate::model::{
    ContributionFilter, ContributionKind, DashboardData, FinancingMechanism, Status,
};
use crate::pages::contributions::text::texts;
use crate::rpc::contributions::fetch_dashboard;
use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};
use serde::{de::DeserializeOwned, Serialize};

/// The filter named by the page's address (see [`crate::pages::filter_from_address`]).
pub fn filter_from_query(q: &leptos_router::params::ParamsMap) -> ContributionFilter {
    crate::pages::filter_from_address(q)
}

/// The filter panel and, below it, what `body` makes of `data` and the filter it was loaded for.
pub fn filtered<T, V>(
    reset: &'static str,
    filter: Memo<ContributionFilter>,
    data: Resource<Result<T, AppError>>,
    body: fn(T, ContributionFilter) -> V,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoAny + 'static,
{
    let lang = use_lang();
    view! {
        <FilterPanel reset />
        <Transition fallback=move || view! { <p>{move || lang.get().t().loading}</p> }>
            // Signals are read before the wait: after it the page may be gone (the reader moved on).
            {move || {
                let filter = filter.get_untracked();
                Suspend::new(or_error_panel(async move { Ok(body(data.await?, filter)) }))
            }}
        </Transition>
    }
}

/// The address of the export of the view `query` selects as `ext` (`csv`, `xlsx` or `json`),
/// with names in `lang`.
pub fn export_href(query: &str, ext: &str, lang: Lang) -> String {
    let sep = if query.is_empty() {
        String::new()
    } else {
        format!("&{query}")
    };
    format!("/api/v1/contributions.{ext}?lang={}{sep}", lang.code())
}

/// The query string for `filter` with `key` set to `value` (removed when empty).
fn with_param(filter: &ContributionFilter, key: &str, value: &str) -> String {
    let mut f = filter.clone();
    let v = value.trim();
    let opt = || (!v.is_empty()).then(|| v.to_string());
    match key {
        "year_from" => f.year_from = v.parse().ok(),
        "year_to" => f.year_to = v.parse().ok(),
        "donor" => f.donor = opt(),
        "country" => f.country = opt(),
        "pillar" => f.pillar = v.parse().ok(),
        "kind" => f.kind = opt(),
        "status" => f.status = opt(),
        "mechanism" => f.mechanism = opt(),
        "sector" => f.sector = opt(),
        "working_group" => f.working_group = opt(),
        _ => {}
    }
    f.to_query()
}

fn year_of(f: &ContributionFilter, key: &str) -> String {
    let y = if key == "year_from" {
        f.year_from
    } else {
        f.year_to
    };
    y.map(|y| y.to_string()).unwrap_or_default()
}

/// The filter form shared by the dashboard and the contributions list. `reset` is the page's path
/// without filters.
///
/// It reads the filter from the address itself and is rendered once (outside the data's
/// `Transition`), so a change neither drops an earlier choice still loading nor moves keyboard
/// focus away from the select just used; back and forward update the selects.
#[component]
pub fn FilterForm(data: DashboardData, reset: &'static str) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let navigate = use_navigate();
    let query = use_query_map();
    let live = Memo::new(move |_| filter_from_query(&query.read()));
    let filter = live.get_untracked();
    let on_change = move |key: &'static str| {
        let navigate = navigate.clone();
        move |ev: leptos::ev::Event| {
            let q = with_param(&live.get_untracked(), key, &event_target_value(&ev));
            let url = if q.is_empty() {
                "?".to_string()
            } else {
                format!("?{q}")
            };
            navigate(
                &url,
                NavigateOptions {
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    let year_select = |key: &'static str,
                       id: &'static str,
                       label: fn(Lang) -> &'static str,
                       selected: Option<i32>| {
        let years = data.years.clone();
        view! {
            <div class="field">
                <label for=id>{move || label(lang.get())}</label>
                <select id=id name=key on:change=on_change(key) prop:value=move || year_of(&live.get(), key) data-test-id=format!("filter-{key}")>
                    <option value="">"—"</option>
                    {years
                        .into_iter()
                        .map(|y| view! { <option value=y.to_string() selected=selected == Some(y)>{y}</option> })
                        .collect_view()}
                </select>
            </div>
        }
    };
    let donor = filter.donor.clone().unwrap_or_default();
    let country = filter.country.clone().unwrap_or_default();
    let kind = filter.kind.clone().unwrap_or_default();
    let status = filter.status.clone().unwrap_or_default();
    let mechanism = filter.mechanism.clone().unwrap_or_default();
    let sector = filter.sector.clone().unwrap_or_default();
    let group = filter.working_group.clone().unwrap_or_default();
    // A select of coded names for the filter `key`.
    let coded = |key: &'static str,
                 label: fn(crate::i18n::Lang) -> &'static str,
                 list: Vec<(String, String, String)>,
                 chosen: String,
                 read: fn(&ContributionFilter) -> Option<String>| {
        let id = format!("f-{key}");
        view! {
            <div class="field">
                <label for=id.clone()>{move || label(lang.get())}</label>
                <select id=id name=key on:change=on_change(key) prop:value=move || read(&live.get()).unwrap_or_default() data-test-id=format!("filter-{key}")>
                    <option value="">"—"</option>
                    {list
                        .into_iter()
                        .map(|(code, es, en)| {
                            let selected = code == chosen;
                            view! { <option value=code selected=selected>{move || lang.get().pick(&es, &en).to_string()}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
        }
    };
    let countries = data.coverage.clone();
    view! {
        <form method="get" class="form-grid filters" aria-labelledby="filters-title" data-test-id="dashboard-filters">
            <h2 id="filters-title" class="visually-hidden">{move || t().filters_title}</h2>
            {year_select("year_from", "f-year-from", |l| texts(l).filter_year_from, filter.year_from)}
            {year_select("year_to", "f-year-to", |l| texts(l).filter_year_to, filter.year_to)}
            <div class="field">
                <label for="f-donor">{move || x().filter_donor}</label>
                <select id="f-donor" name="donor" on:change=on_change("donor") prop:value=move || live.get().donor.unwrap_or_default() data-test-id="filter-donor">
                    <option value="">"—"</option>
                    {data
                        .donors
                        .iter()
                        .map(|(code, es, en)| {
                            let (es, en) = (es.clone(), en.clone());
                            view! {
                                <option value=code.clone() selected=*code == donor>
                                    {move || lang.get().pick(&es, &en).to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-country">{move || t().filter_country}</label>
                <select id="f-country" name="country" on:change=on_change("country") prop:value=move || live.get().country.unwrap_or_default() data-test-id="filter-country">
                    <option value="">"—"</option>
                    {countries
                        .into_iter()
                        .map(|c| {
                            let selected = c.iso2 == country;
                            view! {
                                <option value=c.iso2.clone() selected=selected>
                                    {move || lang.get().pick(&c.name_es, &c.name_en).to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                    <option value="regional" selected=country == "regional">{move || x().regional}</option>
                </select>
            </div>
            <div class="field">
                <label for="f-pillar">{move || x().filter_pillar}</label>
                <select id="f-pillar" name="pillar" on:change=on_change("pillar") prop:value=move || live.get().pillar.map(|p| p.to_string()).unwrap_or_default() data-test-id="filter-pillar">
                    <option value="">"—"</option>
                    {(1..=4)
                        .map(|p| view! { <option value=p.to_string() selected=filter.pillar == Some(p)>{p}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-kind">{move || x().filter_kind}</label>
                <select id="f-kind" name="kind" on:change=on_change("kind") prop:value=move || live.get().kind.unwrap_or_default() data-test-id="filter-kind">
                    <option value="">"—"</option>
                    {ContributionKind::ALL
                        .iter()
                        .map(|k| {
                            view! {
                                <option value=k.code() selected=kind == k.code()>
                                    {move || k.name(lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-mechanism">{move || x().filter_mechanism}</label>
                <select id="f-mechanism" name="mechanism" on:change=on_change("mechanism") prop:value=move || live.get().mechanism.unwrap_or_default() data-test-id="filter-mechanism">
                    <option value="">"—"</option>
                    {FinancingMechanism::ALL
                        .iter()
                        .map(|m| {
                            view! {
                                <option value=m.code() selected=mechanism == m.code()>
                                    {move || m.name(lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            {coded("sector", |l| texts(l).field_sector, data.sectors.clone(), sector, |f| f.sector.clone())}
            {coded("working_group", |l| l.t().col_group, data.working_groups.clone(), group, |f| f.working_group.clone())}
            <div class="field">
                <label for="f-status">{move || x().filter_status}</label>
                <select id="f-status" name="status" on:change=on_change("status") prop:value=move || live.get().status.unwrap_or_default() data-test-id="filter-status">
                    <option value="">"—"</option>
                    {Status::ALL
                        .iter()
                        .map(|s| {
                            view! {
                                <option value=s.code() selected=status == s.code()>
                                    {move || s.name(lang.get())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="form-actions">
                <button type="submit" class="button" data-test-id="filter-apply">{move || x().filter_apply}</button>
                <a class="button button--quiet" href=move || localized(lang.get(), reset)>
                    {move || x().filter_reset}
                </a>
            </div>
        </form>
    }
}

/// The filter form with its choices (every donor, year and country), fetched once; shown as soon
/// as they arrive, outside the list's data.
#[component]
pub fn FilterPanel(reset: &'static str) -> impl IntoView {
    let options = Resource::new(|| (), |_| fetch_dashboard(ContributionFilter::default()));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                options.await.ok().map(|o| view! { <FilterForm data=o reset /> })
            })}
        </Suspense>
    }
}
