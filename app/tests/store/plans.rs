//! Store tests for the National Action Plans, on SQLite and PostgreSQL: lines written, edited,
//! moved through statuses with notes and withdrawn, each audited; requirements kept with every
//! revision; and the dashboard's requirements taking the lines' figures over direct ones.

use app::error::{AppError, Problem};
use app::model::{
    AuditFilter, ContributionFilter, LineInput, LineStatus, RequirementInput, Role, StatusInput,
};
use app::server::store::aggregates::AggregateCache;
use app::server::store::plans::{self, NewLine, NewRequirement, NewStatus, PlanHeader};
use app::server::store::{audit, Db};
use app::server::testing::{ticks, user, vocabulary};
use app::{on_db, store_test};

fn line_input(code: &str, pillar: i32) -> LineInput {
    LineInput {
        country: "GT".into(),
        code: code.into(),
        title_es: format!("Línea {code}"),
        pillar: pillar.to_string(),
        sector: "protection".into(),
        priority: "1".into(),
        status: "not_started".into(),
        period_start: "2025".into(),
        period_end: "2027".into(),
        themes: ticks(&["asylum"]),
        ..LineInput::default()
    }
}

fn line(code: &str, pillar: i32) -> NewLine {
    NewLine::from_input(&line_input(code, pillar), &vocabulary(), &[]).expect("valid line")
}

fn requirement(
    line_id: i64,
    year: i32,
    currency: &str,
    amount: &str,
    rate: &str,
    reason: &str,
) -> NewRequirement {
    NewRequirement::from_input(&RequirementInput {
        line_id,
        year: year.to_string(),
        currency: currency.into(),
        amount: amount.into(),
        fx_rate: rate.into(),
        source: String::new(),
        reason: reason.into(),
    })
    .expect("valid requirement")
}

/// Guatemala's 2025 coverage row: (from the plan, entered directly, updated).
async fn gt_source_2025(db: &Db) -> (bool, bool, Option<String>) {
    let f = ContributionFilter {
        country: Some("GT".into()),
        year_from: Some(2025),
        year_to: Some(2025),
        ..Default::default()
    };
    let cube = AggregateCache::default().cube(db).await.expect("cube");
    let row = cube.coverage(&f).into_iter().next().expect("GT");
    (
        row.requirement_from_plan,
        row.requirement_direct,
        row.requirement_updated,
    )
}

async fn gt_required_2025(db: &Db) -> i64 {
    AggregateCache::default()
        .totals(
            db,
            &ContributionFilter {
                country: Some("GT".into()),
                year_from: Some(2025),
                year_to: Some(2025),
                ..Default::default()
            },
        )
        .await
        .expect("totals")
        .required_usd
}

