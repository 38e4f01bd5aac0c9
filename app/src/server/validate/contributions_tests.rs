//! Tests of the contribution checks.
use super::*;
use crate::server::store::vocabulary::Vocabulary;

fn lookups() -> Lookups {
    Lookups {
        vocabulary: std::sync::Arc::new(Vocabulary::of_codes(
            &[("CR", "CRI"), ("GT", "GTM")],
            &["ESP", "EU", "UNHCR"],
            &["education"],
            &[],
        )),
        events: [3].into_iter().collect(),
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
}

fn spain() -> ContributionInput {
    ContributionInput {
        donor: "esp".into(),
        recipient: "regional".into(),
        channel: "UNHCR".into(),
        kind: "financial".into(),
        pillar: "3".into(),
        title_es: "Aporte de España 2021-2022".into(),
        currency: "eur".into(),
        event: "3".into(),
        stage: "pledge".into(),
        date: "2021-06-10".into(),
        amount: "6300000".into(),
        fx_rate: "1.1827".into(),
        ..Default::default()
    }
}

#[test]
fn accepts_a_good_contribution_and_converts_money() {
    let v = validate_contribution(&spain(), &lookups(), today()).expect("valid");
    assert_eq!(v.fields.donor_code, "ESP");
    assert_eq!(v.fields.recipient_iso2, None);
    assert_eq!(v.fields.currency, "EUR");
    assert_eq!(v.step.amount_minor, Some(630_000_000));
    assert_eq!(v.step.usd, Some(745_101_000));
    let mut cr = spain();
    cr.recipient = "CRI".into();
    assert_eq!(
        validate_contribution(&cr, &lookups(), today())
            .expect("valid")
            .fields
            .recipient_iso2
            .as_deref(),
        Some("CR")
    );
}

#[test]
fn reports_every_bad_field() {
    let bad = ContributionInput {
        donor: "XXX".into(),
        recipient: "FR".into(),
        kind: "gift".into(),
        mechanism: "charity".into(),
        pillar: "7".into(),
        currency: "DOGE".into(),
        source_url: "ftp://x".into(),
        stage: "pledge".into(),
        date: "2021-31-01".into(),
        amount: "-5".into(),
        ..Default::default()
    };
    let errors = validate_contribution(&bad, &lookups(), today()).expect_err("invalid");
    let fields: HashSet<_> = errors.iter().map(|e| e.field.as_str()).collect();
    for f in [
        "donor",
        "recipient",
        "kind",
        "mechanism",
        "pillar",
        "currency",
        "source_url",
        "title_es",
    ] {
        assert!(fields.contains(f), "{f} missing from {fields:?}");
    }
}

#[test]
fn money_rules() {
    let mut no_rate = spain();
    no_rate.fx_rate.clear();
    let e = validate_contribution(&no_rate, &lookups(), today()).expect_err("rate needed");
    assert_eq!(e[0].field, "fx_rate");

    let mut usd = spain();
    usd.currency = "USD".into();
    usd.fx_rate.clear();
    assert_eq!(
        validate_contribution(&usd, &lookups(), today())
            .expect("valid")
            .step
            .usd,
        Some(630_000_000)
    );

    let mut huge = spain();
    huge.amount = "999999999999999".into();
    assert!(validate_contribution(&huge, &lookups(), today()).is_err());

    let mut no_amount = spain();
    no_amount.amount.clear();
    assert!(
        validate_contribution(&no_amount, &lookups(), today()).is_err(),
        "financial needs money"
    );
    no_amount.kind = "technical".into();
    let v =
        validate_contribution(&no_amount, &lookups(), today()).expect("technical without estimate");
    assert_eq!(v.step.usd, None);

    let mut future = spain();
    future.date = "2040-01-01".into();
    assert!(validate_contribution(&future, &lookups(), today()).is_err());
    let mut slashed = spain();
    slashed.date = "10/06/2021".into();
    assert_eq!(
        validate_contribution(&slashed, &lookups(), today())
            .expect("valid")
            .step
            .date,
        NaiveDate::from_ymd_opt(2021, 6, 10).expect("date")
    );
}
