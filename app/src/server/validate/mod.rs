//! The one validating path per domain. A form, an import row and the seed data all become a
//! `New*` value (a contribution, a practice, an inventory entry, an event, a plan's line) only through the
//! constructor of its module here, which reports every problem at once as field errors named like
//! the form's fields. Each `New*` carries a [`Checked`] mark that only this module can make, so
//! the store can trust what it is given and checks nothing again.

pub mod commitments;
pub mod contributions;
pub mod events;
pub mod inventory;
pub mod offers;
pub mod plans;
pub mod practices;

use crate::error::{AppError, FieldError, Problem};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Proof that a value went through its validator: a field of every `New*` type, which code
/// outside this module cannot make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked(());

impl Checked {
    const fn mark() -> Checked {
        Checked(())
    }
}

/// Collects the problems of one form while its fields are read.
#[derive(Debug, Default)]
pub struct Checker {
    pub errors: Vec<FieldError>,
}

impl Checker {
    pub fn new() -> Checker {
        Checker::default()
    }

    pub fn add(&mut self, field: &str, problem: Problem) {
        self.errors.push(FieldError::new(field, problem));
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The trimmed text, reported when longer than `max` characters.
    pub fn text(&mut self, field: &str, value: &str, max: u32) -> String {
        let v = value.trim();
        if v.chars().count() > max as usize {
            self.add(field, Problem::TooLong { max });
        }
        v.to_string()
    }

    /// A bilingual title: each at most `max` characters, at least one of the two given.
    pub fn title(&mut self, es: &str, en: &str, max: u32) -> (String, String) {
        let es = self.text("title_es", es, max);
        let en = self.text("title_en", en, max);
        if es.is_empty() && en.is_empty() {
            self.add("title_es", Problem::Required);
        }
        (es, en)
    }

    /// An optional `YYYY-MM-DD` date.
    pub fn date(&mut self, field: &str, value: &str) -> Option<NaiveDate> {
        let v = value.trim();
        if v.is_empty() {
            return None;
        }
        let d = NaiveDate::parse_from_str(v, "%Y-%m-%d").ok();
        if d.is_none() {
            self.add(field, Problem::InvalidFormat);
        }
        d
    }

    /// An optional period: its end may not come before its start (reported on `end_field`).
    pub fn period(
        &mut self,
        (start_field, start): (&str, &str),
        (end_field, end): (&str, &str),
    ) -> (Option<NaiveDate>, Option<NaiveDate>) {
        let a = self.date(start_field, start);
        let b = self.date(end_field, end);
        if let (Some(a), Some(b)) = (a, b) {
            if b < a {
                self.add(end_field, Problem::NotAllowed);
            }
        }
        (a, b)
    }

    /// A whole number in `min..=max`; `None` (and `Required` when `required`) when empty.
    pub fn int(
        &mut self,
        field: &str,
        value: &str,
        (min, max): (i64, i64),
        required: bool,
    ) -> Option<i64> {
        let v = value.trim();
        if v.is_empty() {
            if required {
                self.add(field, Problem::Required);
            }
            return None;
        }
        match v.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Some(n),
            Ok(_) => {
                self.add(field, Problem::OutOfRange { min, max });
                None
            }
            Err(_) => {
                self.add(field, Problem::InvalidFormat);
                None
            }
        }
    }

    /// An optional web address (`http://` or `https://`, no spaces, at most `max` characters).
    pub fn url(&mut self, field: &str, value: &str, max: u32) -> String {
        let v = self.text(field, value, max);
        if !(v.is_empty() || is_web_address(&v)) {
            self.add(field, Problem::InvalidFormat);
        }
        v
    }

    /// A coded choice: `None` for an empty value (`Required` when `required`), `UnknownChoice`
    /// for a code `parse` does not know.
    pub fn choice<T>(
        &mut self,
        field: &str,
        value: &str,
        required: bool,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let v = value.trim();
        if v.is_empty() {
            if required {
                self.add(field, Problem::Required);
            }
            return None;
        }
        let parsed = parse(v);
        if parsed.is_none() {
            self.add(field, Problem::UnknownChoice);
        }
        parsed
    }

