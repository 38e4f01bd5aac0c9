//! The real records: what public sources say about the platform and its members, each with the
//! address of its source (`real_records.json`, gathered from public pages, described in the
//! app's own words in both languages). They are written in both seed modes, never flagged as
//! examples, and never overwrite what people changed in the app:
//! - events are keyed by their slug: a missing one is added; one the seed wrote earlier and
//!   nobody has edited since (version 1, never saved through the app) is corrected to the record;
//!   any other is left alone;
//! - good practices are keyed by the record (`seed_key`): each is added once, then belongs to
//!   the people who edit it;
//! - the chairs of the Support Platform are reference data, rewritten at every start;
//! - the sourced pledges of the 2021 solidarity event (Spain's, with its parts routed through
//!   UNHCR and the OAS fund, and the EU's two) are written once, into a ledger without them.
//!
//! - the partners outside the Support Platform and the commitments register are written once
//!   (see `real_commitments`).
//!
//! The records that wait for their sections (contributions with qualified or unknown amounts,
//! financing figures, context figures) are read here but written by those sections.

use super::real_commitments;
use crate::error::AppError;
use crate::i18n::{month_name, Lang};
use crate::model::{ContributionInput, PracticeInput, PracticeStatus};
use crate::on_db;
use crate::server::store::{contributions, practices, vocabulary::Vocabulary, Db};
use crate::server::validate::contributions::{validate_contribution, Lookups};
use crate::server::validate::practices::NewPractice;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The file, as the project keeps it.
const RECORDS: &str = include_str!("real_records.json");

/// The part of the file the current sections load.
#[derive(Debug, Deserialize)]
pub struct Records {
    pub chairs: Vec<Chair>,
    pub events: Vec<Event>,
    pub practices: Vec<Practice>,
    pub context_figures: Vec<ContextFigure>,
    pub organisations: Vec<real_commitments::OrgRecord>,
    pub commitments: Vec<real_commitments::CommitmentRecord>,
}

/// A sourced figure of the records; the plans read the commitment counts (`{cc}-nap-{area}`).
#[derive(Debug, Deserialize)]
pub struct ContextFigure {
    pub key: String,
    pub value: i64,
    pub unit: String,
    pub scope: String,
    pub source: String,
}

