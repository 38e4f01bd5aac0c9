//! Store tests of the commitments register, on SQLite and PostgreSQL: a commitment recorded with
//! its makers, countries and target; progress reported with figures per country; reporting
//! status from the deadline and the last report; the Result 2.1.3 count moving only with figures
//! in two countries; drafts kept out of the public register; the real records loaded once.

use app::error::Problem;
use app::model::{CommitmentInput, CommitmentQuery, CommitmentReview, ProgressInput, Reporting};
use app::server::seed;
use app::server::store::commitments;
use app::server::store::vocabulary::Vocabulary;
use app::server::store::Db;
use app::server::testing::ticks;
use app::server::validate::commitments::{NewCommitment, NewProgress};
use app::{on_db, store_test};
use chrono::NaiveDate;

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

async fn count(db: &Db, sql: &str) -> i64 {
    on_db!(db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await).expect(sql)
}

/// The reference lists with the real partners (companies among them) added.
async fn partners(db: &Db) -> Vocabulary {
    let records = seed::real::records().expect("records");
    seed::real_commitments::organisations(db, &records.organisations)
        .await
        .expect("partners");
    Vocabulary::load(db).await.expect("vocabulary")
}

fn hiring(maker: &str, countries: &[&str], deadline: &str) -> CommitmentInput {
    CommitmentInput {
        kind: "employment".into(),
        title_es: format!("Contratación de personas refugiadas ({maker})"),
        title_en: format!("Hiring refugees ({maker})"),
        makers: ticks(&[maker]),
        reporter: maker.into(),
        countries: ticks(countries),
        themes: ticks(&["employment"]),
        occasion: "grf2023".into(),
        announced_on: "2023-12".into(),
        deadline: deadline.into(),
        stage: "in_progress".into(),
        target_what_es: "puestos de trabajo".into(),
        target: "100".into(),
        target_unit: "jobs".into(),
        target_population: "refugees".into(),
        ..CommitmentInput::default()
    }
}

fn figure(date: &str, country: &str, value: &str) -> ProgressInput {
    ProgressInput {
        reported_on: date.into(),
        country: country.into(),
        value: value.into(),
        unit: "jobs".into(),
        text_es: format!("{value} personas contratadas"),
        ..ProgressInput::default()
    }
}

async fn report(db: &Db, v: &Vocabulary, id: i64, p: ProgressInput) {
    let p = NewProgress::from_input(&p, v, today()).expect("valid report");
    commitments::add_progress(db, None, id, &p)
        .await
        .expect("report");
}

