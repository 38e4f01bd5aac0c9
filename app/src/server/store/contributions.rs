//! The contribution ledger in the database.
//!
//! Every write happens in one transaction that (1) changes the contribution or adds a step,
//! (2) recomputes the contribution's status and totals from its steps, (3) moves its money in the
//! `contribution_cube` summary table (out of its old cell, into its new one), (4) writes the
//! audit entry and (5) bumps `contributions_version`, which tells every app server that cached
//! aggregates are stale. Contributions are never deleted: they are withdrawn and can be restored.

use super::audit::{Actor, NewAudit};
use crate::error::{AppError, Problem};
use crate::model::{
    ContributionDetail, ContributionFilter, ContributionKind, ContributionSummary, Stage, Status,
    Step,
};
use crate::server::store::sql::Param;
use crate::server::store::versions::{self, Dataset};
use crate::server::store::Db;
use crate::server::validate::contributions::{Fields, NewStep, ValidContribution};
use crate::{on_db, write_audit};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde_json::json;

/// The money and status a contribution's steps add up to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rollup {
    pub status: Option<Status>,
    pub decision_date: Option<NaiveDate>,
    pub pledged: i64,
    pub committed: i64,
    pub disbursed: i64,
    pub implemented: i64,
    pub has_usd: bool,
}

/// Adds up steps: sums per stage; the status is the furthest stage reached, or cancelled.
pub fn rollup(steps: &[(Stage, NaiveDate, Option<i64>)]) -> Rollup {
    let mut r = Rollup::default();
    let mut furthest = None;
    let mut cancelled = false;
    for (stage, date, usd) in steps {
        r.decision_date = Some(r.decision_date.map_or(*date, |d: NaiveDate| d.min(*date)));
        if let Some(v) = usd {
            r.has_usd = true;
            match stage {
                Stage::Pledge => r.pledged += v,
                Stage::Commitment => r.committed += v,
                Stage::Disbursement => r.disbursed += v,
                Stage::Implementation => r.implemented += v,
                Stage::Cancellation => {}
            }
        }
        let level = match stage {
            Stage::Pledge => Some(Status::Pledged),
            Stage::Commitment => Some(Status::Committed),
            Stage::Disbursement => Some(Status::Disbursed),
            Stage::Implementation => Some(Status::Implemented),
            Stage::Cancellation => {
                cancelled = true;
                None
            }
        };
        if let Some(l) = level {
            furthest = Some(furthest.map_or(l, |f: Status| f.max(l)));
        }
    }
    r.status = if cancelled {
        Some(Status::Cancelled)
    } else {
        furthest
    };
    r
}

/// The cell of the summary table a contribution counts in, with its money.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CubeEntry {
    pub year: i32,
    pub donor: String,
    pub recipient: String,
    pub pillar: i32,
    pub kind: String,
    pub status: String,
    pub example: bool,
    pub pledged: i64,
    pub committed: i64,
    pub disbursed: i64,
    pub implemented: i64,
    pub funded: i64,
}

#[derive(sqlx::FromRow)]
struct CubeSource {
    year: i32,
    donor_code: String,
    recipient_iso2: Option<String>,
    pillar: Option<i32>,
    kind: String,
    status: String,
    is_example: bool,
    pledged_usd: i64,
    committed_usd: i64,
    disbursed_usd: i64,
    implemented_usd: i64,
    parent_id: Option<i64>,
    withdrawn_at: Option<DateTime<Utc>>,
}

impl CubeSource {
    /// `None` when the contribution does not count in totals (routed through another one, or
    /// withdrawn).
    fn entry(self) -> Option<CubeEntry> {
        if self.parent_id.is_some() || self.withdrawn_at.is_some() {
            return None;
        }
        let cancelled = self.status == "cancelled";
        let keep = |v: i64| if cancelled { 0 } else { v };
        Some(CubeEntry {
            funded: keep(
                self.committed_usd
                    .max(self.disbursed_usd)
                    .max(self.implemented_usd),
            ),
            pledged: keep(self.pledged_usd),
            committed: keep(self.committed_usd),
            disbursed: keep(self.disbursed_usd),
            implemented: keep(self.implemented_usd),
            year: self.year,
            donor: self.donor_code,
            recipient: self.recipient_iso2.unwrap_or_default(),
            pillar: self.pillar.unwrap_or(0),
            kind: self.kind,
            status: self.status,
            example: self.is_example,
        })
    }
}

