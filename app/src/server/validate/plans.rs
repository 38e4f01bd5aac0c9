//! A plan's commitment line, a requirement figure and a status change as a focal point writes
//! them: the only way to make a [`NewLine`], a [`NewRequirement`] or a [`NewStatus`].

use super::{Checked, Checker};
use crate::error::{AppError, Problem};
use crate::model::{LineInput, LineStatus, RequirementInput, StatusInput};
use crate::server::store::vocabulary::Vocabulary;
use rust_decimal::Decimal;

/// Years a plan, a line or a requirement may name.
pub const YEARS: (i64, i64) = (2000, 2100);

/// A commitment line, checked: what the store writes.
#[derive(Clone, Debug)]
pub struct NewLine {
    pub country_iso2: String,
    pub code: String,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    pub pillar: i32,
    pub sector_code: Option<String>,
    pub institution: String,
    pub period_start: Option<i32>,
    pub period_end: Option<i32>,
    pub priority: i32,
    /// The status of a new line (an existing line's status changes only with a note).
    pub status: LineStatus,
    pub themes: Vec<String>,
    pub gaps: Vec<i64>,
    pub is_example: bool,
    _checked: Checked,
}

fn year(c: &mut Checker, field: &str, value: &str, required: bool) -> Option<i32> {
    c.int(field, value, YEARS, required)
        .and_then(|y| i32::try_from(y).ok())
}

impl NewLine {
    /// Checks a filled line form against the vocabularies and the country's open gaps
    /// (`gap_ids`); every problem at once.
    pub fn from_input(
        input: &LineInput,
        vocabulary: &Vocabulary,
        gap_ids: &[i64],
    ) -> Result<NewLine, AppError> {
        let mut c = Checker::new();
        let country_iso2 = input.country.trim().to_ascii_uppercase();
        if vocabulary.country(&country_iso2).is_none() {
            c.add("country", Problem::UnknownChoice);
        }
        let code = c.text("code", &input.code, 20);
        if code.is_empty() {
            c.add("code", Problem::Required);
        } else if !code
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '.' | '-' | '_'))
        {
            c.add("code", Problem::InvalidFormat);
        }
        let (title_es, title_en) = c.title(&input.title_es, &input.title_en, 300);
        let description_es = c.text("description_es", &input.description_es, 5000);
        let description_en = c.text("description_en", &input.description_en, 5000);
        let pillar = c.int("pillar", &input.pillar, (1, 4), true);
        let sector = input.sector.trim();
        let sector_code = if sector.is_empty() {
            None
        } else {
            if !vocabulary.has_sector(sector) {
                c.add("sector", Problem::UnknownChoice);
            }
            Some(sector.to_string())
        };
        let institution = c.text("institution", &input.institution, 300);
        let period_start = year(&mut c, "period_start", &input.period_start, false);
        let period_end = year(&mut c, "period_end", &input.period_end, false);
        if let (Some(a), Some(b)) = (period_start, period_end) {
            if b < a {
                c.add("period_end", Problem::NotAllowed);
            }
        }
        let priority = c.int("priority", &input.priority, (1, 3), true);
        let status = if input.id > 0 {
            Some(LineStatus::NotStarted)
        } else {
            c.choice("status", &input.status, true, LineStatus::from_code)
        };
        let themes = c.ticked("themes", &input.themes, |t| vocabulary.has_theme(t));
        let gaps = c.ticked_ids("gaps", &input.gaps, gap_ids);
        c.finish(|| {
            Some(NewLine {
                country_iso2,
                code,
                title_es,
                title_en,
                description_es,
                description_en,
                pillar: i32::try_from(pillar?).ok()?,
                sector_code,
                institution,
                period_start,
                period_end,
                priority: i32::try_from(priority?).ok()?,
                status: status?,
                themes,
                gaps,
                is_example: false,
                _checked: Checked::mark(),
            })
        })
    }

    /// The same line flagged as an example (demo data).
    pub fn example(mut self) -> NewLine {
        self.is_example = true;
        self
    }
}

/// A requirement figure for one year of a line, checked, with its value in USD cents.
#[derive(Clone, Debug)]
pub struct NewRequirement {
    pub line_id: i64,
    pub year: i32,
    pub currency: String,
    pub amount_minor: i64,
    pub fx_rate: Decimal,
    pub amount_usd: i64,
    pub source: String,
    /// Why the figure changed; the store requires it when a figure for the year exists.
    pub reason: String,
    _checked: Checked,
}

impl NewRequirement {
    /// Checks a requirement form; every problem at once.
    pub fn from_input(input: &RequirementInput) -> Result<NewRequirement, AppError> {
        let mut c = Checker::new();
        let year = year(&mut c, "year", &input.year, true);
        let (currency, money) = c.money(&input.currency, &input.amount, &input.fx_rate, true);
        let source = c.text("source", &input.source, 500);
        let reason = c.text("reason", &input.reason, 1000);
        c.finish(|| {
            Some(NewRequirement {
                line_id: input.line_id,
                year: year?,
                currency,
                amount_minor: money?.amount_minor,
                fx_rate: money?.fx_rate,
                amount_usd: money?.usd,
                source,
                reason,
                _checked: Checked::mark(),
            })
        })
    }
}

/// A share of a contribution in percent ("40", "12.5", at most two decimals, above 0 and at most
/// 100), as basis points.
pub fn share_bp(text: &str) -> Result<i32, AppError> {
    let t = text.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return Err(AppError::invalid("share", Problem::Required));
    }
    let Ok(pct) = t.parse::<Decimal>() else {
        return Err(AppError::invalid("share", Problem::InvalidFormat));
    };
    let bp = pct * Decimal::from(100);
    if bp.fract() != Decimal::ZERO {
        return Err(AppError::invalid("share", Problem::InvalidFormat));
    }
    use rust_decimal::prelude::ToPrimitive;
    match bp.to_i32() {
        Some(v) if (1..=10_000).contains(&v) => Ok(v),
        _ => Err(AppError::invalid(
            "share",
            Problem::OutOfRange { min: 1, max: 100 },
        )),
    }
}

/// A status change of a line with its note, checked.
#[derive(Clone, Debug)]
pub struct NewStatus {
    pub line_id: i64,
    pub version: i64,
    pub status: LineStatus,
    pub note_es: String,
    pub note_en: String,
    _checked: Checked,
}

impl NewStatus {
    /// Checks a status form: a known status and a note in at least one language.
    pub fn from_input(input: &StatusInput) -> Result<NewStatus, AppError> {
        let mut c = Checker::new();
        let status = c.choice("status", &input.status, true, LineStatus::from_code);
        let note_es = c.text("note_es", &input.note_es, 2000);
        let note_en = c.text("note_en", &input.note_en, 2000);
        if note_es.is_empty() && note_en.is_empty() {
            c.add("note_es", Problem::Required);
        }
        c.finish(|| {
            Some(NewStatus {
                line_id: input.line_id,
                version: input.version,
                status: status?,
                note_es,
                note_en,
                _checked: Checked::mark(),
            })
        })
    }
}
