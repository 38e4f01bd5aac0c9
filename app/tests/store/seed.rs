//! The real records on both engines: each loaded with its source and not as an example, written
//! once, corrected while nobody has edited them, never over an edit made in the app.

use app::server::{seed, store::reference};
use app::{on_db, store_test};
use chrono::{DateTime, Utc};

async fn count(db: &app::server::store::Db, sql: &str) -> i64 {
    on_db!(db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await).expect(sql)
}

store_test!(
    real_records_load_with_their_sources_once_and_keep_edits,
    |db| {
        let now = Utc::now();
        seed::apply(&db, seed::Mode::Real, now)
            .await
            .expect("real records");
        let records = seed::real::records().expect("records");

        for e in &records.events {
            let (source, example): (Option<String>, bool) = on_db!(&db, pool => sqlx::query_as(
            "SELECT source_url, is_example FROM events WHERE slug = $1",
        )
        .bind(&e.key)
        .fetch_one(pool)
        .await)
            .unwrap_or_else(|err| panic!("{}: {err}", e.key));
            assert_eq!(source.as_deref(), Some(e.source.as_str()), "{}", e.key);
            assert!(!example, "{}", e.key);
        }
        let practices: Vec<(String, String, bool, String)> = on_db!(&db, pool => sqlx::query_as(
        "SELECT seed_key, links, is_example, status FROM practices WHERE seed_key IS NOT NULL",
    )
    .fetch_all(pool)
    .await)
        .expect("practices");
        let with_year = records
            .practices
            .iter()
            .filter(|p| p.year.is_some())
            .count();
        assert_eq!(practices.len(), with_year);
        for (key, links, example, status) in &practices {
            assert!(links.starts_with("http"), "{key}: {links}");
            assert!(!example && status == "published", "{key}");
        }
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM practices").await,
            with_year as i64
        );
        // The sourced pledges of the 2021 solidarity event, and no examples anywhere.
        assert_eq!(count(&db, "SELECT COUNT(*) FROM contributions").await, 5);
        for table in [
            "contributions",
            "events",
            "practices",
            "plans",
            "plan_lines",
        ] {
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE is_example");
            assert_eq!(count(&db, &sql).await, 0, "{table}");
        }
        // A plan per country; Guatemala's with the four areas its country page counts.
        let plans = app::server::store::plans::plans(&db, None)
            .await
            .expect("plans");
        assert_eq!(plans.len(), 7);
        let gt = plans.iter().find(|p| p.country.code == "GT").expect("GT");
        let declared: Vec<(&str, i32)> = gt
            .declared
            .iter()
            .map(|d| (d.sector.code.as_str(), d.commitments))
            .collect();
        assert_eq!(
            declared,
            [
                ("protection", 14),
                ("jobs_livelihoods", 10),
                ("education", 2),
                ("health", 1)
            ]
        );
        assert!(gt.source_url.starts_with("https://mirps-platform.org/"));
        assert_eq!(count(&db, "SELECT COUNT(*) FROM plan_lines").await, 0);

        // What the records correct: the New York solidarity event was on 21 September 2022.
        let (precision, starts): (String, DateTime<Utc>) = on_db!(&db, pool => sqlx::query_as(
        "SELECT date_precision, starts_at FROM events WHERE slug = 'solidarity-event-2022-unga'",
    )
    .fetch_one(pool)
    .await)
        .expect("event");
        assert_eq!(precision, "day");
        assert_eq!(
            starts
                .with_timezone(&chrono_tz::America::New_York)
                .date_naive()
                .to_string(),
            "2022-09-21"
        );
        let chairs = reference::chairs(&db).await.expect("chairs");
        let spain = chairs
            .iter()
            .find(|c| c.organisation_code == "ESP")
            .expect("Spain");
        assert_eq!(spain.period_en, "June 2020 - June 2021");
        assert!(spain
            .source_url
            .as_deref()
            .is_some_and(|s| s.starts_with("https://")));
        assert!(chairs.iter().all(|c| !c.note_en.is_empty()));

        // An event edited in the app, a practice edited in the app, and an event a former seed wrote
        // with a guessed month that nobody touched.
        on_db!(&db, pool => {
            sqlx::query(
                "UPDATE events SET title_es = 'Editado', version = version + 1, updated_at = $1 \
                 WHERE slug = 'solidarity-event-2021'",
            )
            .bind(now)
            .execute(pool)
            .await
            .expect("edit event");
            sqlx::query(
                "UPDATE practices SET title_es = 'Editada', version = version + 1 \
                 WHERE seed_key = 'bz-amnesty-2022'",
            )
            .execute(pool)
            .await
            .expect("edit practice");
            sqlx::query("UPDATE contributions SET title_es = 'Promesa de España (editada)' WHERE title_es = 'Contribución de España al MIRPS 2021-2022'")
            .execute(pool)
            .await
            .expect("edit contribution");
        sqlx::query("UPDATE events SET date_precision = 'month' WHERE slug = 'grf-2019'")
                .execute(pool)
                .await
                .expect("old seed");
        });
        let events = count(&db, "SELECT COUNT(*) FROM events").await;
        seed::apply(&db, seed::Mode::Real, now)
            .await
            .expect("again");
        assert_eq!(count(&db, "SELECT COUNT(*) FROM events").await, events);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM contributions").await, 5);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM plans").await, 7);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM plan_declared").await, 9);
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM practices").await,
            with_year as i64
        );
        let title = |sql: &'static str| {
            let db = db.clone();
            async move {
                on_db!(&db, pool => sqlx::query_scalar::<_, String>(sql).fetch_one(pool).await)
                    .expect(sql)
            }
        };
        assert_eq!(
            title("SELECT title_es FROM events WHERE slug = 'solidarity-event-2021'").await,
            "Editado"
        );
        assert_eq!(
            title("SELECT title_es FROM practices WHERE seed_key = 'bz-amnesty-2022'").await,
            "Editada"
        );
        assert_eq!(
            title("SELECT date_precision FROM events WHERE slug = 'grf-2019'").await,
            "day"
        );
    }
);

store_test!(
    demo_mode_adds_flagged_examples_on_top_of_the_real_records,
    |db| {
        let now = Utc::now();
        seed::apply(&db, seed::Mode::Demo, now).await.expect("demo");
        let real = count(
            &db,
            "SELECT COUNT(*) FROM practices WHERE seed_key IS NOT NULL",
        )
        .await;
        let examples = count(&db, "SELECT COUNT(*) FROM practices WHERE is_example").await;
        assert!(
            real >= 15 && examples >= 7,
            "{real} real, {examples} examples"
        );
        assert!(count(&db, "SELECT COUNT(*) FROM contributions WHERE is_example").await > 100);
        seed::apply(&db, seed::Mode::Demo, now)
            .await
            .expect("demo again");
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM practices WHERE is_example").await,
            examples
        );
    }
);