const CUBE_SOURCE_SQL: &str =
    "SELECT year, donor_code, recipient_iso2, pillar, kind, status, is_example, \
     pledged_usd, committed_usd, disbursed_usd, implemented_usd, parent_id, withdrawn_at \
     FROM contributions WHERE id = $1";

/// Reads a contribution's cube cell inside a transaction (`None` if it does not count).
macro_rules! cube_entry_of {
    ($conn:expr, $id:expr) => {{
        let src: Option<CubeSource> = sqlx::query_as(CUBE_SOURCE_SQL)
            .bind($id)
            .fetch_optional($conn)
            .await?;
        src.and_then(CubeSource::entry)
    }};
}

/// Adds (`sign` = 1) or removes (`sign` = -1) an entry's money in its cube cell.
macro_rules! cube_apply {
    ($conn:expr, $entry:expr, $sign:expr) => {{
        let e: &CubeEntry = $entry;
        let s: i64 = $sign;
        sqlx::query(
            "INSERT INTO contribution_cube (year, donor_code, recipient, pillar, kind, status, n, \
             n_example, pledged_usd, committed_usd, disbursed_usd, implemented_usd, funded_usd) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
             ON CONFLICT (year, donor_code, recipient, pillar, kind, status) DO UPDATE SET \
             n = contribution_cube.n + excluded.n, \
             n_example = contribution_cube.n_example + excluded.n_example, \
             pledged_usd = contribution_cube.pledged_usd + excluded.pledged_usd, \
             committed_usd = contribution_cube.committed_usd + excluded.committed_usd, \
             disbursed_usd = contribution_cube.disbursed_usd + excluded.disbursed_usd, \
             implemented_usd = contribution_cube.implemented_usd + excluded.implemented_usd, \
             funded_usd = contribution_cube.funded_usd + excluded.funded_usd",
        )
        .bind(e.year)
        .bind(&e.donor)
        .bind(&e.recipient)
        .bind(e.pillar)
        .bind(&e.kind)
        .bind(&e.status)
        .bind(s)
        .bind(if e.example { s } else { 0 })
        .bind(s * e.pledged)
        .bind(s * e.committed)
        .bind(s * e.disbursed)
        .bind(s * e.implemented)
        .bind(s * e.funded)
        .execute(&mut *$conn)
        .await?;
        if s < 0 {
            sqlx::query(
                "DELETE FROM contribution_cube WHERE year = $1 AND donor_code = $2 AND recipient = $3 \
                 AND pillar = $4 AND kind = $5 AND status = $6 AND n = 0",
            )
            .bind(e.year)
            .bind(&e.donor)
            .bind(&e.recipient)
            .bind(e.pillar)
            .bind(&e.kind)
            .bind(&e.status)
            .execute(&mut *$conn)
            .await?;
        }
    }};
}

/// Recomputes a contribution's status and totals from its steps.
macro_rules! recompute {
    ($conn:expr, $id:expr, $now:expr) => {{
        let rows: Vec<(String, NaiveDate, Option<i64>)> = sqlx::query_as(
            "SELECT stage, step_date, usd FROM contribution_steps WHERE contribution_id = $1 ORDER BY step_date, id",
        )
        .bind($id)
        .fetch_all(&mut *$conn)
        .await?;
        let steps: Vec<(Stage, NaiveDate, Option<i64>)> = rows
            .into_iter()
            .filter_map(|(s, d, u)| Stage::from_code(&s).map(|s| (s, d, u)))
            .collect();
        let r = rollup(&steps);
        let date = r.decision_date.ok_or(AppError::Internal)?;
        let status = r.status.unwrap_or(Status::Pledged);
        sqlx::query(
            "UPDATE contributions SET status = $1, decision_date = $2, year = $3, pledged_usd = $4, \
             committed_usd = $5, disbursed_usd = $6, implemented_usd = $7, has_usd = $8, updated_at = $9, \
             version = version + 1 WHERE id = $10",
        )
        .bind(status.code())
        .bind(date)
        .bind(date.year())
        .bind(r.pledged)
        .bind(r.committed)
        .bind(r.disbursed)
        .bind(r.implemented)
        .bind(r.has_usd)
        .bind($now)
        .bind($id)
        .execute(&mut *$conn)
        .await?;
        r
    }};
}

