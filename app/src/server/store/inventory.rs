//! The inventory of services, programmes and gaps for local integration, per country: entries,
//! their population groups, and the regional matrix (countries x themes) with counts per cell.

use super::audit::{Actor, NewAudit};
use super::Db;
use crate::error::{AppError, Problem};
use crate::model::{
    named, EntryType, GapRef, InventoryEntry, InventoryMatrix, MatrixCell, PracticeRef,
    PracticeStatus, Severity,
};
pub use crate::server::validate::inventory::NewEntry;
use crate::{on_db, write_audit};
use chrono::{NaiveDate, Utc};
use serde_json::json;

/// Binds the fields an insert and an update both write, in the order of their columns
/// (`entry_type` to `priority`).
macro_rules! bind_editable {
    ($q:expr, $e:expr) => {
        $q.bind($e.entry_type.code())
            .bind(&$e.theme_code)
            .bind(&$e.title_es)
            .bind(&$e.title_en)
            .bind(&$e.description_es)
            .bind(&$e.description_en)
            .bind(&$e.admin1)
            .bind(&$e.provider)
            .bind($e.period_start)
            .bind($e.period_end)
            .bind(&$e.status)
            .bind($e.severity.map(|s| s.code()))
            .bind($e.priority)
    };
}

/// Records a new entry with its population groups, audited.
pub async fn create(db: &Db, actor: Option<&Actor>, e: &NewEntry) -> Result<i64, AppError> {
    let kind = e.entry_type;
    let now = Utc::now();
    let id = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let q = sqlx::query_scalar(
            "INSERT INTO inventory_entries (country_iso2, entry_type, theme_code, title_es, title_en, \
             description_es, description_en, admin1, provider, period_start, period_end, status, \
             severity, priority, is_example, created_at, updated_at, created_by) VALUES ($1, $2, $3, \
             $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17) RETURNING id",
        )
        .bind(&e.country_iso2);
        let id: i64 = bind_editable!(q, e)
        .bind(e.is_example)
        .bind(now)
        .bind(actor.map(|a| a.id))
        .fetch_one(&mut *tx)
        .await?;
        crate::replace_links!(tx, "inventory_entry_populations", "entry_id", id, "population_code", &e.populations);
        let entry = NewAudit::new(actor, "create", "inventory_entry", id).after(audit_view(e, kind));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        id
    });
    Ok(id)
}

/// What the trail keeps of an entry: the same fields for a new entry and a stored one.
macro_rules! entry_json {
    ($e:expr, $kind:expr) => {
        json!({
            "country": $e.country_iso2,
            "type": $kind.code(),
            "theme": $e.theme_code,
            "title_es": $e.title_es,
            "title_en": $e.title_en,
            "description_es": $e.description_es,
            "description_en": $e.description_en,
            "admin1": $e.admin1,
            "provider": $e.provider,
            "period_start": $e.period_start,
            "period_end": $e.period_end,
            "status": $e.status,
            "severity": $e.severity.map(|s| s.code()),
            "priority": $e.priority,
            "populations": $e.populations,
        })
    };
}

fn audit_view(e: &NewEntry, kind: EntryType) -> serde_json::Value {
    entry_json!(e, kind)
}

fn entry_view(e: &InventoryEntry) -> serde_json::Value {
    entry_json!(e, e.entry_type)
}

/// Replaces an entry's fields (its country stays), if nobody changed it since `version`; the
/// audit trail keeps what it said before.
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: i64,
    version: i64,
    e: &NewEntry,
) -> Result<(), AppError> {
    let kind = e.entry_type;
    let before = get(db, id).await?.ok_or(AppError::NotFound)?;
    if before.country_iso2 != e.country_iso2 {
        return Err(AppError::invalid("country", Problem::NotAllowed));
    }
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let q = sqlx::query(
            "UPDATE inventory_entries SET entry_type = $1, theme_code = $2, title_es = $3, \
             title_en = $4, description_es = $5, description_en = $6, admin1 = $7, provider = $8, \
             period_start = $9, period_end = $10, status = $11, severity = $12, priority = $13, \
             updated_at = $14, version = version + 1 \
             WHERE id = $15 AND version = $16 AND withdrawn_at IS NULL",
        );
        crate::update_versioned!(tx, bind_editable!(q, e), now, id, version);
        crate::replace_links!(tx, "inventory_entry_populations", "entry_id", id, "population_code", &e.populations);
        let entry = NewAudit::new(Some(actor), "update", "inventory_entry", id)
            .before(entry_view(&before))
            .after(audit_view(e, kind));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
    });
    Ok(())
}

