//! Checks a contribution (from a form or an imported row) against the rules and the reference
//! data, reporting every problem as a field error named like the form field / import column.

use super::Checked;
use crate::error::{FieldError, Problem};
use crate::model::{ContributionInput, ContributionKind, FinancingMechanism, Stage, StepInput};
use crate::server::money::{parse_amount, parse_rate, to_usd_cents};
use crate::server::store::vocabulary::{Vocabulary, VocabularyCache};
use crate::server::store::Db;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::collections::HashSet;
use std::sync::Arc;

/// Currencies the ledger accepts (ISO 4217): the members', the MIRPS countries' and the majors.
pub const CURRENCIES: &[&str] = &[
    "USD", "EUR", "CAD", "CHF", "GBP", "JPY", "SEK", "NOK", "DKK", "BRL", "ARS", "COP", "UYU",
    "MXN", "CRC", "GTQ", "HNL", "PAB", "BZD",
];

/// What a contribution's codes are checked against: the vocabulary and the events' ids.
#[derive(Clone, Debug, Default)]
pub struct Lookups {
    pub vocabulary: Arc<Vocabulary>,
    pub events: HashSet<i64>,
}

impl Lookups {
    /// The vocabulary from `cache` (or read afresh without one) and the events' ids.
    pub async fn load(db: &Db, cache: Option<&VocabularyCache>) -> Result<Lookups, sqlx::Error> {
        let vocabulary = match cache {
            Some(c) => c.get(db).await?,
            None => Arc::new(Vocabulary::load(db).await?),
        };
        let events = crate::server::store::events::ids(db).await?;
        Ok(Lookups {
            vocabulary,
            events: events.into_iter().collect(),
        })
    }

    /// Whether `code` is an organisation of the vocabulary.
    pub fn organisation(&self, code: &str) -> bool {
        self.vocabulary.organisation(code).is_some()
    }
}

/// The descriptive fields of a contribution, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields {
    pub donor_code: String,
    pub recipient_iso2: Option<String>,
    pub channel_code: Option<String>,
    pub kind: ContributionKind,
    pub mechanism: Option<FinancingMechanism>,
    pub pillar: Option<i32>,
    pub sector_code: Option<String>,
    pub working_group_code: Option<String>,
    pub event_id: Option<i64>,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    pub currency: String,
    pub source_url: Option<String>,
    pub parent_id: Option<i64>,
    pub is_example: bool,
}

/// A step, checked, with its USD value computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewStep {
    pub stage: Stage,
    pub date: NaiveDate,
    pub amount_minor: Option<i64>,
    pub currency: String,
    pub fx_rate: Option<Decimal>,
    pub usd: Option<i64>,
    pub note: String,
    _checked: Checked,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidContribution {
    pub fields: Fields,
    pub step: NewStep,
    _checked: Checked,
}