macro_rules! insert_step {
    ($conn:expr, $id:expr, $step:expr, $actor_id:expr, $now:expr) => {{
        let s: &NewStep = $step;
        sqlx::query(
            "INSERT INTO contribution_steps (contribution_id, stage, step_date, amount_minor, currency, \
             fx_rate, usd, note, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind($id)
        .bind(s.stage.code())
        .bind(s.date)
        .bind(s.amount_minor)
        .bind(&s.currency)
        .bind(s.fx_rate.map(|r| r.to_string()))
        .bind(s.usd)
        .bind(&s.note)
        .bind($now)
        .bind($actor_id)
        .execute(&mut *$conn)
        .await?;
    }};
}

fn fields_json(f: &Fields) -> serde_json::Value {
    json!({
        "donor": f.donor_code, "recipient": f.recipient_iso2, "channel": f.channel_code,
        "kind": f.kind.code(), "pillar": f.pillar, "sector": f.sector_code,
        "working_group": f.working_group_code, "event": f.event_id,
        "title_es": f.title_es, "title_en": f.title_en, "currency": f.currency,
        "source_url": f.source_url, "parent": f.parent_id, "is_example": f.is_example,
    })
}

fn step_json(s: &NewStep) -> serde_json::Value {
    json!({
        "stage": s.stage.code(), "date": s.date.to_string(), "amount_minor": s.amount_minor,
        "currency": s.currency, "fx_rate": s.fx_rate.map(|r| r.to_string()), "usd_cents": s.usd,
        "note": s.note,
    })
}

fn rollup_json(r: &Rollup) -> serde_json::Value {
    json!({
        "status": r.status.map(Status::code), "pledged_usd_cents": r.pledged,
        "committed_usd_cents": r.committed, "disbursed_usd_cents": r.disbursed,
        "implemented_usd_cents": r.implemented,
    })
}

/// Inserts contributions with their first step (and any later steps), all or nothing, in one
/// transaction. `progress` is called after each row (imports report it to the browser).
pub async fn create_many(
    db: &Db,
    actor: Option<&Actor>,
    rows: &[(ValidContribution, Vec<NewStep>)],
    progress: &(dyn Fn(usize) + Send + Sync),
) -> Result<Vec<i64>, AppError> {
    let now = Utc::now();
    let actor_id = actor.map(|a| a.id);
    let ids = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let mut ids = Vec::with_capacity(rows.len());
        for (i, (v, later)) in rows.iter().enumerate() {
            let f = &v.fields;
            if let Some(parent) = f.parent_id {
                let found: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM contributions WHERE id = $1 AND parent_id IS NULL",
                )
                .bind(parent)
                .fetch_optional(&mut *tx)
                .await?;
                if found.is_none() {
                    return Err(AppError::Validation(vec![crate::error::FieldError::new(
                        format!("row {}: parent", i + 1),
                        Problem::UnknownChoice,
                    )]));
                }
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO contributions (donor_code, recipient_iso2, channel_code, kind, pillar, \
                 sector_code, working_group_code, event_id, title_es, title_en, description_es, \
                 description_en, currency, source_url, parent_id, is_example, status, decision_date, \
                 year, created_at, updated_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
                 $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20, $21) RETURNING id",
            )
            .bind(&f.donor_code)
            .bind(&f.recipient_iso2)
            .bind(&f.channel_code)
            .bind(f.kind.code())
            .bind(f.pillar)
            .bind(&f.sector_code)
            .bind(&f.working_group_code)
            .bind(f.event_id)
            .bind(&f.title_es)
            .bind(&f.title_en)
            .bind(&f.description_es)
            .bind(&f.description_en)
            .bind(&f.currency)
            .bind(&f.source_url)
            .bind(f.parent_id)
            .bind(f.is_example)
            .bind(Status::Pledged.code())
            .bind(v.step.date)
            .bind(v.step.date.year())
            .bind(now)
            .bind(actor_id)
            .fetch_one(&mut *tx)
            .await?;
            insert_step!(tx, id, &v.step, actor_id, now);
            for s in later {
                insert_step!(tx, id, s, actor_id, now);
            }
            let r = recompute!(tx, id, now);
            if let Some(entry) = cube_entry_of!(&mut *tx, id) {
                cube_apply!(tx, &entry, 1);
            }
            let mut after = fields_json(f);
            after["first_step"] = step_json(&v.step);
            if !later.is_empty() {
                after["later_steps"] = later.iter().map(step_json).collect();
            }
            after["totals"] = rollup_json(&r);
            let entry = NewAudit::new(actor, "create", "contribution", id).after(after);
            write_audit!(&mut *tx, &entry)?;
            ids.push(id);
            progress(i + 1);
        }
        crate::bump_version!(tx, Dataset::Contributions);
        tx.commit().await?;
        ids
    });
    Ok(ids)
}

