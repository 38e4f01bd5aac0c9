//! Server functions of the platform calendar: public lists and event pages; the chair and
//! secretariat create and move events (with the clash check), moderate registrations and record
//! outcomes; signed-in people register, withdraw and keep a personal calendar feed.

use crate::error::AppError;
use crate::model::{
    EventDetail, EventInput, EventOutcomes, EventQuery, EventSummaryItem, MyRegistration, Named,
    Notice, Participant, RegistrationStatus, TopicSuggestion,
};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A list of events with the names its filters offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventListing {
    pub items: Vec<EventSummaryItem>,
    pub countries: Vec<Named>,
    pub themes: Vec<Named>,
}

/// Events matching the filters (anyone).
#[server(prefix = "/rpc", endpoint = "events")]
pub async fn list_events(#[server(default)] query: EventQuery) -> Result<EventListing, AppError> {
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            let query = query.checked()?;
            let state = app_state()?;
            let v = super::local::Vocabulary::load(&state.db).await?;
            Ok(EventListing {
                items: events::list(&state.db, &query, Utc::now()).await?,
                countries: v.countries,
                themes: v.themes,
            })
        }
        .await,
    )
}

/// One month of the calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthView {
    pub year: i32,
    pub month: u32,
    /// Events overlapping the month, with a week's margin either side.
    pub events: Vec<EventSummaryItem>,
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

/// What a person may do about their place at an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPlace {
    pub registration_id: i64,
    pub status: RegistrationStatus,
    pub position: Option<i64>,
}

/// An event page: the record, its texts rendered, outcomes, the reader's place and rights.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub detail: EventDetail,
    pub description_html_es: String,
    pub description_html_en: String,
    pub materials_html_es: String,
    pub materials_html_en: String,
    pub learned_html_es: String,
    pub learned_html_en: String,
    pub outcomes: EventOutcomes,
    /// The topic suggestions of the event's themes: gaps reported and practices to learn from.
    pub topics: Vec<TopicSuggestion>,
    pub signed_in: bool,
    /// Registration is open now (offered, inside its window, event not over or cancelled).
    pub registration_open: bool,
    pub my_place: Option<MyPlace>,
    /// The chair and secretariat: edit, participants, outcomes.
    pub can_manage: bool,
    /// The MIRPS countries (for the outcome form's country list).
    pub all_countries: Vec<Named>,
    /// The event is over (the browser has no clock of its own to trust for this).
    pub past: bool,
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
                    .map(|(registration_id, status, position)| MyPlace {
                        registration_id,
                        status,
                        position,
                    }),
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
            let all_countries = super::local::Vocabulary::load(&state.db).await?.countries;
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

/// What the event form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFormOptions {
    pub countries: Vec<Named>,
    pub organisers: Vec<Named>,
    pub themes: Vec<Named>,
    /// IANA zones of the region and of the usual venues abroad.
    pub timezones: Vec<String>,
    /// Ranked learning topics from the inventories and practices.
    pub suggestions: Vec<TopicSuggestion>,
    pub current: Option<EventDetail>,
}

/// Time zones the form offers: the MIRPS countries' and the usual venues abroad.
pub const TIMEZONES: &[&str] = &[
    "America/Belize",
    "America/Costa_Rica",
    "America/El_Salvador",
    "America/Guatemala",
    "America/Tegucigalpa",
    "America/Mexico_City",
    "America/Cancun",
    "America/Tijuana",
    "America/Panama",
    "America/New_York",
    "America/Bogota",
    "America/Toronto",
    "Europe/Brussels",
    "Europe/Madrid",
    "Europe/Zurich",
    "UTC",
];

/// The event form's lists and the event being edited (chair and secretariat).
#[server(prefix = "/rpc", endpoint = "event_form")]
pub async fn fetch_event_form(id: i64) -> Result<EventFormOptions, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{
        state::app_state,
        store::{events, practices},
    };
    super::respond(
        async {
            auth::require(Action::ManageEvents).await?;
            let state = app_state()?;
            let v = super::local::Vocabulary::load(&state.db).await?;
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
                countries: v.countries,
                organisers: v.members,
                themes: v.themes,
                timezones: TIMEZONES.iter().map(|s| s.to_string()).collect(),
                suggestions: practices::topic_suggestions(&state.db).await?,
                current,
            })
        }
        .await,
    )
}

