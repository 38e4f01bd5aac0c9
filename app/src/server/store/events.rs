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

/// An event as the organiser writes it; instants in UTC.
#[derive(Clone, Debug)]
pub struct NewEvent {
    pub slug: Option<String>,
    pub kind: EventKind,
    pub status: EventStatus,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    pub date_precision: String,
    pub host: Option<String>,
    pub location_es: String,
    pub location_en: String,
    pub mode: EventMode,
    pub online_url: String,
    pub countries: Vec<String>,
    pub organisers: Vec<String>,
    pub themes: Vec<String>,
    pub capacity: Option<i64>,
    pub registration: bool,
    pub registration_opens_at: Option<DateTime<Utc>>,
    pub registration_closes_at: Option<DateTime<Utc>>,
    pub moderated: bool,
    pub materials_es: String,
    pub materials_en: String,
    pub is_example: bool,
}

impl NewEvent {
    fn check(&self) -> Result<(), AppError> {
        let mut errors = Vec::new();
        if self.title_es.trim().is_empty() && self.title_en.trim().is_empty() {
            errors.push(FieldError::new("title_es", Problem::Required));
        }
        if self.ends_at <= self.starts_at {
            errors.push(FieldError::new("ends_local", Problem::NotAllowed));
        }
        if self.timezone.parse::<Tz>().is_err() {
            errors.push(FieldError::new("timezone", Problem::UnknownChoice));
        }
        if let Some(c) = self.capacity {
            if !(1..=100_000).contains(&c) {
                errors.push(FieldError::new(
                    "capacity",
                    Problem::OutOfRange {
                        min: 1,
                        max: 100_000,
                    },
                ));
            }
        }
        if let (Some(a), Some(b)) = (self.registration_opens_at, self.registration_closes_at) {
            if b <= a {
                errors.push(FieldError::new("registration_closes", Problem::NotAllowed));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(errors))
        }
    }

    /// Everything that involves a country: the host and the participating countries.
    fn all_countries(&self) -> Vec<String> {
        let mut set: BTreeSet<String> = self.countries.iter().cloned().collect();
        if let Some(h) = &self.host {
            set.insert(h.clone());
        }
        set.into_iter().collect()
    }
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
        for table in ["event_countries", "event_organisers", "event_themes"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE event_id = $1"))
                .bind($id)
                .execute(&mut *$tx)
                .await?;
        }
        for c in $e.all_countries() {
            sqlx::query("INSERT INTO event_countries (event_id, country_iso2) VALUES ($1, $2)")
                .bind($id)
                .bind(c)
                .execute(&mut *$tx)
                .await?;
        }
        for o in &$e.organisers {
            sqlx::query(
                "INSERT INTO event_organisers (event_id, organisation_code) VALUES ($1, $2)",
            )
            .bind($id)
            .bind(o)
            .execute(&mut *$tx)
            .await?;
        }
        for t in &$e.themes {
            sqlx::query("INSERT INTO event_themes (event_id, theme_code) VALUES ($1, $2)")
                .bind($id)
                .bind(t)
                .execute(&mut *$tx)
                .await?;
        }
    }};
}

/// Records a new event with its countries, organisers and themes, audited.
pub async fn create(db: &Db, actor: Option<&Actor>, e: &NewEvent) -> Result<i64, AppError> {
    e.check()?;
    let now = Utc::now();
    let slug = e.slug.clone().unwrap_or_else(|| slug_for(e));
    let id = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO events (slug, kind, title_es, title_en, starts_at, ends_at, timezone, \
             date_precision, host_country_iso2, location_es, location_en, status, is_example, \
             description_es, description_en, mode, online_url, capacity, registration, \
             registration_opens_at, registration_closes_at, moderated, materials_es, materials_en, \
             created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
             $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26) RETURNING id",
        )
        .bind(&slug)
        .bind(e.kind.code())
        .bind(&e.title_es)
        .bind(&e.title_en)
        .bind(e.starts_at)
        .bind(e.ends_at)
        .bind(&e.timezone)
        .bind(&e.date_precision)
        .bind(&e.host)
        .bind(&e.location_es)
        .bind(&e.location_en)
        .bind(e.status.code())
        .bind(e.is_example)
        .bind(&e.description_es)
        .bind(&e.description_en)
        .bind(e.mode.code())
        .bind(&e.online_url)
        .bind(e.capacity)
        .bind(e.registration)
        .bind(e.registration_opens_at)
        .bind(e.registration_closes_at)
        .bind(e.moderated)
        .bind(&e.materials_es)
        .bind(&e.materials_en)
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
    e.check()?;
    let before = get(db, id).await?.ok_or(AppError::NotFound)?;
    let now = Utc::now();
    let moved = before.summary.starts_at != e.starts_at || before.summary.ends_at != e.ends_at;
    let cancelled =
        e.status == EventStatus::Cancelled && before.summary.status != EventStatus::Cancelled;
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE events SET kind = $1, status = $2, title_es = $3, title_en = $4, \
             description_es = $5, description_en = $6, starts_at = $7, ends_at = $8, \
             timezone = $9, host_country_iso2 = $10, location_es = $11, location_en = $12, \
             mode = $13, online_url = $14, capacity = $15, registration = $16, \
             registration_opens_at = $17, registration_closes_at = $18, moderated = $19, \
             materials_es = $20, materials_en = $21, date_precision = $22, updated_at = $23, \
             version = version + 1, registration_seq = registration_seq + 1 \
             WHERE id = $24 AND version = $25",
        )
        .bind(e.kind.code())
        .bind(e.status.code())
        .bind(&e.title_es)
        .bind(&e.title_en)
        .bind(&e.description_es)
        .bind(&e.description_en)
        .bind(e.starts_at)
        .bind(e.ends_at)
        .bind(&e.timezone)
        .bind(&e.host)
        .bind(&e.location_es)
        .bind(&e.location_en)
        .bind(e.mode.code())
        .bind(&e.online_url)
        .bind(e.capacity)
        .bind(e.registration)
        .bind(e.registration_opens_at)
        .bind(e.registration_closes_at)
        .bind(e.moderated)
        .bind(&e.materials_es)
        .bind(&e.materials_en)
        .bind(&e.date_precision)
        .bind(now)
        .bind(id)
        .bind(version)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(AppError::Conflict);
        }
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

