//! Good practices: drafts, the review workflow (every move in `practice_reviews` and the audit
//! trail, in one transaction), and the public search over published practices with facets.
//! Search text is folded (lower case, no accents) by the application so that both engines match
//! "educacion" to "educación"; SQLite searches it with FTS5, PostgreSQL with a GIN-indexed
//! `tsvector`.

use super::audit::{Actor, NewAudit};
use super::Db;
use crate::error::{AppError, Problem};
use crate::model::{
    FacetCount, Facets, GapRef, Named, PracticeDetail, PracticeQuery, PracticeRef, PracticeResults,
    PracticeStatus, PracticeSummary, ReviewStep, Severity, TopicSuggestion, Transition,
};
use crate::server::store::sql::Param;
use crate::server::store::versions::{self, Dataset};
use crate::server::text::search_terms;
pub use crate::server::validate::practices::NewPractice;
use crate::{on_db, write_audit};
use chrono::Utc;
use index::Index;
use serde_json::json;

pub mod index;
mod read;
mod search;
mod topics;

pub use read::*;
pub use search::*;
pub use topics::*;

/// Writes a practice's themes, population groups and gaps (replacing what was there).
macro_rules! write_links {
    ($tx:expr, $id:expr, $p:expr) => {{
        crate::replace_links!(
            $tx,
            "practice_themes",
            "practice_id",
            $id,
            "theme_code",
            &$p.themes
        );
        crate::replace_links!(
            $tx,
            "practice_populations",
            "practice_id",
            $id,
            "population_code",
            &$p.populations
        );
        crate::replace_links!(
            $tx,
            "practice_gaps",
            "practice_id",
            $id,
            "entry_id",
            &$p.gaps
        );
    }};
}

/// What the trail keeps of an edit: the editable fields of a stored practice or a new version,
/// with the codes of its themes and population groups and the ids of the gaps it answers.
macro_rules! editable_json {
    ($p:expr, $themes:expr, $populations:expr, $gaps:expr) => {
        json!({
            "title_es": $p.title_es, "title_en": $p.title_en,
            "summary_es": $p.summary_es, "summary_en": $p.summary_en,
            "body_es": $p.body_es, "body_en": $p.body_en,
            "results_es": $p.results_es, "results_en": $p.results_en,
            "contacts": $p.contacts, "links": $p.links, "year": $p.year,
            "period_start": $p.period_start, "period_end": $p.period_end,
            "themes": $themes, "populations": $populations, "gaps": $gaps,
        })
    };
}

/// Binds the texts an insert and an update both write, in the order of their columns
/// (`title_es` to `year`).
macro_rules! bind_texts {
    ($q:expr, $p:expr) => {
        $q.bind(&$p.title_es)
            .bind(&$p.title_en)
            .bind(&$p.summary_es)
            .bind(&$p.summary_en)
            .bind(&$p.body_es)
            .bind(&$p.body_en)
            .bind(&$p.results_es)
            .bind(&$p.results_en)
            .bind(&$p.contacts)
            .bind(&$p.links)
            .bind($p.year)
    };
}

/// Writes a new practice as a draft (or, for seeding, directly in `status`).
pub async fn create(
    db: &Db,
    actor: Option<&Actor>,
    p: &NewPractice,
    status: PracticeStatus,
) -> Result<i64, AppError> {
    insert(db, actor, p, status, None).await
}

/// Writes a practice from the real records, tied to its record by `seed_key`, in `status`.
pub async fn create_seeded(
    db: &Db,
    p: &NewPractice,
    status: PracticeStatus,
    seed_key: &str,
) -> Result<i64, AppError> {
    insert(db, None, p, status, Some(seed_key)).await
}

async fn insert(
    db: &Db,
    actor: Option<&Actor>,
    p: &NewPractice,
    status: PracticeStatus,
    seed_key: Option<&str>,
) -> Result<i64, AppError> {
    let now = Utc::now();
    let text = p.search_text();
    let published = (status == PracticeStatus::Published).then_some(now);
    let is_sqlite = matches!(db, Db::Sqlite(_));
    let id = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let q = sqlx::query_scalar(
            "INSERT INTO practices (submitter_kind, country_iso2, organisation_code, title_es, \
             title_en, summary_es, summary_en, body_es, body_en, results_es, results_en, contacts, \
             links, year, status, author_id, published_at, search_text, is_example, created_at, \
             updated_at, period_start, period_end, seed_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
             $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20, $21, $22, $23) \
             RETURNING id",
        )
        .bind(&p.submitter_kind)
        .bind(&p.country_iso2)
        .bind(&p.organisation_code);
        let id: i64 = bind_texts!(q, p)
        .bind(status.code())
        .bind(actor.map(|a| a.id))
        .bind(published)
        .bind(&text)
        .bind(p.is_example)
        .bind(now)
        .bind(p.period_start)
        .bind(p.period_end)
        .bind(seed_key)
        .fetch_one(&mut *tx)
        .await?;
        write_links!(tx, id, p);
        if published.is_some() && is_sqlite {
            sqlx::query("INSERT INTO practices_fts (rowid, search_text) VALUES ($1, $2)")
                .bind(id)
                .bind(&text)
                .execute(&mut *tx)
                .await?;
        }
        let entry = NewAudit::new(actor, "create", "practice", id).after(json!({
            "status": status.code(),
            "title_es": p.title_es,
            "title_en": p.title_en,
            "submitter_kind": p.submitter_kind,
            "country": p.country_iso2,
            "organisation": p.organisation_code,
            "themes": p.themes,
            "populations": p.populations,
        }));
        write_audit!(&mut *tx, &entry)?;
        crate::bump_version!(tx, Dataset::Practices);
        tx.commit().await?;
        id
    });
    Ok(id)
}

