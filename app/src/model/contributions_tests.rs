//! Tests of the contribution types: codes, filters and money formats.
use super::*;
use crate::model::{format_bp, format_usd, Totals};

#[test]
fn codes_round_trip() {
    for &k in ContributionKind::ALL {
        assert_eq!(ContributionKind::from_code(k.code()), Some(k));
    }
    for &s in Stage::ALL {
        assert_eq!(Stage::from_code(s.code()), Some(s));
    }
    for &s in Status::ALL {
        assert_eq!(Status::from_code(s.code()), Some(s));
    }
    assert_eq!(Stage::Disbursement.iati_transaction_type(), Some(3));
}

#[test]
fn filters_parse_and_refuse_bad_values() {
    let f = ContributionFilter::from_pairs([
        ("year_from", "2021"),
        ("country", "cr"),
        ("kind", "financial"),
    ])
    .expect("valid");
    assert_eq!(f.year_from, Some(2021));
    assert_eq!(f.country.as_deref(), Some("CR"));
    assert_eq!(f.to_query(), "year_from=2021&country=CR&kind=financial");
    let e = ContributionFilter::from_pairs([("pillar", "9"), ("status", "paid"), ("year_to", "x")])
        .expect_err("invalid");
    assert!(
        e.field("pillar").is_some() && e.field("status").is_some() && e.field("year_to").is_some()
    );
    assert!(ContributionFilter::from_pairs([("year_from", "2024"), ("year_to", "2020")]).is_err());
}

#[test]
fn money_formats() {
    assert_eq!(format_usd(630_000_000, Lang::En), "USD 6.3 M");
    assert_eq!(format_usd(630_000_000, Lang::Es), "USD 6,3 M");
    assert_eq!(format_usd(95_000_000, Lang::En), "USD 950,000");
    assert_eq!(format_usd(220_000_000_000, Lang::En), "USD 2.2 bn");
    assert_eq!(format_bp(2345, Lang::En), "23.5%");
    let t = Totals {
        funded_usd: 940,
        required_usd: 4700,
        ..Default::default()
    };
    assert_eq!(t.coverage_bp(), Some(2000));
    assert_eq!(t.gap_usd(), 3760);
    assert_eq!(Totals::default().coverage_bp(), None);
}
