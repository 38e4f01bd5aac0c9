//! A commitment and a progress report on it, as people (or the real records) write them: the
//! only way to make a [`NewCommitment`] or a [`NewProgress`].

use super::{Checked, Checker};
use crate::error::{AppError, Problem};
use crate::model::{
    CommitmentInput, CommitmentKind, CommitmentStage, Occasion, ProgressInput, COUNT_UNITS,
};
use crate::server::store::vocabulary::Vocabulary;
use chrono::NaiveDate;

/// A maker of a commitment: a country (ISO alpha-2) or an organisation (its code).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Maker {
    Country(String),
    Organisation(String),
}

impl Maker {
    /// Reads `country:XX` or an organisation's code, if the vocabulary knows it.
    pub fn parse(code: &str, vocabulary: &Vocabulary) -> Option<Maker> {
        match code.strip_prefix("country:") {
            Some(iso2) => vocabulary
                .country(iso2)
                .map(|_| Maker::Country(iso2.to_string())),
            None => vocabulary
                .organisation(code)
                .map(|_| Maker::Organisation(code.to_string())),
        }
    }

    /// The code forms and the open data use.
    pub fn code(&self) -> String {
        match self {
            Maker::Country(c) => format!("country:{c}"),
            Maker::Organisation(o) => o.clone(),
        }
    }
}

/// What a counted commitment promises, checked.
#[derive(Clone, Debug)]
pub struct NewTarget {
    pub what_es: String,
    pub what_en: String,
    pub target: i64,
    pub unit: String,
    pub population: String,
}

/// A commitment, checked: what the store writes.
#[derive(Clone, Debug)]
pub struct NewCommitment {
    pub kind: CommitmentKind,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    pub makers: Vec<Maker>,
    pub reporter: Option<Maker>,
    pub countries: Vec<String>,
    pub themes: Vec<String>,
    pub occasion: Occasion,
    pub announced_on: String,
    pub deadline: String,
    pub stage: CommitmentStage,
    pub target: Option<NewTarget>,
    pub source_url: String,
    pub is_example: bool,
    _checked: Checked,
}