#[test]
fn a_line_form_reports_every_problem_at_once() {
    let mut bad = line_input("GT 01!", 5);
    bad.period_start = "2027".into();
    bad.period_end = "2025".into();
    bad.priority = "9".into();
    bad.sector = "astrology".into();
    bad.themes = ticks(&["asylum", "nope"]);
    bad.gaps = ticks(&["77"]);
    bad.title_es = String::new();
    let Err(AppError::Validation(errors)) = NewLine::from_input(&bad, &vocabulary(), &[1, 2])
    else {
        panic!("refused");
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    for f in [
        "code",
        "pillar",
        "period_end",
        "priority",
        "sector",
        "themes",
        "gaps",
        "title_es",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
}

#[test]
fn a_requirement_needs_a_rate_except_in_dollars() {
    let input = |currency: &str, amount: &str, rate: &str| RequirementInput {
        line_id: 1,
        year: "2025".into(),
        currency: currency.into(),
        amount: amount.into(),
        fx_rate: rate.into(),
        ..RequirementInput::default()
    };
    let field = |r: Result<NewRequirement, AppError>| match r {
        Err(AppError::Validation(e)) => e.iter().map(|e| e.field.clone()).collect::<Vec<_>>(),
        Ok(_) => vec![],
        Err(e) => panic!("{e:?}"),
    };
    assert_eq!(
        field(NewRequirement::from_input(&input("USD", "10", "2"))),
        ["fx_rate"]
    );
    assert_eq!(
        field(NewRequirement::from_input(&input("EUR", "10", ""))),
        ["fx_rate"]
    );
    assert_eq!(
        field(NewRequirement::from_input(&input("EUR", "-3", "1.1"))),
        ["amount"]
    );
    assert_eq!(
        field(NewRequirement::from_input(&input("XXX", "3", "1"))),
        ["currency"]
    );
    let ok = NewRequirement::from_input(&input("EUR", "1000000", "1.1")).expect("valid");
    assert_eq!((ok.amount_minor, ok.amount_usd), (100_000_000, 110_000_000));
    let note = NewStatus::from_input(&StatusInput {
        line_id: 1,
        version: 1,
        status: "stalled".into(),
        ..StatusInput::default()
    });
    assert!(matches!(note, Err(AppError::Validation(e)) if e[0].field == "note_es"));
}

store_test!(
    lines_are_written_edited_moved_and_withdrawn_with_their_trail,
    |db| {
        let fp = user(&db, "fp@example.org", Role::focal_point("GT"))
            .await
            .actor();
        let declared = PlanHeader {
            country_iso2: "GT".into(),
            title_es: "Plan de Guatemala".into(),
            title_en: "Guatemala's plan".into(),
            declared: vec![("protection".into(), 14, "https://example.org/gt".into())],
            ..PlanHeader::default()
        };
        assert!(plans::seed_plan(&db, &declared).await.expect("seed"));
        assert!(
            !plans::seed_plan(&db, &declared).await.expect("seed again"),
            "written once"
        );

        let id = plans::create_line(&db, Some(&fp), &line("GT-01", 1))
            .await
            .expect("create");
        assert_eq!(
            plans::create_line(&db, Some(&fp), &line("GT-01", 2)).await,
            Err(AppError::invalid("code", Problem::Taken))
        );
        let p = &plans::plans(&db, Some("GT")).await.expect("plans")[0];
        assert_eq!((p.lines, p.declared[0].commitments), (1, 14));
        assert_eq!(p.declared[0].sector.code, "protection");

        let (_, stored) = plans::line(&db, id).await.expect("read").expect("exists");
        assert_eq!(stored.themes, ["asylum"]);
        let mut changed = line("GT-01", 2);
        changed.title_es = "Cambiada".into();
        assert_eq!(
            plans::update_line(&db, &fp, id, stored.version + 1, &changed).await,
            Err(AppError::Conflict)
        );
        plans::update_line(&db, &fp, id, stored.version, &changed)
            .await
            .expect("update");
        let (_, after) = plans::line(&db, id).await.expect("read").expect("exists");
        assert_eq!((after.pillar, after.title_es.as_str()), (2, "Cambiada"));

        let status = NewStatus::from_input(&StatusInput {
            line_id: id,
            version: after.version,
            status: "stalled".into(),
            note_es: "Falta financiamiento".into(),
            ..StatusInput::default()
        })
        .expect("status");
        plans::set_status(&db, &fp, &status).await.expect("status");
        let (_, moved) = plans::line(&db, id).await.expect("read").expect("exists");
        assert_eq!(moved.status, LineStatus::Stalled);
        let (_, notes) = plans::history(&db, id).await.expect("history");
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].note_es, "Falta financiamiento");

        assert_eq!(
            plans::withdraw_line(&db, &fp, id, moved.version, " ").await,
            Err(AppError::invalid("reason", Problem::Required))
        );
        plans::withdraw_line(&db, &fp, id, moved.version, "Duplicada")
            .await
            .expect("withdraw");
        assert!(plans::line(&db, id).await.expect("read").is_none());
        assert_eq!(
            plans::plans(&db, Some("GT")).await.expect("plans")[0].lines,
            0
        );

        let trail = audit::list(
            &db,
            &AuditFilter {
                entity: Some("plan_line".into()),
                entity_id: Some(id.to_string()),
                ..Default::default()
            },
            1,
            50,
        )
        .await
        .expect("trail");
        let actions: Vec<&str> = trail.entries.iter().map(|e| e.action.as_str()).collect();
        for a in ["create", "update", "status", "withdraw"] {
            assert!(actions.contains(&a), "{a} in {actions:?}");
        }
    }
);

