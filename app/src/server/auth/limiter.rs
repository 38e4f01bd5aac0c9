//! Sign-in throttling, kept in the database so that every app server behind a balancer counts
//! the same attempts (tables `sign_in_attempts` and `sign_in_known`).
//!
//! Every attempt is counted and written *before* the password is checked, under one lock that
//! every server takes (SQLite's write lock, a PostgreSQL advisory lock), so guesses sent at the
//! same moment, to one server or to several, share one budget exactly. A successful sign-in
//! deletes its attempt and that address's failures on the account.
//!
//! Three budgets within a window (15 minutes by default), each giving `AppError::RateLimited`
//! (HTTP 429) once used up:
//! - one account from one address: 5 failures;
//! - one address, whatever the accounts: 20 failures;
//! - one account from every address together: 20 failures. This one does not apply to an address
//!   that signed this account in during the last 30 days, so someone guessing on purpose cannot
//!   lock a person out of the place they usually work from, while a spread-out attack on one
//!   account still gets 20 guesses per window and no more.

use crate::error::AppError;
use crate::on_db;
use crate::server::store::Db;
use std::time::Duration;

/// How long a successful sign-in makes its address "known" for the account.
const KNOWN_FOR: Duration = Duration::from_secs(30 * 24 * 3600);

#[derive(Debug)]
pub struct LoginLimiter {
    window: Duration,
    per_pair: i64,
    per_client: i64,
    per_account: i64,
}

/// An attempt that has been counted: hand it to [`LoginLimiter::succeeded`] when the password
/// was right; otherwise it simply stays counted as a failure.
#[derive(Debug)]
pub struct Attempt {
    id: i64,
    account: String,
    client: String,
}

impl Default for LoginLimiter {
    /// 5 failures per account and address, 20 per address, 20 per account, in 15 minutes.
    fn default() -> Self {
        LoginLimiter::new(Duration::from_secs(15 * 60), 5, 20, 20)
    }
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl LoginLimiter {
    pub fn new(window: Duration, per_pair: i64, per_client: i64, per_account: i64) -> Self {
        LoginLimiter {
            window,
            per_pair,
            per_client,
            per_account,
        }
    }

    /// Counts the attempt, or refuses it when one of its budgets is used up.
    pub async fn begin(&self, db: &Db, account: &str, client: &str) -> Result<Attempt, AppError> {
        let now = now_ms();
        let since = now - ms(self.window);
        let known_since = now - ms(KNOWN_FOR);
        // Count and write under one lock, on every server: SQLite's write lock (BEGIN
        // IMMEDIATE), PostgreSQL's advisory lock for the transaction. Only this bookkeeping is
        // serialised, never the slow password check.
        macro_rules! count_and_write {
            ($tx:expr) => {{
                let (pair, by_client, by_account, known): (i64, i64, i64, i64) = sqlx::query_as(
                    "SELECT \
                       (SELECT COUNT(*) FROM sign_in_attempts WHERE account = $1 AND client = $2 AND at_ms > $3), \
                       (SELECT COUNT(*) FROM sign_in_attempts WHERE client = $2 AND at_ms > $3), \
                       (SELECT COUNT(*) FROM sign_in_attempts WHERE account = $1 AND at_ms > $3), \
                       (SELECT COUNT(*) FROM sign_in_known WHERE account = $1 AND client = $2 AND last_at_ms > $4)",
                )
                .bind(account)
                .bind(client)
                .bind(since)
                .bind(known_since)
                .fetch_one(&mut *$tx)
                .await?;
                let over = pair >= self.per_pair
                    || by_client >= self.per_client
                    || (by_account >= self.per_account && known == 0);
                if over {
                    None
                } else {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO sign_in_attempts (account, client, at_ms) VALUES ($1, $2, $3) RETURNING id",
                    )
                    .bind(account)
                    .bind(client)
                    .bind(now)
                    .fetch_one(&mut *$tx)
                    .await?;
                    // Now and then, forget what no budget looks at any more.
                    if id % 64 == 0 {
                        sqlx::query("DELETE FROM sign_in_attempts WHERE at_ms <= $1")
                            .bind(since)
                            .execute(&mut *$tx)
                            .await?;
                        sqlx::query("DELETE FROM sign_in_known WHERE last_at_ms <= $1")
                            .bind(known_since)
                            .execute(&mut *$tx)
                            .await?;
                    }
                    Some(id)
                }
            }};
        }
        let id = match db {
            Db::Sqlite(pool) => {
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let id = count_and_write!(tx);
                tx.commit().await?;
                id
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock(727002)")
                    .execute(&mut *tx)
                    .await?;
                let id = count_and_write!(tx);
                tx.commit().await?;
                id
            }
        };
        match id {
            Some(id) => Ok(Attempt {
                id,
                account: account.to_owned(),
                client: client.to_owned(),
            }),
            None => Err(AppError::RateLimited),
        }
    }

    /// The password was right: the attempt no longer counts, the address's failures on this
    /// account are forgotten and the address becomes known for it. Failures from elsewhere stay.
    pub async fn succeeded(&self, db: &Db, attempt: Attempt) -> Result<(), AppError> {
        on_db!(db, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM sign_in_attempts WHERE id = $1 OR (account = $2 AND client = $3)")
                .bind(attempt.id)
                .bind(&attempt.account)
                .bind(&attempt.client)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO sign_in_known (account, client, last_at_ms) VALUES ($1, $2, $3) \
                 ON CONFLICT (account, client) DO UPDATE SET last_at_ms = excluded.last_at_ms",
            )
            .bind(&attempt.account)
            .bind(&attempt.client)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
        });
        Ok(())
    }
}
