//! `/{lang}/practices`: the public repository of good practices. Full-text search that ignores
//! accents and case, facets with counts, everything in the address (shareable, works with
//! JavaScript off: the form is a plain GET and the facets are links); with JavaScript on, results
//! follow the address without reloading the page.

use crate::components::auth::use_auth;
use crate::components::error_panel::or_error_panel;
use crate::components::{example_badge::ExampleBadge, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang, Lang};
use crate::model::Filter;
use crate::model::{fallback, FacetCount, PracticeQuery, PracticeResults, Role};
use crate::pages::practices::text::texts;
use crate::rpc::practices::{search_practices, PRACTICES_PER_PAGE};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The search in the address; values that do not parse are left out (the API reports them).
pub fn query_from_map(map: &leptos_router::params::ParamsMap) -> (PracticeQuery, u32) {
    let q: PracticeQuery = crate::pages::filter_from_address(map);
    let page = crate::pages::page_from_address(map);
    (q, page)
}

fn href(q: &PracticeQuery) -> String {
    let s = q.to_query();
    if s.is_empty() {
        "?".into()
    } else {
        format!("?{s}")
    }
}

#[component]
pub fn PracticesPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let query = use_query_map();
    let parsed = Memo::new(move |_| query_from_map(&query.read()));
    let results = Resource::new(move || parsed.get(), |(q, p)| search_practices(q, p));
    view! {
        <PageTitle text=|l| l.t().nav_practices />
        <section class="hero">
            <h1>{move || t().nav_practices}</h1>
            <p class="lead">{move || x().practices_lead}</p>
            <AuthorLinks />
        </section>
        <SearchBox parsed />
        <Transition fallback=move || view! { <p>{move || t().loading}</p> }>
            // Signals are read before the wait: after it the page may be gone (the reader moved on).
            {move || {
                let query = parsed.get_untracked().0;
                Suspend::new(or_error_panel(async move {
                    let r = results.await?;
                    Ok::<_, AppError>(view! { <Results results=r query /> })
                }))
            }}
        </Transition>
    }
}

/// For those who write or review practices: where to start.
#[component]
fn AuthorLinks() -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let auth = use_auth();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let user = auth.user.await.ok().flatten()?;
                let reviewer = user.role == Role::Secretariat;
                Some(view! {
                    <p class="actions">
                        <a class="button" href=move || localized(lang.get(), "/practices/new") data-test-id="practice-new-link">
                            {move || x().practice_new}
                        </a>
                        " "
                        <a class="button button--quiet" href=move || localized(lang.get(), "/practices/manage") data-test-id="practice-manage-link">
                            {move || if reviewer { x().practice_review_queue } else { x().practice_mine }}
                        </a>
                        {reviewer.then(|| view! {
                            " "
                            <a class="button button--quiet" href=move || localized(lang.get(), "/practices/topics")>
                                {move || x().topics_title}
                            </a>
                        })}
                    </p>
                })
            })}
        </Suspense>
    }
}

/// The text box: rendered once, so typing is never interrupted by results arriving.
#[component]
fn SearchBox(parsed: Memo<(PracticeQuery, u32)>) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let navigate = use_navigate();
    let input = NodeRef::<leptos::html::Input>::new();
    let initial = parsed.get_untracked().0;
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut q = parsed.get_untracked().0;
        q.q = input.get().map(|i| i.value()).unwrap_or_default();
        navigate(
            &href(&q),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
    };
    view! {
        <form method="get" class="search-box" role="search" on:submit=on_submit data-test-id="practice-search">
            <label for="practice-q">{move || x().practice_search_label}</label>
            <div class="search-box__row">
                <input
                    id="practice-q"
                    name="q"
                    type="search"
                    node_ref=input
                    value=initial.q.clone()
                    prop:value=move || parsed.get().0.q
                    placeholder=move || x().practice_search_placeholder
                    data-test-id="practice-q"
                />
                // Without JavaScript the facets chosen so far travel with the text.
                {[
                    ("country", initial.country.clone()),
                    ("theme", initial.theme.clone()),
                    ("population", initial.population.clone()),
                    ("submitter", initial.submitter.clone()),
                    ("year", initial.year.map(|y| y.to_string())),
                ]
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| view! { <input type="hidden" name=k value=v /> }))
                    .collect_view()}
                <button type="submit" class="button">{move || t().search}</button>
            </div>
        </form>
    }
}

