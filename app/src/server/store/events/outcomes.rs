//! What an event produced: what was learned, policy changes (Result 3.3.2) and contributions linked to it (Result 3.3.3).

#[allow(unused_imports)]
use super::*;

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