store_test!(
    commitments_report_progress_and_count_hiring_by_figures,
    |db| {
        let v = partners(&db).await;
        let c =
            NewCommitment::from_input(&hiring("FEMSA", &["MX", "GT"], "2024"), &v).expect("valid");
        let id = commitments::create(&db, None, &c, CommitmentReview::Announced, None)
            .await
            .expect("create");
        let (one, updates) = commitments::commitment(&db, id, today())
            .await
            .expect("read")
            .expect("announced");
        assert!(updates.is_empty());
        assert_eq!(one.reporting, Reporting::NoData);
        assert_eq!(one.makers[0].code, "FEMSA");
        assert_eq!(
            one.reporter.as_ref().map(|r| r.code.as_str()),
            Some("FEMSA")
        );
        assert_eq!(one.countries, ["GT", "MX"]);
        assert_eq!(one.target.as_ref().map(|t| t.target), Some(100));
        assert_eq!(
            commitments::hiring_in_two_countries(&db)
                .await
                .expect("the store answers"),
            0
        );

        // A figure from before the (past) deadline: overdue, and one country is not two.
        report(&db, &v, id, figure("2023-06", "MX", "10")).await;
        let (one, _) = commitments::commitment(&db, id, today())
            .await
            .expect("the store answers")
            .expect("the store answers");
        assert_eq!(one.reporting, Reporting::Overdue);
        assert_eq!(one.version, 2);
        assert_eq!(
            commitments::hiring_in_two_countries(&db)
                .await
                .expect("the store answers"),
            0
        );

        // Words without a figure in a second country do not count either.
        report(
            &db,
            &v,
            id,
            ProgressInput {
                reported_on: today().to_string(),
                country: "GT".into(),
                text_es: "Contratos firmados, sin cifra todavía".into(),
                ..ProgressInput::default()
            },
        )
        .await;
        assert_eq!(
            commitments::hiring_in_two_countries(&db)
                .await
                .expect("the store answers"),
            0
        );

        // A figure in Guatemala: two countries, the count moves; reported since the deadline.
        report(&db, &v, id, figure(&today().to_string(), "GT", "5")).await;
        let (one, updates) = commitments::commitment(&db, id, today())
            .await
            .expect("the store answers")
            .expect("the store answers");
        assert_eq!(one.reporting, Reporting::Reported);
        assert_eq!(one.countries_with_figures, ["GT", "MX"]);
        assert_eq!(updates.len(), 3);
        assert_eq!(
            updates.last().map(|u| u.reported_on.as_str()),
            Some("2023-06")
        );
        assert_eq!(
            commitments::hiring_in_two_countries(&db)
                .await
                .expect("the store answers"),
            1
        );

        // A draft is nobody's public business: not listed, not found, not counted.
        let draft =
            NewCommitment::from_input(&hiring("MABE", &["MX", "GT"], ""), &v).expect("valid");
        let draft_id = commitments::create(&db, None, &draft, CommitmentReview::Draft, None)
            .await
            .expect("draft");
        report(&db, &v, draft_id, figure("2024-01", "MX", "3")).await;
        report(&db, &v, draft_id, figure("2024-01", "GT", "3")).await;
        assert!(commitments::commitment(&db, draft_id, today())
            .await
            .expect("the store answers")
            .is_none());
        assert_eq!(
            commitments::hiring_in_two_countries(&db)
                .await
                .expect("the store answers"),
            1
        );

        // Filters, and counts that leave out their own facet.
        let all = CommitmentQuery::default();
        assert_eq!(
            commitments::commitments(&db, &all, today())
                .await
                .expect("the store answers")
                .len(),
            1
        );
        let q = |f: fn(&mut CommitmentQuery)| {
            let mut q = CommitmentQuery::default();
            f(&mut q);
            q
        };
        for (query, n) in [
            (q(|q| q.kind = "employment".into()), 1),
            (q(|q| q.kind = "political".into()), 0),
            (q(|q| q.maker = "FEMSA".into()), 1),
            (q(|q| q.maker = "MABE".into()), 0),
            (q(|q| q.country = "GT".into()), 1),
            (q(|q| q.country = "HN".into()), 0),
            (q(|q| q.occasion = "grf2019".into()), 0),
            (q(|q| q.stage = "in_progress".into()), 1),
        ] {
            let got = commitments::commitments(&db, &query, today())
                .await
                .expect("the store answers");
            assert_eq!(got.len(), n, "{query:?}");
        }
        let (list, counts) =
            commitments::register(&db, &q(|q| q.kind = "political".into()), today())
                .await
                .expect("the store answers");
        assert!(list.is_empty());
        assert!(
            counts.kind.contains(&("employment", 1)),
            "{:?}",
            counts.kind
        );
        assert!(
            counts.stage.contains(&("in_progress", 0)),
            "{:?}",
            counts.stage
        );
        let makers = commitments::makers(&db).await.expect("the store answers");
        assert_eq!(
            makers.iter().map(|m| m.code.as_str()).collect::<Vec<_>>(),
            ["FEMSA"]
        );

        // Every write audited: two creations and five reports.
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM audit_log WHERE entity = 'commitment' AND action = 'create'"
            )
            .await,
            2
        );
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM audit_log WHERE entity = 'commitment' AND action = 'report'"
            )
            .await,
            5
        );

        // A withdrawn commitment's figures no longer count.
        on_db!(&db, pool => sqlx::query("UPDATE commitments SET stage = 'withdrawn' WHERE id = $1")
        .bind(id).execute(pool).await.map(|_| ()))
        .expect("the store answers");
        assert_eq!(
            commitments::hiring_in_two_countries(&db)
                .await
                .expect("the store answers"),
            0
        );

        // Progress on a commitment that does not exist changes nothing.
        let p = NewProgress::from_input(&figure("2024-01", "MX", "1"), &v, today())
            .expect("the store answers");
        assert!(commitments::add_progress(&db, None, 999_999, &p)
            .await
            .is_err());
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM commitment_updates").await,
            5
        );
    }
);