/// Moves a practice through the workflow, with the reviewer's comment (required to return it).
/// Returns the new status. Who may make which move is decided by the caller (the policy).
pub async fn transition(
    db: &Db,
    actor: &Actor,
    id: i64,
    t: Transition,
    comment: &str,
) -> Result<PracticeStatus, AppError> {
    let comment = comment.trim();
    if t == Transition::Return && comment.is_empty() {
        return Err(AppError::invalid("comment", Problem::Required));
    }
    if comment.chars().count() > 4000 {
        return Err(AppError::invalid("comment", Problem::TooLong { max: 4000 }));
    }
    let now = Utc::now();
    let is_sqlite = matches!(db, Db::Sqlite(_));
    let to = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT status, search_text FROM practices WHERE id = $1 AND withdrawn_at IS NULL",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let (from, text) = row.ok_or(AppError::NotFound)?;
        let from = PracticeStatus::from_code(&from).ok_or(AppError::Internal)?;
        let to = t.target(from).ok_or(AppError::Conflict)?;
        let published_at = (to == PracticeStatus::Published).then_some(now);
        sqlx::query(
            "UPDATE practices SET status = $1, updated_at = $2, version = version + 1, \
             published_at = CASE WHEN $3 THEN $2 ELSE published_at END WHERE id = $4",
        )
        .bind(to.code())
        .bind(now)
        .bind(published_at.is_some())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if is_sqlite {
            if to == PracticeStatus::Published {
                sqlx::query("INSERT INTO practices_fts (rowid, search_text) VALUES ($1, $2)")
                    .bind(id)
                    .bind(&text)
                    .execute(&mut *tx)
                    .await?;
            } else if from == PracticeStatus::Published {
                sqlx::query("DELETE FROM practices_fts WHERE rowid = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        sqlx::query(
            "INSERT INTO practice_reviews (practice_id, actor_id, from_status, to_status, comment, at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(actor.id)
        .bind(from.code())
        .bind(to.code())
        .bind(comment)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let mut entry = NewAudit::new(Some(actor), "transition", "practice", id)
            .before(json!({ "status": from.code() }))
            .after(json!({ "status": to.code(), "move": t.code() }));
        if !comment.is_empty() {
            entry = entry.reason(Some(comment.to_string()));
        }
        write_audit!(&mut *tx, &entry)?;
        crate::bump_version!(tx, Dataset::Practices);
        tx.commit().await?;
        to
    });
    Ok(to)
}

/// The status of a practice (and whether it exists).
pub async fn status_of(db: &Db, id: i64) -> Result<PracticeStatus, AppError> {
    let s: Option<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT status FROM practices WHERE id = $1 AND withdrawn_at IS NULL",
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    s.and_then(|s| PracticeStatus::from_code(&s))
        .ok_or(AppError::NotFound)
}

/// Rewrites a draft or returned practice (published ones go back to review first), if nobody
/// changed it since `version`. The submitter stays.
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: i64,
    version: i64,
    p: &NewPractice,
) -> Result<(), AppError> {
    let before = get(db, id).await?.ok_or(AppError::NotFound)?;
    if !matches!(
        before.status,
        PracticeStatus::Draft | PracticeStatus::Returned
    ) {
        return Err(AppError::Conflict);
    }
    if before.country_iso2 != p.country_iso2 || before.organisation_code != p.organisation_code {
        return Err(AppError::invalid("submitter", Problem::NotAllowed));
    }
    let now = Utc::now();
    let text = p.search_text();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let q = sqlx::query(
            "UPDATE practices SET title_es = $1, title_en = $2, summary_es = $3, summary_en = $4, \
             body_es = $5, body_en = $6, results_es = $7, results_en = $8, contacts = $9, \
             links = $10, year = $11, search_text = $12, period_start = $13, period_end = $14, \
             updated_at = $15, version = version + 1 WHERE id = $16 AND version = $17 \
             AND status IN ('draft', 'returned') AND withdrawn_at IS NULL",
        );
        let q = bind_texts!(q, p).bind(&text).bind(p.period_start).bind(p.period_end);
        crate::update_versioned!(tx, q, now, id, version);
        write_links!(tx, id, p);
        let entry = NewAudit::new(Some(actor), "update", "practice", id)
            .before(editable_json!(
                before,
                before.themes.iter().map(|t| &t.code).collect::<Vec<_>>(),
                before.populations.iter().map(|t| &t.code).collect::<Vec<_>>(),
                before.gaps.iter().map(|g| g.id).collect::<Vec<_>>()
            ))
            .after(editable_json!(p, p.themes, p.populations, p.gaps));
        write_audit!(&mut *tx, &entry)?;
        crate::bump_version!(tx, Dataset::Practices);
        tx.commit().await?;
    });
    Ok(())
}

/// Moves whenever a practice is created, changed or moved through the workflow.
pub async fn data_version(db: &Db) -> Result<i64, sqlx::Error> {
    versions::current(db, Dataset::Practices).await
}
