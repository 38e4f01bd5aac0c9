//! National Action Plans: each country's plan, its commitment lines, their requirement per year
//! (every figure kept as a revision) and dated status notes. A change of a requirement moves the
//! ledger's data version, because the dashboard's coverage and gap are measured against them.

use super::audit::{Actor, NewAudit};
use super::versions::Dataset;
use super::Db;
use crate::error::{AppError, Problem};
pub use crate::server::validate::plans::{NewLine, NewRequirement, NewStatus};
use crate::{on_db, write_audit};
use chrono::Utc;
pub use read::{history, line, lines, plans};
use serde_json::json;

pub mod links;
mod read;

/// A plan's header as the seed writes it (real records, or demo examples).
#[derive(Clone, Debug, Default)]
pub struct PlanHeader {
    pub country_iso2: String,
    pub title_es: String,
    pub title_en: String,
    pub summary_es: String,
    pub summary_en: String,
    pub period_start: Option<i32>,
    pub period_end: Option<i32>,
    pub source_url: String,
    /// (sector code, commitments, source address).
    pub declared: Vec<(String, i32, String)>,
    pub is_example: bool,
}

/// Writes a plan's header and declared commitments unless the country has a plan already (the
/// seed never overwrites what people changed). Returns whether it wrote.
pub async fn seed_plan(db: &Db, h: &PlanHeader) -> Result<bool, AppError> {
    let now = Utc::now();
    let written = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO plans (country_iso2, title_es, title_en, summary_es, summary_en, \
             period_start, period_end, source_url, is_example, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
             ON CONFLICT (country_iso2) DO NOTHING RETURNING id",
        )
        .bind(&h.country_iso2)
        .bind(&h.title_es)
        .bind(&h.title_en)
        .bind(&h.summary_es)
        .bind(&h.summary_en)
        .bind(h.period_start)
        .bind(h.period_end)
        .bind(&h.source_url)
        .bind(h.is_example)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = id {
            for (sector, n, source) in &h.declared {
                sqlx::query(
                    "INSERT INTO plan_declared (plan_id, sector_code, commitments, source_url) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(sector)
                .bind(n)
                .bind(source)
                .execute(&mut *tx)
                .await?;
            }
            let entry = NewAudit::new(None, "create", "plan", id).after(json!({
                "country": h.country_iso2, "title_es": h.title_es, "title_en": h.title_en,
                "source_url": h.source_url, "is_example": h.is_example,
            }));
            write_audit!(&mut *tx, &entry)?;
        }
        tx.commit().await?;
        id.is_some()
    });
    Ok(written)
}

/// The plan of `country`, made (empty, named after the country) if it has none yet.
macro_rules! plan_of {
    ($tx:expr, $country:expr, $now:expr) => {{
        sqlx::query(
            "INSERT INTO plans (country_iso2, title_es, title_en, created_at, updated_at) \
             SELECT iso2, 'Plan de acción nacional: ' || name_es, 'National Action Plan: ' || name_en, \
             $2, $2 FROM countries WHERE iso2 = $1 ON CONFLICT (country_iso2) DO NOTHING",
        )
        .bind($country)
        .bind($now)
        .execute(&mut *$tx)
        .await?;
        let id: i64 = sqlx::query_scalar("SELECT id FROM plans WHERE country_iso2 = $1")
            .bind($country)
            .fetch_one(&mut *$tx)
            .await?;
        id
    }};
}

/// Binds the fields a line's insert and update both write, in their column order (`code` to
/// `priority`).
macro_rules! bind_line {
    ($q:expr, $l:expr) => {
        $q.bind(&$l.code)
            .bind(&$l.title_es)
            .bind(&$l.title_en)
            .bind(&$l.description_es)
            .bind(&$l.description_en)
            .bind($l.pillar)
            .bind(&$l.sector_code)
            .bind(&$l.institution)
            .bind($l.period_start)
            .bind($l.period_end)
            .bind($l.priority)
    };
}

/// What the trail keeps of a line: the same fields for a new line and a stored one.
macro_rules! line_json {
    ($l:expr, $status:expr) => {
        json!({
            "code": $l.code,
            "title_es": $l.title_es,
            "title_en": $l.title_en,
            "description_es": $l.description_es,
            "description_en": $l.description_en,
            "pillar": $l.pillar,
            "sector": $l.sector_code,
            "institution": $l.institution,
            "period_start": $l.period_start,
            "period_end": $l.period_end,
            "priority": $l.priority,
            "status": $status.code(),
            "themes": $l.themes,
            "gaps": $l.gaps,
        })
    };
}