fn detail_view(d: &EventDetail) -> serde_json::Value {
    json!({
        "kind": d.summary.kind.code(),
        "status": d.summary.status.code(),
        "title_es": d.summary.title_es,
        "title_en": d.summary.title_en,
        "description_es": d.description_es,
        "description_en": d.description_en,
        "starts_at": d.summary.starts_at,
        "ends_at": d.summary.ends_at,
        "timezone": d.summary.timezone,
        "host": d.summary.host_country,
        "location_es": d.summary.location_es,
        "location_en": d.summary.location_en,
        "mode": d.summary.mode.code(),
        "online_url": d.online_url,
        "countries": d.summary.countries,
        "organisers": d.organisers.iter().map(|o| &o.code).collect::<Vec<_>>(),
        "themes": d.summary.themes,
        "capacity": d.capacity,
        "registration": d.registration,
        "registration_opens_at": d.registration_opens_at,
        "registration_closes_at": d.registration_closes_at,
        "moderated": d.moderated,
        "materials_es": d.materials_es,
        "materials_en": d.materials_en,
    })
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    kind: String,
    title_es: String,
    title_en: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    timezone: String,
    date_precision: String,
    host_country_iso2: Option<String>,
    location_es: String,
    location_en: String,
    mode: String,
    status: String,
    is_example: bool,
}

const SUMMARY_COLUMNS: &str = "e.id, e.kind, e.title_es, e.title_en, e.starts_at, e.ends_at, \
     e.timezone, e.date_precision, e.host_country_iso2, e.location_es, e.location_en, e.mode, \
     e.status, e.is_example";

impl SummaryRow {
    fn into_item(
        self,
        countries: &BTreeMap<i64, Vec<String>>,
        themes: &BTreeMap<i64, Vec<String>>,
    ) -> EventSummaryItem {
        let tz = zone(&self.timezone);
        let local_start = local(self.starts_at, tz);
        let local_end = local(self.ends_at, tz);
        let all_day = self.date_precision == "month"
            || (local_start.time().num_seconds_from_midnight() == 0
                && local_end.time().num_seconds_from_midnight() >= 23 * 3600 + 59 * 60);
        EventSummaryItem {
            id: self.id,
            kind: EventKind::from_code(&self.kind).unwrap_or(EventKind::LearningWorkshop),
            title_es: self.title_es,
            title_en: self.title_en,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            timezone: self.timezone,
            local_start,
            local_end,
            date_precision: self.date_precision,
            all_day,
            host_country: self.host_country_iso2,
            location_es: self.location_es,
            location_en: self.location_en,
            mode: EventMode::from_code(&self.mode).unwrap_or(EventMode::InPerson),
            status: EventStatus::from_code(&self.status).unwrap_or(EventStatus::Planned),
            countries: countries.get(&self.id).cloned().unwrap_or_default(),
            themes: themes.get(&self.id).cloned().unwrap_or_default(),
            is_example: self.is_example,
        }
    }
}

/// Countries and themes of every event, by event.
async fn link_maps(
    db: &Db,
) -> Result<(BTreeMap<i64, Vec<String>>, BTreeMap<i64, Vec<String>>), AppError> {
    let mut countries: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    let mut themes: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    let c: Vec<(i64, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT event_id, country_iso2 FROM event_countries ORDER BY event_id, country_iso2",
    )
    .fetch_all(pool)
    .await?);
    for (e, code) in c {
        countries.entry(e).or_default().push(code);
    }
    let t: Vec<(i64, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT event_id, theme_code FROM event_themes ORDER BY event_id, theme_code",
    )
    .fetch_all(pool)
    .await?);
    for (e, code) in t {
        themes.entry(e).or_default().push(code);
    }
    Ok((countries, themes))
}