store_test!(
    requirements_keep_revisions_and_replace_direct_figures,
    |db| {
        let fp = user(&db, "fp@example.org", Role::focal_point("GT"))
            .await
            .actor();
        on_db!(&db, pool => {
            sqlx::query(
                "INSERT INTO requirements (country_iso2, pillar, year, amount_usd, source, is_example) \
                 VALUES ('GT', 1, 2025, 500000000, 'direct', $1)",
            )
            .bind(false)
            .execute(pool)
            .await
            .expect("direct figure");
        });
        assert_eq!(gt_required_2025(&db).await, 500_000_000);
        assert_eq!(gt_source_2025(&db).await, (false, true, None));

        // A line with a figure for pillar 1 in 2025 replaces the direct figure for that cell.
        let id = plans::create_line(&db, Some(&fp), &line("GT-01", 1))
            .await
            .expect("create");
        plans::set_requirement(
            &db,
            Some(&fp),
            &requirement(id, 2025, "USD", "2000000", "", ""),
        )
        .await
        .expect("original");
        assert_eq!(gt_required_2025(&db).await, 200_000_000);
        let (from_plan, direct, updated) = gt_source_2025(&db).await;
        assert!(from_plan && !direct);
        assert_eq!(updated, Some(chrono::Utc::now().date_naive().to_string()));

        // A different figure needs a reason; the same figure again changes nothing.
        let revised = requirement(id, 2025, "EUR", "1000000", "1.1", "");
        assert_eq!(
            plans::set_requirement(&db, Some(&fp), &revised).await,
            Err(AppError::invalid("reason", Problem::Required))
        );
        let revised = requirement(id, 2025, "EUR", "1000000", "1.1", "Costeo actualizado");
        plans::set_requirement(&db, Some(&fp), &revised)
            .await
            .expect("revised");
        plans::set_requirement(&db, Some(&fp), &revised)
            .await
            .expect("same again");
        assert_eq!(gt_required_2025(&db).await, 110_000_000);
        let (revisions, _) = plans::history(&db, id).await.expect("history");
        assert_eq!(revisions.len(), 2, "original and one revision");
        assert_eq!(
            (revisions[0].amount_usd, revisions[0].reason.as_str()),
            (200_000_000, "")
        );
        assert_eq!(revisions[1].reason, "Costeo actualizado");
        let (_, l) = plans::line(&db, id).await.expect("read").expect("exists");
        assert_eq!(l.requirements[0].currency, "EUR");
        assert_eq!(l.required_usd(), 110_000_000);
        assert_eq!(
            plans::plans(&db, Some("GT")).await.expect("plans")[0].required_usd,
            110_000_000
        );

        // Withdrawn, the line stops counting and the direct figure stands again.
        plans::withdraw_line(&db, &fp, id, l.version, "Fusionada con otra")
            .await
            .expect("withdraw");
        assert_eq!(gt_required_2025(&db).await, 500_000_000);
    }
);

/// A USD pledge of Spain to `recipient` ("" for regional), with a commitment of `committed`.
async fn contribution(db: &Db, recipient: &str, pledged: &str, committed: &str) -> i64 {
    use app::model::{ContributionInput, StepInput};
    use app::server::store::contributions;
    use app::server::validate::contributions::{validate_contribution, validate_step, Lookups};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    let input = ContributionInput {
        donor: "ESP".into(),
        recipient: recipient.into(),
        kind: "financial".into(),
        pillar: "1".into(),
        title_es: format!("Aporte a {recipient}"),
        currency: "USD".into(),
        stage: "pledge".into(),
        date: "2025-03-01".into(),
        amount: pledged.into(),
        ..Default::default()
    };
    let lookups = Lookups::load(db, None).await.expect("lookups");
    let v = validate_contribution(&input, &lookups, today).expect("valid");
    let id = contributions::create(db, None, &v).await.expect("create");
    if !committed.is_empty() {
        let mut errors = Vec::new();
        let step = validate_step(
            &StepInput {
                stage: "commitment".into(),
                date: "2025-06-01".into(),
                amount: committed.into(),
                ..Default::default()
            },
            app::model::ContributionKind::Financial,
            "USD",
            today,
            &mut errors,
        )
        .expect("step");
        let version = contributions::get(db, id, false)
            .await
            .expect("get")
            .expect("exists")
            .version;
        contributions::add_step(db, None, id, version, &step)
            .await
            .expect("commit");
    }
    id
}