fn text(v: &str) -> Option<String> {
    let t = v.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn max_len(errors: &mut Vec<FieldError>, field: &str, v: &str, max: u32) {
    if v.chars().count() > max as usize {
        errors.push(FieldError::new(field, Problem::TooLong { max }));
    }
}

/// The earliest and latest dates a step may carry.
pub fn date_bounds(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(today);
    let last = NaiveDate::from_ymd_opt(today.year() + 5, 12, 31).unwrap_or(today);
    (first, last)
}

/// Parses `YYYY-MM-DD` (also `DD/MM/YYYY`, as spreadsheets in the region write it).
pub fn parse_date(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d/%m/%Y"))
        .ok()
}

/// Checks a step's fields for a contribution of `kind` in `currency`.
pub fn validate_step(
    input: &StepInput,
    kind: ContributionKind,
    currency: &str,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<NewStep> {
    let before = errors.len();
    let stage = match Stage::from_code(input.stage.trim()) {
        Some(s) => Some(s),
        None if input.stage.trim().is_empty() => {
            errors.push(FieldError::new("stage", Problem::Required));
            None
        }
        None => {
            errors.push(FieldError::new("stage", Problem::UnknownChoice));
            None
        }
    };
    let (first, last) = date_bounds(today);
    let date = match parse_date(&input.date) {
        Some(d) if d >= first && d <= last => Some(d),
        Some(_) => {
            errors.push(FieldError::new(
                "date",
                Problem::OutOfRange {
                    min: 1990,
                    max: (today.year() + 5) as i64,
                },
            ));
            None
        }
        None if input.date.trim().is_empty() => {
            errors.push(FieldError::new("date", Problem::Required));
            None
        }
        None => {
            errors.push(FieldError::new("date", Problem::InvalidFormat));
            None
        }
    };
    let amount = match text(&input.amount) {
        Some(a) => match parse_amount(&a) {
            Some(0) => {
                errors.push(FieldError::new(
                    "amount",
                    Problem::OutOfRange {
                        min: 1,
                        max: crate::server::money::MAX_MINOR / 100,
                    },
                ));
                None
            }
            Some(v) => Some(v),
            None => {
                // A well-formed number that is negative or too large is out of range; anything
                // else (letters, a comma for decimals, three decimals...) is a format problem.
                let digits = a.trim_start_matches('-').replace([' ', '_'], "");
                let numeric = !digits.is_empty()
                    && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
                    && digits.matches('.').count() <= 1
                    && digits.split('.').nth(1).is_none_or(|d| d.len() <= 2);
                let problem = if numeric {
                    Problem::OutOfRange {
                        min: 1,
                        max: crate::server::money::MAX_MINOR / 100,
                    }
                } else {
                    Problem::InvalidFormat
                };
                errors.push(FieldError::new("amount", problem));
                None
            }
        },
        None => {
            // Money is what a financial contribution is; a cancellation needs no amount.
            if kind == ContributionKind::Financial && stage != Some(Stage::Cancellation) {
                errors.push(FieldError::new("amount", Problem::Required));
            }
            None
        }
    };
    let rate = if currency == "USD" {
        match text(&input.fx_rate) {
            None => Some(Decimal::ONE),
            Some(r) => match parse_rate(&r) {
                Some(d) if d == Decimal::ONE => Some(d),
                _ => {
                    errors.push(FieldError::new("fx_rate", Problem::NotAllowed));
                    None
                }
            },
        }
    } else {
        match text(&input.fx_rate) {
            Some(r) => match parse_rate(&r) {
                Some(d) => Some(d),
                None => {
                    errors.push(FieldError::new("fx_rate", Problem::InvalidFormat));
                    None
                }
            },
            None if amount.is_some() => {
                errors.push(FieldError::new("fx_rate", Problem::Required));
                None
            }
            None => None,
        }
    };
    max_len(errors, "note", &input.note, 1000);
    if errors.len() > before {
        return None;
    }
    let stage = stage?;
    let date = date?;
    let usd = match (amount, rate) {
        (Some(a), Some(r)) => match to_usd_cents(a, r) {
            Some(usd) => Some(usd),
            None => {
                // The amount and the rate are each fine but their product is beyond the ledger.
                errors.push(FieldError::new(
                    "amount",
                    Problem::OutOfRange {
                        min: 1,
                        max: crate::server::money::MAX_MINOR / 100,
                    },
                ));
                return None;
            }
        },
        _ => None,
    };
    Some(NewStep {
        stage,
        date,
        amount_minor: amount,
        currency: currency.to_string(),
        fx_rate: if amount.is_some() { rate } else { None },
        usd,
        note: input.note.trim().to_string(),
        _checked: Checked::mark(),
    })
}

/// Checks a contribution's descriptive fields, adding problems to `errors`.
pub fn validate_fields(
    input: &ContributionInput,
    lookups: &Lookups,
    errors: &mut Vec<FieldError>,
) -> Option<Fields> {
    let before = errors.len();
    let donor = match text(&input.donor).map(|d| d.to_ascii_uppercase()) {
        Some(d) if lookups.organisation(&d) => Some(d),
        Some(_) => {
            errors.push(FieldError::new("donor", Problem::UnknownChoice));
            None
        }
        None => {
            errors.push(FieldError::new("donor", Problem::Required));
            None
        }
    };
    let recipient = match text(&input.recipient) {
        None => None,
        Some(r) if r.eq_ignore_ascii_case("regional") => None,
        Some(r) => match lookups.vocabulary.country_code(&r) {
            Some(iso2) => Some(iso2.to_string()),
            None => {
                errors.push(FieldError::new("recipient", Problem::UnknownChoice));
                None
            }
        },
    };
    let channel = match text(&input.channel).map(|c| c.to_ascii_uppercase()) {
        None => None,
        Some(c) if lookups.organisation(&c) => Some(c),
        Some(_) => {
            errors.push(FieldError::new("channel", Problem::UnknownChoice));
            None
        }
    };
    let kind = match ContributionKind::from_code(input.kind.trim()) {
        Some(k) => Some(k),
        None => {
            let problem = if input.kind.trim().is_empty() {
                Problem::Required
            } else {
                Problem::UnknownChoice
            };
            errors.push(FieldError::new("kind", problem));
            None
        }
    };
    // Optional (many records do not say); a value must be one of the codes.
    let mechanism = match text(&input.mechanism) {
        None => None,
        Some(m) => match FinancingMechanism::from_code(&m.to_ascii_lowercase()) {
            Some(m) => Some(m),
            None => {
                errors.push(FieldError::new("mechanism", Problem::UnknownChoice));
                None
            }
        },
    };
    let pillar = match text(&input.pillar) {
        None => None,
        Some(p) => match p.parse::<i32>() {
            Ok(p) if (1..=4).contains(&p) => Some(p),
            _ => {
                errors.push(FieldError::new(
                    "pillar",
                    Problem::OutOfRange { min: 1, max: 4 },
                ));
                None
            }
        },
    };
    let sector = match text(&input.sector) {
        None => None,
        Some(s) if lookups.vocabulary.has_sector(&s) => Some(s),
        Some(_) => {
            errors.push(FieldError::new("sector", Problem::UnknownChoice));
            None
        }
    };
    let group = match text(&input.working_group) {
        None => None,
        Some(g) if lookups.vocabulary.has_working_group(&g) => Some(g),
        Some(_) => {
            errors.push(FieldError::new("working_group", Problem::UnknownChoice));
            None
        }
    };
    let event = match text(&input.event) {
        None => None,
        Some(e) => match e.parse::<i64>() {
            Ok(id) if lookups.events.contains(&id) => Some(id),
            _ => {
                errors.push(FieldError::new("event", Problem::UnknownChoice));
                None
            }
        },
    };
    if input.title_es.trim().is_empty() && input.title_en.trim().is_empty() {
        errors.push(FieldError::new("title_es", Problem::Required));
    }
    max_len(errors, "title_es", &input.title_es, 300);
    max_len(errors, "title_en", &input.title_en, 300);
    max_len(errors, "description_es", &input.description_es, 5000);
    max_len(errors, "description_en", &input.description_en, 5000);
    let currency = match text(&input.currency).map(|c| c.to_ascii_uppercase()) {
        Some(c) if CURRENCIES.contains(&c.as_str()) => Some(c),
        Some(_) => {
            errors.push(FieldError::new("currency", Problem::UnknownChoice));
            None
        }
        None => {
            errors.push(FieldError::new("currency", Problem::Required));
            None
        }
    };
    let source_url = match text(&input.source_url) {
        None => None,
        Some(u)
            if (u.starts_with("https://") || u.starts_with("http://"))
                && !u.contains(char::is_whitespace) =>
        {
            max_len(errors, "source_url", &u, 500);
            Some(u)
        }
        Some(_) => {
            errors.push(FieldError::new("source_url", Problem::InvalidFormat));
            None
        }
    };
    let parent = match text(&input.parent) {
        None => None,
        Some(p) => match p.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                errors.push(FieldError::new("parent", Problem::InvalidFormat));
                None
            }
        },
    };
    if errors.len() > before {
        return None;
    }
    Some(Fields {
        donor_code: donor?,
        recipient_iso2: recipient,
        channel_code: channel,
        kind: kind?,
        mechanism,
        pillar,
        sector_code: sector,
        working_group_code: group,
        event_id: event,
        title_es: input.title_es.trim().to_string(),
        title_en: input.title_en.trim().to_string(),
        description_es: input.description_es.trim().to_string(),
        description_en: input.description_en.trim().to_string(),
        currency: currency?,
        source_url,
        parent_id: parent,
        is_example: input.is_example,
    })
}