/// Events matching the filters: upcoming ones soonest first, past ones latest first.
pub async fn list(
    db: &Db,
    q: &EventQuery,
    now: DateTime<Utc>,
) -> Result<Vec<EventSummaryItem>, AppError> {
    let (when, order) = match q.when.as_str() {
        "past" => ("e.ends_at < $1", "e.starts_at DESC, e.id DESC"),
        "all" => ("($1 IS NOT NULL)", "e.starts_at, e.id"),
        _ => ("e.ends_at >= $1", "e.starts_at, e.id"),
    };
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM events e WHERE {when} \
         AND ($2 = '' OR e.kind = $2) \
         AND ($3 = '' OR e.host_country_iso2 = $3 OR EXISTS (SELECT 1 FROM event_countries c \
              WHERE c.event_id = e.id AND c.country_iso2 = $3)) \
         AND ($4 = '' OR EXISTS (SELECT 1 FROM event_themes t WHERE t.event_id = e.id \
              AND t.theme_code = $4)) \
         ORDER BY {order}"
    );
    let rows: Vec<SummaryRow> = on_db!(db, pool => sqlx::query_as(&sql)
        .bind(now)
        .bind(&q.kind)
        .bind(&q.country)
        .bind(&q.theme)
        .fetch_all(pool)
        .await?);
    let (countries, themes) = link_maps(db).await?;
    Ok(rows
        .into_iter()
        .map(|r| r.into_item(&countries, &themes))
        .collect())
}

/// Events that overlap `[from, to)` (cancelled ones included: calendars show them struck out).
pub async fn between(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<EventSummaryItem>, AppError> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM events e WHERE e.starts_at < $2 AND e.ends_at > $1 \
         ORDER BY e.starts_at, e.id"
    );
    let rows: Vec<SummaryRow> = on_db!(db, pool => sqlx::query_as(&sql)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?);
    let (countries, themes) = link_maps(db).await?;
    Ok(rows
        .into_iter()
        .map(|r| r.into_item(&countries, &themes))
        .collect())
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    slug: String,
    description_es: String,
    description_en: String,
    online_url: String,
    capacity: Option<i64>,
    registration: bool,
    registration_opens_at: Option<DateTime<Utc>>,
    registration_closes_at: Option<DateTime<Utc>>,
    moderated: bool,
    materials_es: String,
    materials_en: String,
    learned_es: String,
    learned_en: String,
    source_url: Option<String>,
    version: i64,
}

/// One event with everything its page shows.
pub async fn get(db: &Db, id: i64) -> Result<Option<EventDetail>, AppError> {
    let sql = format!("SELECT {SUMMARY_COLUMNS} FROM events e WHERE e.id = $1");
    let row: Option<SummaryRow> =
        on_db!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?);
    let Some(row) = row else { return Ok(None) };
    let d: DetailRow = on_db!(db, pool => sqlx::query_as(
        "SELECT slug, description_es, description_en, online_url, CAST(capacity AS BIGINT) AS capacity, \
         registration, registration_opens_at, registration_closes_at, moderated, materials_es, \
         materials_en, learned_es, learned_en, source_url, CAST(version AS BIGINT) AS version \
         FROM events WHERE id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await?);
    let countries: Vec<(String, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT c.iso2, c.name_es, c.name_en FROM event_countries ec JOIN countries c \
         ON c.iso2 = ec.country_iso2 WHERE ec.event_id = $1 ORDER BY c.name_es",
    )
    .bind(id)
    .fetch_all(pool)
    .await?);
    let organisers: Vec<(String, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT o.code, o.short_es, o.short_en FROM event_organisers eo JOIN organisations o \
         ON o.code = eo.organisation_code WHERE eo.event_id = $1 ORDER BY o.sort_order, o.code",
    )
    .bind(id)
    .fetch_all(pool)
    .await?);
    let themes: Vec<(String, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT t.code, t.name_es, t.name_en FROM event_themes et JOIN themes t \
         ON t.code = et.theme_code WHERE et.event_id = $1 ORDER BY t.sort_order",
    )
    .bind(id)
    .fetch_all(pool)
    .await?);
    let counts: Vec<(String, i64)> = on_db!(db, pool => sqlx::query_as(
        "SELECT status, COUNT(*) FROM event_registrations WHERE event_id = $1 GROUP BY status",
    )
    .bind(id)
    .fetch_all(pool)
    .await?);
    let count = |s: &str| {
        counts
            .iter()
            .find(|(k, _)| k == s)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    };
    let named = |v: Vec<(String, String, String)>| -> Vec<Named> {
        v.into_iter()
            .map(|(code, name_es, name_en)| Named {
                code,
                name_es,
                name_en,
            })
            .collect()
    };
    let countries = named(countries);
    let host = row
        .host_country_iso2
        .as_ref()
        .and_then(|h| countries.iter().find(|c| &c.code == h).cloned());
    let mut country_map = BTreeMap::new();
    country_map.insert(id, countries.iter().map(|c| c.code.clone()).collect());
    let mut theme_map = BTreeMap::new();
    theme_map.insert(id, themes.iter().map(|t| t.0.clone()).collect());
    let summary = row.into_item(&country_map, &theme_map);
    let venue_offset_minutes = zone(&summary.timezone)
        .offset_from_utc_datetime(&summary.starts_at.naive_utc())
        .fix()
        .local_minus_utc()
        / 60;
    Ok(Some(EventDetail {
        summary,
        slug: d.slug,
        description_es: d.description_es,
        description_en: d.description_en,
        online_url: d.online_url,
        venue_offset_minutes,
        host,
        countries,
        organisers: named(organisers),
        themes: named(themes),
        capacity: d.capacity,
        registration: d.registration,
        registration_opens_at: d.registration_opens_at,
        registration_closes_at: d.registration_closes_at,
        moderated: d.moderated,
        materials_es: d.materials_es,
        materials_en: d.materials_en,
        learned_es: d.learned_es,
        learned_en: d.learned_en,
        source_url: d.source_url,
        version: d.version,
        confirmed: count("confirmed"),
        waitlisted: count("waitlisted"),
        pending: count("pending"),
    }))
}

