//! Events: the calendar, its clash check, registration with capacity, waiting list and
//! moderation, notifications, outcomes and personal calendar feeds.
//!
//! Registrations of one event are serialised by bumping `events.registration_seq` as the first
//! statement of every transaction that changes them: on PostgreSQL that takes the event's row
//! lock, on SQLite the database's write lock, so two people never get the last place.

use super::audit::{Actor, NewAudit};
use super::Db;
use crate::error::{AppError, FieldError, Problem};
use crate::model::{
    Clash, ClashReason, ClashReport, EventContribution, EventDetail, EventKind, EventMode,
    EventOutcomes, EventQuery, EventStatus, EventSummaryItem, FreeWindow, MyRegistration, Named,
    Notice, Participant, PolicyChange, RegistrationStatus,
};
pub use crate::server::validate::events::NewEvent;
use crate::{on_db, write_audit};
use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// The venue's zone by IANA name (UTC for an unknown name, which the form never lets in).
pub fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::UTC)
}

/// An instant as the clocks of `tz` show it.
pub fn local(at: DateTime<Utc>, tz: Tz) -> NaiveDateTime {
    tz.from_utc_datetime(&at.naive_utc()).naive_local()
}

/// A wall-clock time in `tz` as an instant; the earlier one when clocks go back, and `None` for
/// a time that does not exist (skipped when clocks go forward).
pub fn from_local(t: NaiveDateTime, tz: Tz) -> Option<DateTime<Utc>> {
    tz.from_local_datetime(&t)
        .earliest()
        .map(|d| d.with_timezone(&Utc))
}

fn audit_view(e: &NewEvent) -> serde_json::Value {
    json!({
        "kind": e.kind.code(),
        "status": e.status.code(),
        "title_es": e.title_es,
        "title_en": e.title_en,
        "description_es": e.description_es,
        "description_en": e.description_en,
        "starts_at": e.starts_at,
        "ends_at": e.ends_at,
        "timezone": e.timezone,
        "host": e.host,
        "location_es": e.location_es,
        "location_en": e.location_en,
        "mode": e.mode.code(),
        "online_url": e.online_url,
        "countries": e.countries,
        "organisers": e.organisers,
        "themes": e.themes,
        "capacity": e.capacity,
        "registration": e.registration,
        "registration_opens_at": e.registration_opens_at,
        "registration_closes_at": e.registration_closes_at,
        "moderated": e.moderated,
        "materials_es": e.materials_es,
        "materials_en": e.materials_en,
    })
}

fn slug_for(e: &NewEvent) -> String {
    let title = if e.title_en.trim().is_empty() {
        &e.title_es
    } else {
        &e.title_en
    };
    let words: String = crate::server::text::fold(title)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let words: Vec<&str> = words.split('-').filter(|w| !w.is_empty()).take(8).collect();
    format!(
        "{}-{}-{}",
        words.join("-"),
        e.starts_at.format("%Y%m%d"),
        &crate::server::tokens::new_token()[..6].to_ascii_lowercase()
    )
}

/// Writes the countries, organisers and themes of an event (replacing what was there).
macro_rules! write_links {
    ($tx:expr, $id:expr, $e:expr) => {{
        crate::replace_links!(
            $tx,
            "event_countries",
            "event_id",
            $id,
            "country_iso2",
            $e.all_countries()
        );
        crate::replace_links!(
            $tx,
            "event_organisers",
            "event_id",
            $id,
            "organisation_code",
            &$e.organisers
        );
        crate::replace_links!(
            $tx,
            "event_themes",
            "event_id",
            $id,
            "theme_code",
            &$e.themes
        );
    }};
}

/// Binds the fields an insert and an update both write, in the order of their columns
/// (`kind` to `date_precision`).
macro_rules! bind_editable {
    ($q:expr, $e:expr) => {
        $q.bind($e.kind.code())
            .bind($e.status.code())
            .bind(&$e.title_es)
            .bind(&$e.title_en)
            .bind(&$e.description_es)
            .bind(&$e.description_en)
            .bind($e.starts_at)
            .bind($e.ends_at)
            .bind(&$e.timezone)
            .bind(&$e.host)
            .bind(&$e.location_es)
            .bind(&$e.location_en)
            .bind($e.mode.code())
            .bind(&$e.online_url)
            .bind($e.capacity)
            .bind($e.registration)
            .bind($e.registration_opens_at)
            .bind($e.registration_closes_at)
            .bind($e.moderated)
            .bind(&$e.materials_es)
            .bind(&$e.materials_en)
            .bind(&$e.date_precision)
    };
}

