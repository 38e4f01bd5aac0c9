//! Server functions of the platform calendar: public lists and event pages; the chair and
//! secretariat create and move events (with the clash check), moderate registrations and record
//! outcomes; signed-in people register, withdraw and keep a personal calendar feed.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::model::Filter;
use crate::model::{
    EventFormOptions, EventInput, EventListing, EventQuery, EventView, MonthView, MyEvents,
    ParticipantsView, RegistrationStatus,
};
#[cfg(feature = "ssr")]
use chrono::Utc;
use leptos::prelude::*;

/// Events matching the filters (anyone).
#[server(prefix = "/rpc", endpoint = "events")]
pub async fn list_events(#[server(default)] query: EventQuery) -> Result<EventListing, AppError> {
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            let query = query.checked()?;
            let state = app_state()?;
            let v = state.vocabulary.get(&state.db).await?;
            Ok(EventListing {
                items: events::list(&state.db, &query, Utc::now()).await?,
                countries: v.country_names(),
                themes: v.themes.clone(),
            })
        }
        .await,
    )
}

/// Events of a month (`YYYY-MM`; empty for the current one), for the calendar grid (anyone).
#[server(prefix = "/rpc", endpoint = "events_month")]
pub async fn month_events(month: String) -> Result<MonthView, AppError> {
    use crate::error::Problem;
    use crate::server::{state::app_state, store::events};
    use chrono::{Datelike, Duration, NaiveDate};
    super::respond(
        async {
            let first = if month.trim().is_empty() {
                let today = Utc::now().date_naive();
                NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
            } else {
                NaiveDate::parse_from_str(&format!("{}-01", month.trim()), "%Y-%m-%d").ok()
            }
            .filter(|d| (1990..=2100).contains(&d.year()))
            .ok_or_else(|| AppError::invalid("month", Problem::InvalidFormat))?;
            let from = first.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - Duration::days(8);
            let to = from + Duration::days(8 + 31 + 8);
            Ok(MonthView {
                year: first.year(),
                month: first.month(),
                events: events::between(&app_state()?.db, from, to).await?,
            })
        }
        .await,
    )
}

/// One event (anyone).
#[server(prefix = "/rpc", endpoint = "event")]
pub async fn fetch_event(id: i64) -> Result<EventView, AppError> {
    use crate::server::auth::{self, authorize, Action};
    use crate::server::markdown::render;
    use crate::server::{
        state::app_state,
        store::{events, practices},
    };
    super::respond(
        async {
            let state = app_state()?;
            let detail = events::get(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let user = auth::current_user().await?;
            let can_manage = authorize(user.as_ref(), &Action::ManageEvents).is_ok();
            let my_place = match &user {
                // A withdrawn registration is no place: the person may ask again.
                Some(u) => events::registration_of(&state.db, id, u.id)
                    .await?
                    .filter(|(_, status, _)| *status != RegistrationStatus::Withdrawn)
                    .map(
                        |(registration_id, status, position)| crate::model::MyPlace {
                            registration_id,
                            status,
                            position,
                        },
                    ),
                None => None,
            };
            let now = Utc::now();
            let registration_open = events::registration_open(&detail, now);
            let topics = if detail.themes.is_empty() {
                Vec::new()
            } else {
                practices::topic_suggestions(&state.db)
                    .await?
                    .into_iter()
                    .filter(|t| detail.themes.iter().any(|th| th.code == t.theme.code))
                    .collect()
            };
            let outcomes = events::outcomes(&state.db, id).await?;
            let all_countries = state.vocabulary.get(&state.db).await?.country_names();
            Ok(EventView {
                all_countries,
                past: detail.summary.ends_at < now,
                description_html_es: render(&detail.description_es),
                description_html_en: render(&detail.description_en),
                materials_html_es: render(&detail.materials_es),
                materials_html_en: render(&detail.materials_en),
                learned_html_es: render(&outcomes.learned_es),
                learned_html_en: render(&outcomes.learned_en),
                outcomes,
                topics,
                signed_in: user.is_some(),
                registration_open,
                my_place,
                can_manage,
                detail,
            })
        }
        .await,
    )
}

/// The event form's lists and the event being edited (chair and secretariat).
#[server(prefix = "/rpc", endpoint = "event_form")]
pub async fn fetch_event_form(id: i64) -> Result<EventFormOptions, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::validate::events::TIMEZONES;
    use crate::server::{
        state::app_state,
        store::{events, practices},
    };
    super::respond(
        async {
            auth::require(Action::ManageEvents).await?;
            let state = app_state()?;
            let v = state.vocabulary.get(&state.db).await?;
            let current = if id > 0 {
                Some(
                    events::get(&state.db, id)
                        .await?
                        .ok_or(AppError::NotFound)?,
                )
            } else {
                None
            };
            Ok(EventFormOptions {
                countries: v.country_names(),
                organisers: v.organisation_names(crate::model::OrgRole::ALL),
                themes: v.themes.clone(),
                timezones: TIMEZONES.iter().map(|s| s.to_string()).collect(),
                suggestions: practices::topic_suggestions(&state.db).await?,
                current,
            })
        }
        .await,
    )
}

