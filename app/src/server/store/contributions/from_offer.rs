//! The pledge an accepted match makes: the contribution, its link to the plan line and the
//! match's answer, in one transaction with their audit entries, or none of them.

use super::super::audit::{Actor, NewAudit};
use super::super::offers::OFFER_STATUS_SQL;
use super::*;

/// The proposal being accepted, as the offeror saw it.
#[derive(Clone, Debug)]
pub struct AcceptedMatch {
    pub match_id: i64,
    /// The version the offeror saw: a proposal changed since (or answered) is a conflict.
    pub version: i64,
    pub offer_id: i64,
    pub line_id: i64,
    pub reason: String,
}

/// Records `v` as a pledge made by accepting the match `m`, linked with all of it to the match's
/// line. Gives the contribution's id.
pub async fn pledge_from_match(
    db: &Db,
    actor: &Actor,
    v: &ValidContribution,
    m: &AcceptedMatch,
) -> Result<i64, AppError> {
    let now = Utc::now();
    let id = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        // Two proposals may each fit what was free when they were made; together they may not
        // pass the offer's amount.
        let (total, taken, wanted, status): (Option<i64>, i64, Option<i64>, String) = sqlx::query_as(
            "SELECT o.amount_usd, CAST(COALESCE((SELECT SUM(a.amount_usd) FROM offer_matches a \
             WHERE a.offer_id = o.id AND a.status = 'accepted'), 0) AS BIGINT), m.amount_usd, \
             m.status FROM offer_matches m JOIN offers o ON o.id = m.offer_id WHERE m.id = $1",
        )
        .bind(m.match_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
        if status != "proposed" {
            // Answered, withdrawn or expired meanwhile.
            return Err(AppError::Conflict);
        }
        if let (Some(total), Some(wanted)) = (total, wanted) {
            if taken + wanted > total {
                return Err(AppError::invalid(
                    "amount",
                    Problem::OutOfRange { min: 0, max: (total - taken).max(0) / 100 },
                ));
            }
        }
        let id = insert_contribution!(tx, Some(actor), v, &[], now);
        sqlx::query(
            "INSERT INTO contribution_lines (contribution_id, line_id, share_bp, created_at, created_by) \
             VALUES ($1, $2, 10000, $3, $4)",
        )
        .bind(id)
        .bind(m.line_id)
        .bind(now)
        .bind(actor.id)
        .execute(&mut *tx)
        .await?;
        let link = NewAudit::new(Some(actor), "link_line", "contribution", id)
            .after(json!({ "line": m.line_id, "share_bp": 10000, "match": m.match_id }));
        write_audit!(&mut *tx, &link)?;
        let changed = sqlx::query(
            "UPDATE offer_matches SET status = 'accepted', contribution_id = $1, \
             answer_reason = $2, answered_at = $3, answered_by = $4, version = version + 1 \
             WHERE id = $5 AND version = $6 AND status = 'proposed' AND expires_on >= $7",
        )
        .bind(id)
        .bind(&m.reason)
        .bind(now)
        .bind(actor.id)
        .bind(m.match_id)
        .bind(m.version)
        .bind(now.date_naive())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            // Answered, withdrawn or expired meanwhile: nothing above is kept.
            return Err(AppError::Conflict);
        }
        sqlx::query(OFFER_STATUS_SQL)
            .bind(m.offer_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let answer = NewAudit::new(Some(actor), "accept", "offer_match", m.match_id)
            .before(json!({ "status": "proposed" }))
            .after(json!({
                "status": "accepted", "contribution": id, "offer": m.offer_id, "line": m.line_id,
                "reason": m.reason,
            }));
        write_audit!(&mut *tx, &answer)?;
        crate::bump_version!(tx, Dataset::Contributions);
        tx.commit().await?;
        id
    });
    Ok(id)
}
