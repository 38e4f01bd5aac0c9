//! Offers of support and the matches proposed between an offer and a plan line. An offer's status
//! follows its matches (open, in discussion, matched); it is withdrawn by its offeror and expires
//! after its last day, as an unanswered proposal does after its own. Accepting a match is a
//! ledger write: see `contributions::pledge_from_match`.

use super::audit::{Actor, NewAudit};
use super::Db;
use crate::error::AppError;
use crate::server::validate::offers::{NewAnswer, NewOffer, NewProposal};
use crate::{on_db, write_audit};
use chrono::{NaiveDate, Utc};
pub use read::{has_examples, matches, offer, offers, MatchesOf};
use serde_json::json;

mod read;

/// How long a proposal waits for its answer (it never outlives its offer).
pub const PROPOSAL_DAYS: i64 = 60;

/// Sets an active offer's status from its matches (`$1` the offer, `$2` the time).
pub const OFFER_STATUS_SQL: &str = "UPDATE offers SET status = CASE \
     WHEN EXISTS (SELECT 1 FROM offer_matches m WHERE m.offer_id = offers.id AND m.status = 'accepted') \
     THEN 'matched' \
     WHEN EXISTS (SELECT 1 FROM offer_matches m WHERE m.offer_id = offers.id AND m.status = 'proposed') \
     THEN 'in_discussion' ELSE 'open' END, updated_at = $2 \
     WHERE id = $1 AND status IN ('open', 'in_discussion', 'matched')";

fn offer_json(o: &NewOffer) -> serde_json::Value {
    json!({
        "offeror": o.offeror_code, "kind": o.kind.code(), "title_es": o.title_es,
        "title_en": o.title_en, "regional": o.regional, "countries": o.countries,
        "themes": o.themes, "pillars": o.pillars, "currency": o.currency,
        "amount_minor": o.money.map(|m| m.amount_minor),
        "fx_rate": o.money.map(|m| m.fx_rate.to_string()),
        "amount_usd": o.money.map(|m| m.usd), "capacity_es": o.capacity_es,
        "capacity_en": o.capacity_en, "available_from": o.available_from.to_string(),
        "available_until": o.available_until.to_string(), "is_example": o.is_example,
    })
}

/// Records an offer, open, audited (the contact details are not copied into the trail).
pub async fn create_offer(db: &Db, actor: Option<&Actor>, o: &NewOffer) -> Result<i64, AppError> {
    let now = Utc::now();
    let id = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO offers (offeror_code, kind, title_es, title_en, description_es, \
             description_en, regional, currency, amount_minor, fx_rate, amount_usd, capacity_es, \
             capacity_en, available_from, available_until, contact_name, contact_email, status, \
             is_example, created_at, updated_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, \
             $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'open', $18, $19, $19, $20) RETURNING id",
        )
        .bind(&o.offeror_code)
        .bind(o.kind.code())
        .bind(&o.title_es)
        .bind(&o.title_en)
        .bind(&o.description_es)
        .bind(&o.description_en)
        .bind(o.regional)
        .bind(&o.currency)
        .bind(o.money.map(|m| m.amount_minor))
        .bind(o.money.map(|m| m.fx_rate.to_string()))
        .bind(o.money.map(|m| m.usd))
        .bind(&o.capacity_es)
        .bind(&o.capacity_en)
        .bind(o.available_from)
        .bind(o.available_until)
        .bind(&o.contact_name)
        .bind(&o.contact_email)
        .bind(o.is_example)
        .bind(now)
        .bind(actor.map(|a| a.id))
        .fetch_one(&mut *tx)
        .await?;
        crate::replace_links!(tx, "offer_countries", "offer_id", id, "country_iso2", &o.countries);
        crate::replace_links!(tx, "offer_themes", "offer_id", id, "theme_code", &o.themes);
        crate::replace_links!(tx, "offer_pillars", "offer_id", id, "pillar", &o.pillars);
        let entry = NewAudit::new(actor, "create", "offer", id).after(offer_json(o));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        id
    });
    Ok(id)
}

/// Takes an offer back, with the reason; its open proposals are withdrawn with it.
pub async fn withdraw_offer(
    db: &Db,
    actor: &Actor,
    id: i64,
    version: i64,
    reason: &str,
) -> Result<(), AppError> {
    let reason = crate::server::validate::withdrawal_reason(reason)?;
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let q = sqlx::query(
            "UPDATE offers SET status = 'withdrawn', updated_at = $1, version = version + 1 \
             WHERE id = $2 AND version = $3 AND status IN ('open', 'in_discussion', 'matched')",
        );
        crate::update_versioned!(tx, q, now, id, version);
        let open: Vec<i64> = sqlx::query_scalar(
            "UPDATE offer_matches SET status = 'withdrawn', answered_at = $1, answered_by = $2, \
             answer_reason = $3, version = version + 1 WHERE offer_id = $4 AND status = 'proposed' \
             RETURNING id",
        )
        .bind(now)
        .bind(actor.id)
        .bind(reason)
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        let entry = NewAudit::new(Some(actor), "withdraw", "offer", id)
            .after(json!({ "status": "withdrawn", "proposals_withdrawn": open }))
            .reason(Some(reason.to_string()));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
    });
    Ok(())
}

