//! Getting a database ready to serve: migrations, reference data and the session table. Above
//! the store (it calls the seed and the session store, which both use the store).

use super::store::Db;
use anyhow::Context;

/// Migrates and writes the reference data: what every deployment needs before it serves.
pub async fn prepare(db: &Db) -> anyhow::Result<()> {
    db.migrate().await.context("applying migrations")?;
    super::seed::reference::apply(db)
        .await
        .context("writing reference data")?;
    super::auth::sessions::DbSessionStore::new(db)
        .migrate()
        .await
        .context("creating the session table")?;
    Ok(())
}