// ---------------------------------------------------------------------------------------------
// The clash check

/// A time being considered for an event, and who it involves.
#[derive(Clone, Debug)]
pub struct Proposal {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    pub countries: Vec<String>,
    pub organisers: Vec<String>,
}

/// Another event as the clash check sees it.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub event: EventSummaryItem,
    pub organisers: Vec<String>,
}

/// Why `c` is in the way of `p`, if it overlaps it and matters (pure; instants compared in UTC,
/// so events in different zones clash exactly when their real times overlap).
pub fn clash_reasons(p: &Proposal, c: &Candidate) -> Option<Vec<ClashReason>> {
    let e = &c.event;
    if e.status == EventStatus::Cancelled || !(e.starts_at < p.ends_at && e.ends_at > p.starts_at) {
        return None;
    }
    let mut reasons = Vec::new();
    if e.kind.is_standing_meeting() {
        reasons.push(ClashReason::StandingMeeting);
    }
    let countries: Vec<String> = e
        .countries
        .iter()
        .chain(e.host_country.iter())
        .filter(|c| p.countries.contains(c))
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if !countries.is_empty() {
        reasons.push(ClashReason::SameCountries(countries));
    }
    let organisers: Vec<String> = c
        .organisers
        .iter()
        .filter(|o| p.organisers.contains(o))
        .cloned()
        .collect();
    if !organisers.is_empty() {
        reasons.push(ClashReason::SameOrganisers(organisers));
    }
    (!reasons.is_empty()).then_some(reasons)
}

/// The events that are in the way of `p`.
pub fn clashes_among(p: &Proposal, candidates: &[Candidate]) -> Vec<Clash> {
    candidates
        .iter()
        .filter_map(|c| {
            clash_reasons(p, c).map(|reasons| Clash {
                event: c.event.clone(),
                reasons,
            })
        })
        .collect()
}

/// Up to `n` times of the proposal's length with nothing in the way: the same wall-clock time
/// on the following days (weekends skipped), within 60 days, none in the past.
pub fn free_windows(
    p: &Proposal,
    candidates: &[Candidate],
    now: DateTime<Utc>,
    n: usize,
) -> Vec<FreeWindow> {
    let tz = zone(&p.timezone);
    let length = p.ends_at - p.starts_at;
    let start_local = local(p.starts_at, tz);
    let mut out = Vec::new();
    for day in 1..=60 {
        let t = start_local + Duration::days(day);
        use chrono::Datelike;
        if matches!(t.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
            continue;
        }
        let Some(starts_at) = from_local(t, tz) else {
            continue;
        };
        if starts_at < now {
            continue;
        }
        let moved = Proposal {
            starts_at,
            ends_at: starts_at + length,
            ..p.clone()
        };
        if candidates
            .iter()
            .all(|c| clash_reasons(&moved, c).is_none())
        {
            out.push(FreeWindow {
                starts_at,
                ends_at: moved.ends_at,
                local_start: local(starts_at, tz),
                local_end: local(moved.ends_at, tz),
            });
            if out.len() == n {
                break;
            }
        }
    }
    out
}

/// Non-cancelled events overlapping `[from, to)` with their organisers, except `exclude`.
async fn candidates(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    exclude: i64,
) -> Result<Vec<Candidate>, AppError> {
    let events = between(db, from, to).await?;
    let org_rows: Vec<(i64, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT event_id, organisation_code FROM event_organisers",
    )
    .fetch_all(pool)
    .await?);
    let mut organisers: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (e, o) in org_rows {
        organisers.entry(e).or_default().push(o);
    }
    Ok(events
        .into_iter()
        .filter(|e| e.id != exclude && e.status != EventStatus::Cancelled)
        .map(|event| Candidate {
            organisers: organisers.remove(&event.id).unwrap_or_default(),
            event,
        })
        .collect())
}

/// What is in the way of a proposed time, and up to three free windows when something is.
pub async fn clash_report(
    db: &Db,
    p: &Proposal,
    exclude: i64,
    now: DateTime<Utc>,
) -> Result<ClashReport, AppError> {
    let horizon = p.ends_at + Duration::days(62);
    let all = candidates(db, p.starts_at, horizon, exclude).await?;
    let clashes = clashes_among(p, &all);
    let windows = if clashes.is_empty() {
        Vec::new()
    } else {
        free_windows(p, &all, now, 3)
    };
    Ok(ClashReport {
        clashes,
        windows,
        timezone: p.timezone.clone(),
    })
}