pub async fn create(
    db: &Db,
    actor: Option<&Actor>,
    v: &ValidContribution,
) -> Result<i64, AppError> {
    let ids = create_many(db, actor, &[(v.clone(), Vec::new())], &|_| ()).await?;
    ids.into_iter().next().ok_or(AppError::Internal)
}

/// The current version of a contribution (optimistic concurrency) and whether it is withdrawn.
async fn version_of(db: &Db, id: i64) -> Result<(i64, bool, String), AppError> {
    let row: Option<(i64, Option<DateTime<Utc>>, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT version, withdrawn_at, status FROM contributions WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    let (v, w, s) = row.ok_or(AppError::NotFound)?;
    Ok((v, w.is_some(), s))
}

/// Adds a step (a commitment, a disbursement, a cancellation...). `expected_version` must be the
/// version the person saw, or nothing changes and `Conflict` is returned.
pub async fn add_step(
    db: &Db,
    actor: Option<&Actor>,
    id: i64,
    expected_version: i64,
    step: &NewStep,
) -> Result<(), AppError> {
    let (version, withdrawn, status) = version_of(db, id).await?;
    if withdrawn {
        return Err(AppError::NotFound);
    }
    if status == Status::Cancelled.code() {
        return Err(AppError::invalid("stage", Problem::NotAllowed));
    }
    if version != expected_version {
        return Err(AppError::Conflict);
    }
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let before = cube_entry_of!(&mut *tx, id);
        let claimed = sqlx::query("UPDATE contributions SET version = version WHERE id = $1 AND version = $2")
            .bind(id)
            .bind(expected_version)
            .execute(&mut *tx)
            .await?;
        if claimed.rows_affected() != 1 {
            return Err(AppError::Conflict);
        }
        insert_step!(tx, id, step, actor.map(|a| a.id), now);
        let r = recompute!(tx, id, now);
        if let Some(e) = &before {
            cube_apply!(tx, e, -1);
        }
        if let Some(e) = cube_entry_of!(&mut *tx, id) {
            cube_apply!(tx, &e, 1);
        }
        let mut after = step_json(step);
        after["totals"] = rollup_json(&r);
        let entry = NewAudit::new(actor, "transition", "contribution", id).after(after);
        write_audit!(&mut *tx, &entry)?;
        crate::bump_version!(tx, Dataset::Contributions);
        tx.commit().await?;
    });
    Ok(())
}

/// Replaces a contribution's descriptive fields (not its steps).
pub async fn update_fields(
    db: &Db,
    actor: &Actor,
    id: i64,
    expected_version: i64,
    f: &Fields,
) -> Result<(), AppError> {
    let before_detail = get(db, id, true).await?.ok_or(AppError::NotFound)?;
    if before_detail.version != expected_version {
        return Err(AppError::Conflict);
    }
    if f.parent_id == Some(id) {
        return Err(AppError::invalid("parent", Problem::NotAllowed));
    }
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let before = cube_entry_of!(&mut *tx, id);
        let done = sqlx::query(
            "UPDATE contributions SET donor_code = $1, recipient_iso2 = $2, channel_code = $3, kind = $4, \
             pillar = $5, sector_code = $6, working_group_code = $7, event_id = $8, title_es = $9, \
             title_en = $10, description_es = $11, description_en = $12, source_url = $13, parent_id = $14, \
             is_example = $15, updated_at = $16, version = version + 1 WHERE id = $17 AND version = $18",
        )
        .bind(&f.donor_code)
        .bind(&f.recipient_iso2)
        .bind(&f.channel_code)
        .bind(f.kind.code())
        .bind(f.pillar)
        .bind(&f.sector_code)
        .bind(&f.working_group_code)
        .bind(f.event_id)
        .bind(&f.title_es)
        .bind(&f.title_en)
        .bind(&f.description_es)
        .bind(&f.description_en)
        .bind(&f.source_url)
        .bind(f.parent_id)
        .bind(f.is_example)
        .bind(now)
        .bind(id)
        .bind(expected_version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(AppError::Conflict);
        }
        if let Some(e) = &before {
            cube_apply!(tx, e, -1);
        }
        if let Some(e) = cube_entry_of!(&mut *tx, id) {
            cube_apply!(tx, &e, 1);
        }
        let s = &before_detail.summary;
        let before_json = json!({
            "donor": s.donor_code, "recipient": s.recipient_iso2, "channel": s.channel_code,
            "kind": s.kind.code(), "pillar": s.pillar, "sector": s.sector_code,
            "working_group": before_detail.working_group_code, "event": before_detail.event_id,
            "title_es": s.title_es, "title_en": s.title_en, "currency": s.currency,
            "source_url": before_detail.source_url, "parent": s.parent_id, "is_example": s.is_example,
        });
        let entry = NewAudit::new(Some(actor), "update", "contribution", id)
            .before(before_json)
            .after(fields_json(f));
        write_audit!(&mut *tx, &entry)?;
        crate::bump_version!(tx, Dataset::Contributions);
        tx.commit().await?;
    });
    Ok(())
}