/// Checks the form and turns it into an event: wall-clock times in the venue's zone become
/// instants; every list is checked against the reference data.
#[cfg(feature = "ssr")]
fn event_from_input(
    input: &EventInput,
    v: &super::local::Vocabulary,
) -> Result<crate::server::store::events::NewEvent, AppError> {
    use crate::error::{FieldError, Problem};
    use crate::model::{EventKind, EventMode, EventStatus};
    use crate::server::store::events::{from_local, NewEvent};
    use chrono::{NaiveDate, NaiveDateTime};
    let mut errors = Vec::new();
    let kind = EventKind::from_code(input.kind.trim());
    if kind.is_none() {
        errors.push(FieldError::new("kind", Problem::UnknownChoice));
    }
    let status = if input.status.trim().is_empty() {
        Some(EventStatus::Planned)
    } else {
        EventStatus::from_code(input.status.trim())
    };
    if status.is_none() {
        errors.push(FieldError::new("status", Problem::UnknownChoice));
    }
    let mode = EventMode::from_code(input.mode.trim());
    if mode.is_none() {
        errors.push(FieldError::new("mode", Problem::UnknownChoice));
    }
    let tz: Option<chrono_tz::Tz> = input
        .timezone
        .trim()
        .parse()
        .ok()
        .filter(|_| TIMEZONES.contains(&input.timezone.trim()));
    if tz.is_none() {
        errors.push(FieldError::new("timezone", Problem::UnknownChoice));
    }
    let parse_time = |field: &str, s: &str, errors: &mut Vec<FieldError>| {
        let s = s.trim();
        if s.is_empty() {
            errors.push(FieldError::new(field, Problem::Required));
            return None;
        }
        let t = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
            .ok();
        let at = t.zip(tz).and_then(|(t, tz)| from_local(t, tz));
        if at.is_none() {
            errors.push(FieldError::new(field, Problem::InvalidFormat));
        }
        at
    };
    let starts_at = parse_time("starts_local", &input.starts_local, &mut errors);
    let ends_at = parse_time("ends_local", &input.ends_local, &mut errors);
    let parse_day = |field: &str, s: &str, end: bool, errors: &mut Vec<FieldError>| {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        let at = NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .and_then(|d| {
                if end {
                    d.and_hms_opt(23, 59, 0)
                } else {
                    d.and_hms_opt(0, 0, 0)
                }
            })
            .zip(tz)
            .and_then(|(t, tz)| from_local(t, tz));
        if at.is_none() {
            errors.push(FieldError::new(field, Problem::InvalidFormat));
        }
        at
    };
    let opens = parse_day(
        "registration_opens",
        &input.registration_opens,
        false,
        &mut errors,
    );
    let closes = parse_day(
        "registration_closes",
        &input.registration_closes,
        true,
        &mut errors,
    );
    let host = match input.host.trim() {
        "" => None,
        h if v.countries.iter().any(|c| c.code == h) => Some(h.to_string()),
        _ => {
            errors.push(FieldError::new("host", Problem::UnknownChoice));
            None
        }
    };
    let ticked = |m: &std::collections::BTreeMap<String, String>| -> Vec<String> {
        m.iter()
            .filter(|(_, v)| !v.is_empty() && v.as_str() != "off")
            .map(|(k, _)| k.clone())
            .collect()
    };
    let countries = ticked(&input.countries);
    if countries
        .iter()
        .any(|c| !v.countries.iter().any(|n| &n.code == c))
    {
        errors.push(FieldError::new("countries", Problem::UnknownChoice));
    }
    let organisers = ticked(&input.organisers);
    if organisers
        .iter()
        .any(|c| !v.members.iter().any(|n| &n.code == c))
    {
        errors.push(FieldError::new("organisers", Problem::UnknownChoice));
    }
    let themes = ticked(&input.themes);
    if themes
        .iter()
        .any(|c| !v.themes.iter().any(|n| &n.code == c))
    {
        errors.push(FieldError::new("themes", Problem::UnknownChoice));
    }
    let capacity = match input.capacity.trim() {
        "" => None,
        s => match s.parse::<i64>() {
            Ok(n) if (1..=100_000).contains(&n) => Some(n),
            _ => {
                errors.push(FieldError::new(
                    "capacity",
                    Problem::OutOfRange {
                        min: 1,
                        max: 100_000,
                    },
                ));
                None
            }
        },
    };
    let url = input.online_url.trim();
    if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
        errors.push(FieldError::new("online_url", Problem::InvalidFormat));
    }
    for (field, text, max) in [
        ("title_es", &input.title_es, 300),
        ("title_en", &input.title_en, 300),
        ("location_es", &input.location_es, 300),
        ("location_en", &input.location_en, 300),
        ("description_es", &input.description_es, 20_000),
        ("description_en", &input.description_en, 20_000),
        ("materials_es", &input.materials_es, 20_000),
        ("materials_en", &input.materials_en, 20_000),
        ("online_url", &input.online_url, 1_000),
    ] {
        if text.chars().count() > max {
            errors.push(FieldError::new(field, Problem::TooLong { max: max as u32 }));
        }
    }
    if input.title_es.trim().is_empty() && input.title_en.trim().is_empty() {
        errors.push(FieldError::new("title_es", Problem::Required));
    }
    if let (Some(s), Some(e)) = (starts_at, ends_at) {
        if e <= s {
            errors.push(FieldError::new("ends_local", Problem::NotAllowed));
        }
    }
    if let (Some(a), Some(b)) = (opens, closes) {
        if b <= a {
            errors.push(FieldError::new("registration_closes", Problem::NotAllowed));
        }
    }
    let on = |s: &str| !s.is_empty() && s != "off" && s != "false";
    match (kind, status, mode, starts_at, ends_at, errors.is_empty()) {
        (Some(kind), Some(status), Some(mode), Some(starts_at), Some(ends_at), true) => {
            Ok(NewEvent {
                slug: None,
                kind,
                status,
                title_es: input.title_es.trim().to_string(),
                title_en: input.title_en.trim().to_string(),
                description_es: input.description_es.trim().to_string(),
                description_en: input.description_en.trim().to_string(),
                starts_at,
                ends_at,
                timezone: input.timezone.trim().to_string(),
                date_precision: "day".into(),
                host,
                location_es: input.location_es.trim().to_string(),
                location_en: input.location_en.trim().to_string(),
                mode,
                online_url: url.to_string(),
                countries,
                organisers,
                themes,
                capacity,
                registration: on(&input.registration),
                registration_opens_at: opens,
                registration_closes_at: closes,
                moderated: on(&input.moderated),
                materials_es: input.materials_es.trim().to_string(),
                materials_en: input.materials_en.trim().to_string(),
                is_example: false,
            })
        }
        _ => Err(AppError::Validation(errors)),
    }
}