/// A chair of the Support Platform; months as `YYYY-MM`, unknown when not published.
#[derive(Debug, Deserialize)]
pub struct Chair {
    pub organisation: String,
    pub from: Option<String>,
    pub to: Option<String>,
    /// The year, where only the year is known.
    pub year: Option<i32>,
    pub note_es: String,
    pub note_en: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
pub struct Event {
    pub key: String,
    pub kind: String,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    /// First and last day (`YYYY-MM-DD`) in the venue's zone.
    pub start: String,
    pub end: String,
    /// `day`, or `month` when the source gives only the month.
    pub date_precision: String,
    pub timezone: String,
    pub host_iso2: Option<String>,
    pub location_es: String,
    pub location_en: String,
    pub mode: String,
    pub countries: Vec<String>,
    pub organisers: Vec<String>,
    /// Inventory themes, where the event was about one.
    #[serde(default)]
    pub themes: Vec<String>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
pub struct Practice {
    pub key: String,
    /// `country:GT` or `member:CAN`.
    pub submitter: String,
    pub title_es: String,
    pub title_en: String,
    pub summary_es: String,
    pub summary_en: String,
    pub body_es: String,
    pub body_en: String,
    pub results_es: String,
    pub results_en: String,
    /// Unknown for a practice whose sources give no year: such a record waits (see `apply`).
    pub year: Option<i32>,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub themes: Vec<String>,
    pub populations: Vec<String>,
    /// The sources, the first being the main one.
    pub links: Vec<String>,
}

/// The records, read from the file kept with the code (a broken file fails the tests).
pub fn records() -> Result<Records, serde_json::Error> {
    serde_json::from_str(RECORDS)
}

/// `2021-07` as "julio de 2021" / "July 2021".
fn month_label(ym: &str) -> Option<(String, String)> {
    let (y, m) = ym.split_once('-')?;
    let (y, m): (i32, u32) = (
        y.parse().ok()?,
        m.parse().ok().filter(|m| (1..=12).contains(m))?,
    );
    Some((month_name(Lang::Es, y, m), month_name(Lang::En, y, m)))
}

impl Chair {
    /// The period in words, in Spanish and English: "julio de 2021 - septiembre de 2022", or the
    /// year alone where the months were not published.
    pub fn period(&self) -> (String, String) {
        let from = self.from.as_deref().and_then(month_label);
        let to = self.to.as_deref().and_then(month_label);
        match (from, to, self.year) {
            (Some(f), Some(t), _) => (format!("{} - {}", f.0, t.0), format!("{} - {}", f.1, t.1)),
            (Some(f), None, _) => (format!("Desde {}", f.0), format!("From {}", f.1)),
            (None, _, Some(y)) => (y.to_string(), y.to_string()),
            _ => ("Periodo no publicado".into(), "Period not published".into()),
        }
    }
}

/// The first and last instant of an event's days, in its zone, as UTC.
fn span(e: &Event) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let tz: Tz = e.timezone.parse().ok()?;
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let (first, last) = (day(&e.start)?, day(&e.end)?);
    let at = |d: NaiveDate, h, m, s| {
        tz.from_local_datetime(&d.and_hms_opt(h, m, s)?)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    };
    Some((at(first, 0, 0, 0)?, at(last, 23, 59, 59)?))
}

/// Writes the real events, practices and chair periods (see the module's notes); returns how
/// many rows it added or corrected.
pub async fn apply(db: &Db, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let records = records()?;
    let mut written = events(db, &records.events, now).await?;
    written += ledger(db, now.date_naive())
        .await
        .map_err(|e| anyhow::anyhow!("real ledger: {e:?}"))?;
    written += practices(db, &records.practices)
        .await
        .map_err(|e| anyhow::anyhow!("real practices: {e:?}"))?;
    written += real_commitments::organisations(db, &records.organisations)
        .await
        .map_err(|e| anyhow::anyhow!("real organisations: {e:?}"))?;
    written += real_commitments::write(db, &records.commitments, now.date_naive())
        .await
        .map_err(|e| anyhow::anyhow!("real commitments: {e:?}"))?;
    Ok(written)
}

/// Binds what an event's record sets, in the column order its insert and update share (`kind`
/// to `mode`).
macro_rules! bind_record {
    ($q:expr, $e:expr, $starts:expr, $ends:expr, $status:expr) => {
        $q.bind(&$e.kind)
            .bind(&$e.title_es)
            .bind(&$e.title_en)
            .bind($starts)
            .bind($ends)
            .bind(&$e.timezone)
            .bind(&$e.date_precision)
            .bind(&$e.host_iso2)
            .bind(&$e.location_es)
            .bind(&$e.location_en)
            .bind($status)
            .bind(&$e.source)
            .bind(false)
            .bind(&$e.description_es)
            .bind(&$e.description_en)
            .bind(&$e.mode)
    };
}

async fn events(db: &Db, events: &[Event], now: DateTime<Utc>) -> anyhow::Result<usize> {
    let mut written = 0;
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        for e in events {
            let (starts, ends) = span(e).ok_or_else(|| anyhow::anyhow!("bad dates for {}", e.key))?;
            let status = if ends < now { "held" } else { "planned" };
            let existing: Option<(i64, bool)> = sqlx::query_as(
                "SELECT id, (version = 1 AND updated_at IS NULL) FROM events WHERE slug = $1",
            )
            .bind(&e.key)
            .fetch_optional(&mut *tx)
            .await?;
            let id = match existing {
                // Edited in the app: the people who edited it know better.
                Some((_, false)) => continue,
                Some((id, true)) => {
                    let q = sqlx::query(
                        "UPDATE events SET kind = $1, title_es = $2, title_en = $3, starts_at = $4, \
                         ends_at = $5, timezone = $6, date_precision = $7, host_country_iso2 = $8, \
                         location_es = $9, location_en = $10, status = $11, source_url = $12, \
                         is_example = $13, description_es = $14, description_en = $15, mode = $16 \
                         WHERE id = $17",
                    );
                    bind_record!(q, e, starts, ends, status)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    id
                }
                None => {
                    let q = sqlx::query_scalar(
                        "INSERT INTO events (slug, kind, title_es, title_en, starts_at, ends_at, \
                         timezone, date_precision, host_country_iso2, location_es, location_en, \
                         status, source_url, is_example, description_es, description_en, mode) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, \
                         $16, $17) RETURNING id",
                    )
                    .bind(&e.key);
                    bind_record!(q, e, starts, ends, status)
                    .fetch_one(&mut *tx)
                    .await?
                }
            };
            // The host takes part too.
            let countries: std::collections::BTreeSet<&String> =
                e.countries.iter().chain(e.host_iso2.iter()).collect();
            crate::replace_links!(tx, "event_countries", "event_id", id, "country_iso2", countries);
            crate::replace_links!(tx, "event_organisers", "event_id", id, "organisation_code", &e.organisers);
            crate::replace_links!(tx, "event_themes", "event_id", id, "theme_code", &e.themes);
            written += 1;
        }
        tx.commit().await?;
    });
    Ok(written)
}

