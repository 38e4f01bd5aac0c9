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
    ContributionDetail, ContributionFilter, ContributionKind, ContributionSummary,
    FinancingMechanism, Stage, Status, Step,
};
use crate::server::store::sql::Param;
use crate::server::store::versions::{self, Dataset};
use crate::server::store::Db;
use crate::server::validate::contributions::{Fields, NewStep, ValidContribution};
use crate::{on_db, write_audit};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde_json::json;

#[macro_use]
mod cube;
mod read;

pub use cube::*;
pub use read::*;

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
        "kind": f.kind.code(), "mechanism": f.mechanism.map(|m| m.code()), "pillar": f.pillar,
        "sector": f.sector_code,
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

/// Refuses a parent that cannot group `child` (`None` for a new record): unknown, withdrawn, a
/// part of another contribution itself, `child` itself, or `child` already groups parts (the
/// ledger keeps one level, which also rules out every cycle). `field` names the error.
macro_rules! check_parent {
    ($conn:expr, $child:expr, $parent:expr, $field:expr) => {{
        let child: Option<i64> = $child;
        let parent: i64 = $parent;
        let found: Option<(Option<i64>, bool)> = sqlx::query_as(
            "SELECT parent_id, withdrawn_at IS NOT NULL FROM contributions WHERE id = $1",
        )
        .bind(parent)
        .fetch_optional(&mut *$conn)
        .await?;
        let groups_parts = match child {
            Some(c) => {
                sqlx::query_scalar::<_, i64>(
                    "SELECT COUNT(*) FROM contributions WHERE parent_id = $1",
                )
                .bind(c)
                .fetch_one(&mut *$conn)
                .await?
                    > 0
            }
            None => false,
        };
        let problem = match found {
            None => Some(Problem::UnknownChoice),
            Some((_, true)) => Some(Problem::ParentWithdrawn),
            Some((Some(_), _)) => Some(Problem::NotAParent),
            Some((None, false)) if child == Some(parent) || groups_parts => {
                Some(Problem::NotAParent)
            }
            Some((None, false)) => None,
        };
        if let Some(p) = problem {
            return Err(AppError::Validation(vec![crate::error::FieldError::new(
                $field, p,
            )]));
        }
    }};
}

/// Binds the describing fields an insert and an update both write, in the order of their
/// columns (`donor_code` to `mechanism`).
macro_rules! bind_described {
    ($q:expr, $f:expr) => {
        $q.bind(&$f.donor_code)
            .bind(&$f.recipient_iso2)
            .bind(&$f.channel_code)
            .bind($f.kind.code())
            .bind($f.pillar)
            .bind(&$f.sector_code)
            .bind(&$f.working_group_code)
            .bind($f.event_id)
            .bind(&$f.title_es)
            .bind(&$f.title_en)
            .bind(&$f.description_es)
            .bind(&$f.description_en)
            .bind(&$f.source_url)
            .bind($f.parent_id)
            .bind($f.is_example)
            .bind($f.mechanism.map(|m| m.code()))
    };
}

/// Inserts a checked contribution with its first step and any later ones, inside a transaction:
/// recomputes its totals, moves its money into its cube cell and writes its audit entry. Gives
/// its id. The caller bumps the ledger's data version.
macro_rules! insert_contribution {
    ($tx:expr, $actor:expr, $v:expr, $later:expr, $now:expr) => {{
        let v: &ValidContribution = $v;
        let later: &[NewStep] = $later;
        let actor: Option<&Actor> = $actor;
        let actor_id = actor.map(|a| a.id);
        let f = &v.fields;
        let q = sqlx::query_scalar(
            "INSERT INTO contributions (donor_code, recipient_iso2, channel_code, kind, pillar, \
             sector_code, working_group_code, event_id, title_es, title_en, description_es, \
             description_en, source_url, parent_id, is_example, mechanism, currency, status, \
             decision_date, year, created_at, updated_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, \
             $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $21, $22) RETURNING id",
        );
        let id: i64 = bind_described!(q, f)
            .bind(&f.currency)
            .bind(Status::Pledged.code())
            .bind(v.step.date)
            .bind(v.step.date.year())
            .bind($now)
            .bind(actor_id)
            .fetch_one(&mut *$tx)
            .await?;
        insert_step!($tx, id, &v.step, actor_id, $now);
        for s in later {
            insert_step!($tx, id, s, actor_id, $now);
        }
        let r = recompute!($tx, id, $now);
        if let Some(entry) = cube_entry_of!(&mut *$tx, id) {
            cube_apply!($tx, &entry, 1);
        }
        let mut after = fields_json(f);
        after["first_step"] = step_json(&v.step);
        if !later.is_empty() {
            after["later_steps"] = later.iter().map(step_json).collect();
        }
        after["totals"] = rollup_json(&r);
        let entry = NewAudit::new(actor, "create", "contribution", id).after(after);
        write_audit!(&mut *$tx, &entry)?;
        id
    }};
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
    let ids = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let mut ids = Vec::with_capacity(rows.len());
        for (i, (v, later)) in rows.iter().enumerate() {
            let f = &v.fields;
            if let Some(parent) = f.parent_id {
                check_parent!(tx, None, parent, format!("row {}: parent", i + 1));
            }
            let id = insert_contribution!(tx, actor, v, later, now);
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
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        if let Some(parent) = f.parent_id {
            check_parent!(tx, Some(id), parent, "parent");
        }
        let before = cube_entry_of!(&mut *tx, id);
        let q = sqlx::query(
            "UPDATE contributions SET donor_code = $1, recipient_iso2 = $2, channel_code = $3, kind = $4, \
             pillar = $5, sector_code = $6, working_group_code = $7, event_id = $8, title_es = $9, \
             title_en = $10, description_es = $11, description_en = $12, source_url = $13, parent_id = $14, \
             is_example = $15, mechanism = $16, updated_at = $17, version = version + 1 WHERE id = $18 \
             AND version = $19",
        );
        let done = bind_described!(q, f)
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
            "kind": s.kind.code(), "mechanism": s.mechanism.map(|m| m.code()), "pillar": s.pillar,
            "sector": s.sector_code,
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

/// The ledger's data version (changes with every write).
pub async fn data_version(db: &Db) -> Result<i64, sqlx::Error> {
    versions::current(db, Dataset::Contributions).await
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

// After the macros above, which it uses.
mod from_offer;
pub use from_offer::*;