/// A code already used by another line of the same plan.
async fn code_taken(db: &Db, l: &NewLine, except: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM plan_lines l JOIN plans p ON p.id = l.plan_id \
         WHERE p.country_iso2 = $1 AND l.code = $2 AND l.id <> $3",
    )
    .bind(&l.country_iso2)
    .bind(&l.code)
    .bind(except)
    .fetch_one(pool)
    .await)?;
    Ok(n > 0)
}

/// Records a new commitment line in its country's plan, audited.
pub async fn create_line(db: &Db, actor: Option<&Actor>, l: &NewLine) -> Result<i64, AppError> {
    if code_taken(db, l, 0).await? {
        return Err(AppError::invalid("code", Problem::Taken));
    }
    let now = Utc::now();
    let id = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let plan = plan_of!(tx, &l.country_iso2, now);
        let q = sqlx::query_scalar(
            "INSERT INTO plan_lines (plan_id, code, title_es, title_en, description_es, \
             description_en, pillar, sector_code, institution, period_start, period_end, priority, \
             status, is_example, created_at, updated_at, created_by) VALUES ($1, $2, $3, $4, $5, \
             $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16) RETURNING id",
        )
        .bind(plan);
        let id: i64 = bind_line!(q, l)
            .bind(l.status.code())
            .bind(l.is_example)
            .bind(now)
            .bind(actor.map(|a| a.id))
            .fetch_one(&mut *tx)
            .await?;
        crate::replace_links!(tx, "plan_line_themes", "line_id", id, "theme_code", &l.themes);
        crate::replace_links!(tx, "plan_line_gaps", "line_id", id, "entry_id", &l.gaps);
        let mut after = line_json!(l, l.status);
        after["country"] = json!(l.country_iso2);
        let entry = NewAudit::new(actor, "create", "plan_line", id).after(after);
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        id
    });
    Ok(id)
}

/// Replaces a line's descriptive fields if nobody changed it since `version` (its country and
/// status stay); the trail keeps what it said before.
pub async fn update_line(
    db: &Db,
    actor: &Actor,
    id: i64,
    version: i64,
    l: &NewLine,
) -> Result<(), AppError> {
    let (country, before) = line(db, id).await?.ok_or(AppError::NotFound)?;
    if country != l.country_iso2 {
        return Err(AppError::invalid("country", Problem::NotAllowed));
    }
    if code_taken(db, l, id).await? {
        return Err(AppError::invalid("code", Problem::Taken));
    }
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let q = sqlx::query(
            "UPDATE plan_lines SET code = $1, title_es = $2, title_en = $3, description_es = $4, \
             description_en = $5, pillar = $6, sector_code = $7, institution = $8, \
             period_start = $9, period_end = $10, priority = $11, updated_at = $12, \
             version = version + 1 WHERE id = $13 AND version = $14 AND withdrawn_at IS NULL",
        );
        crate::update_versioned!(tx, bind_line!(q, l), now, id, version);
        crate::replace_links!(tx, "plan_line_themes", "line_id", id, "theme_code", &l.themes);
        crate::replace_links!(tx, "plan_line_gaps", "line_id", id, "entry_id", &l.gaps);
        let entry = NewAudit::new(Some(actor), "update", "plan_line", id)
            .before(line_json!(before, before.status))
            .after(line_json!(l, before.status));
        write_audit!(&mut *tx, &entry)?;
        // The pillar may have moved: the requirements by pillar move with it.
        crate::bump_version!(tx, Dataset::Contributions);
        tx.commit().await?;
    });
    Ok(())
}

/// Binds a requirement's figure (`line_id` to `amount_usd`), as its current row and each revision
/// keep it.
macro_rules! bind_figure {
    ($q:expr, $r:expr, $rate:expr) => {
        $q.bind($r.line_id)
            .bind($r.year)
            .bind(&$r.currency)
            .bind($r.amount_minor)
            .bind(&$rate)
            .bind($r.amount_usd)
    };
}