/// Checks a whole contribution with its first step.
pub fn validate_contribution(
    input: &ContributionInput,
    lookups: &Lookups,
    today: NaiveDate,
) -> Result<ValidContribution, Vec<FieldError>> {
    let mut errors = Vec::new();
    let fields = validate_fields(input, lookups, &mut errors);
    let kind = ContributionKind::from_code(input.kind.trim());
    let currency = text(&input.currency)
        .map(|c| c.to_ascii_uppercase())
        .filter(|c| CURRENCIES.contains(&c.as_str()));
    let step_input = StepInput {
        stage: input.stage.clone(),
        date: input.date.clone(),
        amount: input.amount.clone(),
        fx_rate: input.fx_rate.clone(),
        note: input.note.clone(),
    };
    let step = match (kind, currency.as_deref()) {
        (Some(k), Some(c)) => validate_step(&step_input, k, c, today, &mut errors),
        _ => None,
    };
    if let Some(s) = &step {
        if s.stage == Stage::Cancellation {
            errors.push(FieldError::new("stage", Problem::NotAllowed));
        }
    }
    match (fields, step) {
        (Some(fields), Some(step)) if errors.is_empty() => Ok(ValidContribution {
            fields,
            step,
            _checked: Checked::mark(),
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
#[path = "contributions_tests.rs"]
mod tests;
