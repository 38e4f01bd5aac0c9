//! Store tests for the contribution ledger, on SQLite and PostgreSQL.

use app::error::AppError;
use app::model::{ContributionFilter, ContributionInput, GroupBy, Status, StepInput};
use app::server::store::{aggregates::AggregateCache, audit::Actor, contributions, Db};
use app::server::validate::contributions::{
    validate_contribution, validate_step, Lookups, NewStep, ValidContribution,
};
use app::{on_db, store_test};
use chrono::NaiveDate;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
}

/// A real account to act as (steps and the trail point at existing users).
async fn actor_in(db: &Db) -> Actor {
    app::server::testing::user(db, "member@example.org", app::model::Role::member("ESP"))
        .await
        .actor()
}

/// The whole ledger's totals, read by a cache that has seen nothing yet.
async fn fresh_totals(db: &Db) -> app::model::Totals {
    AggregateCache::default()
        .totals(db, &ContributionFilter::default())
        .await
        .expect("totals")
}

async fn valid(db: &Db, input: ContributionInput) -> ValidContribution {
    let lookups = Lookups::load(db, None).await.expect("lookups");
    validate_contribution(&input, &lookups, today()).expect("valid input")
}

fn step(stage: &str, date: &str, amount: &str, fx: &str) -> NewStep {
    let mut errors = Vec::new();
    validate_step(
        &StepInput {
            stage: stage.into(),
            date: date.into(),
            amount: amount.into(),
            fx_rate: fx.into(),
            note: String::new(),
        },
        app::model::ContributionKind::Financial,
        if fx.is_empty() { "USD" } else { "EUR" },
        today(),
        &mut errors,
    )
    .unwrap_or_else(|| panic!("valid step: {errors:?}"))
}

fn eur_pledge(amount: &str, recipient: &str) -> ContributionInput {
    ContributionInput {
        donor: "ESP".into(),
        recipient: recipient.into(),
        kind: "financial".into(),
        pillar: "3".into(),
        title_es: "Prueba".into(),
        currency: "EUR".into(),
        stage: "pledge".into(),
        date: "2021-06-10".into(),
        amount: amount.into(),
        fx_rate: "1.2".into(),
        ..Default::default()
    }
}

/// One summary-table row: year, donor, recipient, pillar, kind, mechanism, sector, working
/// group, status, n, pledged, funded.
type CubeRow = (
    i32,
    String,
    String,
    i32,
    String,
    String,
    String,
    String,
    String,
    i64,
    i64,
    i64,
);

async fn cube_matches_rebuild(db: &Db) {
    let read = |db: Db| async move {
        let rows: Vec<CubeRow> = on_db!(&db, pool => sqlx::query_as(
            "SELECT year, donor_code, recipient, pillar, kind, mechanism, sector, working_group, \
             status, n, pledged_usd, funded_usd FROM contribution_cube WHERE n <> 0 \
             ORDER BY year, donor_code, recipient, pillar, kind, mechanism, sector, working_group, status",
        )
        .fetch_all(pool)
        .await)
        .expect("cube");
        rows
    };
    let incremental = read(db.clone()).await;
    contributions::rebuild_cube(db).await.expect("rebuild");
    assert_eq!(
        incremental,
        read(db.clone()).await,
        "the summary kept on write equals a rebuild"
    );
}