/// Withdraws (`withdraw = true`, with a reason) or restores a contribution.
pub async fn set_withdrawn(
    db: &Db,
    actor: &Actor,
    id: i64,
    withdraw: bool,
    reason: Option<String>,
) -> Result<(), AppError> {
    let (_, withdrawn, _) = version_of(db, id).await?;
    if withdrawn == withdraw {
        return Ok(());
    }
    if withdraw && reason.as_deref().map(str::trim).unwrap_or("").is_empty() {
        return Err(AppError::invalid("reason", Problem::Required));
    }
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let before = cube_entry_of!(&mut *tx, id);
        sqlx::query(
            "UPDATE contributions SET withdrawn_at = $1, withdrawn_reason = $2, updated_at = $3, \
             version = version + 1 WHERE id = $4",
        )
        .bind(if withdraw { Some(now) } else { None })
        .bind(if withdraw { reason.clone() } else { None })
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if let Some(e) = &before {
            cube_apply!(tx, e, -1);
        }
        if let Some(e) = cube_entry_of!(&mut *tx, id) {
            cube_apply!(tx, &e, 1);
        }
        let entry = NewAudit::new(Some(actor), if withdraw { "withdraw" } else { "restore" }, "contribution", id)
            .before(json!({ "withdrawn": !withdraw }))
            .after(json!({ "withdrawn": withdraw }))
            .reason(reason);
        write_audit!(&mut *tx, &entry)?;
        crate::bump_version!(tx, Dataset::Contributions);
        tx.commit().await?;
    });
    Ok(())
}

/// Recomputes the whole summary table from the contributions (after a bulk load, or as a repair).
pub async fn rebuild_cube(db: &Db) -> Result<(), sqlx::Error> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM contribution_cube").execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO contribution_cube (year, donor_code, recipient, pillar, kind, status, n, n_example, \
             pledged_usd, committed_usd, disbursed_usd, implemented_usd, funded_usd) \
             SELECT year, donor_code, COALESCE(recipient_iso2, ''), COALESCE(pillar, 0), kind, status, \
             COUNT(*), SUM(CASE WHEN is_example THEN 1 ELSE 0 END), \
             SUM(CASE WHEN status = 'cancelled' THEN 0 ELSE pledged_usd END), \
             SUM(CASE WHEN status = 'cancelled' THEN 0 ELSE committed_usd END), \
             SUM(CASE WHEN status = 'cancelled' THEN 0 ELSE disbursed_usd END), \
             SUM(CASE WHEN status = 'cancelled' THEN 0 ELSE implemented_usd END), \
             SUM(CASE WHEN status = 'cancelled' THEN 0 \
                 WHEN committed_usd >= disbursed_usd AND committed_usd >= implemented_usd THEN committed_usd \
                 WHEN disbursed_usd >= implemented_usd THEN disbursed_usd ELSE implemented_usd END) \
             FROM contributions WHERE parent_id IS NULL AND withdrawn_at IS NULL \
             GROUP BY year, donor_code, COALESCE(recipient_iso2, ''), COALESCE(pillar, 0), kind, status",
        )
        .execute(&mut *tx)
        .await?;
        crate::bump_version!(tx, Dataset::Contributions);
        tx.commit().await
    })
}