#[test]
fn bad_commitments_and_reports_say_what_is_wrong() {
    let v = app::server::testing::vocabulary();
    let mut bad = hiring("CAN", &["MX"], "20x4");
    bad.reporter = "country:MX".into();
    bad.target_unit = "bananas".into();
    bad.occasion = "grf2099".into();
    bad.makers.insert("NOPE".into(), "on".into());
    let err = NewCommitment::from_input(&bad, &v).expect_err("invalid");
    for field in ["reporter", "target_unit", "occasion", "deadline", "makers"] {
        assert!(err.field(field).is_some(), "{field}: {err:?}");
    }
    let none = CommitmentInput {
        kind: "political".into(),
        title_es: "Sin autores".into(),
        stage: "planning".into(),
        ..CommitmentInput::default()
    };
    let err = NewCommitment::from_input(&none, &v).expect_err("no maker");
    assert_eq!(err.field("makers"), Some(&Problem::Required));

    let tomorrow = (today() + chrono::Duration::days(1)).to_string();
    let err =
        NewProgress::from_input(&figure(&tomorrow, "MX", "3"), &v, today()).expect_err("future");
    assert_eq!(err.field("reported_on"), Some(&Problem::NotAllowed));
    let err = NewProgress::from_input(&figure("2024-01", "", "3"), &v, today()).expect_err("where");
    assert_eq!(err.field("country"), Some(&Problem::Required));
    let mut words = figure("2024-01", "MX", "");
    words.text_es.clear();
    let err = NewProgress::from_input(&words, &v, today()).expect_err("words");
    assert_eq!(err.field("text_es"), Some(&Problem::Required));
}

store_test!(
    real_commitments_load_once_announced_with_their_sources,
    |db| {
        let now = chrono::Utc::now();
        seed::apply(&db, seed::Mode::Real, now).await.expect("real");
        seed::apply(&db, seed::Mode::Real, now)
            .await
            .expect("again");
        let records = seed::real::records().expect("records");
        let list = commitments::commitments(&db, &CommitmentQuery::default(), today())
            .await
            .expect("the store answers");
        assert_eq!(list.len(), records.commitments.len());
        for c in &list {
            assert!(c.source_url.starts_with("http"), "{}", c.title_en);
            assert!(!c.is_example && !c.makers.is_empty(), "{}", c.title_en);
        }
        let reports: usize = records.commitments.iter().map(|r| r.progress.len()).sum();
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM commitment_updates").await,
            reports as i64
        );
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM organisations WHERE kind = 'company'"
            )
            .await,
            records
                .organisations
                .iter()
                .filter(|o| o.kind == "company")
                .count() as i64
        );
        // Coppel's hiring is reported in Mexico only: figures in two countries nobody has yet.
        assert_eq!(
            commitments::hiring_in_two_countries(&db)
                .await
                .expect("the store answers"),
            0
        );
        let coppel = commitments::commitments(
            &db,
            &CommitmentQuery {
                maker: "GRUPO_COPPEL".into(),
                ..CommitmentQuery::default()
            },
            today(),
        )
        .await
        .expect("the store answers");
        assert_eq!(coppel.len(), 1);
        assert_eq!(coppel[0].countries_with_figures, ["MX"]);
    }
);

