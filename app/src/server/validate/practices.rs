//! A good practice as its author writes it: the only way to make a [`NewPractice`].

use super::{is_web_address, Checked, Checker};
use crate::error::{AppError, Problem};
use crate::model::PracticeInput;
use crate::server::store::vocabulary::Vocabulary;
use crate::server::text::fold;
use chrono::NaiveDate;

/// A practice, checked: what the store writes.
#[derive(Clone, Debug)]
pub struct NewPractice {
    /// `country` or `member`.
    pub submitter_kind: String,
    pub country_iso2: Option<String>,
    pub organisation_code: Option<String>,
    pub title_es: String,
    pub title_en: String,
    pub summary_es: String,
    pub summary_en: String,
    pub body_es: String,
    pub body_en: String,
    pub results_es: String,
    pub results_en: String,
    pub contacts: String,
    pub links: String,
    pub year: i32,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub themes: Vec<String>,
    pub populations: Vec<String>,
    pub gaps: Vec<i64>,
    pub is_example: bool,
    _checked: Checked,
}

impl NewPractice {
    /// Checks a filled practice form against the vocabularies and the inventory's gaps
    /// (`gap_ids`); every problem at once.
    pub fn from_input(
        input: &PracticeInput,
        vocabulary: &Vocabulary,
        gap_ids: &[i64],
    ) -> Result<NewPractice, AppError> {
        let mut c = Checker::new();
        let (submitter_kind, country_iso2, organisation_code) =
            match input.submitter.split_once(':') {
                Some(("country", code)) if vocabulary.country(code).is_some() => {
                    ("country", Some(code.to_string()), None)
                }
                Some(("member", code)) if vocabulary.organisation(code).is_some() => {
                    ("member", None, Some(code.to_string()))
                }
                _ => {
                    c.add("submitter", Problem::Required);
                    ("", None, None)
                }
            };
        let (title_es, title_en) = c.title(&input.title_es, &input.title_en, 300);
        let summary_es = c.text("summary_es", &input.summary_es, 2000);
        let summary_en = c.text("summary_en", &input.summary_en, 2000);
        let body_es = c.text("body_es", &input.body_es, 50_000);
        let body_en = c.text("body_en", &input.body_en, 50_000);
        let results_es = c.text("results_es", &input.results_es, 20_000);
        let results_en = c.text("results_en", &input.results_en, 20_000);
        let contacts = c.text("contacts", &input.contacts, 2000);
        let links = c.text("links", &input.links, 4000);
        if !links
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .all(is_web_address)
        {
            c.add("links", Problem::InvalidFormat);
        }
        let year = c.int("year", &input.year, (1990, 2100), true);
        let (period_start, period_end) = c.period(
            ("period_start", &input.period_start),
            ("period_end", &input.period_end),
        );
        let themes = c.ticked("themes", &input.themes, |t| vocabulary.has_theme(t));
        if themes.is_empty() {
            c.add("themes", Problem::Required);
        }
        let populations = c.ticked("populations", &input.populations, |p| {
            vocabulary.has_population(p)
        });
        let gaps = c.ticked_ids("gaps", &input.gaps, gap_ids);
        c.finish(|| {
            Some(NewPractice {
                submitter_kind: submitter_kind.to_string(),
                country_iso2,
                organisation_code,
                title_es,
                title_en,
                summary_es,
                summary_en,
                body_es,
                body_en,
                results_es,
                results_en,
                contacts,
                links,
                year: i32::try_from(year?).ok()?,
                period_start,
                period_end,
                themes,
                populations,
                gaps,
                is_example: false,
                _checked: Checked::mark(),
            })
        })
    }

    /// Everything a reader could search for, folded.
    pub fn search_text(&self) -> String {
        fold(
            &[
                &self.title_es,
                &self.title_en,
                &self.summary_es,
                &self.summary_en,
                &self.body_es,
                &self.body_en,
                &self.results_es,
                &self.results_en,
            ]
            .map(|s| s.as_str())
            .join(" "),
        )
    }
}
