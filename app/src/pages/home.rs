//! The home page: what the platform is, in plain words, and live headline figures.

use crate::components::PageTitle;
use crate::components::{error_panel::or_error_panel, example_badge::ExampleBadge};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::{format_date, Country, CountryProfile, HeadlineFigures};
use crate::rpc::reference::{fetch_countries, fetch_country_profile, fetch_headline_figures};
use leptos::prelude::*;
use leptos_router::{
    hooks::{use_navigate, use_query_map},
    NavigateOptions,
};

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let figures = Resource::new(|| (), |_| fetch_headline_figures());
    view! {
        <PageTitle text=|l| l.t().nav_home />
        <section class="hero">
            <h1>{move || t().home_title}</h1>
            <p class="lead">{move || t().home_lead}</p>
        </section>
        <section class="section" aria-labelledby="figures-title">
            <h2 id="figures-title">{move || t().home_figures_title}</h2>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let f = figures.await?;
                    Ok::<_, AppError>(view! { <Figures figures=f /> })
                }))}
            </Suspense>
        </section>
        <section class="section two-col">
            <div>
                <h2>{move || t().home_what_title}</h2>
                <p>{move || t().home_what_body}</p>
                <p>{move || t().home_platform_body}</p>
            </div>
            <div>
                <h2>{move || t().home_priorities_title}</h2>
                <ol class="priorities">
                    <li>{move || t().home_priority_1}</li>
                    <li>{move || t().home_priority_2}</li>
                    <li>{move || t().home_priority_3}</li>
                </ol>
            </div>
        </section>
        <CountryExplorer />
    }
}

#[component]
fn Figures(figures: HeadlineFigures) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let next = figures.next_event.clone();
    view! {
        <ul class="figures">
            <li class="figure" data-test-id="figure-countries">
                <span class="figure__value">{move || lang.get().format_int(figures.countries)}</span>
                <span class="figure__label">{move || t().fig_countries}</span>
            </li>
            <li class="figure" data-test-id="figure-members">
                <span class="figure__value">{move || lang.get().format_int(figures.members)}</span>
                <span class="figure__label">{move || t().fig_members}</span>
            </li>
            <li class="figure" data-test-id="figure-upcoming-events">
                <span class="figure__value">
                    {move || lang.get().format_int(figures.upcoming_events)}
                </span>
                <span class="figure__label">{move || t().fig_upcoming_events}</span>
            </li>
        </ul>
        <p class="next-event" data-test-id="next-event">
            {match next {
                Some(e) => {
                    let example = e.is_example;
                    let id = e.id;
                    view! {
                        <strong>{move || t().fig_next_event} ": "</strong>
                        <a href=move || crate::i18n::localized(lang.get(), &format!("/events/{id}"))>
                            {move || lang.get().pick(&e.title_es, &e.title_en).to_string()}
                        </a>
                        " ("
                        {move || format_date(e.starts_on, lang.get())}
                        ")"
                        {example.then(|| view! { " " <ExampleBadge /> })}
                    }
                        .into_any()
                }
                None => view! { {move || t().fig_no_upcoming} }.into_any(),
            }}
        </p>
    }
}

/// Choose a country and see its profile. Without JavaScript it is a GET form (`?country=MX`);
/// once hydrated, choosing a country updates the profile in place through a server function.
#[component]
fn CountryExplorer() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let query = use_query_map();
    let selected = Memo::new(move |_| query.read().get("country").filter(|c| !c.is_empty()));
    let list = Resource::new(|| (), |_| fetch_countries());
    let profile = Resource::new(
        move || selected.get(),
        |code| async move {
            match code {
                Some(code) => fetch_country_profile(code).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let navigate = use_navigate();
    let go = move |code: String| {
        let url = if code.is_empty() {
            "?".to_string()
        } else {
            format!("?country={code}")
        };
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    // What the select shows now; the submit button (for keyboard users) navigates to it.
    let choice = RwSignal::new(selected.get_untracked().unwrap_or_default());
    let on_change = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            let code = event_target_value(&ev);
            choice.set(code.clone());
            go(code);
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go(choice.get_untracked());
    };
    view! {
        <section class="section" aria-labelledby="explore-title">
            <h2 id="explore-title">{move || t().home_explore_title}</h2>
            <p>{move || t().home_explore_hint}</p>
            <form method="get" class="inline-form" data-test-id="country-form" on:submit=on_submit>
                <label for="country-select">{move || t().home_explore_label}</label>
                <Suspense fallback=|| ()>
                    {move || {
                        let on_change = on_change.clone();
                        Suspend::new(async move {
                            let list = list.await.unwrap_or_default();
                            view! { <CountrySelect list selected on_change /> }
                        })
                    }}
                </Suspense>
                <button type="submit" class="button">{move || t().home_explore_submit}</button>
            </form>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(async move {
                    match profile.await {
                        Ok(Some(p)) => view! { <CountryCard profile=p /> }.into_any(),
                        Ok(None) => ().into_any(),
                        Err(e) => view! { <ProfileError error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CountrySelect<F>(
    list: Vec<Country>,
    selected: Memo<Option<String>>,
    on_change: F,
) -> impl IntoView
where
    F: Fn(leptos::ev::Event) + Clone + 'static,
{
    let lang = use_lang();
    view! {
        <select id="country-select" name="country" data-test-id="country-select" on:change=on_change>
            <option value="" selected=move || selected.get().is_none()>"—"</option>
            {list
                .into_iter()
                .map(|c| {
                    let code = c.iso2.clone();
                    let value = c.iso2.clone();
                    let is_selected = move || selected.get().as_deref() == Some(code.as_str());
                    view! {
                        <option value=value selected=is_selected>
                            {move || c.name(lang.get()).to_string()}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

#[component]
fn CountryCard(profile: CountryProfile) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let c = profile.country.clone();
    let iso2 = c.iso2.clone();
    let leads = profile.leads.clone();
    view! {
        <article class="card country-card" data-test-id="country-profile" data-country=iso2>
            <h3>{move || c.name(lang.get()).to_string()}</h3>
            <p>{move || t().country_joined} " " {profile.country.joined_year}</p>
            {if leads.is_empty() {
                view! { <p>{move || t().country_leads_none}</p> }.into_any()
            } else {
                view! {
                    <p>{move || t().country_leads} ":"</p>
                    <ul>
                        {leads
                            .into_iter()
                            .map(|g| {
                                view! { <li>{move || lang.get().pick(&g.name_es, &g.name_en).to_string()}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <p>{move || t().country_pillars}</p>
            <p>
                <a
                    href=move || crate::i18n::localized(lang.get(), &format!("/countries/{}", profile.country.iso2))
                    data-test-id="country-page-link"
                >
                    {move || t().country_page_link} " →"
                </a>
            </p>
        </article>
    }
}

#[component]
fn ProfileError(error: AppError) -> impl IntoView {
    let lang = use_lang();
    let text = move || match error.field("country") {
        Some(problem) => problem.message(lang.get()),
        None => error.message(lang.get()).to_string(),
    };
    view! {
        <p class="field-error" role="alert" data-test-id="country-error">
            {text}
        </p>
    }
}
