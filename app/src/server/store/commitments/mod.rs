//! The commitments register: commitments with their makers, countries and themes, the moves of
//! their review (pre-articulation) and the dated progress reported on them. The public reads only
//! announced commitments; the register is small (hundreds of rows), so a read loads them with
//! their children and filters and counts in memory (`read`).

mod read;

pub use read::*;

use super::audit::{Actor, NewAudit};
use super::Db;
use crate::error::{AppError, Problem};
use crate::model::{CommitmentMove, CommitmentReview};
use crate::server::validate::commitments::{Maker, NewCommitment, NewProgress};
use crate::{on_db, write_audit};
use chrono::Utc;
use serde_json::json;

/// Writes a commitment's makers, countries and themes (after deleting those it had).
macro_rules! write_children {
    ($tx:ident, $id:expr, $c:expr) => {{
        sqlx::query("DELETE FROM commitment_makers WHERE commitment_id = $1")
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        for m in &$c.makers {
            let (country, org) = match m {
                Maker::Country(x) => (Some(x.as_str()), None),
                Maker::Organisation(o) => (None, Some(o.as_str())),
            };
            sqlx::query(
                "INSERT INTO commitment_makers (commitment_id, country_iso2, organisation_code) \
                 VALUES ($1, $2, $3)",
            )
            .bind($id)
            .bind(country)
            .bind(org)
            .execute(&mut *$tx)
            .await?;
        }
        crate::replace_links!(
            $tx,
            "commitment_countries",
            "commitment_id",
            $id,
            "country_iso2",
            &$c.countries
        );
        crate::replace_links!(
            $tx,
            "commitment_themes",
            "commitment_id",
            $id,
            "theme_code",
            &$c.themes
        );
    }};
}

fn commitment_json(c: &NewCommitment, review: CommitmentReview) -> serde_json::Value {
    json!({
        "kind": c.kind.code(), "title_es": c.title_es, "title_en": c.title_en,
        "makers": c.makers.iter().map(Maker::code).collect::<Vec<_>>(),
        "reporter": c.reporter.as_ref().map(Maker::code), "countries": c.countries,
        "themes": c.themes, "occasion": c.occasion.code(), "announced_on": c.announced_on,
        "deadline": c.deadline, "stage": c.stage.code(), "review": review.code(),
        "target": c.target.as_ref().map(|t| json!({
            "what_es": t.what_es, "what_en": t.what_en, "target": t.target, "unit": t.unit,
            "population": t.population,
        })),
        "source_url": c.source_url, "is_example": c.is_example,
    })
}

/// Text or nothing.
fn some(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// Records a commitment at `review` (a form starts a draft; the real records are announced),
/// with its makers, countries and themes, audited. `seed_key` ties it to its real record.
pub async fn create(
    db: &Db,
    actor: Option<&Actor>,
    c: &NewCommitment,
    review: CommitmentReview,
    seed_key: Option<&str>,
) -> Result<i64, AppError> {
    let now = Utc::now();
    let (reporter_country, reporter_org) = match &c.reporter {
        Some(Maker::Country(x)) => (Some(x.as_str()), None),
        Some(Maker::Organisation(o)) => (None, Some(o.as_str())),
        None => (None, None),
    };
    let target = c.target.as_ref();
    let id = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO commitments (seed_key, kind, title_es, title_en, description_es, \
             description_en, reporter_country, reporter_org, occasion, announced_on, deadline, \
             stage, review, kpi_what_es, kpi_what_en, kpi_target, kpi_unit, kpi_population, \
             source_url, is_example, created_at, updated_at, created_by) VALUES ($1, $2, $3, $4, \
             $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $21, \
             $22) RETURNING id",
        )
        .bind(seed_key)
        .bind(c.kind.code())
        .bind(&c.title_es)
        .bind(&c.title_en)
        .bind(&c.description_es)
        .bind(&c.description_en)
        .bind(reporter_country)
        .bind(reporter_org)
        .bind(c.occasion.code())
        .bind(some(&c.announced_on))
        .bind(some(&c.deadline))
        .bind(c.stage.code())
        .bind(review.code())
        .bind(target.map_or("", |t| t.what_es.as_str()))
        .bind(target.map_or("", |t| t.what_en.as_str()))
        .bind(target.map(|t| t.target))
        .bind(target.map(|t| t.unit.as_str()))
        .bind(target.and_then(|t| some(&t.population)))
        .bind(some(&c.source_url))
        .bind(c.is_example)
        .bind(now)
        .bind(actor.map(|a| a.id))
        .fetch_one(&mut *tx)
        .await?;
        write_children!(tx, id, c);
        let entry = NewAudit::new(actor, "create", "commitment", id).after(commitment_json(c, review));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        id
    });
    Ok(id)
}