// ---------------------------------------------------------------------------------------------
// Registration

/// Who asks for a place: a person with an account, or a guest the organiser adds.
#[derive(Clone, Debug)]
pub enum Registrant {
    User(i64),
    Guest {
        name: String,
        email: String,
        affiliation: String,
    },
}

#[derive(sqlx::FromRow)]
struct RegistrationRules {
    capacity: Option<i64>,
    registration: bool,
    registration_opens_at: Option<DateTime<Utc>>,
    registration_closes_at: Option<DateTime<Utc>>,
    moderated: bool,
    status: String,
    ends_at: DateTime<Utc>,
}

impl RegistrationRules {
    fn of(d: &EventDetail) -> Self {
        RegistrationRules {
            capacity: d.capacity,
            registration: d.registration,
            registration_opens_at: d.registration_opens_at,
            registration_closes_at: d.registration_closes_at,
            moderated: d.moderated,
            status: d.summary.status.code().to_string(),
            ends_at: d.summary.ends_at,
        }
    }

    /// Offered, the event neither over nor cancelled or held, and (except for organisers) inside
    /// the registration window.
    fn open(&self, now: DateTime<Utc>, organiser: bool) -> bool {
        let status_ok = matches!(self.status.as_str(), "planned" | "confirmed");
        let window_ok = organiser
            || (self.registration_opens_at.is_none_or(|t| t <= now)
                && self.registration_closes_at.is_none_or(|t| now <= t));
        self.registration && status_ok && self.ends_at > now && window_ok
    }
}

/// Whether people may ask for a place at `d` at `now` (the same rule [`register`] applies).
pub fn registration_open(d: &EventDetail, now: DateTime<Utc>) -> bool {
    RegistrationRules::of(d).open(now, false)
}

const RULES_SQL: &str = "SELECT CAST(capacity AS BIGINT) AS capacity, registration, \
     registration_opens_at, registration_closes_at, moderated, status, ends_at \
     FROM events WHERE id = $1";

/// Asks for a place: confirmed while there is room, on the waiting list once it is full, or
/// awaiting the organiser's approval when the event is moderated (organisers adding someone skip
/// the approval and the registration window). Asking again changes nothing; someone who
/// withdrew asks again at the back of the queue.
pub async fn register(
    db: &Db,
    event_id: i64,
    who: &Registrant,
    actor: Option<&Actor>,
    organiser: bool,
    now: DateTime<Utc>,
) -> Result<RegistrationStatus, AppError> {
    if let Registrant::Guest { name, email, .. } = who {
        let mut errors = Vec::new();
        if name.trim().is_empty() {
            errors.push(FieldError::new("guest_name", Problem::Required));
        }
        let email = email.trim();
        if email.len() < 3 || !email.contains('@') || email.len() > 254 {
            errors.push(FieldError::new("guest_email", Problem::InvalidFormat));
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
    }
    let (user_id, guest_email) = match who {
        Registrant::User(u) => (Some(*u), None),
        Registrant::Guest { email, .. } => (None, Some(email.trim().to_lowercase())),
    };
    let status = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let locked = sqlx::query(
            "UPDATE events SET registration_seq = registration_seq + 1 WHERE id = $1",
        )
        .bind(event_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if locked == 0 {
            return Err(AppError::NotFound);
        }
        let rules: RegistrationRules = sqlx::query_as(RULES_SQL)
            .bind(event_id)
            .fetch_one(&mut *tx)
            .await?;
        if !rules.open(now, organiser) {
            return Err(AppError::invalid("registration", Problem::RegistrationClosed));
        }
        let existing: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, status FROM event_registrations WHERE event_id = $1 AND \
             (user_id = $2 OR guest_email = $3)",
        )
        .bind(event_id)
        .bind(user_id)
        .bind(&guest_email)
        .fetch_optional(&mut *tx)
        .await?;
        let previous = existing
            .as_ref()
            .and_then(|(_, s)| RegistrationStatus::from_code(s));
        if let Some(p) = previous {
            if p.is_active() || (p == RegistrationStatus::Rejected && !organiser) {
                return Ok(p);
            }
        }
        let confirmed: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'confirmed'",
        )
        .bind(event_id)
        .fetch_one(&mut *tx)
        .await?;
        let waiting: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'waitlisted'",
        )
        .bind(event_id)
        .fetch_one(&mut *tx)
        .await?;
        let room = rules.capacity.is_none_or(|c| confirmed < c) && waiting == 0;
        let status = if rules.moderated && !organiser {
            RegistrationStatus::Pending
        } else if room {
            RegistrationStatus::Confirmed
        } else {
            RegistrationStatus::Waitlisted
        };
        let reg_id: i64 = match existing {
            Some((id, _)) => {
                sqlx::query(
                    "UPDATE event_registrations SET status = $1, queued_at = $2, updated_at = $2 \
                     WHERE id = $3",
                )
                .bind(status.code())
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                id
            }
            None => {
                let (name, affiliation) = match who {
                    Registrant::Guest { name, affiliation, .. } => {
                        (name.trim().to_string(), affiliation.trim().to_string())
                    }
                    Registrant::User(_) => (String::new(), String::new()),
                };
                sqlx::query_scalar(
                    "INSERT INTO event_registrations (event_id, user_id, guest_name, guest_email, \
                     guest_affiliation, status, queued_at, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7) RETURNING id",
                )
                .bind(event_id)
                .bind(user_id)
                .bind(name)
                .bind(&guest_email)
                .bind(affiliation)
                .bind(status.code())
                .bind(now)
                .fetch_one(&mut *tx)
                .await?
            }
        };
        let entry = NewAudit::new(actor, "register", "event_registration", reg_id)
            .before(json!({ "status": previous.map(|p| p.code()) }))
            .after(json!({ "event": event_id, "user": user_id, "guest": guest_email, "status": status.code() }));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        status
    });
    Ok(status)
}