/// Takes an entry off the inventory (kept, with the reason, in the audit trail).
pub async fn withdraw(
    db: &Db,
    actor: &Actor,
    id: i64,
    version: i64,
    reason: &str,
) -> Result<(), AppError> {
    let reason = crate::server::validate::withdrawal_reason(reason)?;
    let before = get(db, id).await?.ok_or(AppError::NotFound)?;
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let q = sqlx::query(
            "UPDATE inventory_entries SET withdrawn_at = $1, updated_at = $1, version = version + 1 \
             WHERE id = $2 AND version = $3 AND withdrawn_at IS NULL",
        );
        crate::update_versioned!(tx, q, now, id, version);
        let entry = NewAudit::new(Some(actor), "withdraw", "inventory_entry", id)
            .before(entry_view(&before))
            .reason(Some(reason.to_string()));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
    });
    Ok(())
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    country_iso2: String,
    entry_type: String,
    theme_code: String,
    title_es: String,
    title_en: String,
    description_es: String,
    description_en: String,
    admin1: String,
    provider: String,
    period_start: Option<NaiveDate>,
    period_end: Option<NaiveDate>,
    status: String,
    severity: Option<String>,
    priority: Option<i32>,
    is_example: bool,
    version: i64,
}

/// The entries of a country (or all countries), optionally of one theme, gaps first by priority.
pub async fn list(
    db: &Db,
    country: Option<&str>,
    theme: Option<&str>,
) -> Result<Vec<InventoryEntry>, sqlx::Error> {
    select(db, country, theme, None).await
}

/// Gaps a practice may say it addresses: every current gap not yet ended.
pub async fn open_gaps(db: &Db) -> Result<Vec<GapRef>, sqlx::Error> {
    Ok(list(db, None, None)
        .await?
        .into_iter()
        .filter(|e| e.entry_type == EntryType::Gap && e.status != "ended")
        .map(|e| GapRef {
            id: e.id,
            country_iso2: e.country_iso2,
            title_es: e.title_es,
            title_en: e.title_en,
            severity: e.severity,
        })
        .collect())
}

/// The ids of every gap (a practice already linked to a gap that has since ended keeps it).
pub async fn gap_ids(db: &Db) -> Result<Vec<i64>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT id FROM inventory_entries WHERE entry_type = 'gap' AND withdrawn_at IS NULL",
    )
    .fetch_all(pool)
    .await)
}

/// Published practices that address the gaps of a country: (gap id, practice).
pub async fn practices_for_gaps(
    db: &Db,
    country: &str,
) -> Result<Vec<(i64, PracticeRef)>, sqlx::Error> {
    type Row = (i64, i64, String, String, String, String);
    let rows: Vec<Row> = on_db!(db, pool => sqlx::query_as(
        "SELECT g.entry_id, p.id, p.title_es, p.title_en, COALESCE(c.name_es, o.name_es, ''), \
         COALESCE(c.name_en, o.name_en, '') FROM practice_gaps g \
         JOIN practices p ON p.id = g.practice_id \
         JOIN inventory_entries e ON e.id = g.entry_id \
         LEFT JOIN countries c ON c.iso2 = p.country_iso2 \
         LEFT JOIN organisations o ON o.code = p.organisation_code \
         WHERE e.country_iso2 = $1 AND p.status = 'published' AND p.withdrawn_at IS NULL \
         ORDER BY g.entry_id, p.id",
    )
    .bind(country)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.0,
                PracticeRef {
                    id: r.1,
                    title_es: r.2,
                    title_en: r.3,
                    submitter_es: r.4,
                    submitter_en: r.5,
                    status: PracticeStatus::Published,
                    updated_at: String::new(),
                },
            )
        })
        .collect())
}

