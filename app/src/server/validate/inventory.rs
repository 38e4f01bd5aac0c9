//! An inventory entry as a country's focal point writes it: the only way to make a [`NewEntry`].

use super::{Checked, Checker};
use crate::error::{AppError, Problem};
use crate::model::{EntryInput, EntryStatus, EntryType, Severity};
use crate::server::store::vocabulary::Vocabulary;
use chrono::NaiveDate;

/// An inventory entry, checked: what the store writes. Only gaps carry a severity and priority.
#[derive(Clone, Debug)]
pub struct NewEntry {
    pub country_iso2: String,
    pub entry_type: EntryType,
    pub theme_code: String,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    pub admin1: String,
    pub provider: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    /// `planned`, `active` or `ended`.
    pub status: String,
    pub severity: Option<Severity>,
    pub priority: Option<i32>,
    pub populations: Vec<String>,
    pub is_example: bool,
    _checked: Checked,
}

impl NewEntry {
    /// Checks a filled inventory form; every problem at once.
    pub fn from_input(input: &EntryInput, vocabulary: &Vocabulary) -> Result<NewEntry, AppError> {
        let mut c = Checker::new();
        let country_iso2 = input.country.trim().to_ascii_uppercase();
        if vocabulary.country(&country_iso2).is_none() {
            c.add("country", Problem::UnknownChoice);
        }
        let entry_type = c.choice("entry_type", &input.entry_type, true, EntryType::from_code);
        let theme_code = input.theme.trim().to_string();
        if !vocabulary.has_theme(&theme_code) {
            c.add("theme", Problem::Required);
        }
        let (title_es, title_en) = c.title(&input.title_es, &input.title_en, 300);
        let description_es = c.text("description_es", &input.description_es, 5000);
        let description_en = c.text("description_en", &input.description_en, 5000);
        let admin1 = c.text("admin1", &input.admin1, 200);
        let provider = c.text("provider", &input.provider, 300);
        let (period_start, period_end) = c.period(
            ("period_start", &input.period_start),
            ("period_end", &input.period_end),
        );
        let status = c
            .choice("status", &input.status, true, EntryStatus::from_code)
            .map(|s| s.code().to_string())
            .unwrap_or_default();
        // A service or programme form may carry the gap fields' empty defaults; only gaps keep
        // them, and a gap needs both.
        let (severity, priority) = if entry_type == Some(EntryType::Gap) {
            let severity = c.choice("severity", &input.severity, true, Severity::from_code);
            let priority = c.int("priority", &input.priority, (1, 3), true);
            (severity, priority.and_then(|p| i32::try_from(p).ok()))
        } else {
            (None, None)
        };
        let populations = c.ticked("populations", &input.populations, |p| {
            vocabulary.has_population(p)
        });
        c.finish(|| {
            Some(NewEntry {
                country_iso2,
                entry_type: entry_type?,
                theme_code,
                title_es,
                title_en,
                description_es,
                description_en,
                admin1,
                provider,
                period_start,
                period_end,
                status,
                severity,
                priority,
                populations,
                is_example: false,
                _checked: Checked::mark(),
            })
        })
    }
}