/// Creates or changes an event. A new or moved time that clashes is refused with the report
/// unless the form says to save anyway (chair and secretariat).
#[server(prefix = "/rpc", endpoint = "save_event")]
pub async fn save_event(input: EventInput, lang: String) -> Result<i64, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::store::events::{NewEvent, Proposal};
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            let user = auth::require(Action::ManageEvents).await?;
            let state = app_state()?;
            let v = state.vocabulary.get(&state.db).await?;
            let e = NewEvent::from_input(&input, &v)?;
            let before = if input.id > 0 {
                Some(
                    events::get(&state.db, input.id)
                        .await?
                        .ok_or(AppError::NotFound)?,
                )
            } else {
                None
            };
            let time_changed = before.as_ref().is_none_or(|b| {
                b.summary.starts_at != e.starts_at
                    || b.summary.ends_at != e.ends_at
                    || b.summary.status == crate::model::EventStatus::Cancelled
            });
            let accept = !input.accept_clashes.is_empty() && input.accept_clashes != "off";
            if time_changed && !accept && e.status != crate::model::EventStatus::Cancelled {
                let report =
                    events::clash_report(&state.db, &Proposal::from(&e), input.id, Utc::now())
                        .await?;
                if !report.clashes.is_empty() {
                    let json = serde_json::to_string(&report)
                        .map_err(|e| AppError::internal("clash report", e))?;
                    return Err(AppError::Clash(json));
                }
            }
            let id = match before {
                Some(_) => {
                    events::update(&state.db, &user.actor(), input.id, input.version, &e).await?;
                    input.id
                }
                None => events::create(&state.db, Some(&user.actor()), &e).await?,
            };
            super::go_to(&lang, &format!("/events/{id}"));
            Ok(id)
        }
        .await,
    )
}

/// Asks for a place at an event for the signed-in person.
#[server(prefix = "/rpc", endpoint = "register_for_event")]
pub async fn register_for_event(id: i64) -> Result<RegistrationStatus, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            let user = auth::require(Action::RegisterForEvents).await?;
            let state = app_state()?;
            let status = events::register(
                &state.db,
                id,
                &events::Registrant::User(user.id),
                Some(&user.actor()),
                false,
                Utc::now(),
            )
            .await?;
            Ok(status)
        }
        .await,
    )
}

/// Gives up a place: one's own, or anyone's for the organisers. The next person waiting moves up.
#[server(prefix = "/rpc", endpoint = "withdraw_registration")]
pub async fn withdraw_registration(registration_id: i64) -> Result<(), AppError> {
    use crate::server::auth::{self, authorize, Action};
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            let user = auth::require(Action::RegisterForEvents).await?;
            let state = app_state()?;
            let (_, owner) = events::registration_owner(&state.db, registration_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let organiser = authorize(Some(&user), &Action::ManageEvents).is_ok();
            if owner != Some(user.id) && !organiser {
                return Err(AppError::NotFound);
            }
            events::withdraw(&state.db, registration_id, &user.actor(), Utc::now()).await?;
            Ok(())
        }
        .await,
    )
}

/// Approves or turns down a request for a place at a moderated event (organisers).
#[server(prefix = "/rpc", endpoint = "moderate_registration")]
pub async fn moderate_registration(
    registration_id: i64,
    approve: bool,
) -> Result<RegistrationStatus, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            let user = auth::require(Action::ManageEvents).await?;
            let state = app_state()?;
            events::registration_owner(&state.db, registration_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let status = events::moderate(
                &state.db,
                registration_id,
                approve,
                &user.actor(),
                Utc::now(),
            )
            .await?;
            Ok(status)
        }
        .await,
    )
}

/// Adds an invited guest (no account) to an event's list (organisers).
#[server(prefix = "/rpc", endpoint = "add_event_guest")]
pub async fn add_event_guest(
    event_id: i64,
    guest_name: String,
    guest_email: String,
    guest_affiliation: String,
) -> Result<RegistrationStatus, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            let user = auth::require(Action::ManageEvents).await?;
            let state = app_state()?;
            let status = events::register(
                &state.db,
                event_id,
                &events::Registrant::Guest {
                    name: guest_name,
                    email: guest_email,
                    affiliation: guest_affiliation,
                },
                Some(&user.actor()),
                true,
                Utc::now(),
            )
            .await?;
            Ok(status)
        }
        .await,
    )
}