/// Proposes putting an offer towards a line (one open proposal per offer and line). The offer
/// goes into discussion. `score` is the suggestion's score when it was proposed.
pub async fn propose(
    db: &Db,
    actor: Option<&Actor>,
    p: &NewProposal,
    score: i32,
    today: NaiveDate,
    offer_until: NaiveDate,
) -> Result<i64, AppError> {
    let now = Utc::now();
    let expires = (today + chrono::Duration::days(PROPOSAL_DAYS)).min(offer_until);
    let id = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM offer_matches WHERE offer_id = $1 AND line_id = $2 \
             AND status = 'proposed'",
        )
        .bind(p.offer_id)
        .bind(p.line_id)
        .fetch_one(&mut *tx)
        .await?;
        if open > 0 {
            return Err(AppError::invalid("offer", crate::error::Problem::Taken));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO offer_matches (offer_id, line_id, amount_minor, amount_usd, score, note, \
             status, expires_on, proposed_at, proposed_by) \
             VALUES ($1, $2, $3, $4, $5, $6, 'proposed', $7, $8, $9) RETURNING id",
        )
        .bind(p.offer_id)
        .bind(p.line_id)
        .bind(p.amount.map(|a| a.0))
        .bind(p.amount.map(|a| a.1))
        .bind(score.clamp(0, 100))
        .bind(&p.note)
        .bind(expires)
        .bind(now)
        .bind(actor.map(|a| a.id))
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(OFFER_STATUS_SQL)
            .bind(p.offer_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let entry = NewAudit::new(actor, "propose", "offer_match", id).after(json!({
            "offer": p.offer_id, "line": p.line_id, "amount_minor": p.amount.map(|a| a.0),
            "amount_usd": p.amount.map(|a| a.1), "score": score, "note": p.note,
            "expires_on": expires.to_string(),
        }));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        id
    });
    Ok(id)
}

/// Declines a proposal, with the reason; the offer goes back to open if nothing else is pending.
pub async fn decline(db: &Db, actor: &Actor, a: &NewAnswer, offer_id: i64) -> Result<(), AppError> {
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE offer_matches SET status = 'declined', answer_reason = $1, answered_at = $2, \
             answered_by = $3, version = version + 1 WHERE id = $4 AND version = $5 \
             AND status = 'proposed'",
        )
        .bind(&a.reason)
        .bind(now)
        .bind(actor.id)
        .bind(a.match_id)
        .bind(a.version)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed != 1 {
            return Err(AppError::Conflict);
        }
        sqlx::query(OFFER_STATUS_SQL)
            .bind(offer_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let entry = NewAudit::new(Some(actor), "decline", "offer_match", a.match_id)
            .before(json!({ "status": "proposed" }))
            .after(json!({ "status": "declined" }))
            .reason(Some(a.reason.clone()));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
    });
    Ok(())
}

/// Expires what is past its day on `today`: offers after their last day (with their open
/// proposals) and proposals not answered in time. Audited as the system's doing; gives how many
/// offers and proposals expired.
pub async fn expire_due(db: &Db, today: NaiveDate) -> Result<(usize, usize), AppError> {
    let now = Utc::now();
    let done = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let offers: Vec<i64> = sqlx::query_scalar(
            "UPDATE offers SET status = 'expired', updated_at = $1 WHERE available_until < $2 \
             AND status IN ('open', 'in_discussion', 'matched') RETURNING id",
        )
        .bind(now)
        .bind(today)
        .fetch_all(&mut *tx)
        .await?;
        let proposals: Vec<(i64, i64)> = sqlx::query_as(
            "UPDATE offer_matches SET status = 'expired', answered_at = $1, version = version + 1 \
             WHERE status = 'proposed' AND (expires_on < $2 OR offer_id IN \
             (SELECT id FROM offers WHERE status = 'expired')) RETURNING id, offer_id",
        )
        .bind(now)
        .bind(today)
        .fetch_all(&mut *tx)
        .await?;
        for id in &offers {
            let entry = NewAudit::new(None, "expire", "offer", *id)
                .after(json!({ "status": "expired", "on": today.to_string() }));
            write_audit!(&mut *tx, &entry)?;
        }
        for (id, offer) in &proposals {
            sqlx::query(OFFER_STATUS_SQL)
                .bind(offer)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            let entry = NewAudit::new(None, "expire", "offer_match", *id)
                .after(json!({ "status": "expired", "on": today.to_string() }));
            write_audit!(&mut *tx, &entry)?;
        }
        tx.commit().await?;
        (offers.len(), proposals.len())
    });
    Ok(done)
}