/// The event a registration belongs to, and the account that holds it (none for a guest).
pub async fn registration_owner(
    db: &Db,
    registration_id: i64,
) -> Result<Option<(i64, Option<i64>)>, AppError> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT event_id, user_id FROM event_registrations WHERE id = $1",
    )
    .bind(registration_id)
    .fetch_optional(pool)
    .await?))
}

/// Gives up a place (or a place in the queue); the first person waiting moves up and is told.
pub async fn withdraw(
    db: &Db,
    registration_id: i64,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (event_id, _) = registration_owner(db, registration_id)
        .await?
        .ok_or(AppError::NotFound)?;
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE events SET registration_seq = registration_seq + 1 WHERE id = $1")
            .bind(event_id)
            .execute(&mut *tx)
            .await?;
        let status: String = sqlx::query_scalar(
            "SELECT status FROM event_registrations WHERE id = $1",
        )
        .bind(registration_id)
        .fetch_one(&mut *tx)
        .await?;
        if RegistrationStatus::from_code(&status).is_some_and(|s| s.is_active()) {
            sqlx::query(
                "UPDATE event_registrations SET status = 'withdrawn', updated_at = $1 WHERE id = $2",
            )
            .bind(now)
            .bind(registration_id)
            .execute(&mut *tx)
            .await?;
            let entry = NewAudit::new(Some(actor), "withdraw", "event_registration", registration_id)
                .before(json!({ "status": status }))
                .after(json!({ "status": "withdrawn", "event": event_id }));
            write_audit!(&mut *tx, &entry)?;
            fill_places!(tx, event_id, now, Some(actor));
        }
        tx.commit().await?;
    });
    Ok(())
}

