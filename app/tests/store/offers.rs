//! Store tests for offers and matching, on SQLite and PostgreSQL: offers written, listed and
//! withdrawn; a proposal puts an offer in discussion and shows on its line; a decline frees it;
//! accepting records the pledge linked to the line, all at once or not at all; what is past its
//! day expires; every step audited.

use app::error::{AppError, Problem};
use app::model::{
    AuditFilter, LineInput, MatchStatus, OfferInput, OfferQuery, OfferStatus, ProposalInput,
    RequirementInput, Role,
};
use app::server::store::contributions::{self, AcceptedMatch};
use app::server::store::offers::{self, MatchesOf};
use app::server::store::plans::{self, NewLine, NewRequirement};
use app::server::store::{audit, Db};
use app::server::testing::{ticks, user, vocabulary};
use app::server::validate::contributions::{validate_contribution, Lookups};
use app::server::validate::offers::{pledge_input, NewAnswer, NewOffer, NewProposal};
use app::store_test;
use chrono::{Duration, NaiveDate};

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn offer_input(org: &str, countries: &[&str], amount: &str) -> OfferInput {
    OfferInput {
        offeror: org.into(),
        kind: "financial".into(),
        title_es: format!("Becas de {org}"),
        regional: if countries.is_empty() { "on" } else { "" }.into(),
        countries: ticks(countries),
        themes: ticks(&["education"]),
        pillars: ticks(&["2"]),
        currency: "EUR".into(),
        amount: amount.into(),
        fx_rate: "1.1".into(),
        available_until: (today() + Duration::days(200)).to_string(),
        contact_name: "Ana".into(),
        contact_email: "ana@example.org".into(),
        ..OfferInput::default()
    }
}

async fn offer(db: &Db, org: &str, countries: &[&str], amount: &str) -> i64 {
    let o = NewOffer::from_input(&offer_input(org, countries, amount), &vocabulary(), today())
        .expect("valid offer");
    offers::create_offer(db, None, &o).await.expect("offer")
}

/// A Guatemalan education line needing USD 1,000,000 this year.
async fn line(db: &Db, code: &str) -> i64 {
    let input = LineInput {
        country: "GT".into(),
        code: code.into(),
        title_es: "Escuelas".into(),
        pillar: "2".into(),
        priority: "1".into(),
        status: "in_progress".into(),
        themes: ticks(&["education"]),
        ..LineInput::default()
    };
    let l = NewLine::from_input(&input, &vocabulary(), &[]).expect("valid line");
    let id = plans::create_line(db, None, &l).await.expect("line");
    let r = NewRequirement::from_input(&RequirementInput {
        line_id: id,
        year: today().format("%Y").to_string(),
        currency: "USD".into(),
        amount: "1000000".into(),
        ..RequirementInput::default()
    })
    .expect("valid requirement");
    plans::set_requirement(db, None, &r)
        .await
        .expect("requirement");
    id
}

async fn propose(db: &Db, offer_id: i64, line_id: i64, amount: &str) -> Result<i64, AppError> {
    let (o, _) = offers::offer(db, offer_id)
        .await
        .expect("read")
        .expect("offer");
    let p = NewProposal::from_input(
        &ProposalInput {
            offer_id,
            line_id,
            amount: amount.into(),
            note: "¿Les interesa?".into(),
        },
        &o,
    )?;
    let until = NaiveDate::parse_from_str(&o.available_until, "%Y-%m-%d").expect("date");
    offers::propose(db, None, &p, 80, today(), until).await
}

async fn actions(db: &Db, entity: &str, id: i64) -> Vec<String> {
    audit::list(
        db,
        &AuditFilter {
            entity: Some(entity.into()),
            entity_id: Some(id.to_string()),
            ..Default::default()
        },
        1,
        50,
    )
    .await
    .expect("trail")
    .entries
    .into_iter()
    .map(|e| e.action)
    .collect()
}

async fn contributions_count(db: &Db) -> i64 {
    app::on_db!(db, pool => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM contributions")
        .fetch_one(pool)
        .await)
    .expect("count")
}