#[cfg(feature = "ssr")]
fn proposal_of(
    e: &crate::server::store::events::NewEvent,
) -> crate::server::store::events::Proposal {
    let mut countries = e.countries.clone();
    if let Some(h) = &e.host {
        if !countries.contains(h) {
            countries.push(h.clone());
        }
    }
    crate::server::store::events::Proposal {
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        timezone: e.timezone.clone(),
        countries,
        organisers: e.organisers.clone(),
    }
}

/// Creates or changes an event. A new or moved time that clashes is refused with the report
/// unless the form says to save anyway (chair and secretariat).
#[server(prefix = "/rpc", endpoint = "save_event")]
pub async fn save_event(input: EventInput, lang: String) -> Result<i64, AppError> {
    use crate::i18n::{localized, Lang};
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            let user = auth::require(Action::ManageEvents).await?;
            let state = app_state()?;
            let v = super::local::Vocabulary::load(&state.db).await?;
            let e = event_from_input(&input, &v)?;
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
                    events::clash_report(&state.db, &proposal_of(&e), input.id, Utc::now()).await?;
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
            let lang = Lang::from_code(&lang).unwrap_or_default();
            leptos_axum::redirect(&localized(lang, &format!("/events/{id}")));
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

/// The organiser's view of who registered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantsView {
    pub event: EventDetail,
    pub participants: Vec<Participant>,
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

/// A person's own calendar: registrations, what they were told, their feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyEvents {
    pub registrations: Vec<MyRegistration>,
    pub notices: Vec<Notice>,
    pub feed_created: Option<DateTime<Utc>>,
    /// A feed address made by a plain form post (JavaScript off) since the page was last shown:
    /// kept in the session just long enough to be shown once.
    pub new_feed: Option<String>,
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
            let v = super::local::Vocabulary::load(&state.db).await?;
            let country = country.trim().to_ascii_uppercase();
            if !v.countries.iter().any(|c| c.code == country) {
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
