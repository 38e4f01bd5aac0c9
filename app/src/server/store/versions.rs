//! Data versions: one counter per dataset in `app_meta`, moved by every transaction that changes
//! the dataset. In-memory caches (the contribution cube, the practice index, the vocabulary)
//! compare it on each request and reload when it moved, so several app servers on one database
//! follow each other's writes.

use crate::on_db;
use crate::server::store::Db;

/// A dataset with its own version counter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dataset {
    /// The ledger: contributions and their steps.
    Contributions,
    /// Published practices (the search index).
    Practices,
    /// Reference lists: countries, organisations, pillars, sectors, themes, population groups.
    Reference,
}

impl Dataset {
    /// Its key in `app_meta`.
    pub const fn key(self) -> &'static str {
        match self {
            Dataset::Contributions => "contributions_version",
            Dataset::Practices => "practices_version",
            Dataset::Reference => "reference_version",
        }
    }
}

/// The dataset's current version (0 before its first change).
pub async fn current(db: &Db, dataset: Dataset) -> Result<i64, sqlx::Error> {
    let v: Option<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT value FROM app_meta WHERE key = $1",
    )
    .bind(dataset.key())
    .fetch_optional(pool)
    .await)?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// Moves a dataset's version inside the transaction `$conn` that changes it (creating the
/// counter if it is missing). `$conn` is a `&mut` connection or transaction of either engine.
#[macro_export]
macro_rules! bump_version {
    ($conn:expr, $dataset:expr) => {{
        sqlx::query(
            "INSERT INTO app_meta (key, value) VALUES ($1, '1') ON CONFLICT (key) DO UPDATE \
             SET value = CAST(CAST(app_meta.value AS INTEGER) + 1 AS TEXT)",
        )
        .bind($dataset.key())
        .execute(&mut *$conn)
        .await?;
    }};
}