store_test!(lifecycle_with_partial_disbursements, |db| {
    let id = contributions::create(
        &db,
        Some(&actor_in(&db).await),
        &valid(&db, eur_pledge("1000000", "CR")).await,
    )
    .await
    .expect("create");
    let d = contributions::get(&db, id, false)
        .await
        .expect("get")
        .expect("exists");
    assert_eq!(d.summary.status, Status::Pledged);
    assert_eq!(
        d.summary.pledged_usd, 120_000_000,
        "EUR 1 M at 1.2 = USD 1.2 M, in cents"
    );

    let mut v = d.version;
    for (s, date, amount) in [
        ("commitment", "2021-09-01", "900000"),
        ("disbursement", "2022-01-15", "300000"),
        ("disbursement", "2022-06-15", "400000"),
    ] {
        contributions::add_step(
            &db,
            Some(&actor_in(&db).await),
            id,
            v,
            &step(s, date, amount, "1.2"),
        )
        .await
        .expect("step");
        v = contributions::get(&db, id, false)
            .await
            .expect("get")
            .expect("exists")
            .version;
    }
    let d = contributions::get(&db, id, false)
        .await
        .expect("get")
        .expect("exists");
    assert_eq!(d.summary.status, Status::Disbursed);
    assert_eq!(
        (d.summary.committed_usd, d.summary.disbursed_usd),
        (108_000_000, 84_000_000)
    );
    assert_eq!(d.steps.len(), 4, "the full history is kept");
    assert_eq!(d.summary.funded_usd(), 108_000_000);

    // A stale version is a conflict and changes nothing.
    let stale = contributions::add_step(
        &db,
        Some(&actor_in(&db).await),
        id,
        v - 1,
        &step("implementation", "2022-09-01", "100000", "1.2"),
    )
    .await;
    assert_eq!(stale, Err(AppError::Conflict));
    assert_eq!(
        contributions::get(&db, id, false)
            .await
            .expect("get")
            .expect("x")
            .steps
            .len(),
        4
    );

    let t = fresh_totals(&db).await;
    assert_eq!(
        (t.count, t.pledged_usd, t.funded_usd, t.disbursed_usd),
        (1, 120_000_000, 108_000_000, 84_000_000)
    );
    cube_matches_rebuild(&db).await;
});

store_test!(pass_through_is_counted_once, |db| {
    let parent = contributions::create(
        &db,
        None,
        &valid(&db, eur_pledge("6300000", "regional")).await,
    )
    .await
    .expect("parent");
    let mut child = eur_pledge("5300000", "regional");
    child.channel = "UNHCR".into();
    child.parent = parent.to_string();
    let child_id = contributions::create(&db, None, &valid(&db, child).await)
        .await
        .expect("child");

    let t = fresh_totals(&db).await;
    assert_eq!(t.count, 1);
    assert_eq!(
        t.pledged_usd, 756_000_000,
        "only the EUR 6.3 M parent counts"
    );
    let d = contributions::get(&db, parent, false)
        .await
        .expect("get")
        .expect("x");
    assert_eq!(d.children.len(), 1);
    assert_eq!(d.children[0].id, child_id);
    let c = contributions::get(&db, child_id, false)
        .await
        .expect("get")
        .expect("x");
    assert_eq!(c.parent.map(|p| p.id), Some(parent));

    // Routing through a contribution that is itself routed is refused, and nothing is written.
    let mut grandchild = eur_pledge("1", "regional");
    grandchild.parent = child_id.to_string();
    let refused = contributions::create(&db, None, &valid(&db, grandchild).await).await;
    assert!(matches!(refused, Err(AppError::Validation(_))));
    assert_eq!(
        contributions::list(&db, &ContributionFilter::default(), 1, 50)
            .await
            .expect("list")
            .1,
        2
    );
    cube_matches_rebuild(&db).await;
});

/// The problem a refused write reports for `field`.
fn problem_of(r: Result<(), AppError>, field: &str) -> Option<app::error::Problem> {
    match r {
        Err(AppError::Validation(errors)) => errors
            .into_iter()
            .find(|e| e.field == field)
            .map(|e| e.problem),
        _ => None,
    }
}