/// The ledger's data version (changes with every write).
pub async fn data_version(db: &Db) -> Result<i64, sqlx::Error> {
    versions::current(db, Dataset::Contributions).await
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    donor_code: String,
    donor_es: String,
    donor_en: String,
    recipient_iso2: Option<String>,
    recipient_iso3: Option<String>,
    recipient_es: Option<String>,
    recipient_en: Option<String>,
    channel_code: Option<String>,
    channel_es: Option<String>,
    channel_en: Option<String>,
    kind: String,
    pillar: Option<i32>,
    sector_code: Option<String>,
    status: String,
    decision_date: NaiveDate,
    year: i32,
    currency: String,
    title_es: String,
    title_en: String,
    pledged_usd: i64,
    committed_usd: i64,
    disbursed_usd: i64,
    implemented_usd: i64,
    has_usd: bool,
    parent_id: Option<i64>,
    is_example: bool,
    withdrawn_at: Option<DateTime<Utc>>,
}

impl SummaryRow {
    fn into_summary(self) -> ContributionSummary {
        let regional = self.recipient_iso2.is_none();
        ContributionSummary {
            id: self.id,
            donor_code: self.donor_code,
            donor_es: self.donor_es,
            donor_en: self.donor_en,
            recipient_es: if regional {
                "Regional".into()
            } else {
                self.recipient_es.unwrap_or_default()
            },
            recipient_en: if regional {
                "Regional".into()
            } else {
                self.recipient_en.unwrap_or_default()
            },
            recipient_iso2: self.recipient_iso2,
            recipient_iso3: self.recipient_iso3,
            channel_code: self.channel_code,
            channel_es: self.channel_es.unwrap_or_default(),
            channel_en: self.channel_en.unwrap_or_default(),
            kind: ContributionKind::from_code(&self.kind).unwrap_or(ContributionKind::Financial),
            pillar: self.pillar,
            sector_code: self.sector_code,
            status: Status::from_code(&self.status).unwrap_or(Status::Pledged),
            decision_date: self.decision_date.to_string(),
            year: self.year,
            currency: self.currency,
            title_es: self.title_es,
            title_en: self.title_en,
            pledged_usd: self.pledged_usd,
            committed_usd: self.committed_usd,
            disbursed_usd: self.disbursed_usd,
            implemented_usd: self.implemented_usd,
            has_usd: self.has_usd,
            parent_id: self.parent_id,
            is_example: self.is_example,
            withdrawn: self.withdrawn_at.is_some(),
        }
    }
}

const SUMMARY_SELECT: &str = "SELECT c.id, c.donor_code, d.name_es AS donor_es, d.name_en AS donor_en, \
     c.recipient_iso2, r.iso3 AS recipient_iso3, r.name_es AS recipient_es, r.name_en AS recipient_en, \
     c.channel_code, ch.name_es AS channel_es, ch.name_en AS channel_en, c.kind, c.pillar, c.sector_code, \
     c.status, c.decision_date, c.year, c.currency, c.title_es, c.title_en, c.pledged_usd, \
     c.committed_usd, c.disbursed_usd, c.implemented_usd, c.has_usd, c.parent_id, c.is_example, \
     c.withdrawn_at \
     FROM contributions c JOIN organisations d ON d.code = c.donor_code \
     LEFT JOIN countries r ON r.iso2 = c.recipient_iso2 \
     LEFT JOIN organisations ch ON ch.code = c.channel_code";