/// Everyone registered for an event (organisers).
#[server(prefix = "/rpc", endpoint = "event_participants")]
pub async fn fetch_participants(event_id: i64) -> Result<ParticipantsView, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            auth::require(Action::ManageEvents).await?;
            let state = app_state()?;
            let event = events::get(&state.db, event_id)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok(ParticipantsView {
                participants: events::participants(&state.db, event_id).await?,
                event,
            })
        }
        .await,
    )
}

/// Session key of a feed address waiting to be shown once (see [`MyEvents::new_feed`]).
#[cfg(feature = "ssr")]
const NEW_FEED_KEY: &str = "new_calendar_feed";

/// The signed-in person's registrations and notices (the notices are marked read).
#[server(prefix = "/rpc", endpoint = "my_events")]
pub async fn fetch_my_events() -> Result<MyEvents, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            let user = auth::require(Action::RegisterForEvents).await?;
            let state = app_state()?;
            let session = auth::auth_session().await?.session;
            let new_feed = session
                .remove::<String>(NEW_FEED_KEY)
                .await
                .map_err(|e| AppError::internal("session", e))?
                .map(|path| format!("{}{path}", state.settings.public_url.trim_end_matches('/')));
            let out = MyEvents {
                registrations: events::registrations_of(&state.db, user.id).await?,
                notices: events::notices(&state.db, user.id).await?,
                feed_created: events::feed_created(&state.db, user.id).await?,
                new_feed,
            };
            events::mark_notices_read(&state.db, user.id).await?;
            Ok(out)
        }
        .await,
    )
}

/// Makes a new secret address for the person's calendar feed (the old one stops working) and
/// returns its path; it is shown once.
#[server(prefix = "/rpc", endpoint = "reset_calendar_feed")]
pub async fn reset_calendar_feed() -> Result<String, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            let user = auth::require(Action::RegisterForEvents).await?;
            let token = events::reset_feed_token(&app_state()?.db, user.id).await?;
            let path = format!("/feeds/{token}/events.ics");
            if super::plain_form_post() {
                // The browser goes back to "My events" without seeing this answer: the page
                // shows the address from the session instead, once.
                auth::auth_session()
                    .await?
                    .session
                    .insert(NEW_FEED_KEY, &path)
                    .await
                    .map_err(|e| AppError::internal("session", e))?;
            }
            Ok(path)
        }
        .await,
    )
}

/// Records what was learned at an event (organisers).
#[server(prefix = "/rpc", endpoint = "save_event_outcomes")]
pub async fn save_event_outcomes(
    event_id: i64,
    learned_es: String,
    learned_en: String,
) -> Result<(), AppError> {
    use crate::error::Problem;
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            let user = auth::require(Action::ManageEvents).await?;
            for (field, text) in [("learned_es", &learned_es), ("learned_en", &learned_en)] {
                if text.chars().count() > 20_000 {
                    return Err(AppError::invalid(field, Problem::TooLong { max: 20_000 }));
                }
            }
            events::save_learned(
                &app_state()?.db,
                &user.actor(),
                event_id,
                &learned_es,
                &learned_en,
            )
            .await?;
            Ok(())
        }
        .await,
    )
}

/// Records that a country plans a policy or programme change after an event (organisers).
#[server(prefix = "/rpc", endpoint = "add_policy_change")]
pub async fn add_event_policy_change(
    event_id: i64,
    country: String,
    change_es: String,
    change_en: String,
) -> Result<i64, AppError> {
    use crate::error::Problem;
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            let user = auth::require(Action::ManageEvents).await?;
            let state = app_state()?;
            let v = state.vocabulary.get(&state.db).await?;
            let country = country.trim().to_ascii_uppercase();
            if v.country(&country).is_none() {
                return Err(AppError::invalid("country", Problem::UnknownChoice));
            }
            for (field, text) in [("change_es", &change_es), ("change_en", &change_en)] {
                if text.chars().count() > 2_000 {
                    return Err(AppError::invalid(field, Problem::TooLong { max: 2_000 }));
                }
            }
            events::get(&state.db, event_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let id = events::add_policy_change(
                &state.db,
                &user.actor(),
                event_id,
                &country,
                &change_es,
                &change_en,
            )
            .await?;
            Ok(id)
        }
        .await,
    )
}

/// Takes a policy change off an event's outcomes (organisers; kept in the audit trail).
#[server(prefix = "/rpc", endpoint = "withdraw_policy_change")]
pub async fn withdraw_event_policy_change(id: i64) -> Result<(), AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            let user = auth::require(Action::ManageEvents).await?;
            events::withdraw_policy_change(&app_state()?.db, &user.actor(), id).await?;
            Ok(())
        }
        .await,
    )
}
