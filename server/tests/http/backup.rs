//! `server backup` and `server restore` on SQLite: a round trip that compares every table.

use app::server::{seed, setup, Db};
use sqlx::{sqlite::SqliteConnectOptions, ConnectOptions, Connection, Row};
use std::path::Path;

async fn open(file: &Path) -> Db {
    let db = Db::connect(&format!("sqlite://{}", file.display()))
        .await
        .expect("connect");
    setup::prepare(&db).await.expect("prepare");
    db
}

/// Every table of `a` holds exactly the rows of the same table of `b` (and the same tables).
async fn differences(a: &Path, b: &Path) -> Vec<String> {
    let mut conn = SqliteConnectOptions::new()
        .filename(a)
        .read_only(true)
        .connect()
        .await
        .expect("open");
    sqlx::query("ATTACH DATABASE ? AS other")
        .bind(b.to_str().expect("utf-8"))
        .execute(&mut conn)
        .await
        .expect("attach");
    let tables = |schema: &str| {
        format!(
            "SELECT name FROM {schema}.sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    };
    let mine: Vec<String> = sqlx::query_scalar(&tables("main"))
        .fetch_all(&mut conn)
        .await
        .expect("tables");
    let theirs: Vec<String> = sqlx::query_scalar(&tables("other"))
        .fetch_all(&mut conn)
        .await
        .expect("tables");
    let mut out = Vec::new();
    if mine != theirs {
        out.push(format!("tables differ: {mine:?} / {theirs:?}"));
    }
    for t in &mine {
        let row = sqlx::query(&format!(
            "SELECT (SELECT COUNT(*) FROM main.\"{t}\"), (SELECT COUNT(*) FROM other.\"{t}\"), \
             (SELECT COUNT(*) FROM (SELECT * FROM main.\"{t}\" EXCEPT SELECT * FROM other.\"{t}\")), \
             (SELECT COUNT(*) FROM (SELECT * FROM other.\"{t}\" EXCEPT SELECT * FROM main.\"{t}\"))"
        ))
        .fetch_one(&mut conn)
        .await
        .expect("compare");
        let (n, m, only_a, only_b): (i64, i64, i64, i64) =
            (row.get(0), row.get(1), row.get(2), row.get(3));
        if n != m || only_a != 0 || only_b != 0 {
            out.push(format!(
                "{t}: {n} / {m} rows, {only_a} / {only_b} unmatched"
            ));
        }
    }
    conn.close().await.expect("close");
    out
}

/// Contributions whose English title is `title`.
async fn titled(db: &Db, title: &str) -> i64 {
    let Db::Sqlite(pool) = db else { unreachable!() };
    sqlx::query_scalar("SELECT COUNT(*) FROM contributions WHERE title_en = ?")
        .bind(title)
        .fetch_one(pool)
        .await
        .expect("count")
}

#[tokio::test]
async fn a_backup_taken_while_serving_restores_every_table() {
    let dir = tempfile::tempdir().expect("dir");
    let live = dir.path().join("live.db");
    let copy = dir.path().join("backups/copy.db");
    let db = open(&live).await;
    seed::apply(&db, seed::Mode::Demo, chrono::Utc::now())
        .await
        .expect("demo data");
    const LATER: &str = "changed after the backup";

    // Taken with the pool open (the app serving), then compared table by table.
    server::backup::backup(&db, &copy).await.expect("backup");
    assert!(differences(&live, &copy).await.is_empty());
    // Not over an existing file.
    assert!(server::backup::backup(&db, &copy).await.is_err());

    // Work after the backup: the copy does not have it.
    {
        let Db::Sqlite(pool) = &db else {
            unreachable!()
        };
        sqlx::query("UPDATE contributions SET title_en = ? WHERE is_example")
            .bind(LATER)
            .execute(pool)
            .await
            .expect("update");
    }
    assert!(titled(&db, LATER).await > 100);
    assert!(!differences(&live, &copy).await.is_empty());
    db.close().await;

    // Restored: every table equals the backup, and the database it replaced is kept.
    let kept = server::backup::restore(&copy, &live)
        .await
        .expect("restore")
        .expect("the previous database is kept");
    assert!(kept.exists());
    assert_eq!(differences(&live, &copy).await, Vec::<String>::new());
    let db = open(&live).await;
    assert_eq!(titled(&db, LATER).await, 0);
    db.close().await;

    // What is not a backup of this app is refused and changes nothing.
    // (Opening the database stamped its start in `app_meta`; that is all that differs.)
    let untouched = differences(&live, &copy).await;
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database at all").expect("write");
    assert!(server::backup::restore(&junk, &live).await.is_err());
    assert!(
        server::backup::restore(&dir.path().join("missing.db"), &live)
            .await
            .is_err()
    );
    assert_eq!(differences(&live, &copy).await, untouched);
    assert!(!dir.path().join("live.db.restoring").exists());
}

#[test]
fn the_commands_parse() {
    use server::cli::{parse, Command};
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(matches!(
        parse(&args(&["backup", "--to", "b.db"])),
        Ok(Command::Backup { .. })
    ));
    assert!(matches!(
        parse(&args(&["restore", "--from", "b.db"])),
        Ok(Command::Restore { .. })
    ));
    assert!(parse(&args(&["backup"])).is_err());
    assert!(parse(&args(&["backup", "--from", "b.db"])).is_err());
    assert!(parse(&args(&["restore", "--from"])).is_err());
    assert_eq!(
        server::backup::sqlite_file("sqlite://data/x.db?mode=rwc").as_deref(),
        Some(Path::new("data/x.db"))
    );
    assert_eq!(server::backup::sqlite_file("postgres://h/db"), None);
}