/// One entry (not withdrawn).
pub async fn get(db: &Db, id: i64) -> Result<Option<InventoryEntry>, sqlx::Error> {
    Ok(select(db, None, None, Some(id)).await?.into_iter().next())
}

async fn select(
    db: &Db,
    country: Option<&str>,
    theme: Option<&str>,
    only: Option<i64>,
) -> Result<Vec<InventoryEntry>, sqlx::Error> {
    let rows: Vec<EntryRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, country_iso2, entry_type, theme_code, title_es, title_en, description_es, \
         description_en, admin1, provider, period_start, period_end, status, severity, priority, \
         is_example, CAST(version AS BIGINT) AS version FROM inventory_entries WHERE withdrawn_at IS NULL \
         AND ($1 IS NULL OR country_iso2 = $1) AND ($2 IS NULL OR theme_code = $2) \
         AND ($3 IS NULL OR id = $3) \
         ORDER BY country_iso2, CASE entry_type WHEN 'gap' THEN 0 ELSE 1 END, \
         COALESCE(priority, 9), id",
    )
    .bind(country)
    .bind(theme)
    .bind(only)
    .fetch_all(pool)
    .await)?;
    let pops: Vec<(i64, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT entry_id, population_code FROM inventory_entry_populations ORDER BY entry_id, population_code",
    )
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| InventoryEntry {
            id: r.id,
            country_iso2: r.country_iso2,
            entry_type: EntryType::from_code(&r.entry_type).unwrap_or(EntryType::Service),
            theme_code: r.theme_code,
            title_es: r.title_es,
            title_en: r.title_en,
            description_es: r.description_es,
            description_en: r.description_en,
            admin1: r.admin1,
            provider: r.provider,
            period_start: r.period_start.map(|d| d.to_string()),
            period_end: r.period_end.map(|d| d.to_string()),
            status: r.status,
            severity: r.severity.as_deref().and_then(Severity::from_code),
            priority: r.priority,
            populations: pops
                .iter()
                .filter(|(e, _)| *e == r.id)
                .map(|(_, p)| p.clone())
                .collect(),
            is_example: r.is_example,
            version: r.version,
        })
        .collect())
}

/// The regional matrix: for each country and theme, how many services, programmes and gaps, and
/// the most severe gap.
pub async fn matrix(db: &Db) -> Result<InventoryMatrix, sqlx::Error> {
    let countries: Vec<(String, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT iso2, name_es, name_en FROM countries ORDER BY sort_order",
    )
    .fetch_all(pool)
    .await)?;
    let themes: Vec<(String, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT code, name_es, name_en FROM themes ORDER BY sort_order",
    )
    .fetch_all(pool)
    .await)?;
    let counts: Vec<(String, String, String, i64, Option<String>)> = on_db!(db, pool => sqlx::query_as(
        "SELECT country_iso2, theme_code, entry_type, COUNT(*), \
         MAX(CASE severity WHEN 'critical' THEN '4critical' WHEN 'high' THEN '3high' \
         WHEN 'medium' THEN '2medium' WHEN 'low' THEN '1low' END) \
         FROM inventory_entries WHERE withdrawn_at IS NULL AND status <> 'ended' \
         GROUP BY country_iso2, theme_code, entry_type",
    )
    .fetch_all(pool)
    .await)?;
    let mut cells: Vec<MatrixCell> = Vec::new();
    for (country, theme, kind, n, worst) in counts {
        let idx = match cells
            .iter()
            .position(|c| c.country == country && c.theme == theme)
        {
            Some(i) => i,
            None => {
                cells.push(MatrixCell {
                    country: country.clone(),
                    theme: theme.clone(),
                    ..Default::default()
                });
                cells.len() - 1
            }
        };
        let cell = &mut cells[idx];
        match EntryType::from_code(&kind) {
            Some(EntryType::Service) => cell.services = n as u32,
            Some(EntryType::Programme) => cell.programmes = n as u32,
            Some(EntryType::Gap) => {
                cell.gaps = n as u32;
                cell.worst_gap = worst.as_deref().and_then(|w| Severity::from_code(&w[1..]));
            }
            None => {}
        }
    }
    Ok(InventoryMatrix {
        countries: named(countries),
        themes: named(themes),
        cells,
    })
}