/// Changes a commitment's text, makers, countries, themes and target: only while it is a draft or
/// returned, and only the version the person saw (`Conflict` otherwise), audited with what it was.
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: i64,
    version: i64,
    c: &NewCommitment,
    today: chrono::NaiveDate,
) -> Result<(), AppError> {
    let (old, _) = any_commitment(db, id, today)
        .await?
        .ok_or(AppError::NotFound)?;
    if !matches!(
        old.review,
        CommitmentReview::Draft | CommitmentReview::Returned
    ) {
        return Err(AppError::Conflict);
    }
    let now = Utc::now();
    let (reporter_country, reporter_org) = match &c.reporter {
        Some(Maker::Country(x)) => (Some(x.as_str()), None),
        Some(Maker::Organisation(o)) => (None, Some(o.as_str())),
        None => (None, None),
    };
    let target = c.target.as_ref();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE commitments SET kind = $1, title_es = $2, title_en = $3, description_es = $4, \
             description_en = $5, reporter_country = $6, reporter_org = $7, occasion = $8, \
             announced_on = $9, deadline = $10, stage = $11, kpi_what_es = $12, kpi_what_en = $13, \
             kpi_target = $14, kpi_unit = $15, kpi_population = $16, source_url = $17, \
             updated_at = $18, version = version + 1 \
             WHERE id = $19 AND version = $20 AND review IN ('draft', 'returned')",
        )
        .bind(c.kind.code())
        .bind(&c.title_es)
        .bind(&c.title_en)
        .bind(&c.description_es)
        .bind(&c.description_en)
        .bind(reporter_country)
        .bind(reporter_org)
        .bind(c.occasion.code())
        .bind(some(&c.announced_on))
        .bind(some(&c.deadline))
        .bind(c.stage.code())
        .bind(target.map_or("", |t| t.what_es.as_str()))
        .bind(target.map_or("", |t| t.what_en.as_str()))
        .bind(target.map(|t| t.target))
        .bind(target.map(|t| t.unit.as_str()))
        .bind(target.and_then(|t| some(&t.population)))
        .bind(some(&c.source_url))
        .bind(now)
        .bind(id)
        .bind(version)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            return Err(AppError::Conflict);
        }
        write_children!(tx, id, c);
        let entry = NewAudit::new(Some(actor), "update", "commitment", id)
            .before(serde_json::to_value(&old).unwrap_or_default())
            .after(commitment_json(c, old.review));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
    });
    Ok(())
}

/// Moves a commitment's review (the pre-articulation), with the reviewer's comment (required to
/// return it). Who may make which move is the caller's decision (the policy). Returns where it is
/// now.
pub async fn transition(
    db: &Db,
    actor: &Actor,
    id: i64,
    mv: CommitmentMove,
    comment: &str,
) -> Result<CommitmentReview, AppError> {
    let comment = comment.trim();
    if mv == CommitmentMove::Return && comment.is_empty() {
        return Err(AppError::invalid("comment", Problem::Required));
    }
    if comment.chars().count() > 4000 {
        return Err(AppError::invalid("comment", Problem::TooLong { max: 4000 }));
    }
    let now = Utc::now();
    let to = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let from: Option<String> = sqlx::query_scalar("SELECT review FROM commitments WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let from = CommitmentReview::from_code(&from.ok_or(AppError::NotFound)?)
            .ok_or(AppError::Internal)?;
        let to = mv.target(from).ok_or(AppError::Conflict)?;
        // Announcing it dates it, unless its makers gave the date.
        sqlx::query(
            "UPDATE commitments SET review = $1, updated_at = $2, version = version + 1, \
             announced_on = CASE WHEN $3 AND announced_on IS NULL THEN $4 ELSE announced_on END \
             WHERE id = $5",
        )
        .bind(to.code())
        .bind(now)
        .bind(to == CommitmentReview::Announced)
        .bind(now.date_naive().to_string())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO commitment_reviews (commitment_id, actor_id, from_review, to_review, \
             comment, at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(actor.id)
        .bind(from.code())
        .bind(to.code())
        .bind(comment)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let mut entry = NewAudit::new(Some(actor), "transition", "commitment", id)
            .before(json!({ "review": from.code() }))
            .after(json!({ "review": to.code(), "move": mv.code() }));
        if !comment.is_empty() {
            entry = entry.reason(Some(comment.to_string()));
        }
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        to
    });
    Ok(to)
}

/// Adds a progress report to a commitment, audited; the commitment's version moves so that a
/// form opened before it sees the change.
pub async fn add_progress(
    db: &Db,
    actor: Option<&Actor>,
    commitment: i64,
    p: &NewProgress,
) -> Result<i64, AppError> {
    let now = Utc::now();
    let id = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let before: Option<String> = sqlx::query_scalar("SELECT stage FROM commitments WHERE id = $1")
            .bind(commitment)
            .fetch_optional(&mut *tx)
            .await?;
        let before = before.ok_or(AppError::NotFound)?;
        let stage = p.stage.map_or(before.as_str(), |s| s.code());
        sqlx::query(
            "UPDATE commitments SET stage = $1, updated_at = $2, version = version + 1 WHERE id = $3",
        )
        .bind(stage)
        .bind(now)
        .bind(commitment)
        .execute(&mut *tx)
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO commitment_updates (commitment_id, reported_on, country_iso2, value, unit, \
             text_es, text_en, evidence_url, created_at, created_by) VALUES ($1, $2, $3, $4, $5, \
             $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(commitment)
        .bind(&p.reported_on)
        .bind(p.country.as_deref())
        .bind(p.value.as_ref().map(|v| v.0))
        .bind(p.value.as_ref().map(|v| v.1.as_str()))
        .bind(&p.text_es)
        .bind(&p.text_en)
        .bind(some(&p.evidence_url))
        .bind(now)
        .bind(actor.map(|a| a.id))
        .fetch_one(&mut *tx)
        .await?;
        let entry = NewAudit::new(actor, "report", "commitment", commitment).after(json!({
            "update": id, "reported_on": p.reported_on, "country": p.country,
            "value": p.value.as_ref().map(|v| v.0), "unit": p.value.as_ref().map(|v| &v.1),
            "text_es": p.text_es, "text_en": p.text_en, "evidence_url": p.evidence_url,
            "stage": stage,
        })).before(json!({ "stage": before }));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        id
    });
    Ok(id)
}
