//! Test support: a fresh, migrated database per test on either engine.
//!
//! SQLite gets a new file in a temporary folder (WAL, like production). PostgreSQL gets a new
//! database on the server named by `TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`);
//! when that server cannot be reached the test fails: store tests never skip an engine silently.

use super::store::{Db, Engine};
use sqlx::{sqlite::SqliteConnectOptions, Connection, Executor, PgConnection};
use std::sync::atomic::{AtomicU64, Ordering};

pub const DEFAULT_TEST_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A test database; the SQLite folder is removed when this is dropped, the PostgreSQL database
/// when [`TestDb::cleanup`] runs (and, failing that, by the next run's sweep).
pub struct TestDb {
    pub db: Db,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_TEST_POSTGRES_URL.to_string())
}

impl TestDb {
    /// A fresh database with migrations and reference data applied.
    pub async fn new(engine: Engine) -> TestDb {
        let t = Self::empty(engine).await;
        crate::server::setup::prepare(&t.db)
            .await
            .expect("migrations and reference data apply");
        t
    }

    /// A fresh database with nothing in it, not even the schema.
    pub async fn empty(engine: Engine) -> TestDb {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary folder");
                let options = SqliteConnectOptions::new()
                    .filename(dir.path().join("test.db"))
                    .create_if_missing(true)
                    .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                    .foreign_keys(true)
                    .busy_timeout(std::time::Duration::from_secs(10));
                let db = Db::connect_sqlite(options).await.expect("open SQLite");
                TestDb {
                    db,
                    _dir: Some(dir),
                    pg_name: None,
                }
            }
            Engine::Postgres => {
                let admin = admin_url();
                let mut conn = PgConnection::connect(&admin).await.unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL is required for the store tests and did not answer at {admin}: {e}. \
                         Start it (see README) or set TEST_POSTGRES_URL."
                    )
                });
                let name = format!(
                    "mirps_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed),
                    chrono::Utc::now().timestamp_micros()
                );
                conn.execute(format!("CREATE DATABASE {name}").as_str())
                    .await
                    .expect("create test database");
                let _ = conn.close().await;
                let url = replace_db_name(&admin, &name);
                let db = Db::connect(&url).await.expect("connect to test database");
                TestDb {
                    db,
                    _dir: None,
                    pg_name: Some(name),
                }
            }
        }
    }

    /// Closes the pool and drops the PostgreSQL test database.
    pub async fn cleanup(self) {
        self.db.close().await;
        if let Some(name) = &self.pg_name {
            if let Ok(mut conn) = PgConnection::connect(&admin_url()).await {
                let _ = conn
                    .execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                    .await;
                let _ = conn.close().await;
            }
        }
    }
}

/// `postgres://u@h:p/olddb?x` with its database name replaced.
fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let prefix = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{prefix}/{name}?{q}"),
        None => format!("{prefix}/{name}"),
    }
}

/// Declares one async store test that runs on both engines, as `<name>::sqlite` and
/// `<name>::postgres`. The body receives a prepared [`Db`].
#[macro_export]
macro_rules! store_test {
    ($name:ident, |$db:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($db: $crate::server::store::Db) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let t = $crate::server::testing::TestDb::new($crate::server::store::Engine::Sqlite).await;
                run(t.db.clone()).await;
                t.cleanup().await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let t = $crate::server::testing::TestDb::new($crate::server::store::Engine::Postgres).await;
                run(t.db.clone()).await;
                t.cleanup().await;
            }
        }
    };
}

/// The reference lists as a fresh database holds them, without a database: for tests that build
/// `New*` values through their validators.
pub fn vocabulary() -> crate::server::store::vocabulary::Vocabulary {
    use crate::model::{named, Country, OrgRole, Organisation};
    use crate::server::seed::reference::{
        COUNTRIES, ORGANISATIONS, PILLARS, POPULATIONS, SECTORS, THEMES, WORKING_GROUPS,
    };
    crate::server::store::vocabulary::Vocabulary {
        version: 0,
        countries: COUNTRIES
            .iter()
            .map(|c| Country {
                iso2: c.iso2.into(),
                iso3: c.iso3.into(),
                name_es: c.name_es.into(),
                name_en: c.name_en.into(),
                joined_year: c.joined_year,
            })
            .collect(),
        organisations: ORGANISATIONS
            .iter()
            .map(|o| Organisation {
                code: o.code.into(),
                name_es: o.name_es.into(),
                name_en: o.name_en.into(),
                short_es: o.short_es.into(),
                short_en: o.short_en.into(),
                iati_type: o.iati_type,
                role: OrgRole::from_code(o.role).unwrap_or(OrgRole::Member),
                is_example: false,
            })
            .collect(),
        pillars: named(
            PILLARS
                .iter()
                .map(|&(code, es, en)| (code.to_string(), es.into(), en.into())),
        ),
        sectors: named(SECTORS.iter().copied()),
        working_groups: named(
            WORKING_GROUPS
                .iter()
                .map(|&(code, es, en, _, _)| (code, es, en)),
        ),
        themes: named(THEMES.iter().copied()),
        populations: named(POPULATIONS.iter().copied()),
    }
}

/// An account with `role` that is in no database (id 1), for checks that do not read one.
pub fn unsaved_user(role: crate::model::Role) -> crate::server::store::accounts::User {
    crate::server::store::accounts::User {
        id: 1,
        email: "a@b.org".into(),
        display_name: "A".into(),
        role,
        active: true,
        password_hash: String::new(),
        session_key: String::new(),
    }
}

/// The account with this e-mail, created with `role` if there is none yet (password hash `x`).
pub async fn user(
    db: &Db,
    email: &str,
    role: crate::model::Role,
) -> crate::server::store::accounts::User {
    use crate::server::store::accounts;
    if let Some(u) = accounts::find_by_email(db, email).await.expect("find") {
        return u;
    }
    let new = accounts::NewUser {
        email,
        display_name: email,
        password_hash: "x",
        role: &role,
    };
    let id = accounts::create(db, None, new).await.expect("user");
    accounts::find_by_id(db, id)
        .await
        .expect("find")
        .expect("exists")
}

/// A ticked checkbox group, as forms send it.
pub fn ticks(codes: &[&str]) -> std::collections::BTreeMap<String, String> {
    codes
        .iter()
        .map(|c| (c.to_string(), "on".to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::replace_db_name;

    #[test]
    fn replaces_database_names() {
        assert_eq!(
            replace_db_name("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            replace_db_name("postgres://u:p@h/db?sslmode=disable", "t2"),
            "postgres://u:p@h/t2?sslmode=disable"
        );
        assert_eq!(replace_db_name("postgres://h", "t3"), "postgres://h/t3");
    }
}