/// The filter as a WHERE clause over `contributions c` with `$N` placeholders, numbered from
/// `first`; withdrawn contributions are left out.
pub(crate) fn filter_clause(f: &ContributionFilter, first: usize) -> (String, Vec<Param>) {
    let mut parts = vec!["c.withdrawn_at IS NULL".to_string()];
    let mut params = Vec::new();
    let mut add = |sql: &str, p: Param, parts: &mut Vec<String>| {
        params.push(p);
        parts.push(sql.replace('?', &format!("${}", first + params.len() - 1)));
    };
    if let Some(y) = f.year_from {
        add("c.year >= ?", Param::I32(y), &mut parts);
    }
    if let Some(y) = f.year_to {
        add("c.year <= ?", Param::I32(y), &mut parts);
    }
    if let Some(d) = f.donor.as_deref().filter(|d| !d.is_empty()) {
        add("c.donor_code = ?", Param::Text(d.to_string()), &mut parts);
    }
    match f.country.as_deref() {
        Some("regional") => parts.push("c.recipient_iso2 IS NULL".into()),
        Some(c) if !c.is_empty() => add(
            "c.recipient_iso2 = ?",
            Param::Text(c.to_string()),
            &mut parts,
        ),
        _ => {}
    }
    if let Some(p) = f.pillar {
        add("c.pillar = ?", Param::I32(p), &mut parts);
    }
    if let Some(k) = f.kind.as_deref().filter(|k| !k.is_empty()) {
        add("c.kind = ?", Param::Text(k.to_string()), &mut parts);
    }
    if let Some(s) = f.status.as_deref().filter(|s| !s.is_empty()) {
        add("c.status = ?", Param::Text(s.to_string()), &mut parts);
    }
    (format!(" WHERE {}", parts.join(" AND ")), params)
}

/// One page of contributions matching the filter, newest decision first, with the total count.
pub async fn list(
    db: &Db,
    filter: &ContributionFilter,
    page: i64,
    per_page: i64,
) -> Result<(Vec<ContributionSummary>, i64), sqlx::Error> {
    let (clause, params) = filter_clause(filter, 1);
    let per_page = per_page.clamp(1, 1000);
    let offset = (page.max(1) - 1) * per_page;
    let count_sql = format!("SELECT COUNT(*) FROM contributions c{clause}");
    let sql = format!("{SUMMARY_SELECT}{clause} ORDER BY c.decision_date DESC, c.id DESC LIMIT {per_page} OFFSET {offset}");
    let (total, rows): (i64, Vec<SummaryRow>) = on_db!(db, pool => {
        let total = crate::bind_params!(sqlx::query_scalar(&count_sql), &params).fetch_one(pool).await?;
        let rows = crate::bind_params!(sqlx::query_as(&sql), &params).fetch_all(pool).await?;
        (total, rows)
    });
    Ok((
        rows.into_iter().map(SummaryRow::into_summary).collect(),
        total,
    ))
}

/// Every contribution matching the filter (exports), oldest decision first, up to `limit`.
pub async fn export(
    db: &Db,
    filter: &ContributionFilter,
    limit: i64,
) -> Result<Vec<ContributionSummary>, sqlx::Error> {
    let (clause, params) = filter_clause(filter, 1);
    let sql = format!(
        "{SUMMARY_SELECT}{clause} ORDER BY c.decision_date, c.id LIMIT {}",
        limit.max(1)
    );
    let rows: Vec<SummaryRow> = on_db!(db, pool => crate::bind_params!(sqlx::query_as(&sql), &params).fetch_all(pool).await?);
    Ok(rows.into_iter().map(SummaryRow::into_summary).collect())
}

/// Pledges matching `filter`, older than `months` months at `now`, that never became a
/// commitment (or more).
pub async fn stale_pledges(
    db: &Db,
    filter: &ContributionFilter,
    now: NaiveDate,
    months: u32,
    limit: i64,
) -> Result<Vec<ContributionSummary>, sqlx::Error> {
    let cutoff = now
        .checked_sub_months(chrono::Months::new(months))
        .unwrap_or(now);
    let (clause, params) = filter_clause(filter, 2);
    let sql = format!(
        "{SUMMARY_SELECT}{clause} AND c.status = 'pledged' AND c.decision_date < $1 \
         AND c.parent_id IS NULL ORDER BY c.decision_date, c.id LIMIT {}",
        limit.max(1)
    );
    let rows: Vec<SummaryRow> = on_db!(db, pool => crate::bind_params!(sqlx::query_as(&sql).bind(cutoff), &params)
        .fetch_all(pool)
        .await?);
    Ok(rows.into_iter().map(SummaryRow::into_summary).collect())
}

#[derive(sqlx::FromRow)]
struct StepRow {
    id: i64,
    stage: String,
    step_date: NaiveDate,
    amount_minor: Option<i64>,
    currency: String,
    fx_rate: Option<String>,
    usd: Option<i64>,
    note: String,
}