/// Records a new event with its countries, organisers and themes, audited.
pub async fn create(db: &Db, actor: Option<&Actor>, e: &NewEvent) -> Result<i64, AppError> {
    let now = Utc::now();
    let slug = e.slug.clone().unwrap_or_else(|| slug_for(e));
    let id = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let q = sqlx::query_scalar(
            "INSERT INTO events (slug, kind, status, title_es, title_en, description_es, \
             description_en, starts_at, ends_at, timezone, host_country_iso2, location_es, \
             location_en, mode, online_url, capacity, registration, registration_opens_at, \
             registration_closes_at, moderated, materials_es, materials_en, date_precision, \
             is_example, created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
             $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26) \
             RETURNING id",
        )
        .bind(&slug);
        let id: i64 = bind_editable!(q, e)
        .bind(e.is_example)
        .bind(actor.map(|a| a.id))
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        write_links!(tx, id, e);
        let entry = NewAudit::new(actor, "create", "event", id).after(audit_view(e));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        id
    });
    Ok(id)
}

/// Moves places from the waiting list to confirmed while there is room, oldest request first,
/// and tells each person moved up. Runs inside a transaction that has locked the event.
macro_rules! fill_places {
    ($tx:expr, $event_id:expr, $now:expr, $actor:expr) => {{
        let capacity: Option<i64> = sqlx::query_scalar(
            "SELECT CAST(capacity AS BIGINT) FROM events WHERE id = $1",
        )
        .bind($event_id)
        .fetch_one(&mut *$tx)
        .await?;
        loop {
            let confirmed: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'confirmed'",
            )
            .bind($event_id)
            .fetch_one(&mut *$tx)
            .await?;
            if capacity.is_some_and(|c| confirmed >= c) {
                break;
            }
            let next: Option<(i64, Option<i64>)> = sqlx::query_as(
                "SELECT id, user_id FROM event_registrations WHERE event_id = $1 AND \
                 status = 'waitlisted' ORDER BY queued_at, id LIMIT 1",
            )
            .bind($event_id)
            .fetch_optional(&mut *$tx)
            .await?;
            let Some((reg_id, user_id)) = next else { break };
            sqlx::query(
                "UPDATE event_registrations SET status = 'confirmed', updated_at = $1 WHERE id = $2",
            )
            .bind($now)
            .bind(reg_id)
            .execute(&mut *$tx)
            .await?;
            if let Some(u) = user_id {
                sqlx::query(
                    "INSERT INTO notifications (user_id, kind, event_id, created_at) \
                     VALUES ($1, 'promoted', $2, $3)",
                )
                .bind(u)
                .bind($event_id)
                .bind($now)
                .execute(&mut *$tx)
                .await?;
            }
            let entry = NewAudit::new($actor, "promote", "event_registration", reg_id)
                .before(json!({ "status": "waitlisted" }))
                .after(json!({ "status": "confirmed", "event": $event_id }));
            write_audit!(&mut *$tx, &entry)?;
        }
    }};
}

/// Tells every person with an active registration something about the event.
macro_rules! notify_registrants {
    ($tx:expr, $event_id:expr, $kind:expr, $now:expr) => {{
        sqlx::query(
            "INSERT INTO notifications (user_id, kind, event_id, created_at) \
             SELECT user_id, $1, event_id, $2 FROM event_registrations \
             WHERE event_id = $3 AND user_id IS NOT NULL \
             AND status IN ('pending', 'confirmed', 'waitlisted')",
        )
        .bind($kind)
        .bind($now)
        .bind($event_id)
        .execute(&mut *$tx)
        .await?;
    }};
}

/// Replaces an event's fields if nobody changed it since `version`. People registered are told
/// when it moves or is cancelled; a larger capacity moves people up from the waiting list.
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: i64,
    version: i64,
    e: &NewEvent,
) -> Result<(), AppError> {
    let before = get(db, id).await?.ok_or(AppError::NotFound)?;
    let now = Utc::now();
    let moved = before.summary.starts_at != e.starts_at || before.summary.ends_at != e.ends_at;
    let cancelled =
        e.status == EventStatus::Cancelled && before.summary.status != EventStatus::Cancelled;
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let q = sqlx::query(
            "UPDATE events SET kind = $1, status = $2, title_es = $3, title_en = $4, \
             description_es = $5, description_en = $6, starts_at = $7, ends_at = $8, \
             timezone = $9, host_country_iso2 = $10, location_es = $11, location_en = $12, \
             mode = $13, online_url = $14, capacity = $15, registration = $16, \
             registration_opens_at = $17, registration_closes_at = $18, moderated = $19, \
             materials_es = $20, materials_en = $21, date_precision = $22, updated_at = $23, \
             version = version + 1, registration_seq = registration_seq + 1 \
             WHERE id = $24 AND version = $25",
        );
        crate::update_versioned!(tx, bind_editable!(q, e), now, id, version);
        write_links!(tx, id, e);
        if cancelled {
            notify_registrants!(tx, id, "event_cancelled", now);
        } else if moved {
            notify_registrants!(tx, id, "event_changed", now);
        }
        if !e.moderated || before.moderated {
            fill_places!(tx, id, now, Some(actor));
        }
        let entry = NewAudit::new(Some(actor), "update", "event", id)
            .before(detail_view(&before))
            .after(audit_view(e));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
    });
    Ok(())
}

mod clash;
mod feeds;
mod outcomes;
mod read;
mod registration;

pub use clash::*;
pub use feeds::*;
pub use outcomes::*;
pub use read::*;
pub use registration::*;