/// The organiser approves (a place if there is room, else the waiting list) or turns down a
/// request to a moderated event; the person is told either way.
pub async fn moderate(
    db: &Db,
    registration_id: i64,
    approve: bool,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<RegistrationStatus, AppError> {
    let (event_id, user_id) = registration_owner(db, registration_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE events SET registration_seq = registration_seq + 1 WHERE id = $1")
            .bind(event_id)
            .execute(&mut *tx)
            .await?;
        let current: String = sqlx::query_scalar(
            "SELECT status FROM event_registrations WHERE id = $1",
        )
        .bind(registration_id)
        .fetch_one(&mut *tx)
        .await?;
        if current != "pending" {
            return Err(AppError::Conflict);
        }
        let status = if approve {
            let capacity: Option<i64> = sqlx::query_scalar(
                "SELECT CAST(capacity AS BIGINT) FROM events WHERE id = $1",
            )
            .bind(event_id)
            .fetch_one(&mut *tx)
            .await?;
            let confirmed: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'confirmed'",
            )
            .bind(event_id)
            .fetch_one(&mut *tx)
            .await?;
            if capacity.is_none_or(|c| confirmed < c) {
                RegistrationStatus::Confirmed
            } else {
                RegistrationStatus::Waitlisted
            }
        } else {
            RegistrationStatus::Rejected
        };
        // An approved request joins the waiting list by when it was made.
        sqlx::query("UPDATE event_registrations SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status.code())
            .bind(now)
            .bind(registration_id)
            .execute(&mut *tx)
            .await?;
        if let Some(u) = user_id {
            sqlx::query(
                "INSERT INTO notifications (user_id, kind, event_id, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(u)
            .bind(if approve { "approved" } else { "rejected" })
            .bind(event_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        let entry = NewAudit::new(Some(actor), if approve { "approve" } else { "reject" }, "event_registration", registration_id)
            .before(json!({ "status": "pending" }))
            .after(json!({ "status": status.code(), "event": event_id }));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        status
    });
    Ok(status)
}

#[derive(sqlx::FromRow)]
struct ParticipantRow {
    id: i64,
    user_id: Option<i64>,
    name: String,
    email: String,
    role: String,
    affiliation_es: String,
    affiliation_en: String,
    status: String,
    queued_at: DateTime<Utc>,
}

/// Everyone who asked for a place, confirmed first, then the waiting list in order, then the
/// rest; waiting-list positions counted from 1.
pub async fn participants(db: &Db, event_id: i64) -> Result<Vec<Participant>, AppError> {
    let rows: Vec<ParticipantRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT r.id, r.user_id, COALESCE(u.display_name, r.guest_name) AS name, \
         COALESCE(u.email, r.guest_email, '') AS email, COALESCE(u.role, 'guest') AS role, \
         COALESCE(c.name_es, o.short_es, r.guest_affiliation) AS affiliation_es, \
         COALESCE(c.name_en, o.short_en, r.guest_affiliation) AS affiliation_en, \
         r.status, r.queued_at \
         FROM event_registrations r LEFT JOIN users u ON u.id = r.user_id \
         LEFT JOIN countries c ON c.iso2 = u.country_iso2 \
         LEFT JOIN organisations o ON o.code = u.organisation_code \
         WHERE r.event_id = $1 ORDER BY CASE r.status WHEN 'confirmed' THEN 0 WHEN 'pending' THEN 1 \
         WHEN 'waitlisted' THEN 2 ELSE 3 END, r.queued_at, r.id",
    )
    .bind(event_id)
    .fetch_all(pool)
    .await?);
    let mut position = 0;
    Ok(rows
        .into_iter()
        .map(|r| {
            let status =
                RegistrationStatus::from_code(&r.status).unwrap_or(RegistrationStatus::Withdrawn);
            let pos = (status == RegistrationStatus::Waitlisted).then(|| {
                position += 1;
                position
            });
            Participant {
                id: r.id,
                user_id: r.user_id,
                name: r.name,
                email: r.email,
                affiliation_es: r.affiliation_es,
                affiliation_en: r.affiliation_en,
                role: r.role,
                status,
                queued_at: r.queued_at,
                position: pos,
            }
        })
        .collect())
}

/// A person's registration for one event: its id, status and waiting-list position.
pub async fn registration_of(
    db: &Db,
    event_id: i64,
    user_id: i64,
) -> Result<Option<(i64, RegistrationStatus, Option<i64>)>, AppError> {
    let all = participants(db, event_id).await?;
    Ok(all
        .into_iter()
        .find(|p| p.user_id == Some(user_id))
        .map(|p| (p.id, p.status, p.position)))
}

/// A person's active registrations, soonest event first (past ones included).
pub async fn registrations_of(db: &Db, user_id: i64) -> Result<Vec<MyRegistration>, AppError> {
    let ids: Vec<i64> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT r.event_id FROM event_registrations r JOIN events e ON e.id = r.event_id \
         WHERE r.user_id = $1 AND r.status IN ('pending', 'confirmed', 'waitlisted') \
         ORDER BY e.starts_at",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?);
    let mut out = Vec::new();
    for id in ids {
        let Some(d) = get(db, id).await? else {
            continue;
        };
        if let Some((_, status, position)) = registration_of(db, id, user_id).await? {
            out.push(MyRegistration {
                event: d.summary,
                status,
                position,
            });
        }
    }
    Ok(out)
}

/// What the platform told a person, newest first.
pub async fn notices(db: &Db, user_id: i64) -> Result<Vec<Notice>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        kind: String,
        event_id: Option<i64>,
        title_es: Option<String>,
        title_en: Option<String>,
        created_at: DateTime<Utc>,
        read_at: Option<DateTime<Utc>>,
    }
    let rows: Vec<Row> = on_db!(db, pool => sqlx::query_as(
        "SELECT n.id, n.kind, n.event_id, e.title_es, e.title_en, n.created_at, n.read_at \
         FROM notifications n LEFT JOIN events e ON e.id = n.event_id WHERE n.user_id = $1 \
         ORDER BY n.id DESC LIMIT 50",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?);
    Ok(rows
        .into_iter()
        .map(|r| Notice {
            id: r.id,
            kind: r.kind,
            event_id: r.event_id,
            event_title_es: r.title_es.unwrap_or_default(),
            event_title_en: r.title_en.unwrap_or_default(),
            created_at: r.created_at,
            read: r.read_at.is_some(),
        })
        .collect())
}

/// Marks all of a person's notices as read.
pub async fn mark_notices_read(db: &Db, user_id: i64) -> Result<(), AppError> {
    let now = Utc::now();
    on_db!(db, pool => {
        sqlx::query(
            "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
        )
        .bind(now)
        .bind(user_id)
        .execute(pool)
        .await?;
    });
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Personal calendar feeds

/// Makes (or replaces) a person's secret feed token and returns it; only its hash is kept, so
/// the address can be shown once and replaced, never read back.
pub async fn reset_feed_token(db: &Db, user_id: i64) -> Result<String, AppError> {
    let token = crate::server::tokens::new_token();
    let hash = crate::server::tokens::hash(&token);
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3)")
            .bind(user_id)
            .bind(&hash)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    });
    Ok(token)
}

/// When the person's feed address was made, if they have one.
pub async fn feed_created(db: &Db, user_id: i64) -> Result<Option<DateTime<Utc>>, AppError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "SELECT created_at FROM calendar_feeds WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await?))
}

/// The active account a feed token belongs to.
pub async fn feed_owner(db: &Db, token: &str) -> Result<Option<i64>, AppError> {
    let hash = crate::server::tokens::hash(token);
    let active = on_db!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id \
         WHERE f.token_hash = $1 AND u.active = $2",
    )
    .bind(&hash)
    .bind(true)
    .fetch_optional(pool)
    .await?);
    Ok(active)
}