store_test!(
    offers_are_listed_by_place_and_withdrawn_with_a_reason,
    |db| {
        let sec = user(&db, "sec@example.org", Role::Secretariat)
            .await
            .actor();
        let gt = offer(&db, "EU", &["GT"], "1000").await;
        let regional = offer(&db, "ESP", &[], "2000").await;
        let hn = offer(&db, "USA", &["HN"], "3000").await;

        let for_gt = |db: Db| async move {
            offers::offers(
                &db,
                &OfferQuery {
                    country: "GT".into(),
                    ..Default::default()
                },
            )
            .await
            .expect("list")
            .into_iter()
            .map(|o| o.id)
            .collect::<Vec<_>>()
        };
        assert_eq!(
            for_gt(db.clone()).await,
            vec![regional, gt],
            "newest first; regional included"
        );
        let (o, contact) = offers::offer(&db, gt).await.expect("read").expect("offer");
        assert_eq!(o.countries, vec!["GT".to_string()]);
        assert_eq!(o.themes, vec!["education".to_string()]);
        assert_eq!(o.pillars, vec![2]);
        assert_eq!(
            (o.amount_minor, o.amount_usd, o.remaining_usd),
            (Some(100_000), Some(110_000), Some(110_000))
        );
        assert_eq!(o.status, OfferStatus::Open);
        assert_eq!(contact.email, "ana@example.org");

        assert_eq!(
            offers::withdraw_offer(&db, &sec, gt, o.version + 1, "Presupuesto reasignado").await,
            Err(AppError::Conflict),
            "a stale version changes nothing"
        );
        assert!(matches!(
            offers::withdraw_offer(&db, &sec, gt, o.version, " ").await,
            Err(AppError::Validation(_))
        ));
        offers::withdraw_offer(&db, &sec, gt, o.version, "Presupuesto reasignado")
            .await
            .expect("withdraw");
        assert_eq!(
            for_gt(db.clone()).await,
            vec![regional],
            "withdrawn offers leave the list"
        );
        let withdrawn = offers::offers(
            &db,
            &OfferQuery {
                status: "withdrawn".into(),
                ..Default::default()
            },
        )
        .await
        .expect("withdrawn");
        assert_eq!(withdrawn.len(), 1);
        assert_eq!(actions(&db, "offer", gt).await, vec!["withdraw", "create"]);
        assert!(offers::offer(&db, hn).await.expect("read").is_some());
    }
);

