//! `/{lang}/events`: the agenda, upcoming or past, filtered by type, country and topic; and the
//! links and rows every events page shares.

use super::text::et;
use super::when_label;
use crate::components::{error_panel::or_error_panel, example_badge::ExampleBadge, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang, Lang};
use crate::model::Filter;
use crate::model::{EventKind, EventQuery, EventStatus, EventSummaryItem, Named};
use crate::rpc::events::list_events;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Links every events page shares: agenda, month, one's own, the feed, and a new event.
#[component]
pub fn EventsNav() -> impl IntoView {
    let lang = use_lang();
    let x = move || et(lang.get());
    let auth = crate::components::auth::use_auth();
    let manager = move || {
        auth.user
            .get()
            .and_then(|r| r.ok())
            .flatten()
            .is_some_and(|u| u.role == crate::model::Role::Secretariat)
    };
    let signed_in = move || auth.user.get().and_then(|r| r.ok()).flatten().is_some();
    view! {
        <nav class="subnav" aria-label=move || x().events_nav_label>
            <a href=move || localized(lang.get(), "/events") data-test-id="nav-agenda">{move || x().agenda}</a>
            <a href=move || localized(lang.get(), "/events/calendar") data-test-id="nav-month">{move || x().month_view}</a>
            <Transition>
                {move || signed_in().then(|| view! {
                    <a href=move || localized(lang.get(), "/events/mine") data-test-id="nav-mine">{move || x().my_events}</a>
                })}
                {move || manager().then(|| view! {
                    <a href=move || localized(lang.get(), "/events/new") data-test-id="nav-new-event">{move || x().new_event}</a>
                })}
            </Transition>
            <a href=move || format!("/api/v1/events.ics?lang={}", lang.get().code()) data-test-id="public-feed">
                {move || x().public_feed}
            </a>
        </nav>
    }
}

/// A row of the agenda.
#[component]
pub(super) fn EventRow(e: EventSummaryItem) -> impl IntoView {
    let lang = use_lang();
    let x = move || et(lang.get());
    let id = e.id;
    let cancelled = e.status == EventStatus::Cancelled;
    let (es, en) = (e.title_es.clone(), e.title_en.clone());
    let (loc_es, loc_en) = (e.location_es.clone(), e.location_en.clone());
    let kind = e.kind;
    let status = e.status;
    let mode = e.mode;
    let countries = e.countries.join(", ");
    let e2 = e.clone();
    view! {
        <li class="event-row" class:event-row--cancelled=cancelled data-test-id=format!("event-{id}")>
            <p class="event-row__when">{move || when_label(lang.get(), &e2)}</p>
            <h3 class="event-row__title">
                <a href=move || localized(lang.get(), &format!("/events/{id}"))>
                    {move || lang.get().pick(&es, &en).to_string()}
                </a>
                {e.is_example.then(|| view! { " " <ExampleBadge /> })}
            </h3>
            <p class="event-row__meta">
                <span class="tag">{move || kind.name(lang.get())}</span>
                " "
                <span class=format!("status status--{}", status.code())>{move || status.name(lang.get())}</span>
                " · "
                {move || {
                    let l = lang.get();
                    let place = l.pick(&loc_es, &loc_en).to_string();
                    if place.is_empty() { mode.name(l).to_string() } else { format!("{place} ({})", mode.name(l)) }
                }}
                {(!countries.is_empty()).then(|| view! {
                    " · " <span class="visually-hidden">{move || x().countries_label} ": "</span> {countries.clone()}
                })}
            </p>
        </li>
    }
}

fn select_options(items: Vec<Named>, chosen: String, lang: Memo<Lang>) -> impl IntoView {
    items
        .into_iter()
        .map(|n| {
            let selected = n.code == chosen;
            let code = n.code.clone();
            view! {
                <option value=code selected=selected>
                    {move || n.name(lang.get()).to_string()}
                </option>
            }
        })
        .collect_view()
}

/// `/{lang}/events`: the agenda.
#[component]
pub fn EventListPage() -> impl IntoView {
    let lang = use_lang();
    let x = move || et(lang.get());
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let q = query_map.read();
        EventQuery {
            when: q.get("when").unwrap_or_default(),
            kind: q.get("kind").unwrap_or_default(),
            country: q.get("country").unwrap_or_default(),
            theme: q.get("theme").unwrap_or_default(),
        }
    });
    let listing = Resource::new(move || query.get(), list_events);
    view! {
        <PageTitle text=|l| et(l).events_title />
        <section class="page events" data-test-id="events-page">
            <h1>{move || x().events_title}</h1>
            <p class="lead">{move || x().events_lead}</p>
            <EventsNav />
            <Transition fallback=move || view! { <p>{move || crate::i18n::use_lang().get().t().loading}</p> }>
                // The filters are read before waiting: after the wait this page may be gone
                // (the reader moved on), and its signals with it.
                {move || {
                    let q = query.get();
                    Suspend::new(or_error_panel(async move {
                        let l = listing.await?;
                        Ok::<_, AppError>(view! { <Agenda listing=l q /> })
                    }))
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Agenda(listing: crate::model::EventListing, q: EventQuery) -> impl IntoView {
    let lang = use_lang();
    let x = move || et(lang.get());
    let past = q.past();
    let tab = {
        let q = q.clone();
        move |when: &str| {
            let mut q = q.clone();
            q.when = when.to_string();
            let qs = q.to_query();
            move || {
                let base = localized(lang.get(), "/events");
                if qs.is_empty() {
                    base
                } else {
                    format!("{base}?{qs}")
                }
            }
        }
    };
    let items = listing.items;
    let empty = items.is_empty();
    let kinds = EventKind::ALL.to_vec();
    let chosen_kind = q.kind.clone();
    view! {
        <nav class="tabs" aria-label=move || x().when_label>
            <a href=tab("upcoming") aria-current=(!past).then_some("page") data-test-id="tab-upcoming">{move || x().upcoming}</a>
            <a href=tab("past") aria-current=past.then_some("page") data-test-id="tab-past">{move || x().past}</a>
        </nav>
        <form method="get" class="filters filters--row" data-test-id="event-filters">
            <input type="hidden" name="when" value=q.when.clone() />
            <div class="field">
                <label for="ef-kind">{move || x().kind}</label>
                <select id="ef-kind" name="kind">
                    <option value="">{move || x().any}</option>
                    {kinds.into_iter().map(|k| {
                        let selected = k.code() == chosen_kind;
                        view! { <option value=k.code() selected=selected>{move || k.name(lang.get())}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="ef-country">{move || x().country}</label>
                <select id="ef-country" name="country">
                    <option value="">{move || x().any}</option>
                    {select_options(listing.countries, q.country.clone(), lang)}
                </select>
            </div>
            <div class="field">
                <label for="ef-theme">{move || x().topic}</label>
                <select id="ef-theme" name="theme">
                    <option value="">{move || x().any}</option>
                    {select_options(listing.themes, q.theme.clone(), lang)}
                </select>
            </div>
            <button type="submit" class="button" data-test-id="apply-filters">{move || x().apply_filters}</button>
        </form>
        {if empty {
            view! { <p class="empty" data-test-id="no-events">{move || x().no_events}</p> }.into_any()
        } else {
            view! {
                <ul class="event-list" data-test-id="event-list">
                    {items.into_iter().map(|e| view! { <EventRow e /> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