fn facet_name(lang: Lang, key: &str, f: &FacetCount) -> String {
    match key {
        "submitter" => match f.code.as_str() {
            "country" => texts(lang).submitter_country.to_string(),
            _ => texts(lang).submitter_member.to_string(),
        },
        "year" => f.code.clone(),
        _ => lang.pick(&f.name_es, &f.name_en).to_string(),
    }
}

fn with_facet(q: &PracticeQuery, key: &str, value: Option<&str>) -> PracticeQuery {
    let mut q = q.clone();
    let v = value.map(str::to_string);
    match key {
        "country" => q.country = v,
        "theme" => q.theme = v,
        "population" => q.population = v,
        "submitter" => q.submitter = v,
        _ => q.year = v.and_then(|y| y.parse().ok()),
    }
    q
}

fn current(q: &PracticeQuery, key: &str) -> Option<String> {
    match key {
        "country" => q.country.clone(),
        "theme" => q.theme.clone(),
        "population" => q.population.clone(),
        "submitter" => q.submitter.clone(),
        _ => q.year.map(|y| y.to_string()),
    }
}

/// A facet: its key in the address, its heading, its counts.
type FacetGroup = (&'static str, fn(Lang) -> &'static str, Vec<FacetCount>);

#[component]
fn Results(results: PracticeResults, query: PracticeQuery) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let total = results.total;
    let pages = total.div_ceil(PRACTICES_PER_PAGE).max(1);
    let page = results.page;
    let groups: Vec<FacetGroup> = vec![
        (
            "country",
            |l| l.t().filter_country,
            results.facets.country.clone(),
        ),
        ("theme", |l| l.t().facet_theme, results.facets.theme.clone()),
        (
            "population",
            |l| l.t().facet_population,
            results.facets.population.clone(),
        ),
        (
            "submitter",
            |l| texts(l).facet_submitter,
            results.facets.submitter.clone(),
        ),
        ("year", |l| texts(l).facet_year, results.facets.year.clone()),
    ];
    let qs = query.to_query();
    let export = move |ext: &'static str| {
        let qs = qs.clone();
        move || {
            let sep = if qs.is_empty() {
                String::new()
            } else {
                format!("&{qs}")
            };
            format!("/api/v1/practices.{ext}?lang={}{sep}", lang.get().code())
        }
    };
    let active: Vec<(&'static str, String, String)> = groups
        .iter()
        .filter_map(|(key, _, counts)| {
            current(&query, key).map(|v| {
                let name = counts
                    .iter()
                    .find(|c| c.code == v)
                    .map(|c| (c.name_es.clone(), c.name_en.clone()));
                (
                    *key,
                    v.clone(),
                    name.map(|(es, en)| format!("{es}\u{1f}{en}")).unwrap_or(v),
                )
            })
        })
        .collect();
    let page_link = {
        let q = query.clone();
        move |p: u32| {
            let s = q.to_query();
            match (s.is_empty(), p) {
                (true, 1) => "?".to_string(),
                (true, p) => format!("?page={p}"),
                (false, 1) => format!("?{s}"),
                (false, p) => format!("?{s}&page={p}"),
            }
        }
    };
    view! {
        <div class="search-layout">
            <aside class="facets" aria-labelledby="facets-title" data-test-id="facets">
                <h2 id="facets-title" class="visually-hidden">{move || t().filters_title}</h2>
                {groups
                    .into_iter()
                    .filter(|(_, _, counts)| !counts.is_empty())
                    .map(|(key, label, counts)| {
                        let chosen = current(&query, key);
                        let q = query.clone();
                        view! {
                            <section class="facet" data-test-id=format!("facet-{key}")>
                                <h3>{move || label(lang.get())}</h3>
                                <ul>
                                    {counts
                                        .into_iter()
                                        .map(|f| {
                                            let selected = chosen.as_deref() == Some(f.code.as_str());
                                            let target = if selected {
                                                with_facet(&q, key, None)
                                            } else {
                                                with_facet(&q, key, Some(&f.code))
                                            };
                                            let link = href(&target);
                                            let count = f.count;
                                            let code = f.code.clone();
                                            view! {
                                                <li>
                                                    <a
                                                        href=link
                                                        aria-current=selected.then_some("true")
                                                        class:facet--on=selected
                                                        data-test-id=format!("facet-{key}-{code}")
                                                    >
                                                        <span>{move || facet_name(lang.get(), key, &f)}</span>
                                                        " "
                                                        <span class="facet__count">{move || lang.get().format_int(i64::from(count))}</span>
                                                    </a>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    })
                    .collect_view()}
            </aside>
            <div class="search-results">
                <p class="muted" data-test-id="practice-count" aria-live="polite">
                    {move || x().practices_found.of(lang.get(), i64::from(total))}
                    " · "
                    <a href=export("csv") rel="external" download="" data-test-id="practice-export-csv">"CSV"</a>
                    " · "
                    <a href=export("json") rel="external" download="" data-test-id="practice-export-json">"JSON"</a>
                </p>
                {(!active.is_empty()).then(|| {
                    let q = query.clone();
                    view! {
                        <ul class="chips" aria-label=move || x().active_filters>
                            {active
                                .into_iter()
                                .map(|(key, _, name)| {
                                    let link = href(&with_facet(&q, key, None));
                                    let label = move || {
                                        let l = lang.get();
                                        match name.split_once('\u{1f}') {
                                            Some((es, en)) => l.pick(es, en).to_string(),
                                            None if key == "submitter" && name == "country" => texts(l).submitter_country.to_string(),
                                            None if key == "submitter" => texts(l).submitter_member.to_string(),
                                            None => name.clone(),
                                        }
                                    };
                                    view! {
                                        <li>
                                            <a href=link class="chip" data-test-id=format!("chip-{key}")>
                                                {label}
                                                <span aria-hidden="true">" ×"</span>
                                                <span class="visually-hidden">{move || format!(" ({})", x().remove_filter)}</span>
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
                {(total == 0).then(|| view! { <p class="empty" data-test-id="practice-empty">{move || x().practices_none}</p> })}
                <ol class="result-list" data-test-id="practice-results">
                    {results
                        .items
                        .into_iter()
                        .map(|p| {
                            let id = p.id;
                            let year = p.year;
                            let (p1, p2, p3) = (p.clone(), p.clone(), p.clone());
                            view! {
                                <li class="result" data-test-id="practice-result">
                                    <h3>
                                        <a href=move || localized(lang.get(), &format!("/practices/{id}"))>
                                            {move || p1.title(lang.get()).0.to_string()}
                                        </a>
                                        {p.is_example.then(|| view! { " " <ExampleBadge /> })}
                                    </h3>
                                    <p class="muted">
                                        {move || lang.get().pick(&p2.submitter_es, &p2.submitter_en).to_string()}
                                        " · "
                                        {year}
                                        {move || p3.title(lang.get()).1.then(|| view! { " · " <span class="lang-note">{x().practice_other_language}</span> })}
                                    </p>
                                    <p>{move || fallback(&p.summary_es, &p.summary_en, lang.get()).0.to_string()}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
                {(pages > 1).then(|| view! {
                    <nav class="pager" aria-label=move || t().pagination_label>
                        {(page > 1).then(|| view! { <a href=page_link.clone()(page - 1) rel="prev">{move || t().page_prev}</a> })}
                        <span>{move || t().page_of.replace("{page}", &page.to_string()).replace("{pages}", &pages.to_string())}</span>
                        {(page < pages).then(|| view! { <a href=page_link.clone()(page + 1) rel="next">{move || t().page_next}</a> })}
                    </nav>
                })}
            </div>
        </div>
    }
}