/// A date as precise as its source: `YYYY-MM-DD`, or `YYYY-MM` when `month` is allowed, or
/// `YYYY` when `year` is; empty stays empty.
fn partial_date(c: &mut Checker, field: &str, value: &str, month: bool, year: bool) -> String {
    let v = value.trim();
    let ok = v.is_empty()
        || NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok()
        || (month && NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d").is_ok())
        || (year && v.len() == 4 && v.parse::<i32>().is_ok_and(|y| (1990..=2100).contains(&y)));
    if !ok {
        c.add(field, Problem::InvalidFormat);
    }
    v.to_string()
}

impl NewCommitment {
    /// Checks a filled commitment; every problem at once. It needs a maker, and its reporter
    /// (when named) is one of them; a target needs its number, unit and words.
    pub fn from_input(
        input: &CommitmentInput,
        vocabulary: &Vocabulary,
    ) -> Result<NewCommitment, AppError> {
        let mut c = Checker::new();
        let kind = c.choice("kind", &input.kind, true, CommitmentKind::from_code);
        let (title_es, title_en) = c.title(&input.title_es, &input.title_en, 300);
        let description_es = c.text("description_es", &input.description_es, 5000);
        let description_en = c.text("description_en", &input.description_en, 5000);
        let mut makers: Vec<Maker> = c
            .ticked("makers", &input.makers, |m| {
                Maker::parse(m, vocabulary).is_some()
            })
            .iter()
            .filter_map(|m| Maker::parse(m, vocabulary))
            .collect();
        makers.sort();
        makers.dedup();
        if makers.is_empty() {
            c.add("makers", Problem::Required);
        }
        let reporter = match input.reporter.trim() {
            "" => None,
            code => {
                let r = Maker::parse(code, vocabulary).filter(|r| makers.contains(r));
                if r.is_none() {
                    c.add("reporter", Problem::UnknownChoice);
                }
                r
            }
        };
        let countries = c.ticked("countries", &input.countries, |v| {
            vocabulary.country(v).is_some()
        });
        let themes = c.ticked("themes", &input.themes, |t| vocabulary.has_theme(t));
        let occasion = c
            .choice("occasion", &input.occasion, false, Occasion::from_code)
            .unwrap_or(Occasion::Other);
        let announced_on = partial_date(&mut c, "announced_on", &input.announced_on, true, false);
        let deadline = partial_date(&mut c, "deadline", &input.deadline, false, true);
        let stage = c.choice("stage", &input.stage, true, CommitmentStage::from_code);
        let what_es = c.text("target_what_es", &input.target_what_es, 300);
        let what_en = c.text("target_what_en", &input.target_what_en, 300);
        let number = c.int("target", &input.target, (1, 100_000_000), false);
        let unit = input.target_unit.trim().to_string();
        let population = c.text("target_population", &input.target_population, 60);
        let target = match number {
            Some(n) => {
                if !COUNT_UNITS.contains(&unit.as_str()) {
                    c.add("target_unit", Problem::UnknownChoice);
                }
                if what_es.is_empty() && what_en.is_empty() {
                    c.add("target_what_es", Problem::Required);
                }
                Some(NewTarget {
                    what_es,
                    what_en,
                    target: n,
                    unit,
                    population,
                })
            }
            None => None,
        };
        let source_url = c.url("source_url", &input.source_url, 500);
        c.finish(|| {
            Some(NewCommitment {
                kind: kind?,
                title_es,
                title_en,
                description_es,
                description_en,
                makers,
                reporter,
                countries,
                themes,
                occasion,
                announced_on,
                deadline,
                stage: stage?,
                target,
                source_url,
                is_example: false,
                _checked: Checked::mark(),
            })
        })
    }

    /// The same commitment flagged as an example (demo data).
    pub fn example(mut self) -> NewCommitment {
        self.is_example = true;
        self
    }
}

/// A progress report, checked.
#[derive(Clone, Debug)]
pub struct NewProgress {
    pub reported_on: String,
    pub country: Option<String>,
    /// A figure and its unit.
    pub value: Option<(i64, String)>,
    pub text_es: String,
    pub text_en: String,
    pub evidence_url: String,
    /// The stage the commitment moves to with this report, if it moves.
    pub stage: Option<CommitmentStage>,
    _checked: Checked,
}

impl NewProgress {
    /// Checks a report: its date (not in the future), words in one language at least, and a
    /// figure only with its unit and the country it was counted in.
    pub fn from_input(
        input: &ProgressInput,
        vocabulary: &Vocabulary,
        today: NaiveDate,
    ) -> Result<NewProgress, AppError> {
        let mut c = Checker::new();
        let reported_on = partial_date(&mut c, "reported_on", &input.reported_on, true, false);
        if reported_on.is_empty() {
            c.add("reported_on", Problem::Required);
        } else if reported_on.as_str() > today.to_string().as_str() {
            c.add("reported_on", Problem::NotAllowed);
        }
        let country = match input.country.trim() {
            "" => None,
            code => {
                if vocabulary.country(code).is_none() {
                    c.add("country", Problem::UnknownChoice);
                }
                Some(code.to_string())
            }
        };
        let number = c.int("value", &input.value, (0, 100_000_000), false);
        let unit = input.unit.trim().to_string();
        let value = match number {
            Some(n) => {
                if !COUNT_UNITS.contains(&unit.as_str()) {
                    c.add("unit", Problem::UnknownChoice);
                }
                if country.is_none() {
                    c.add("country", Problem::Required);
                }
                Some((n, unit))
            }
            None => None,
        };
        let text_es = c.text("text_es", &input.text_es, 2000);
        let text_en = c.text("text_en", &input.text_en, 2000);
        if text_es.is_empty() && text_en.is_empty() {
            c.add("text_es", Problem::Required);
        }
        let evidence_url = c.url("evidence_url", &input.evidence_url, 500);
        let stage = c.choice("stage", &input.stage, false, CommitmentStage::from_code);
        c.finish(|| {
            Some(NewProgress {
                stage,
                reported_on,
                country,
                value,
                text_es,
                text_en,
                evidence_url,
                _checked: Checked::mark(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_precise_as_their_source() {
        let mut c = Checker::new();
        assert_eq!(partial_date(&mut c, "d", "2023-12", true, false), "2023-12");
        assert_eq!(partial_date(&mut c, "d", "2028", false, true), "2028");
        assert_eq!(
            partial_date(&mut c, "d", "2024-02-07", true, true),
            "2024-02-07"
        );
        assert!(c.errors.is_empty());
        partial_date(&mut c, "a", "2023-13", true, false);
        partial_date(&mut c, "b", "2028", true, false);
        partial_date(&mut c, "c", "12/2023", true, true);
        let fields: Vec<_> = c.errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["a", "b", "c"]);
    }
}
