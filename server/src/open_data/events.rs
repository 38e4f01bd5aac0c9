//! Events in the open-data API: the calendar as JSON and as an ICS feed (RFC 5545, with
//! reminders), one event as ICS; the personal feed of one's registrations at a secret address;
//! and the organiser's participant list as CSV.

use app::{
    error::{AppError, Problem},
    i18n::Lang,
    model::{EventQuery, EventSummaryItem, Paging, QueryReader, RegistrationStatus},
    server::{
        auth::{authorize, Action, AuthSession},
        ics::{self, FeedEntry},
        store::events,
        AppState,
    },
};
use axum::{
    extract::{Path, Query, State},
    http::header,
    response::IntoResponse,
    Json,
};
use chrono::Utc;

/// The filters and the language of a request (`lang` is not a filter).
fn params(pairs: &[(String, String)], default_when: &str) -> Result<(EventQuery, Lang), AppError> {
    let read = QueryReader::read::<EventQuery>(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Paging::None,
        |_, _, _| false,
    )?;
    let mut q = read.filter;
    if q.when.is_empty() {
        q.when = default_when.to_string();
    }
    Ok((q, read.lang.unwrap_or_default()))
}

/// Events of the platform calendar: upcoming (default), past or all, filtered by type,
/// country (host or taking part) and topic.
#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    params(EventQuery, super::LangQuery),
    responses(
        (status = 200, description = "Events, with UTC instants, the venue's zone and its wall-clock times", body = [EventSummaryItem]),
        (status = 400, description = "An unknown parameter or a bad value, with a message")
    ))]
pub async fn list(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<Vec<EventSummaryItem>>, AppError> {
    let (q, _) = params(&pairs, "upcoming")?;
    Ok(Json(events::list(&state.db, &q, Utc::now()).await?))
}

fn calendar_response(body: String, filename: &str) -> impl IntoResponse {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "private, max-age=300".to_string()),
        ],
        body,
    )
}

/// The feed entries of `items`, with each event's description and page.
async fn entries(
    state: &AppState,
    items: &[EventSummaryItem],
    lang: Lang,
    notes: &[Option<&'static str>],
) -> Result<Vec<(EventSummaryItem, String, String, u32, Option<&'static str>)>, AppError> {
    let mut out = Vec::new();
    for (i, e) in items.iter().enumerate() {
        let Some(d) = events::get(&state.db, e.id).await? else {
            continue;
        };
        let url = format!(
            "{}/{}/events/{}",
            state.settings.public_url.trim_end_matches('/'),
            lang.code(),
            e.id
        );
        let description = lang.pick(&d.description_es, &d.description_en).to_string();
        out.push((
            e.clone(),
            format!("{description}\n\n{url}").trim().to_string(),
            url,
            u32::try_from(d.version).unwrap_or(0),
            notes.get(i).copied().flatten(),
        ));
    }
    Ok(out)
}

fn render(
    name: &str,
    lang: Lang,
    rows: &[(EventSummaryItem, String, String, u32, Option<&'static str>)],
) -> String {
    let feed: Vec<FeedEntry<'_>> = rows
        .iter()
        .map(|(e, description, url, sequence, note)| FeedEntry {
            event: e,
            description,
            url: url.clone(),
            sequence: *sequence,
            note: *note,
        })
        .collect();
    ics::calendar(name, lang, &feed, Utc::now())
}

/// The public calendar as an ICS feed (all events by default, cancelled ones marked so), times
/// in UTC, a reminder the day before and an hour before; subscribe to it from any calendar.
#[utoipa::path(get, path = "/api/v1/events.ics", tag = "events",
    params(EventQuery, super::LangQuery),
    responses((status = 200, description = "iCalendar (RFC 5545)", content_type = "text/calendar"),
        (status = 400, description = "An unknown parameter or a bad value")))]
pub async fn feed(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    let (q, lang) = params(&pairs, "all")?;
    let items = events::list(&state.db, &q, Utc::now()).await?;
    let rows = entries(&state, &items, lang, &[]).await?;
    let name = match lang {
        Lang::Es => "Plataforma de Apoyo al MIRPS: eventos",
        Lang::En => "MIRPS Support Platform: events",
    };
    Ok(calendar_response(
        render(name, lang, &rows),
        "mirps-hub-events.ics",
    ))
}

/// One event as ICS (`/api/v1/events/{id}.ics`), to add it to a calendar.
#[utoipa::path(get, path = "/api/v1/events/{id}.ics", tag = "events",
    params(("id" = i64, Path, description = "Event id"),
        ("lang" = Option<String>, Query, description = "`es` (default) or `en`")),
    responses((status = 200, description = "iCalendar with one event", content_type = "text/calendar"),
        (status = 404, description = "No such event")))]