/// Sets a line's requirement for a year. The first figure of a year is its original; a later one
/// needs a reason and is kept beside the earlier ones. The same figure again changes nothing.
pub async fn set_requirement(
    db: &Db,
    actor: Option<&Actor>,
    r: &NewRequirement,
) -> Result<(), AppError> {
    let (_, l) = line(db, r.line_id).await?.ok_or(AppError::NotFound)?;
    let current = l.requirements.iter().find(|q| q.year == r.year);
    let rate = r.fx_rate.to_string();
    if let Some(c) = current {
        if c.currency == r.currency
            && c.amount_minor == r.amount_minor
            && c.fx_rate == rate
            && c.source == r.source
        {
            return Ok(());
        }
        if r.reason.is_empty() {
            return Err(AppError::invalid("reason", Problem::Required));
        }
    }
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let q = sqlx::query(
            "INSERT INTO plan_requirements (line_id, year, currency, amount_minor, fx_rate, \
             amount_usd, source, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (line_id, year) DO UPDATE SET currency = excluded.currency, \
             amount_minor = excluded.amount_minor, fx_rate = excluded.fx_rate, \
             amount_usd = excluded.amount_usd, source = excluded.source, \
             updated_at = excluded.updated_at",
        );
        bind_figure!(q, r, rate)
            .bind(&r.source)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let q = sqlx::query(
            "INSERT INTO plan_requirement_revisions (line_id, year, currency, amount_minor, \
             fx_rate, amount_usd, reason, created_at, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        );
        bind_figure!(q, r, rate)
            .bind(&r.reason)
            .bind(now)
            .bind(actor.map(|a| a.id))
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE plan_lines SET updated_at = $1 WHERE id = $2")
            .bind(now)
            .bind(r.line_id)
            .execute(&mut *tx)
            .await?;
        let mut entry = NewAudit::new(actor, "requirement", "plan_line", r.line_id).after(json!({
            "year": r.year, "currency": r.currency, "amount_minor": r.amount_minor,
            "fx_rate": rate, "amount_usd": r.amount_usd, "source": r.source,
        }));
        if let Some(c) = current {
            entry = entry
                .before(json!({
                    "year": c.year, "currency": c.currency, "amount_minor": c.amount_minor,
                    "fx_rate": c.fx_rate, "amount_usd": c.amount_usd, "source": c.source,
                }))
                .reason(Some(r.reason.clone()));
        }
        write_audit!(&mut *tx, &entry)?;
        crate::bump_version!(tx, Dataset::Contributions);
        tx.commit().await?;
    });
    Ok(())
}

/// Moves a line to a status with a dated note, if nobody changed it since `version`.
pub async fn set_status(db: &Db, actor: &Actor, s: &NewStatus) -> Result<(), AppError> {
    let (_, before) = line(db, s.line_id).await?.ok_or(AppError::NotFound)?;
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let q = sqlx::query(
            "UPDATE plan_lines SET status = $1, updated_at = $2, version = version + 1 \
             WHERE id = $3 AND version = $4 AND withdrawn_at IS NULL",
        )
        .bind(s.status.code());
        crate::update_versioned!(tx, q, now, s.line_id, s.version);
        sqlx::query(
            "INSERT INTO plan_status_notes (line_id, status, note_es, note_en, noted_on, \
             created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(s.line_id)
        .bind(s.status.code())
        .bind(&s.note_es)
        .bind(&s.note_en)
        .bind(now.date_naive())
        .bind(now)
        .bind(actor.id)
        .execute(&mut *tx)
        .await?;
        let entry = NewAudit::new(Some(actor), "status", "plan_line", s.line_id)
            .before(json!({ "status": before.status.code() }))
            .after(json!({ "status": s.status.code(), "note_es": s.note_es, "note_en": s.note_en }));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
    });
    Ok(())
}

/// Takes a line off its plan (kept, with the reason, in the audit trail); its requirements stop
/// counting.
pub async fn withdraw_line(
    db: &Db,
    actor: &Actor,
    id: i64,
    version: i64,
    reason: &str,
) -> Result<(), AppError> {
    let reason = crate::server::validate::withdrawal_reason(reason)?;
    let (_, before) = line(db, id).await?.ok_or(AppError::NotFound)?;
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let q = sqlx::query(
            "UPDATE plan_lines SET withdrawn_at = $1, updated_at = $1, version = version + 1 \
             WHERE id = $2 AND version = $3 AND withdrawn_at IS NULL",
        );
        crate::update_versioned!(tx, q, now, id, version);
        let entry = NewAudit::new(Some(actor), "withdraw", "plan_line", id)
            .before(line_json!(before, before.status))
            .reason(Some(reason.to_string()));
        write_audit!(&mut *tx, &entry)?;
        crate::bump_version!(tx, Dataset::Contributions);
        tx.commit().await?;
    });
    Ok(())
}