store_test!(
    editing_keeps_parents_one_level_deep_and_never_withdrawn,
    |db| {
        use app::error::Problem;
        let actor = actor_in(&db).await;
        let top = |amount: &'static str| {
            let db = db.clone();
            async move {
                contributions::create(&db, None, &valid(&db, eur_pledge(amount, "GT")).await)
                    .await
                    .expect("created")
            }
        };
        let (a, c, w) = (top("100").await, top("200").await, top("300").await);
        let mut part = eur_pledge("50", "GT");
        part.parent = a.to_string();
        let b = contributions::create(&db, None, &valid(&db, part).await)
            .await
            .expect("b");
        contributions::set_withdrawn(&db, &actor, w, true, Some("duplicate".into()))
            .await
            .expect("withdrawn");
        let version = |id: i64| {
            let db = db.clone();
            async move {
                contributions::get(&db, id, true)
                    .await
                    .expect("get")
                    .expect("there")
                    .version
            }
        };
        let with_parent = |parent: i64| {
            let db = db.clone();
            async move {
                let mut input = eur_pledge("1", "GT");
                input.parent = parent.to_string();
                input.title_es = "Editada".into();
                valid(&db, input).await.fields
            }
        };
        for (id, parent, expected) in [
            (a, a, Problem::NotAParent),      // itself
            (a, c, Problem::NotAParent),      // a already groups b
            (c, b, Problem::NotAParent),      // b is a part of a
            (c, w, Problem::ParentWithdrawn), // withdrawn
            (c, 999_999, Problem::UnknownChoice),
        ] {
            let before = version(id).await;
            let r =
                contributions::update_fields(&db, &actor, id, before, &with_parent(parent).await)
                    .await;
            assert_eq!(
                problem_of(r, "parent"),
                Some(expected),
                "{id} under {parent}"
            );
            assert_eq!(version(id).await, before, "nothing written");
        }
        // A new record may not be routed through a withdrawn one either.
        let mut routed = eur_pledge("1", "GT");
        routed.parent = w.to_string();
        let r = contributions::create(&db, None, &valid(&db, routed).await).await;
        assert!(
            matches!(&r, Err(AppError::Validation(e)) if e[0].problem == Problem::ParentWithdrawn),
            "{r:?}"
        );

        // A top-level record with no parts may be routed through another: it stops counting.
        let counted = fresh_totals(&db).await.count;
        contributions::update_fields(&db, &actor, c, version(c).await, &with_parent(a).await)
            .await
            .expect("c under a");
        let d = contributions::get(&db, c, true)
            .await
            .expect("get")
            .expect("c");
        assert_eq!(
            (d.summary.parent_id, d.summary.title_es.as_str()),
            (Some(a), "Editada")
        );
        assert_eq!(fresh_totals(&db).await.count, counted - 1);
        cube_matches_rebuild(&db).await;
    }
);

store_test!(financing_mechanisms_filter_group_and_follow_edits, |db| {
    let mut grant = eur_pledge("1000000", "GT");
    grant.mechanism = "grant".into();
    let g = contributions::create(&db, None, &valid(&db, grant).await)
        .await
        .expect("grant");
    let mut loan = eur_pledge("2000000", "GT");
    loan.mechanism = "concessional_loan".into();
    contributions::create(&db, None, &valid(&db, loan).await)
        .await
        .expect("loan");
    contributions::create(&db, None, &valid(&db, eur_pledge("500000", "HN")).await)
        .await
        .expect("not said");
    let stored = contributions::get(&db, g, true)
        .await
        .expect("get")
        .expect("g");
    assert_eq!(
        stored.summary.mechanism,
        Some(app::model::FinancingMechanism::Grant)
    );

    let loans = ContributionFilter {
        mechanism: Some("concessional_loan".into()),
        ..Default::default()
    };
    let cache = AggregateCache::default();
    let t = cache.totals(&db, &loans).await.expect("totals");
    assert_eq!((t.count, t.pledged_usd), (1, 240_000_000), "EUR 2 M at 1.2");
    assert_eq!(
        contributions::list(&db, &loans, 1, 10)
            .await
            .expect("list")
            .1,
        1
    );
    let rows = cache
        .group(&db, &ContributionFilter::default(), GroupBy::Mechanism)
        .await
        .expect("group");
    let keys: Vec<(&str, i64)> = rows.iter().map(|r| (r.key.as_str(), r.count)).collect();
    assert_eq!(
        keys,
        vec![("grant", 1), ("concessional_loan", 1), ("", 1)],
        "in the list's order, what is not said last"
    );
    assert_eq!(rows[2].name_en, "Not stated");

    // An edit moves the money to its new cell, and the kept summary still equals a rebuild.
    let actor = actor_in(&db).await;
    let mut now_pooled = eur_pledge("1", "GT");
    now_pooled.mechanism = "pooled_fund".into();
    let version = stored.version;
    contributions::update_fields(
        &db,
        &actor,
        g,
        version,
        &valid(&db, now_pooled).await.fields,
    )
    .await
    .expect("edited");
    let pooled = ContributionFilter {
        mechanism: Some("pooled_fund".into()),
        ..Default::default()
    };
    assert_eq!(cache.totals(&db, &pooled).await.expect("totals").count, 1);
    cube_matches_rebuild(&db).await;
});