store_test!(commitments_are_pre_articulated_then_announced, |db| {
    use app::error::AppError;
    use app::model::{CommitmentMove, CommitmentStage};
    let v = Vocabulary::load(&db).await.expect("vocabulary");
    let sec = app::server::testing::user(&db, "sec@example.org", app::model::Role::Secretariat)
        .await
        .actor();
    let input = CommitmentInput {
        kind: "financial".into(),
        title_es: "Fondo para la integración local".into(),
        makers: ticks(&["country:GT", "UNHCR"]),
        reporter: "country:GT".into(),
        countries: ticks(&["GT"]),
        stage: "planning".into(),
        ..CommitmentInput::default()
    };
    let c = NewCommitment::from_input(&input, &v).expect("valid");
    let id = commitments::create(&db, Some(&sec), &c, CommitmentReview::Draft, None)
        .await
        .expect("draft");
    let public = || async {
        commitments::commitments(&db, &CommitmentQuery::default(), today())
            .await
            .expect("the store answers")
            .len()
    };
    assert_eq!(public().await, 0);
    assert_eq!(
        commitments::unannounced(&db, today())
            .await
            .expect("the store answers")
            .len(),
        1
    );

    let moved = |mv, comment: &'static str| {
        let (db, sec) = (db.clone(), sec.clone());
        async move { commitments::transition(&db, &sec, id, mv, comment).await }
    };
    assert_eq!(
        moved(CommitmentMove::Submit, "")
            .await
            .expect("the store answers"),
        CommitmentReview::Submitted
    );
    let err = moved(CommitmentMove::Return, "  ")
        .await
        .expect_err("a comment");
    assert_eq!(err.field("comment"), Some(&Problem::Required));
    assert_eq!(
        moved(CommitmentMove::Return, "Falta la meta y la fuente")
            .await
            .expect("the store answers"),
        CommitmentReview::Returned
    );
    // Its makers change it (the version they saw), and send it again.
    let (now, _) = commitments::any_commitment(&db, id, today())
        .await
        .expect("the store answers")
        .expect("the store answers");
    let mut changed = now.to_input();
    changed.source_url = "https://example.org/fondo".into();
    let changed = NewCommitment::from_input(&changed, &v).expect("valid");
    assert!(matches!(
        commitments::update(&db, &sec, id, now.version - 1, &changed, today()).await,
        Err(AppError::Conflict)
    ));
    commitments::update(&db, &sec, id, now.version, &changed, today())
        .await
        .expect("update");
    assert!(matches!(
        moved(CommitmentMove::Announce, "").await,
        Err(AppError::Conflict)
    ));
    moved(CommitmentMove::Submit, "")
        .await
        .expect("the store answers");
    moved(CommitmentMove::PreArticulate, "Listo")
        .await
        .expect("the store answers");
    assert_eq!(public().await, 0, "pre-articulated is not yet public");
    moved(CommitmentMove::Announce, "")
        .await
        .expect("the store answers");
    assert_eq!(public().await, 1);
    let (c, _) = commitments::commitment(&db, id, today())
        .await
        .expect("the store answers")
        .expect("the store answers");
    assert_eq!(c.announced_on, today().to_string(), "dated when announced");
    assert_eq!(c.source_url, "https://example.org/fondo");
    assert_eq!(c.makers.len(), 2);
    assert!(matches!(
        commitments::update(&db, &sec, id, c.version, &changed, today()).await,
        Err(AppError::Conflict)
    ));
    let history = commitments::history(&db, id)
        .await
        .expect("the store answers");
    assert_eq!(history.len(), 5);
    assert_eq!(history[1].comment, "Falta la meta y la fuente");
    assert_eq!(history[4].to, CommitmentReview::Announced);

    // A report may move its stage; the audit keeps what it was.
    let p = ProgressInput {
        reported_on: "2025-03".into(),
        text_es: "Fondo desembolsado".into(),
        stage: "fulfilled".into(),
        ..ProgressInput::default()
    };
    let p = NewProgress::from_input(&p, &v, today()).expect("valid");
    commitments::add_progress(&db, Some(&sec), id, &p)
        .await
        .expect("the store answers");
    let (c, _) = commitments::commitment(&db, id, today())
        .await
        .expect("the store answers")
        .expect("the store answers");
    assert_eq!(c.stage, CommitmentStage::Fulfilled);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'commitment' AND action = 'transition'"
        )
        .await,
        5
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'commitment' AND action = 'update'"
        )
        .await,
        1
    );
});