// ---------------------------------------------------------------------------------------------
// Outcomes

/// What an event produced: lessons, planned policy changes, contributions announced at it.
pub async fn outcomes(db: &Db, event_id: i64) -> Result<EventOutcomes, AppError> {
    let learned: Option<(String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT learned_es, learned_en FROM events WHERE id = $1",
    )
    .bind(event_id)
    .fetch_optional(pool)
    .await?);
    let (learned_es, learned_en) = learned.ok_or(AppError::NotFound)?;
    #[derive(sqlx::FromRow)]
    struct ChangeRow {
        id: i64,
        iso2: String,
        name_es: String,
        name_en: String,
        description_es: String,
        description_en: String,
    }
    let changes: Vec<ChangeRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT p.id, c.iso2, c.name_es, c.name_en, p.description_es, p.description_en \
         FROM event_policy_changes p JOIN countries c ON c.iso2 = p.country_iso2 \
         WHERE p.event_id = $1 AND p.withdrawn_at IS NULL ORDER BY c.name_es, p.id",
    )
    .bind(event_id)
    .fetch_all(pool)
    .await?);
    #[derive(sqlx::FromRow)]
    struct ContributionRow {
        id: i64,
        donor_es: String,
        donor_en: String,
        title_es: String,
        title_en: String,
        pledged_usd: i64,
        has_usd: bool,
        is_example: bool,
    }
    let contributions: Vec<ContributionRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT k.id, o.short_es AS donor_es, o.short_en AS donor_en, k.title_es, k.title_en, \
         k.pledged_usd, k.has_usd, k.is_example FROM contributions k \
         JOIN organisations o ON o.code = k.donor_code \
         WHERE k.event_id = $1 AND k.withdrawn_at IS NULL ORDER BY k.pledged_usd DESC, k.id",
    )
    .bind(event_id)
    .fetch_all(pool)
    .await?);
    Ok(EventOutcomes {
        learned_es,
        learned_en,
        policy_changes: changes
            .into_iter()
            .map(|r| PolicyChange {
                id: r.id,
                country: Named {
                    code: r.iso2,
                    name_es: r.name_es,
                    name_en: r.name_en,
                },
                description_es: r.description_es,
                description_en: r.description_en,
            })
            .collect(),
        contributions: contributions
            .into_iter()
            .map(|r| EventContribution {
                id: r.id,
                donor_es: r.donor_es,
                donor_en: r.donor_en,
                title_es: r.title_es,
                title_en: r.title_en,
                amount_usd_cents: r.has_usd.then_some(r.pledged_usd),
                is_example: r.is_example,
            })
            .collect(),
    })
}

/// Replaces what was learned at an event, audited.
pub async fn save_learned(
    db: &Db,
    actor: &Actor,
    event_id: i64,
    learned_es: &str,
    learned_en: &str,
) -> Result<(), AppError> {
    let before = outcomes(db, event_id).await?;
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE events SET learned_es = $1, learned_en = $2, updated_at = $3 WHERE id = $4")
            .bind(learned_es.trim())
            .bind(learned_en.trim())
            .bind(Utc::now())
            .bind(event_id)
            .execute(&mut *tx)
            .await?;
        let entry = NewAudit::new(Some(actor), "update_outcomes", "event", event_id)
            .before(json!({ "learned_es": before.learned_es, "learned_en": before.learned_en }))
            .after(json!({ "learned_es": learned_es.trim(), "learned_en": learned_en.trim() }));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
    });
    Ok(())
}

/// Records that a country plans a policy or programme change after an event (Result 3.3.2).
pub async fn add_policy_change(
    db: &Db,
    actor: &Actor,
    event_id: i64,
    country: &str,
    description_es: &str,
    description_en: &str,
) -> Result<i64, AppError> {
    if description_es.trim().is_empty() && description_en.trim().is_empty() {
        return Err(AppError::invalid("change_es", Problem::Required));
    }
    let now = Utc::now();
    let id = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO event_policy_changes (event_id, country_iso2, description_es, \
             description_en, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(event_id)
        .bind(country)
        .bind(description_es.trim())
        .bind(description_en.trim())
        .bind(now)
        .bind(actor.id)
        .fetch_one(&mut *tx)
        .await?;
        let entry = NewAudit::new(Some(actor), "create", "event_policy_change", id).after(json!({
            "event": event_id, "country": country,
            "description_es": description_es.trim(), "description_en": description_en.trim(),
        }));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        id
    });
    Ok(id)
}

/// Takes a policy change off an event's outcomes (kept, marked withdrawn, audited).
pub async fn withdraw_policy_change(db: &Db, actor: &Actor, id: i64) -> Result<(), AppError> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE event_policy_changes SET withdrawn_at = $1 WHERE id = $2 AND withdrawn_at IS NULL",
        )
        .bind(Utc::now())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(AppError::NotFound);
        }
        let entry = NewAudit::new(Some(actor), "withdraw", "event_policy_change", id);
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
    });
    Ok(())
}