store_test!(
    sector_and_working_group_filter_the_list_and_the_totals,
    |db| {
        let mut education = eur_pledge("1000000", "GT");
        education.sector = "education".into();
        education.working_group = "asylum".into();
        contributions::create(&db, None, &valid(&db, education).await)
            .await
            .expect("education");
        let mut health = eur_pledge("3000000", "GT");
        health.sector = "health".into();
        contributions::create(&db, None, &valid(&db, health).await)
            .await
            .expect("health");
        let cache = AggregateCache::default();
        for (filter, count, pledged) in [
            (
                ContributionFilter {
                    sector: Some("education".into()),
                    ..Default::default()
                },
                1,
                120_000_000,
            ),
            (
                ContributionFilter {
                    sector: Some("health".into()),
                    ..Default::default()
                },
                1,
                360_000_000,
            ),
            (
                ContributionFilter {
                    working_group: Some("asylum".into()),
                    ..Default::default()
                },
                1,
                120_000_000,
            ),
            (
                ContributionFilter {
                    working_group: Some("jobs".into()),
                    ..Default::default()
                },
                0,
                0,
            ),
        ] {
            let t = cache.totals(&db, &filter).await.expect("totals");
            assert_eq!((t.count, t.pledged_usd), (count, pledged), "{filter:?}");
            let (rows, n) = contributions::list(&db, &filter, 1, 10)
                .await
                .expect("list");
            assert_eq!(n, count, "the list agrees with the totals for {filter:?}");
            assert!(rows
                .iter()
                .all(|r| filter.sector.is_none() || r.sector_code == filter.sector));
        }
        cube_matches_rebuild(&db).await;
    }
);

store_test!(withdraw_restore_and_filters, |db| {
    let a = contributions::create(&db, None, &valid(&db, eur_pledge("1000000", "GT")).await)
        .await
        .expect("a");
    let mut usd = eur_pledge("250000", "HN");
    usd.currency = "USD".into();
    usd.fx_rate.clear();
    usd.donor = "USA".into();
    usd.kind = "technical".into();
    contributions::create(&db, None, &valid(&db, usd).await)
        .await
        .expect("b");

    let cache = AggregateCache::default();
    let by_country = cache
        .group(&db, &ContributionFilter::default(), GroupBy::Country)
        .await
        .expect("group");
    assert_eq!(by_country.len(), 2);

    // Withdrawing needs a reason and leaves the totals; restoring brings it back.
    assert!(matches!(
        contributions::set_withdrawn(&db, &actor_in(&db).await, a, true, None).await,
        Err(AppError::Validation(_))
    ));
    contributions::set_withdrawn(&db, &actor_in(&db).await, a, true, Some("duplicate".into()))
        .await
        .expect("withdraw");
    assert!(
        contributions::get(&db, a, false)
            .await
            .expect("get")
            .is_none(),
        "hidden from the public"
    );
    assert!(
        contributions::get(&db, a, true)
            .await
            .expect("get")
            .is_some(),
        "kept for the secretariat"
    );
    let t = cache
        .totals(&db, &ContributionFilter::default())
        .await
        .expect("totals");
    assert_eq!((t.count, t.pledged_usd), (1, 25_000_000));
    contributions::set_withdrawn(&db, &actor_in(&db).await, a, false, None)
        .await
        .expect("restore");
    assert_eq!(
        cache
            .totals(&db, &ContributionFilter::default())
            .await
            .expect("totals")
            .count,
        2
    );

    let gt = ContributionFilter {
        country: Some("GT".into()),
        ..Default::default()
    };
    assert_eq!(
        contributions::list(&db, &gt, 1, 10).await.expect("list").1,
        1
    );
    let tech = ContributionFilter {
        kind: Some("technical".into()),
        year_from: Some(2021),
        year_to: Some(2021),
        ..Default::default()
    };
    let (rows, n) = contributions::list(&db, &tech, 1, 10).await.expect("list");
    assert_eq!((n, rows[0].donor_code.as_str()), (1, "USA"));
    cube_matches_rebuild(&db).await;
});