pub async fn one(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    let id: i64 = file
        .strip_suffix(".ics")
        .and_then(|n| n.parse().ok())
        .ok_or(AppError::NotFound)?;
    let lang = match pairs.iter().find(|(k, _)| k == "lang") {
        Some((_, v)) => {
            Lang::from_code(v).ok_or_else(|| AppError::invalid("lang", Problem::UnknownChoice))?
        }
        None => Lang::Es,
    };
    let d = events::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = entries(&state, std::slice::from_ref(&d.summary), lang, &[]).await?;
    Ok(calendar_response(
        render(d.summary.title(lang), lang, &rows),
        &format!("event-{id}.ics"),
    ))
}

/// A person's registrations as ICS, at the secret address made on "My events". An unknown or
/// replaced token is a plain 404.
pub async fn personal_feed(
    State(state): State<AppState>,
    Path((token, file)): Path<(String, String)>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    if file != "events.ics" || token.len() > 100 {
        return Err(AppError::NotFound);
    }
    let user = events::feed_owner(&state.db, &token)
        .await?
        .ok_or(AppError::NotFound)?;
    let lang = pairs
        .iter()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::from_code(v))
        .unwrap_or(Lang::Es);
    let mine = events::registrations_of(&state.db, user).await?;
    let items: Vec<EventSummaryItem> = mine.iter().map(|m| m.event.clone()).collect();
    let notes: Vec<Option<&'static str>> = mine
        .iter()
        .map(|m| match m.status {
            RegistrationStatus::Confirmed => None,
            s => Some(s.name(lang)),
        })
        .collect();
    let rows = entries(&state, &items, lang, &notes).await?;
    let name = match lang {
        Lang::Es => "Mis eventos MIRPS",
        Lang::En => "My MIRPS events",
    };
    Ok(calendar_response(
        render(name, lang, &rows),
        "my-events.ics",
    ))
}

/// The participant list of an event as CSV (organisers), optionally one status only.
pub async fn participants_csv(
    State(state): State<AppState>,
    session: AuthSession,
    Path((id, file)): Path<(i64, String)>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    authorize(session.user.as_ref(), &Action::ManageEvents)?;
    if file != "participants.csv" {
        return Err(AppError::NotFound);
    }
    let mut lang = Lang::Es;
    let mut status = None;
    for (k, v) in &pairs {
        match k.as_str() {
            "lang" => {
                lang = Lang::from_code(v)
                    .ok_or_else(|| AppError::invalid("lang", Problem::UnknownChoice))?
            }
            "status" if v.is_empty() => {}
            "status" => {
                status = Some(
                    RegistrationStatus::from_code(v)
                        .ok_or_else(|| AppError::invalid("status", Problem::UnknownChoice))?,
                )
            }
            other => return Err(AppError::invalid(other, Problem::NotAllowed)),
        }
    }
    events::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = events::participants(&state.db, id).await?;
    let mut w = super::CsvOut::new();
    let head = match lang {
        Lang::Es => [
            "nombre",
            "correo",
            "perfil",
            "afiliacion",
            "estado",
            "puesto_en_espera",
            "solicitado_utc",
        ],
        Lang::En => [
            "name",
            "email",
            "role",
            "affiliation",
            "status",
            "waiting_list_position",
            "requested_utc",
        ],
    };
    w.row(head)?;
    for p in people
        .iter()
        .filter(|p| status.is_none_or(|s| p.status == s))
    {
        w.row([
            p.name.clone(),
            p.email.clone(),
            p.role.clone(),
            lang.pick(&p.affiliation_es, &p.affiliation_en).to_string(),
            p.status.name(lang).to_string(),
            p.position.map(|n| n.to_string()).unwrap_or_default(),
            p.queued_at.to_rfc3339(),
        ])?;
    }
    let body = w.finish()?;
    Ok(super::download(
        super::CSV,
        &format!("event-{id}-participants.csv"),
        body,
    ))
}