#[derive(sqlx::FromRow)]
struct DetailExtra {
    description_es: String,
    description_en: String,
    source_url: Option<String>,
    working_group_code: Option<String>,
    event_id: Option<i64>,
    event_es: Option<String>,
    event_en: Option<String>,
    chair_es: Option<String>,
    chair_en: Option<String>,
    withdrawn_reason: Option<String>,
    version: i64,
}

/// One contribution with its steps, its parent and the contributions routed through it.
/// Withdrawn ones only with `include_withdrawn`.
pub async fn get(
    db: &Db,
    id: i64,
    include_withdrawn: bool,
) -> Result<Option<ContributionDetail>, sqlx::Error> {
    let sql = format!("{SUMMARY_SELECT} WHERE c.id = $1");
    let row: Option<SummaryRow> =
        on_db!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?);
    let Some(row) = row else { return Ok(None) };
    let summary = row.into_summary();
    if summary.withdrawn && !include_withdrawn {
        return Ok(None);
    }
    let extra: DetailExtra = on_db!(db, pool => sqlx::query_as(
        "SELECT c.description_es, c.description_en, c.source_url, c.working_group_code, c.event_id, \
         e.title_es AS event_es, e.title_en AS event_en, o.name_es AS chair_es, o.name_en AS chair_en, \
         c.withdrawn_reason, c.version FROM contributions c LEFT JOIN events e ON e.id = c.event_id \
         LEFT JOIN chair_periods p ON p.id = c.chair_period_id \
         LEFT JOIN organisations o ON o.code = p.organisation_code WHERE c.id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await?);
    let steps: Vec<StepRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, stage, step_date, amount_minor, currency, fx_rate, usd, note FROM contribution_steps \
         WHERE contribution_id = $1 ORDER BY step_date, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?);
    let children_sql =
        format!("{SUMMARY_SELECT} WHERE c.parent_id = $1 AND c.withdrawn_at IS NULL ORDER BY c.id");
    let children: Vec<SummaryRow> =
        on_db!(db, pool => sqlx::query_as(&children_sql).bind(id).fetch_all(pool).await?);
    let parent = match summary.parent_id {
        Some(p) => {
            let r: Option<SummaryRow> =
                on_db!(db, pool => sqlx::query_as(&sql).bind(p).fetch_optional(pool).await?);
            r.map(SummaryRow::into_summary)
        }
        None => None,
    };
    Ok(Some(ContributionDetail {
        summary,
        description_es: extra.description_es,
        description_en: extra.description_en,
        source_url: extra.source_url,
        working_group_code: extra.working_group_code,
        event_id: extra.event_id,
        event_es: extra.event_es.unwrap_or_default(),
        event_en: extra.event_en.unwrap_or_default(),
        chair_es: extra.chair_es.unwrap_or_default(),
        chair_en: extra.chair_en.unwrap_or_default(),
        steps: steps
            .into_iter()
            .map(|s| Step {
                id: s.id,
                stage: Stage::from_code(&s.stage).unwrap_or(Stage::Pledge),
                date: s.step_date.to_string(),
                amount_minor: s.amount_minor,
                currency: s.currency,
                fx_rate: s.fx_rate,
                usd: s.usd,
                note: s.note,
            })
            .collect(),
        children: children.into_iter().map(SummaryRow::into_summary).collect(),
        parent,
        withdrawn_reason: extra.withdrawn_reason,
        version: extra.version,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn rollup_follows_the_furthest_stage_and_sums_partial_disbursements() {
        let r = rollup(&[
            (Stage::Pledge, d(2021, 6, 10), Some(1000)),
            (Stage::Commitment, d(2021, 9, 1), Some(900)),
            (Stage::Disbursement, d(2022, 1, 1), Some(300)),
            (Stage::Disbursement, d(2022, 6, 1), Some(400)),
        ]);
        assert_eq!(r.status, Some(Status::Disbursed));
        assert_eq!((r.pledged, r.committed, r.disbursed), (1000, 900, 700));
        assert_eq!(r.decision_date, Some(d(2021, 6, 10)));
        let c = rollup(&[
            (Stage::Pledge, d(2020, 1, 1), Some(5)),
            (Stage::Cancellation, d(2021, 1, 1), None),
        ]);
        assert_eq!(c.status, Some(Status::Cancelled));
        let p = rollup(&[(Stage::Pledge, d(2020, 1, 1), None)]);
        assert!(!p.has_usd);
    }
}
