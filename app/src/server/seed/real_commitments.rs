//! The real partners and commitments: organisations outside the Support Platform that make
//! commitments (companies, business networks, funds, cities, states of Mexico, UN agencies), and
//! the commitments of the records (GRF 2019 and 2023 pledges, private-sector hiring), with the
//! progress their sources report. Both are written once: an organisation by its code (one that
//! exists is left as it is), a commitment by its record's key; after that they belong to the
//! people who edit them in the app.

use crate::bump_version;
use crate::error::AppError;
use crate::model::{CommitmentInput, CommitmentReview, ProgressInput};
use crate::on_db;
use crate::server::store::{commitments, versions::Dataset, vocabulary::Vocabulary, Db};
use crate::server::validate::commitments::{NewCommitment, NewProgress};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;

/// An organisation of the records.
#[derive(Debug, Deserialize)]
pub struct OrgRecord {
    pub code: String,
    pub name_es: String,
    pub name_en: String,
    pub short_es: String,
    pub short_en: String,
    pub iati_type: i32,
    /// `company`, `business_network`, `civil_society`, `city`, `state`, `multilateral`,
    /// `un_agency`.
    pub kind: String,
    pub country_iso2: Option<String>,
    pub website: Option<String>,
    pub source: String,
}

/// What a counted commitment promises, as the record gives it.
#[derive(Debug, Deserialize)]
pub struct Kpi {
    pub what_es: String,
    pub what_en: String,
    pub target: i64,
    pub unit: String,
    pub population: String,
    /// The year it is due by, when the source gives one.
    pub by: Option<String>,
}

/// A progress report of the records.
#[derive(Debug, Deserialize)]
pub struct ProgressRecord {
    pub date: String,
    pub country: Option<String>,
    pub value: Option<i64>,
    pub unit: Option<String>,
    pub text_es: String,
    pub text_en: String,
    pub source: String,
}

/// A commitment of the records.
#[derive(Debug, Deserialize)]
pub struct CommitmentRecord {
    pub key: String,
    /// `country:MX` or an organisation's code.
    pub makers: Vec<String>,
    pub reporter: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    pub countries: Vec<String>,
    pub themes: Vec<String>,
    /// `grf-2023`, `grf-2019`, or none.
    pub announced_at: Option<String>,
    pub date: Option<String>,
    pub stage: String,
    pub kpi: Option<Kpi>,
    pub progress: Vec<ProgressRecord>,
    pub source: String,
}

/// ISO alpha-3 of the countries the organisations of the records sit in.
fn iso3(iso2: &str) -> Option<&'static str> {
    Some(match iso2 {
        "MX" => "MEX",
        "US" => "USA",
        "CA" => "CAN",
        "GT" => "GTM",
        "CR" => "CRI",
        "PA" => "PAN",
        "HN" => "HND",
        "SV" => "SLV",
        "BZ" => "BLZ",
        _ => return None,
    })
}

/// Adds the organisations the reference lists do not have (as partners); returns how many.
pub async fn organisations(db: &Db, records: &[OrgRecord]) -> Result<usize, AppError> {
    let mut written = 0;
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        for o in records {
            written += sqlx::query(
                "INSERT INTO organisations (code, name_es, name_en, short_es, short_en, iati_type, \
                 role, country_iso3, kind, website, source_url, is_example, sort_order) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'partner', $7, $8, $9, $10, $11, 2000) \
                 ON CONFLICT (code) DO NOTHING",
            )
            .bind(&o.code)
            .bind(&o.name_es)
            .bind(&o.name_en)
            .bind(&o.short_es)
            .bind(&o.short_en)
            .bind(o.iati_type)
            .bind(o.country_iso2.as_deref().and_then(iso3))
            .bind(&o.kind)
            .bind(&o.website)
            .bind(&o.source)
            .bind(false)
            .execute(&mut *tx)
            .await?
            .rows_affected() as usize;
        }
        if written > 0 {
            bump_version!(&mut *tx, Dataset::Reference);
        }
        tx.commit().await?;
    });
    Ok(written)
}

fn ticks<'a>(codes: impl IntoIterator<Item = &'a String>) -> BTreeMap<String, String> {
    codes
        .into_iter()
        .map(|c| (c.clone(), "on".into()))
        .collect()
}

/// The form a record's commitment would have been entered with. Themes the inventory does not
/// know are left out; a reporter that is not one of the makers is not named.
pub fn input(r: &CommitmentRecord, vocabulary: &Vocabulary) -> CommitmentInput {
    let kpi = r.kpi.as_ref();
    CommitmentInput {
        kind: r.kind.clone(),
        title_es: r.title_es.clone(),
        title_en: r.title_en.clone(),
        description_es: r.description_es.clone(),
        description_en: r.description_en.clone(),
        makers: ticks(&r.makers),
        reporter: r
            .reporter
            .clone()
            .filter(|rep| r.makers.contains(rep))
            .unwrap_or_default(),
        countries: ticks(&r.countries),
        themes: ticks(r.themes.iter().filter(|t| vocabulary.has_theme(t))),
        occasion: match r.announced_at.as_deref() {
            Some("grf-2023") => "grf2023",
            Some("grf-2019") => "grf2019",
            _ => "other",
        }
        .into(),
        announced_on: r.date.clone().unwrap_or_default(),
        deadline: kpi.and_then(|k| k.by.clone()).unwrap_or_default(),
        stage: r.stage.clone(),
        target_what_es: kpi.map(|k| k.what_es.clone()).unwrap_or_default(),
        target_what_en: kpi.map(|k| k.what_en.clone()).unwrap_or_default(),
        target: kpi.map(|k| k.target.to_string()).unwrap_or_default(),
        target_unit: kpi.map(|k| k.unit.clone()).unwrap_or_default(),
        target_population: kpi.map(|k| k.population.clone()).unwrap_or_default(),
        source_url: r.source.clone(),
    }
}

/// A record's progress report as its form.
fn progress(p: &ProgressRecord) -> ProgressInput {
    ProgressInput {
        reported_on: p.date.clone(),
        country: p.country.clone().unwrap_or_default(),
        value: p.value.map(|v| v.to_string()).unwrap_or_default(),
        unit: p.unit.clone().unwrap_or_default(),
        text_es: p.text_es.clone(),
        text_en: p.text_en.clone(),
        evidence_url: p.source.clone(),
        stage: String::new(),
    }
}

/// Writes the commitments not written before, announced, with their progress; returns how many.
pub async fn write(
    db: &Db,
    records: &[CommitmentRecord],
    today: NaiveDate,
) -> Result<usize, AppError> {
    let seeded = commitments::seeded_keys(db).await?;
    let vocabulary = Vocabulary::load(db).await?;
    let mut written = 0;
    for r in records.iter().filter(|r| !seeded.contains(&r.key)) {
        let c = NewCommitment::from_input(&input(r, &vocabulary), &vocabulary)?;
        let reports = r
            .progress
            .iter()
            .map(|p| NewProgress::from_input(&progress(p), &vocabulary, today))
            .collect::<Result<Vec<_>, _>>()?;
        let id =
            commitments::create(db, None, &c, CommitmentReview::Announced, Some(&r.key)).await?;
        for p in &reports {
            commitments::add_progress(db, None, id, p).await?;
        }
        written += 1;
    }
    Ok(written)
}