store_test!(
    contributions_fund_the_lines_they_name_within_their_whole,
    |db| {
        use app::server::store::plans::links;
        let sec = user(&db, "sec@example.org", Role::Secretariat)
            .await
            .actor();
        let a = plans::create_line(&db, Some(&sec), &line("GT-A", 1))
            .await
            .expect("line a");
        let b = plans::create_line(&db, Some(&sec), &line("GT-B", 1))
            .await
            .expect("line b");
        let to_gt = contribution(&db, "GT", "1000000", "800000").await;
        let to_hn = contribution(&db, "HN", "500000", "").await;
        let regional = contribution(&db, "regional", "200000", "200000").await;

        links::link(&db, &sec, to_gt, a, 6_000)
            .await
            .expect("60% to A");
        links::link(&db, &sec, to_gt, b, 4_000)
            .await
            .expect("40% to B");
        // Past 100% of the contribution: refused, nothing changes.
        assert_eq!(
            links::link(&db, &sec, to_gt, b, 4_001).await,
            Err(AppError::invalid(
                "share",
                Problem::OutOfRange { min: 1, max: 40 }
            ))
        );
        // Another country's money cannot fund Guatemala's plan; regional money can.
        assert_eq!(
            links::link(&db, &sec, to_hn, a, 1_000).await,
            Err(AppError::invalid("line", Problem::NotAllowed))
        );
        links::link(&db, &sec, regional, a, 5_000)
            .await
            .expect("regional half to A");

        let funding = links::funding(&db, &[a, b]).await.expect("funding");
        let fa = &funding[&a];
        assert_eq!(fa.contributions, 2);
        assert_eq!(
            fa.pledged_usd,
            60_000_000 + 10_000_000,
            "60% of 1 M and half of 200 k"
        );
        assert_eq!(
            fa.funded_usd,
            48_000_000 + 10_000_000,
            "60% of the 800 k committed, and 100 k"
        );
        assert_eq!(funding[&b].funded_usd, 32_000_000);
        let (_, read) = plans::line(&db, a).await.expect("read").expect("exists");
        assert_eq!(read.funding, *fa);
        assert_eq!(
            read.funding.coverage_bp(200_000_000),
            Some(2_900),
            "58 k of 200 k"
        );
        // All of what Guatemala received is linked; after unlinking B its 40% is not.
        assert_eq!(
            links::linked_funded_of_country(&db, "GT")
                .await
                .expect("linked"),
            80_000_000
        );
        links::unlink(&db, &sec, to_gt, b).await.expect("unlink");
        links::unlink(&db, &sec, to_gt, b)
            .await
            .expect("unlink again changes nothing");
        assert_eq!(
            links::linked_funded_of_country(&db, "GT")
                .await
                .expect("linked"),
            48_000_000
        );
        let named = links::lines_of_contribution(&db, to_gt)
            .await
            .expect("lines");
        assert_eq!(named.len(), 1);
        assert_eq!((named[0].line_id, named[0].share_bp), (a, 6_000));
        let on_a = links::contributions_of_line(&db, a).await.expect("on a");
        assert_eq!(on_a.len(), 2);

        // A withdrawn contribution stops counting and cannot be linked.
        app::server::store::contributions::set_withdrawn(
            &db,
            &sec,
            regional,
            true,
            Some("duplicado".into()),
        )
        .await
        .expect("withdraw");
        assert_eq!(
            links::funding(&db, &[a]).await.expect("funding")[&a].contributions,
            1
        );
        assert_eq!(
            links::link(&db, &sec, regional, b, 100).await,
            Err(AppError::invalid("contribution", Problem::NotAllowed))
        );
    }
);
