//! `server backup --to FILE` and `server restore --from FILE` for the SQLite database.
//!
//! A backup is SQLite's `VACUUM INTO`: one consistent copy of the whole database taken inside a
//! read transaction, so it runs while the app serves (writers carry on; the copy is the
//! database as of the moment it started). A restore checks the file (a SQLite database that
//! passes `PRAGMA integrity_check` and carries this app's migrations), keeps the current
//! database beside it as `<name>.before-restore-<time>` (nothing is lost by a wrong restore),
//! and puts the copy in its place. Restore with the app stopped.
//!
//! PostgreSQL has its own tools; [`POSTGRES_RECIPE`] says which.

use anyhow::{bail, Context};
use app::server::store::Db;
use std::path::{Path, PathBuf};

/// What to do on PostgreSQL instead (also in the README).
pub const POSTGRES_RECIPE: &str = "On PostgreSQL, back up with pg_dump while the app serves:
  pg_dump --format=custom --file=mirps-hub.dump \"$DATABASE_URL\"
and restore into an empty database with the app stopped:
  pg_restore --clean --if-exists --no-owner --dbname=\"$DATABASE_URL\" mirps-hub.dump";

/// The file behind a `sqlite://` URL, or `None` for PostgreSQL.
pub fn sqlite_file(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let file = rest.split('?').next().unwrap_or(rest);
    (!file.is_empty() && file != ":memory:").then(|| PathBuf::from(file))
}

/// Writes a consistent copy of the SQLite database `db` to `to` (which must not exist yet).
pub async fn backup(db: &Db, to: &Path) -> anyhow::Result<()> {
    let Db::Sqlite(pool) = db else {
        bail!("{POSTGRES_RECIPE}");
    };
    if to.exists() {
        bail!("{} exists already; choose a new file", to.display());
    }
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let target = to
        .to_str()
        .context("the backup file's name must be valid UTF-8")?;
    sqlx::query("VACUUM INTO ?")
        .bind(target)
        .execute(pool)
        .await
        .with_context(|| format!("writing the backup to {}", to.display()))?;
    check(to).await
}

/// Whether `file` is a sound SQLite database of this app.
pub async fn check(file: &Path) -> anyhow::Result<()> {
    use sqlx::sqlite::SqliteConnectOptions;
    use sqlx::{ConnectOptions, Connection};
    if !file.is_file() {
        bail!("{} is not a file", file.display());
    }
    let mut conn = SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .connect()
        .await
        .with_context(|| format!("{} is not a SQLite database", file.display()))?;
    let verdict: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .with_context(|| format!("{} is not a SQLite database", file.display()))?;
    if verdict != "ok" {
        bail!("{} is damaged: {verdict}", file.display());
    }
    let migrations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&mut conn)
        .await
        .with_context(|| format!("{} is not a database of this app", file.display()))?;
    if migrations == 0 {
        bail!("{} is not a database of this app", file.display());
    }
    conn.close().await?;
    Ok(())
}

/// Puts the backup `from` in place of the SQLite database at `target`, keeping the current one
/// beside it. Returns where the previous database went (if there was one).
pub async fn restore(from: &Path, target: &Path) -> anyhow::Result<Option<PathBuf>> {
    check(from).await?;
    if from.canonicalize().ok() == target.canonicalize().ok() {
        bail!("the backup and the database are the same file");
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let name = target
        .file_name()
        .context("the database path names no file")?
        .to_string_lossy()
        .into_owned();
    // Copied next to the target first, so the final step is one rename on one file system.
    let incoming = dir.join(format!("{name}.restoring"));
    std::fs::copy(from, &incoming)
        .with_context(|| format!("copying {} to {}", from.display(), incoming.display()))?;
    let kept = if target.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let kept = dir.join(format!("{name}.before-restore-{stamp}"));
        // Fold the write-ahead log into the database before keeping it.
        checkpoint(target).await?;
        std::fs::rename(target, &kept)
            .with_context(|| format!("keeping the current database as {}", kept.display()))?;
        Some(kept)
    } else {
        None
    };
    for suffix in ["-wal", "-shm"] {
        let side = dir.join(format!("{name}{suffix}"));
        if side.exists() {
            std::fs::remove_file(&side).with_context(|| format!("removing {}", side.display()))?;
        }
    }
    std::fs::rename(&incoming, target)
        .with_context(|| format!("putting the backup in place at {}", target.display()))?;
    Ok(kept)
}

async fn checkpoint(file: &Path) -> anyhow::Result<()> {
    use sqlx::sqlite::SqliteConnectOptions;
    use sqlx::{ConnectOptions, Connection};
    let mut conn = SqliteConnectOptions::new()
        .filename(file)
        .connect()
        .await
        .with_context(|| format!("opening {}", file.display()))?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut conn)
        .await
        .with_context(|| format!("checkpointing {}", file.display()))?;
    conn.close().await?;
    Ok(())
}