store_test!(
    cancelled_pledges_leave_the_totals_and_stale_pledges_are_listed,
    |db| {
        let a = contributions::create(&db, None, &valid(&db, eur_pledge("1000000", "PA")).await)
            .await
            .expect("a");
        let mut later = eur_pledge("500000", "PA");
        later.date = "2026-10-01".into();
        contributions::create(&db, None, &valid(&db, later).await)
            .await
            .expect("b");
        let stale =
            contributions::stale_pledges(&db, &ContributionFilter::default(), today(), 12, 50)
                .await
                .expect("stale");
        assert_eq!(
            stale.iter().map(|s| s.id).collect::<Vec<_>>(),
            vec![a],
            "only the 2021 pledge is stale"
        );

        let v = contributions::get(&db, a, false)
            .await
            .expect("get")
            .expect("x")
            .version;
        let mut errors = Vec::new();
        let cancel = validate_step(
            &StepInput {
                stage: "cancellation".into(),
                date: "2022-06-01".into(),
                ..Default::default()
            },
            app::model::ContributionKind::Financial,
            "EUR",
            today(),
            &mut errors,
        )
        .expect("cancellation step");
        contributions::add_step(&db, Some(&actor_in(&db).await), a, v, &cancel)
            .await
            .expect("cancel");
        let t = fresh_totals(&db).await;
        assert_eq!(
            t.pledged_usd, 60_000_000,
            "the cancelled pledge no longer counts"
        );
        assert!(
            contributions::stale_pledges(&db, &ContributionFilter::default(), today(), 12, 50)
                .await
                .expect("stale")
                .is_empty()
        );
        let v = contributions::get(&db, a, false)
            .await
            .expect("get")
            .expect("x")
            .version;
        let after = contributions::add_step(
            &db,
            Some(&actor_in(&db).await),
            a,
            v,
            &step("commitment", "2022-07-01", "1", "1.2"),
        )
        .await;
        assert!(
            matches!(after, Err(AppError::Validation(_))),
            "nothing after a cancellation"
        );
        cube_matches_rebuild(&db).await;
    }
);

store_test!(coverage_and_gap_against_requirements, |db| {
    on_db!(&db, pool => sqlx::query(
        "INSERT INTO requirements (country_iso2, pillar, year, amount_usd, source, is_example) VALUES \
         ('CR', 3, 2021, 500000000, 'test', $1), ('CR', 1, 2021, 100000000, 'test', $1), ('GT', 3, 2021, 50000000, 'test', $1)",
    )
    .bind(false)
    .execute(pool)
    .await
    .map(|_| ()))
    .expect("requirements");
    contributions::rebuild_cube(&db)
        .await
        .expect("version bump");
    let id = contributions::create(&db, None, &valid(&db, eur_pledge("1000000", "CR")).await)
        .await
        .expect("a");
    let v = contributions::get(&db, id, false)
        .await
        .expect("get")
        .expect("x")
        .version;
    contributions::add_step(
        &db,
        Some(&actor_in(&db).await),
        id,
        v,
        &step("commitment", "2021-08-01", "1000000", "1.2"),
    )
    .await
    .expect("commit");

    let cache = AggregateCache::default();
    let cr3 = ContributionFilter {
        country: Some("CR".into()),
        pillar: Some(3),
        ..Default::default()
    };
    let t = cache.totals(&db, &cr3).await.expect("totals");
    assert_eq!((t.funded_usd, t.required_usd), (120_000_000, 500_000_000));
    assert_eq!(t.coverage_bp(), Some(2400));
    assert_eq!(t.gap_usd(), 380_000_000);
    let all = cache
        .totals(&db, &ContributionFilter::default())
        .await
        .expect("totals");
    assert_eq!(all.required_usd, 650_000_000);
    let dash = cache
        .dashboard(&db, &ContributionFilter::default(), today(), 12)
        .await
        .expect("dashboard");
    let cr = dash.coverage.iter().find(|c| c.iso2 == "CR").expect("CR");
    assert_eq!((cr.required_usd, cr.funded_usd), (600_000_000, 120_000_000));
    assert!(dash
        .flows
        .iter()
        .any(|f| f.source_en == "Spain" && f.target_en == "Costa Rica"));
});