/// The report of Spain's pledge (record R1.4).
const SPAIN_2021: &str = "https://thediplomatinspain.com/en/2021/06/11/sanchez-announces-a-contribution-of-6-3-million-for-displaced-persons-in-central-america";

/// The sourced contributions, in order: Spain's pledge, its two routed parts, the EU's two.
fn sourced_ledger(event_2021: Option<i64>) -> Vec<(ContributionInput, Option<usize>)> {
    let event = event_2021.map(|e| e.to_string()).unwrap_or_default();
    let base =
        |donor: &str, title_es: &str, title_en: &str, amount: &str, note: &str| ContributionInput {
            donor: donor.into(),
            recipient: "regional".into(),
            kind: "financial".into(),
            event: event.clone(),
            title_es: title_es.into(),
            title_en: title_en.into(),
            currency: "EUR".into(),
            stage: "pledge".into(),
            date: "2021-06-10".into(),
            amount: amount.into(),
            // About 1.22 USD per EUR in June 2021; the rate is approximate, the EUR amounts are sourced.
            fx_rate: "1.22".into(),
            note: note.into(),
            source_url: "https://www.thediplomatinspain.com".into(),
            ..Default::default()
        };
    let mut spain = base(
        "ESP",
        "Contribución de España al MIRPS 2021-2022",
        "Spain's contribution to MIRPS 2021-2022",
        "6300000",
        "Anunciada en el Evento de Solidaridad de San José; tipo de cambio aproximado.",
    );
    spain.description_es = "EUR 6,3 millones para 2021-2022: EUR 5,3 millones a través del ACNUR y EUR 1 millón al fondo MIRPS de la OEA.".into();
    spain.description_en = "EUR 6.3 million for 2021-2022: EUR 5.3 million through UNHCR and EUR 1 million to the OAS MIRPS fund.".into();
    let mut via_unhcr = base(
        "ESP",
        "Parte de la contribución de España canalizada por el ACNUR",
        "Part of Spain's contribution channelled through UNHCR",
        "5300000",
        "",
    );
    via_unhcr.channel = "UNHCR".into();
    let mut via_oas = base(
        "ESP",
        "Parte de la contribución de España al fondo MIRPS de la OEA",
        "Part of Spain's contribution to the OAS MIRPS fund",
        "1000000",
        "",
    );
    via_oas.channel = "OAS".into();
    // The source names the OAS's MIRPS fund as where this part went.
    via_oas.mechanism = "pooled_fund".into();
    for c in [&mut spain, &mut via_unhcr, &mut via_oas] {
        c.source_url = SPAIN_2021.into();
    }
    let mut eu_hum = base(
        "EU",
        "Unión Europea: ayuda humanitaria para la situación MIRPS",
        "European Union: humanitarian aid for the MIRPS situation",
        "12000000",
        "Parte humanitaria de los EUR 18,5 millones anunciados en 2021; tipo de cambio aproximado.",
    );
    eu_hum.pillar = "2".into();
    let mut eu_dev = base(
        "EU",
        "Unión Europea: cooperación al desarrollo para la situación MIRPS",
        "European Union: development cooperation for the MIRPS situation",
        "6500000",
        "Parte de desarrollo de los EUR 18,5 millones anunciados en 2021; tipo de cambio aproximado.",
    );
    eu_dev.pillar = "3".into();
    // `Some(i)`: routed through the i-th contribution of this list.
    vec![
        (spain, None),
        (via_unhcr, Some(0)),
        (via_oas, Some(0)),
        (eu_hum, None),
        (eu_dev, None),
    ]
}

/// Marks in `app_meta` that the sourced pledges were written, so that editing them (even their
/// titles) never makes a later start write them again.
const LEDGER_MARK: &str = "real_ledger_2021";

/// The sourced contributions of the 2021 solidarity event, once: nothing is written when the
/// mark is set, or when the first of them is already in the ledger (written by an older seed).
async fn ledger(db: &Db, today: NaiveDate) -> Result<usize, AppError> {
    let records = sourced_ledger(None);
    let there: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM app_meta WHERE key = $1) \
         + (SELECT COUNT(*) FROM contributions WHERE title_es = $2)",
    )
    .bind(LEDGER_MARK)
    .bind(&records[0].0.title_es)
    .fetch_one(pool)
    .await)?;
    if there == 0 {
        let written = write_ledger(db, today).await?;
        mark_ledger(db).await?;
        return Ok(written);
    }
    mark_ledger(db).await?;
    Ok(0)
}

