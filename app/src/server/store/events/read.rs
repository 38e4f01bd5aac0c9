//! Reading events: lists with filters, a time range, one event with everything its page shows.

#[allow(unused_imports)]
use super::*;
use crate::model::named;

pub(super) fn detail_view(d: &EventDetail) -> serde_json::Value {
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

/// The (event id, code) rows that `sql` selects, gathered per event.
async fn codes_by_event(db: &Db, sql: &str) -> Result<BTreeMap<i64, Vec<String>>, AppError> {
    let rows: Vec<(i64, String)> = on_db!(db, pool => sqlx::query_as(sql).fetch_all(pool).await?);
    let mut map: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (event, code) in rows {
        map.entry(event).or_default().push(code);
    }
    Ok(map)
}

/// Countries and themes of every event, by event.
async fn link_maps(
    db: &Db,
) -> Result<(BTreeMap<i64, Vec<String>>, BTreeMap<i64, Vec<String>>), AppError> {
    let countries = codes_by_event(
        db,
        "SELECT event_id, country_iso2 FROM event_countries ORDER BY event_id, country_iso2",
    )
    .await?;
    let themes = codes_by_event(
        db,
        "SELECT event_id, theme_code FROM event_themes ORDER BY event_id, theme_code",
    )
    .await?;
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
    items(db, rows).await
}

/// The list items of `rows`, with their countries and themes named.
async fn items(db: &Db, rows: Vec<SummaryRow>) -> Result<Vec<EventSummaryItem>, AppError> {
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
    items(db, rows).await
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
/// The (code, Spanish name, English name) rows that `sql` selects for the event `id`.
async fn names_of(db: &Db, sql: &str, id: i64) -> Result<Vec<Named>, sqlx::Error> {
    let rows: Vec<(String, String, String)> =
        on_db!(db, pool => sqlx::query_as(sql).bind(id).fetch_all(pool).await?);
    Ok(named(rows))
}

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
    let countries = names_of(
        db,
        "SELECT c.iso2, c.name_es, c.name_en FROM event_countries ec JOIN countries c \
         ON c.iso2 = ec.country_iso2 WHERE ec.event_id = $1 ORDER BY c.name_es",
        id,
    )
    .await?;
    let organisers = names_of(
        db,
        "SELECT o.code, o.short_es, o.short_en FROM event_organisers eo JOIN organisations o \
         ON o.code = eo.organisation_code WHERE eo.event_id = $1 ORDER BY o.sort_order, o.code",
        id,
    )
    .await?;
    let themes = names_of(
        db,
        "SELECT t.code, t.name_es, t.name_en FROM event_themes et JOIN themes t \
         ON t.code = et.theme_code WHERE et.event_id = $1 ORDER BY t.sort_order",
        id,
    )
    .await?;
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
    let host = row
        .host_country_iso2
        .as_ref()
        .and_then(|h| countries.iter().find(|c| &c.code == h).cloned());
    let mut country_map = BTreeMap::new();
    country_map.insert(id, countries.iter().map(|c| c.code.clone()).collect());
    let mut theme_map = BTreeMap::new();
    theme_map.insert(id, themes.iter().map(|t| t.code.clone()).collect());
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
        organisers,
        themes,
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

/// The id of every event (contributions may name the event where they were announced).
pub async fn ids(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar("SELECT id FROM events").fetch_all(pool).await)
}

/// Every event as (id, Spanish title, English title), newest first, for choosing one.
pub async fn titles(db: &Db) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, title_es, title_en FROM events ORDER BY starts_at DESC",
    )
    .fetch_all(pool)
    .await)
}
