//! `/{lang}/events/mine`: the signed-in person's registrations, what the platform told them
//! (moved up from a waiting list, approved, an event moved) and their personal calendar feed.

use super::list::EventRow;
use super::text::et;
use crate::components::{error_panel::or_error_panel, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::MyEvents;
use crate::rpc::events::{fetch_my_events, ResetCalendarFeed};
use leptos::prelude::*;

#[component]
pub fn MyEventsPage() -> impl IntoView {
    let lang = use_lang();
    let reset = ServerAction::<ResetCalendarFeed>::new();
    let data = Resource::new(|| (), |_| fetch_my_events());
    view! {
        <PageTitle text=|l| et(l).my_events />
        <section class="page my-events" data-test-id="my-events-page">
            <h1>{move || et(lang.get()).my_events}</h1>
            <super::list::EventsNav />
            <Transition fallback=move || view! { <p>{move || lang.get().t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let m = data.await?;
                    Ok::<_, AppError>(view! { <Mine m reset /> })
                }))}
            </Transition>
        </section>
    }
}

#[component]
fn Mine(m: MyEvents, reset: ServerAction<ResetCalendarFeed>) -> impl IntoView {
    let lang = use_lang();
    let x = move || et(lang.get());
    let notices = m.notices.clone();
    let registrations = m.registrations.clone();
    let had_feed = m.feed_created.is_some();
    // Shown once: the button's answer (JavaScript), or the address the server kept for this
    // page after a plain form post.
    let flashed = m.new_feed.clone();
    let new_url = move || match reset.value().get() {
        Some(Ok(path)) => {
            let origin = web_origin();
            Some(format!("{origin}{path}"))
        }
        _ => flashed.clone(),
    };
    view! {
        {(!notices.is_empty()).then(|| view! {
            <section data-test-id="notices">
                <h2>{move || x().notices}</h2>
                <ul>
                    {notices.into_iter().map(|n| {
                        let kind = n.kind.clone();
                        let (es, en) = (n.event_title_es.clone(), n.event_title_en.clone());
                        let eid = n.event_id.unwrap_or(0);
                        let test_id = format!("notice-{kind}");
                        view! {
                            <li class:notice--unread=!n.read data-test-id=test_id>
                                {move || match kind.as_str() {
                                    "promoted" => x().notice_promoted,
                                    "approved" => x().notice_approved,
                                    "rejected" => x().notice_rejected,
                                    "event_cancelled" => x().notice_cancelled,
                                    _ => x().notice_changed,
                                }}
                                " "
                                <a href=move || localized(lang.get(), &format!("/events/{eid}"))>{move || lang.get().pick(&es, &en).to_string()}</a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        <section>
            <h2>{move || x().my_registrations}</h2>
            {if registrations.is_empty() {
                view! { <p data-test-id="no-registrations">{move || x().no_registrations}</p> }.into_any()
            } else {
                view! {
                    <ul class="event-list" data-test-id="my-registrations">
                        {registrations.into_iter().map(|r| {
                            let status = r.status;
                            let position = r.position;
                            view! {
                                <EventRow e=r.event />
                                <li class="my-place-line">
                                    {move || status.name(lang.get())}
                                    {move || position.map(|p| format!(" — {}", x().position.replace("{n}", &lang.get().format_int(p))))}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section data-test-id="personal-feed">
            <h2>{move || x().personal_feed}</h2>
            <p>{move || x().personal_feed_hint}</p>
            {had_feed.then(|| view! { <p class="hint">{move || x().feed_exists}</p> })}
            <ActionForm action=reset attr:class="inline-form">
                <button type="submit" class="button" data-test-id="reset-feed">
                    {move || if had_feed { x().reset_feed } else { x().create_feed }}
                </button>
            </ActionForm>
            {move || new_url().map(|u| view! {
                <p class="feed-url">
                    <label for="feed-url">{move || x().feed_address}</label>
                    <input id="feed-url" type="text" readonly value=u.clone() data-test-id="feed-url" size="80" />
                </p>
            })}
        </section>
    }
}

/// The site's origin in the browser (`https://host`); empty on the server, which never renders
/// the button's answer (an address kept in the session arrives complete).
fn web_origin() -> String {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}
