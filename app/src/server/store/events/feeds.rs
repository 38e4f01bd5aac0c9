//! Personal calendar feeds: secret tokens, stored only as their hash.

#[allow(unused_imports)]
use super::*;

/// Makes (or replaces) a person's secret feed token and returns it; only its hash is kept, so
/// the address can be shown once and replaced, never read back.
pub async fn reset_feed_token(db: &Db, user_id: i64) -> Result<String, AppError> {
    let token = crate::server::tokens::new_token();
    let hash = crate::server::tokens::hash(&token);
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3)")
            .bind(user_id)
            .bind(&hash)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    });
    Ok(token)
}

/// When the person's feed address was made, if they have one.
pub async fn feed_created(db: &Db, user_id: i64) -> Result<Option<DateTime<Utc>>, AppError> {
    Ok(on_db!(db, pool => sqlx::query_scalar(
        "SELECT created_at FROM calendar_feeds WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await?))
}

/// The active account a feed token belongs to.
pub async fn feed_owner(db: &Db, token: &str) -> Result<Option<i64>, AppError> {
    let hash = crate::server::tokens::hash(token);
    let active = on_db!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT f.user_id FROM calendar_feeds f JOIN users u ON u.id = f.user_id \
         WHERE f.token_hash = $1 AND u.active = $2",
    )
    .bind(&hash)
    .bind(true)
    .fetch_optional(pool)
    .await?);
    Ok(active)
}

// ---------------------------------------------------------------------------------------------
// Outcomes