async fn mark_ledger(db: &Db) -> Result<(), AppError> {
    on_db!(db, pool => sqlx::query(
        "INSERT INTO app_meta (key, value) VALUES ($1, '1') ON CONFLICT (key) DO NOTHING",
    )
    .bind(LEDGER_MARK)
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

async fn write_ledger(db: &Db, today: NaiveDate) -> Result<usize, AppError> {
    let event_2021: Option<i64> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT id FROM events WHERE slug = 'solidarity-event-2021'",
    )
    .fetch_optional(pool)
    .await)?;
    let lookups = Lookups::load(db, None).await?;
    let mut ids: Vec<i64> = Vec::new();
    for (mut input, parent) in sourced_ledger(event_2021) {
        if let Some(p) = parent {
            input.parent = ids[p].to_string();
        }
        let valid = validate_contribution(&input, &lookups, today).map_err(AppError::Validation)?;
        ids.push(contributions::create(db, None, &valid).await?);
    }
    Ok(ids.len())
}

/// A ticked checkbox group, as the forms send it.
fn ticks(codes: &[String]) -> BTreeMap<String, String> {
    codes.iter().map(|c| (c.clone(), "on".into())).collect()
}

async fn practices(db: &Db, records: &[Practice]) -> Result<usize, AppError> {
    let seeded: Vec<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT seed_key FROM practices WHERE seed_key IS NOT NULL",
    )
    .fetch_all(pool)
    .await)?;
    let vocabulary = Vocabulary::load(db).await?;
    let mut written = 0;
    for r in records {
        // A practice needs its year; a record whose sources give none waits for a year to be
        // found rather than be given a guessed one.
        let Some(year) = r.year else { continue };
        if seeded.contains(&r.key) {
            continue;
        }
        let input = PracticeInput {
            submitter: r.submitter.clone(),
            title_es: r.title_es.clone(),
            title_en: r.title_en.clone(),
            summary_es: r.summary_es.clone(),
            summary_en: r.summary_en.clone(),
            body_es: r.body_es.clone(),
            body_en: r.body_en.clone(),
            results_es: r.results_es.clone(),
            results_en: r.results_en.clone(),
            links: r.links.join("\n"),
            year: year.to_string(),
            period_start: r.period_start.clone().unwrap_or_default(),
            period_end: r.period_end.clone().unwrap_or_default(),
            themes: ticks(&r.themes),
            populations: ticks(&r.populations),
            ..Default::default()
        };
        let p = NewPractice::from_input(&input, &vocabulary, &[])?;
        practices::create_seeded(db, &p, PracticeStatus::Published, &r.key).await?;
        written += 1;
    }
    Ok(written)
}

/// The year a chair's period starts, for ordering (unknown last).
pub fn chair_start_year(c: &Chair) -> i32 {
    c.from
        .as_deref()
        .and_then(|f| f.get(..4))
        .and_then(|y| y.parse().ok())
        .or(c.year)
        .unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_records_read_and_each_carries_its_source() {
        let r = records().expect("real_records.json reads");
        assert!(r.events.len() >= 20 && r.practices.len() >= 15 && r.chairs.len() >= 4);
        for e in &r.events {
            assert!(e.source.starts_with("http"), "{}", e.key);
            let (s, t) = span(e).unwrap_or_else(|| panic!("dates of {}", e.key));
            assert!(s <= t, "{}", e.key);
        }
        for p in &r.practices {
            assert!(
                p.links.first().is_some_and(|l| l.starts_with("http")),
                "{}",
                p.key
            );
        }
        for c in &r.chairs {
            assert!(!c.source.is_empty(), "{}", c.organisation);
        }
    }

    #[test]
    fn chair_periods_in_words() {
        let r = records().expect("records");
        let by = |org: &str| r.chairs.iter().find(|c| c.organisation == org).expect(org);
        assert_eq!(by("ESP").period().1, "June 2020 - June 2021");
        assert_eq!(by("CAN").period().0, "julio de 2021 - septiembre de 2022");
        assert_eq!(by("COL").period().1, "2025");
        let years: Vec<i32> = r.chairs.iter().map(chair_start_year).collect();
        assert!(years.windows(2).all(|w| w[0] <= w[1]), "{years:?}");
    }
}
