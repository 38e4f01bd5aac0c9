//! Store tests for the reference data and headline figures, on SQLite and PostgreSQL.

use app::model::OrgRole;
use app::server::{seed, store::reference, store::Engine, testing::TestDb};
use app::store_test;
use chrono::{NaiveDate, TimeZone, Utc};

store_test!(reference_data_is_complete, |db| {
    assert_eq!(reference::countries(&db).await.expect("countries").len(), 7);
    let members = reference::organisations(&db, OrgRole::Member)
        .await
        .expect("members");
    assert_eq!(members.len(), 14);
    assert!(members.iter().all(|m| !m.is_example));
    let secretariat = reference::organisations(&db, OrgRole::Secretariat)
        .await
        .expect("secretariat");
    let codes: Vec<_> = secretariat.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(codes, ["UNHCR", "OAS"]);
    assert_eq!(reference::pillars(&db).await.expect("pillars").len(), 4);
    assert_eq!(reference::sectors(&db).await.expect("sectors").len(), 5);
    assert_eq!(
        reference::working_groups(&db).await.expect("groups").len(),
        4
    );
    assert_eq!(reference::chairs(&db).await.expect("chairs").len(), 4);
    assert_eq!(reference::calendar(&db).await.expect("calendar").len(), 13);

    let framework = reference::framework(&db).await.expect("framework");
    assert_eq!(framework.len(), 3);
    let activities: usize = framework.iter().map(|o| o.activities.len()).sum();
    let results: usize = framework
        .iter()
        .flat_map(|o| &o.activities)
        .map(|a| a.results.len())
        .sum();
    assert_eq!((activities, results), (8, 18));
    assert_eq!(framework[2].gcr_objective, 2);
    assert_eq!(
        framework[0].activities[0].results[0].title_en,
        "Transparency"
    );
});

store_test!(reference_seed_is_idempotent, |db| {
    seed::reference::apply(&db).await.expect("second apply");
    seed::reference::apply(&db).await.expect("third apply");
    assert_eq!(reference::countries(&db).await.expect("countries").len(), 7);
    assert_eq!(reference::chairs(&db).await.expect("chairs").len(), 4);
    db.migrate().await.expect("migrations re-run as a no-op");
});

store_test!(headline_figures_count_upcoming_events, |db| {
    let start = Utc::now();
    seed::apply(&db, seed::Mode::Demo, start)
        .await
        .expect("demo data");
    seed::apply(&db, seed::Mode::Demo, start)
        .await
        .expect("demo data twice is a no-op");

    // On 26 Nov 2026 only the four example events of 2027 are ahead.
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 12, 0, 0)
        .single()
        .expect("time");
    let f = reference::headline_figures(&db, now)
        .await
        .expect("figures");
    assert_eq!((f.countries, f.members, f.upcoming_events), (7, 14, 4));
    let next = f.next_event.expect("a next event");
    assert_eq!(
        next.starts_on,
        NaiveDate::from_ymd_opt(2027, 2, 16).expect("date")
    );
    assert!(next.is_example);

    // On the morning of the 2021 solidarity event (San José, UTC-6) it is still upcoming.
    let morning = Utc
        .with_ymd_and_hms(2021, 6, 10, 14, 0, 0)
        .single()
        .expect("time");
    let f = reference::headline_figures(&db, morning)
        .await
        .expect("figures");
    // The four examples, the fourteen real records from that day on, the EU asylum workshop
    // series (May to November 2021) and the eight items of the strategy's calendar (November
    // 2022 to September 2023).
    assert_eq!(f.upcoming_events, 4 + 14 + 1 + 8);
});

store_test!(country_profiles, |db| {
    let mx = reference::country_profile(&db, "MX")
        .await
        .expect("query")
        .expect("Mexico");
    assert_eq!(mx.country.name_es, "México");
    assert_eq!(mx.leads.len(), 1);
    assert_eq!(mx.leads[0].code, "asylum");
    let gt = reference::country_profile(&db, "GT")
        .await
        .expect("query")
        .expect("Guatemala");
    assert!(gt.leads.is_empty());
    assert!(reference::country_profile(&db, "US")
        .await
        .expect("query")
        .is_none());
});

store_test!(foreign_keys_are_enforced, |db| {
    let r = app::on_db!(&db, pool => sqlx::query(
        "INSERT INTO working_groups (code, name_es, name_en, lead_country_iso2, sort_order) \
         VALUES ('x', 'x', 'x', 'ZZ', 99)",
    )
    .execute(pool)
    .await
    .map(|_| ()));
    assert!(
        r.is_err(),
        "a working group led by an unknown country must be refused"
    );
});

#[tokio::test]
async fn sqlite_file_uses_wal_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("x.db").display());
    let db = app::server::Db::connect(&url).await.expect("connect");
    let app::server::Db::Sqlite(pool) = &db else {
        panic!("expected SQLite")
    };
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool)
        .await
        .expect("pragma");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(pool)
        .await
        .expect("pragma");
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(pool)
        .await
        .expect("pragma");
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(pool)
        .await
        .expect("pragma");
    assert_eq!(mode, "wal");
    assert_eq!(fk, 1);
    assert_eq!(sync, 2, "synchronous = FULL");
    assert!(busy >= 5000);
    assert_eq!(db.engine(), Engine::Sqlite);
    db.close().await;
}

#[tokio::test]
async fn postgres_url_selects_postgres() {
    let t = TestDb::new(Engine::Postgres).await;
    assert_eq!(t.db.engine(), Engine::Postgres);
    t.db.ping().await.expect("ping");
    t.cleanup().await;
}

#[tokio::test]
async fn unknown_url_scheme_is_refused() {
    let err = app::server::Db::connect("mysql://x")
        .await
        .expect_err("must refuse");
    assert!(err.to_string().contains("DATABASE_URL"));
}
