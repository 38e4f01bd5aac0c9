//! Exact money: amounts in minor units (cents), exchange rates as decimals, USD values rounded
//! half away from zero to the cent. Never floating point.

use rust_decimal::{prelude::ToPrimitive, Decimal, RoundingStrategy};
use std::str::FromStr;

/// The largest amount accepted, in minor units: 100 billion units of any currency.
pub const MAX_MINOR: i64 = 10_000_000_000_000;

/// Parses "6300000", "6300000.5" or "6300000.50" into minor units (cents). Spaces and
/// underscores are ignored; commas are refused because they mean different things in Spanish
/// and English. `None` when the text is not such a number, is negative, or is too large.
pub fn parse_amount(text: &str) -> Option<i64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .collect();
    if cleaned.is_empty()
        || cleaned.contains(',')
        || cleaned.starts_with('-')
        || cleaned.starts_with('+')
    {
        return None;
    }
    let (units, cents) = match cleaned.split_once('.') {
        Some((u, c)) if !c.is_empty() && c.len() <= 2 && c.chars().all(|c| c.is_ascii_digit()) => (
            u,
            if c.len() == 1 {
                format!("{c}0")
            } else {
                c.to_string()
            },
        ),
        Some(_) => return None,
        None => (cleaned.as_str(), "00".to_string()),
    };
    if units.is_empty() || !units.chars().all(|c| c.is_ascii_digit()) || units.len() > 15 {
        return None;
    }
    let value = units
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents.parse::<i64>().ok()?)?;
    (value <= MAX_MINOR).then_some(value)
}

/// Parses an exchange rate (USD per unit): positive, at most 10 decimals, below 1,000,000.
pub fn parse_rate(text: &str) -> Option<Decimal> {
    let t = text.trim();
    if t.contains(',') {
        return None;
    }
    let d = Decimal::from_str(t).ok()?;
    (d > Decimal::ZERO && d < Decimal::from(1_000_000) && d.scale() <= 10).then_some(d.normalize())
}

/// The USD value in cents of `minor` units of a currency at `rate` USD per unit; `None` beyond
/// the ledger's largest amount (USD 100 billion), so that sums stay far from overflowing.
pub fn to_usd_cents(minor: i64, rate: Decimal) -> Option<i64> {
    (Decimal::from(minor) * rate)
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .to_i64()
        .filter(|v| *v <= MAX_MINOR)
}

/// Formats minor units with a dot: 630000000 -> "6300000.00".
pub fn format_minor(minor: i64) -> String {
    format!("{}.{:02}", minor / 100, (minor % 100).abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_amounts_exactly() {
        assert_eq!(parse_amount("6300000"), Some(630_000_000));
        assert_eq!(parse_amount("6 300 000.5"), Some(630_000_050));
        assert_eq!(parse_amount("0.01"), Some(1));
        for bad in [
            "",
            "-5",
            "6,300,000",
            "1.234",
            "abc",
            "1e6",
            "99999999999999999999",
            ".5",
            "5.",
        ] {
            assert_eq!(parse_amount(bad), None, "{bad}");
        }
        assert_eq!(parse_amount("100000000000"), Some(MAX_MINOR));
        assert_eq!(parse_amount("100000000000.01"), None);
    }

    #[test]
    fn converts_with_exact_rounding() {
        let rate = parse_rate("1.1827").expect("rate");
        // EUR 6.3 M at 1.1827 USD/EUR = USD 7,451,010.00
        assert_eq!(to_usd_cents(630_000_000, rate), Some(745_101_000));
        // Half a cent rounds away from zero.
        assert_eq!(to_usd_cents(1, parse_rate("0.5").expect("rate")), Some(1));
        assert!(parse_rate("0").is_none());
        assert!(parse_rate("-1").is_none());
        assert!(parse_rate("1,18").is_none());
        assert_eq!(format_minor(630_000_050), "6300000.50");
    }
}
