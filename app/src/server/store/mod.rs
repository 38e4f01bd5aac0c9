//! The store: one enum over the two native sqlx pools.
//!
//! Why not `sqlx::Any`: it cannot portably decode booleans, dates, timestamps or NUMERIC, and its
//! placeholders differ per engine. Instead every query is written once with `$N` placeholders (which
//! both SQLite and PostgreSQL accept) and [`on_db!`] expands it in each arm, so each arm is checked by
//! the compiler against its own driver and decodes into native Rust types (`bool`, `NaiveDate`,
//! `DateTime<Utc>`). The two engines keep their own migration folders because their DDL differs.

pub mod accounts;
pub mod aggregates;
pub mod audit;
pub mod commitments;
pub mod contributions;
pub mod events;
pub mod inventory;
pub mod offers;
pub mod plans;

pub mod practices;

pub mod reference;
pub mod sql;

pub mod versions;
pub mod vocabulary;

use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    PgPool, SqlitePool,
};
use std::{str::FromStr, time::Duration};

/// Which database engine a [`Db`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A connection pool to one of the two supported engines.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same block against whichever pool `$db` holds, binding it to `$pool`.
/// The block is compiled once per engine, so it may only use SQL both engines understand.
#[macro_export]
macro_rules! on_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::server::store::Db::Sqlite($pool) => $body,
            $crate::server::store::Db::Postgres($pool) => $body,
        }
    };
}

/// Runs one `UPDATE` (a query built from `$pool`'s engine) that must change exactly one row, and
/// writes its audit entry, in one transaction; no such row is `AppError::NotFound`.
#[macro_export]
macro_rules! update_one_audited {
    ($db:expr, |$pool:ident| $query:expr, $entry:expr) => {
        $crate::on_db!($db, $pool => {
            let mut tx = $pool.begin().await?;
            let done = $query.execute(&mut *tx).await?;
            if done.rows_affected() != 1 {
                return Err($crate::error::AppError::NotFound);
            }
            $crate::write_audit!(&mut *tx, &$entry)?;
            tx.commit().await?;
        })
    };
}

/// Binds `$now`, `$id` and `$version` as the last three parameters of an optimistic-locking
/// `UPDATE ... SET updated_at = .. WHERE id = .. AND version = ..` and runs it in `$tx`. No row
/// changed means someone saved first, or the record is gone: `AppError::Conflict`.
#[macro_export]
macro_rules! update_versioned {
    ($tx:ident, $query:expr, $now:expr, $id:expr, $version:expr) => {
        let changed = $query
            .bind($now)
            .bind($id)
            .bind($version)
            .execute(&mut *$tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err($crate::error::AppError::Conflict);
        }
    };
}

/// The SQLite file used when `DATABASE_URL` is not set.
pub const DEFAULT_SQLITE_URL: &str = "sqlite://data/mirps-hub.db";

impl Db {
    /// Connects to `url`: `sqlite://path` (created if missing) or `postgres://...`.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options)
                .await?;
            Ok(Db::Postgres(pool))
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .synchronous(SqliteSynchronous::Full);
            Self::connect_sqlite(options).await
        } else {
            Err(sqlx::Error::Configuration(
                "DATABASE_URL must start with sqlite: or postgres://".into(),
            ))
        }
    }

    /// Connects to SQLite with the given options (tests use this for in-memory databases).
    pub async fn connect_sqlite(options: SqliteConnectOptions) -> Result<Db, sqlx::Error> {
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        Ok(Db::Sqlite(pool))
    }

    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Applies the engine's migrations (`migrations/sqlite` or `migrations/postgres`).
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite").run(pool).await,
            Db::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await,
        }
    }

    /// Answers whether the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))
    }

    pub async fn close(&self) {
        on_db!(self, pool => pool.close().await)
    }
}