store_test!(
    a_proposal_is_declined_then_accepted_into_a_linked_pledge,
    |db| {
        let eu = user(&db, "eu@example.org", Role::member("EU"))
            .await
            .actor();
        let line_id = line(&db, "GT-EDU").await;
        let offer_id = offer(&db, "EU", &["GT"], "500000").await;

        let first = propose(&db, offer_id, line_id, "200000")
            .await
            .expect("proposed");
        assert_eq!(
            propose(&db, offer_id, line_id, "100").await,
            Err(AppError::invalid("offer", Problem::Taken)),
            "one open proposal per offer and line"
        );
        let (o, _) = offers::offer(&db, offer_id)
            .await
            .expect("read")
            .expect("offer");
        assert_eq!((o.status, o.in_discussion), (OfferStatus::InDiscussion, 1));
        let (_, l) = plans::line(&db, line_id)
            .await
            .expect("read")
            .expect("line");
        assert_eq!(
            (l.funding.offers_in_discussion, l.funding.offered_usd),
            (1, 22_000_000)
        );

        let decline = NewAnswer::from_input(&app::model::AnswerInput {
            match_id: first,
            version: 1,
            answer: "decline".into(),
            reason: "No este año".into(),
        })
        .expect("answer");
        offers::decline(&db, &eu, &decline, offer_id)
            .await
            .expect("declined");
        assert_eq!(
            offers::decline(&db, &eu, &decline, offer_id).await,
            Err(AppError::Conflict),
            "a proposal is answered once"
        );
        let (o, _) = offers::offer(&db, offer_id)
            .await
            .expect("read")
            .expect("offer");
        assert_eq!(o.status, OfferStatus::Open);

        let second = propose(&db, offer_id, line_id, "300000")
            .await
            .expect("proposed again");
        let (m, _) = offers::matches(&db, MatchesOf::One(second))
            .await
            .expect("read")
            .remove(0);
        let (_, l) = plans::line(&db, line_id)
            .await
            .expect("read")
            .expect("line");
        let pledge = pledge_input(&o, &m, &l, "Con gusto", today());
        let lookups = Lookups::load(&db, None).await.expect("lookups");
        let valid = validate_contribution(&pledge, &lookups, today()).expect("valid pledge");
        let accepted = AcceptedMatch {
            match_id: second,
            version: m.version,
            offer_id,
            line_id,
            reason: "Con gusto".into(),
        };
        let before = contributions_count(&db).await;
        let id = contributions::pledge_from_match(&db, &eu, &valid, &accepted)
            .await
            .expect("accepted");
        assert_eq!(
            contributions::pledge_from_match(&db, &eu, &valid, &accepted).await,
            Err(AppError::Conflict),
            "accepting twice is refused"
        );
        assert_eq!(
            contributions_count(&db).await,
            before + 1,
            "and leaves no second pledge behind"
        );

        let c = contributions::get(&db, id, false)
            .await
            .expect("read")
            .expect("pledge");
        assert_eq!(c.summary.donor_code, "EU");
        assert_eq!(c.summary.pledged_usd, 33_000_000, "EUR 300,000 at 1.1");
        let (_, l) = plans::line(&db, line_id)
            .await
            .expect("read")
            .expect("line");
        assert_eq!(
            l.funding.pledged_usd, 33_000_000,
            "all of it serves the line"
        );
        assert_eq!(
            (l.funding.offers_in_discussion, l.funding.offered_usd),
            (0, 0)
        );
        let (m, _) = offers::matches(&db, MatchesOf::One(second))
            .await
            .expect("read")
            .remove(0);
        assert_eq!(
            (m.status, m.contribution_id),
            (MatchStatus::Accepted, Some(id))
        );
        let (o, _) = offers::offer(&db, offer_id)
            .await
            .expect("read")
            .expect("offer");
        assert_eq!(o.status, OfferStatus::Matched);
        assert_eq!(o.remaining_usd, Some(55_000_000 - 33_000_000));
        assert_eq!(
            actions(&db, "offer_match", second).await,
            vec!["accept", "propose"]
        );
        assert_eq!(
            actions(&db, "offer_match", first).await,
            vec!["decline", "propose"]
        );
        assert_eq!(
            actions(&db, "contribution", id).await,
            vec!["link_line", "create"]
        );
    }
);

store_test!(offers_and_proposals_past_their_day_expire, |db| {
    let line_id = line(&db, "GT-EXP").await;
    let short = offer(&db, "EU", &["GT"], "1000").await;
    let long = offer(&db, "ESP", &["GT"], "1000").await;
    propose(&db, short, line_id, "10").await.expect("proposed");
    let lasting = propose(&db, long, line_id, "10").await.expect("proposed");

    assert_eq!(
        offers::expire_due(&db, today()).await.expect("expire"),
        (0, 0)
    );
    // 61 days on, the proposals are past their 60 days; 201 days on, the offers are past theirs.
    assert_eq!(
        offers::expire_due(&db, today() + Duration::days(61))
            .await
            .expect("expire"),
        (0, 2)
    );
    let (o, _) = offers::offer(&db, long)
        .await
        .expect("read")
        .expect("offer");
    assert_eq!(
        o.status,
        OfferStatus::Open,
        "back to open when its proposals expired"
    );
    let (m, _) = offers::matches(&db, MatchesOf::One(lasting))
        .await
        .expect("read")
        .remove(0);
    assert_eq!(m.status, MatchStatus::Expired);
    assert_eq!(
        offers::expire_due(&db, today() + Duration::days(201))
            .await
            .expect("expire"),
        (2, 0)
    );
    let (o, _) = offers::offer(&db, short)
        .await
        .expect("read")
        .expect("offer");
    assert_eq!(o.status, OfferStatus::Expired);
    assert_eq!(actions(&db, "offer", short).await, vec!["expire", "create"]);
});