    /// The ticked ids of a checkbox group (`id -> "on"`), each one of `known`.
    pub fn ticked_ids(
        &mut self,
        field: &str,
        boxes: &BTreeMap<String, String>,
        known: &[i64],
    ) -> Vec<i64> {
        self.ticked(field, boxes, |v| {
            v.parse::<i64>().is_ok_and(|id| known.contains(&id))
        })
        .iter()
        .filter_map(|v| v.parse().ok())
        .collect()
    }

    /// The ticked codes of a checkbox group (`code -> "on"`), each one `known`.
    pub fn ticked(
        &mut self,
        field: &str,
        boxes: &BTreeMap<String, String>,
        known: impl Fn(&str) -> bool,
    ) -> Vec<String> {
        let codes: Vec<String> = boxes
            .iter()
            .filter(|(_, v)| is_on(v))
            .map(|(k, _)| k.clone())
            .collect();
        if !codes.iter().all(|c| known(c)) {
            self.add(field, Problem::UnknownChoice);
        }
        codes
    }

    /// An amount in a currency the ledger accepts, with its rate to USD (none for USD; `1` is
    /// accepted), and its value in USD cents. Problems are reported on `currency`, `amount` and
    /// `fx_rate`; an empty amount is `Required` when `required`, else gives no money.
    pub fn money(
        &mut self,
        currency: &str,
        amount: &str,
        fx_rate: &str,
        required: bool,
    ) -> (String, Option<Money>) {
        use crate::server::money::{parse_amount, parse_rate, to_usd_cents, MAX_MINOR};
        use rust_decimal::Decimal;
        let currency = currency.trim().to_ascii_uppercase();
        if currency.is_empty() {
            self.add("currency", Problem::Required);
        } else if !contributions::CURRENCIES.contains(&currency.as_str()) {
            self.add("currency", Problem::UnknownChoice);
        }
        let too_big = Problem::OutOfRange {
            min: 0,
            max: MAX_MINOR / 100,
        };
        if amount.trim().is_empty() {
            if required {
                self.add("amount", Problem::Required);
            }
            return (currency, None);
        }
        let amount = parse_amount(amount);
        if amount.is_none() {
            self.add("amount", too_big.clone());
        }
        let rate_text = fx_rate.trim();
        let rate = if currency == "USD" {
            if rate_text.is_empty() || parse_rate(rate_text) == Some(Decimal::ONE) {
                Some(Decimal::ONE)
            } else {
                self.add("fx_rate", Problem::NotAllowed);
                None
            }
        } else if rate_text.is_empty() {
            self.add("fx_rate", Problem::Required);
            None
        } else {
            let r = parse_rate(rate_text);
            if r.is_none() {
                self.add("fx_rate", Problem::InvalidFormat);
            }
            r
        };
        let (Some(amount_minor), Some(fx_rate)) = (amount, rate) else {
            return (currency, None);
        };
        let Some(usd) = to_usd_cents(amount_minor, fx_rate) else {
            self.add("amount", too_big);
            return (currency, None);
        };
        (
            currency,
            Some(Money {
                amount_minor,
                fx_rate,
                usd,
            }),
        )
    }

    /// `Ok(value())` when no problem was found, else every problem.
    pub fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, AppError> {
        if self.errors.is_empty() {
            if let Some(v) = value() {
                return Ok(v);
            }
        }
        Err(AppError::Validation(self.errors))
    }
}

/// An amount checked by [`Checker::money`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Money {
    /// Minor units (cents) of the currency.
    pub amount_minor: i64,
    /// USD per unit of the currency.
    pub fx_rate: rust_decimal::Decimal,
    /// USD cents.
    pub usd: i64,
}

/// The reason given for taking a record off a list: required, at most 2,000 characters.
pub fn withdrawal_reason(reason: &str) -> Result<&str, AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid("reason", Problem::Required));
    }
    if reason.chars().count() > 2000 {
        return Err(AppError::invalid("reason", Problem::TooLong { max: 2000 }));
    }
    Ok(reason)
}

/// Whether a checkbox or flag value means "yes" (`on`, `true`, `1`, as forms send them).
pub fn is_on(v: &str) -> bool {
    !v.is_empty() && v != "off" && v != "false" && v != "0"
}

/// `http://` or `https://` without spaces.
pub fn is_web_address(v: &str) -> bool {
    (v.starts_with("https://") || v.starts_with("http://")) && !v.contains(char::is_whitespace)
}