store_test!(demo_ledger_loads_and_adds_up, |db| {
    use app::server::seed;
    let now = chrono::Utc::now();
    seed::apply(&db, seed::Mode::Demo, now).await.expect("demo");
    let (rows, total) = contributions::list(&db, &ContributionFilter::default(), 1, 5)
        .await
        .expect("list");
    assert!(total >= 160, "{total}");
    assert_eq!(rows.len(), 5);
    let t = fresh_totals(&db).await;
    assert!(t.pledged_usd > 0 && t.funded_usd > 0 && t.required_usd > 0);
    assert!(
        t.example_count > 0 && t.example_count < t.count,
        "sourced and example rows both present"
    );
    let spain = AggregateCache::default()
        .group(
            &db,
            &ContributionFilter {
                year_from: Some(2021),
                year_to: Some(2021),
                donor: Some("ESP".into()),
                ..Default::default()
            },
            GroupBy::Donor,
        )
        .await
        .expect("group");
    assert!(
        spain[0].pledged_usd >= 768_600_000,
        "Spain's EUR 6.3 M at about 1.22"
    );
    // Loading again changes nothing.
    seed::apply(&db, seed::Mode::Demo, now)
        .await
        .expect("demo twice");
    assert_eq!(
        contributions::list(&db, &ContributionFilter::default(), 1, 5)
            .await
            .expect("list")
            .1,
        total
    );
    cube_matches_rebuild(&db).await;
});

store_test!(synthetic_rows_load_and_add_up, |db| {
    let before: i64 = on_db!(&db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM contributions").fetch_one(pool).await)
        .expect("count");
    let total = app::server::seed::synthetic::load(&db, 2_000)
        .await
        .expect("load");
    assert_eq!(total, before + 2_000);
    let steps: i64 = on_db!(&db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM contribution_steps s JOIN contributions c ON c.id = s.contribution_id \
         WHERE c.title_en LIKE 'Synthetic contribution %'",
    )
    .fetch_one(pool)
    .await)
    .expect("steps");
    assert_eq!(steps, 2_000);
    // The summary table agrees with the rows it summarises.
    let (rows_pledged, rows_n): (i64, i64) = on_db!(&db, pool => sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN status = 'cancelled' THEN 0 ELSE pledged_usd END), 0) AS BIGINT), \
         COUNT(*) FROM contributions WHERE parent_id IS NULL AND withdrawn_at IS NULL",
    )
    .fetch_one(pool)
    .await)
    .expect("rows");
    let (cube_pledged, cube_n): (i64, i64) = on_db!(&db, pool => sqlx::query_as(
        "SELECT CAST(SUM(pledged_usd) AS BIGINT), CAST(SUM(n) AS BIGINT) FROM contribution_cube",
    )
    .fetch_one(pool)
    .await)
    .expect("cube");
    assert_eq!((cube_pledged, cube_n), (rows_pledged, rows_n));
    // Every status and several donors and years appear.
    let statuses: i64 = on_db!(&db, pool => sqlx::query_scalar(
        "SELECT COUNT(DISTINCT status) FROM contributions WHERE title_en LIKE 'Synthetic contribution %'",
    )
    .fetch_one(pool)
    .await)
    .expect("statuses");
    assert_eq!(statuses, 5);
});
