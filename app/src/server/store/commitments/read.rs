//! Reading the register: the announced commitments (or, for their makers and reviewers, the ones
//! not yet public) with their makers, countries, themes and progress, loaded together and
//! filtered and counted in memory; the reporting status; the Result 2.1.3 count.

use super::super::Db;
use crate::model::{
    Commitment, CommitmentKind, CommitmentQuery, CommitmentReview, CommitmentStage, CommitmentStep,
    CommitmentUpdate, Named, Occasion, Reporting, Target,
};
use crate::on_db;
use crate::server::validate::commitments::Maker;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{BTreeSet, HashMap};

/// The real records already written (their keys).
pub async fn seeded_keys(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT seed_key FROM commitments WHERE seed_key IS NOT NULL",
    )
    .fetch_all(pool)
    .await)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    title_es: String,
    title_en: String,
    description_es: String,
    description_en: String,
    reporter_country: Option<String>,
    reporter_org: Option<String>,
    occasion: String,
    announced_on: Option<String>,
    deadline: Option<String>,
    stage: String,
    review: String,
    kpi_what_es: String,
    kpi_what_en: String,
    kpi_target: Option<i64>,
    kpi_unit: Option<String>,
    kpi_population: Option<String>,
    source_url: Option<String>,
    is_example: bool,
    updated_at: DateTime<Utc>,
    version: i64,
}

#[derive(sqlx::FromRow)]
struct UpdateRow {
    id: i64,
    commitment_id: i64,
    reported_on: String,
    country_iso2: Option<String>,
    value: Option<i64>,
    unit: Option<String>,
    text_es: String,
    text_en: String,
    evidence_url: Option<String>,
}

/// Whether progress is reported as it should be on `today`: no report at all is "no data"; a
/// commitment still open past its deadline whose last report came before it is overdue.
pub fn reporting(
    deadline: &str,
    last_update: &str,
    stage: CommitmentStage,
    today: NaiveDate,
) -> Reporting {
    if last_update.is_empty() {
        return Reporting::NoData;
    }
    // The last day a deadline allows: a year runs to its 31 December.
    let due = if deadline.len() == 4 {
        format!("{deadline}-12-31")
    } else {
        deadline.to_string()
    };
    let open = matches!(
        stage,
        CommitmentStage::Planning | CommitmentStage::InProgress
    );
    if open && !due.is_empty() && due < today.to_string() && last_update < due.as_str() {
        Reporting::Overdue
    } else {
        Reporting::Reported
    }
}

/// Which commitments a read loads.
#[derive(Clone, Copy)]
enum Which {
    /// Every announced one (the public register).
    Announced,
    /// One, whatever its review state.
    One(i64),
    /// Every one not yet announced (the review queue and the makers' drafts).
    Unannounced,
}

/// The commitments `which` names, newest announcement first, with their progress reports (by
/// commitment id).
async fn load(
    db: &Db,
    which: Which,
    today: NaiveDate,
) -> Result<(Vec<Commitment>, HashMap<i64, Vec<CommitmentUpdate>>), sqlx::Error> {
    let (only, review) = match which {
        Which::Announced => (None, Some(true)),
        Which::One(id) => (Some(id), None),
        Which::Unannounced => (None, Some(false)),
    };
    type Makers = Vec<(i64, Option<String>, Option<String>, String, String)>;
    type Links = Vec<(i64, String)>;
    let (rows, makers, countries, themes, updates): (
        Vec<Row>,
        Makers,
        Links,
        Links,
        Vec<UpdateRow>,
    ) = on_db!(db, pool => {
        let rows = sqlx::query_as(
            "SELECT id, kind, title_es, title_en, description_es, description_en, \
             reporter_country, reporter_org, occasion, announced_on, deadline, stage, review, \
             kpi_what_es, kpi_what_en, kpi_target, kpi_unit, kpi_population, source_url, \
             is_example, updated_at, CAST(version AS BIGINT) AS version FROM commitments \
             WHERE ($1 IS NULL OR id = $1) AND ($2 IS NULL OR (review = 'announced') = $2) \
             ORDER BY COALESCE(announced_on, '') DESC, id DESC",
        )
        .bind(only)
        .bind(review)
        .fetch_all(pool)
        .await?;
        let makers = sqlx::query_as(
            "SELECT m.commitment_id, m.country_iso2, m.organisation_code, \
             COALESCE(c.name_es, o.name_es, ''), COALESCE(c.name_en, o.name_en, '') \
             FROM commitment_makers m LEFT JOIN countries c ON c.iso2 = m.country_iso2 \
             LEFT JOIN organisations o ON o.code = m.organisation_code \
             WHERE ($1 IS NULL OR m.commitment_id = $1) \
             ORDER BY m.commitment_id, COALESCE(c.sort_order, 0), COALESCE(o.sort_order, 0), \
             COALESCE(m.country_iso2, m.organisation_code)",
        )
        .bind(only)
        .fetch_all(pool)
        .await?;
        let countries = sqlx::query_as(
            "SELECT commitment_id, country_iso2 FROM commitment_countries \
             WHERE ($1 IS NULL OR commitment_id = $1) ORDER BY commitment_id, country_iso2",
        )
        .bind(only)
        .fetch_all(pool)
        .await?;
        let themes = sqlx::query_as(
            "SELECT commitment_id, theme_code FROM commitment_themes \
             WHERE ($1 IS NULL OR commitment_id = $1) ORDER BY commitment_id, theme_code",
        )
        .bind(only)
        .fetch_all(pool)
        .await?;
        let updates = sqlx::query_as(
            "SELECT id, commitment_id, reported_on, country_iso2, value, unit, text_es, text_en, \
             evidence_url FROM commitment_updates WHERE ($1 IS NULL OR commitment_id = $1) \
             ORDER BY commitment_id, reported_on DESC, id DESC",
        )
        .bind(only)
        .fetch_all(pool)
        .await?;
        (rows, makers, countries, themes, updates)
    });
    let mut named: HashMap<i64, Vec<(Maker, Named)>> = HashMap::new();
    for (id, country, org, name_es, name_en) in makers {
        let maker = match (country, org) {
            (Some(c), _) => Maker::Country(c),
            (None, Some(o)) => Maker::Organisation(o),
            (None, None) => continue,
        };
        let code = maker.code();
        named.entry(id).or_default().push((
            maker,
            Named {
                code,
                name_es,
                name_en,
            },
        ));
    }
    let mut links: HashMap<i64, (Vec<String>, Vec<String>)> = HashMap::new();
    for (id, c) in countries {
        links.entry(id).or_default().0.push(c);
    }
    for (id, t) in themes {
        links.entry(id).or_default().1.push(t);
    }
    let mut reports: HashMap<i64, Vec<CommitmentUpdate>> = HashMap::new();
    for u in updates {
        reports
            .entry(u.commitment_id)
            .or_default()
            .push(CommitmentUpdate {
                id: u.id,
                reported_on: u.reported_on,
                country: u.country_iso2.unwrap_or_default(),
                value: u.value,
                unit: u.unit.unwrap_or_default(),
                text_es: u.text_es,
                text_en: u.text_en,
                evidence_url: u.evidence_url.unwrap_or_default(),
            });
    }
    let list = rows
        .into_iter()
        .map(|r| {
            let makers = named.remove(&r.id).unwrap_or_default();
            let reporter = match (&r.reporter_country, &r.reporter_org) {
                (Some(c), _) => Some(Maker::Country(c.clone())),
                (None, Some(o)) => Some(Maker::Organisation(o.clone())),
                _ => None,
            }
            .and_then(|rep| {
                makers
                    .iter()
                    .find(|(m, _)| *m == rep)
                    .map(|(_, n)| n.clone())
            });
            let (countries, themes) = links.remove(&r.id).unwrap_or_default();
            let done = reports.get(&r.id).map(Vec::as_slice).unwrap_or_default();
            let last_update = done
                .first()
                .map(|u| u.reported_on.clone())
                .unwrap_or_default();
            let with_figures: BTreeSet<String> = done
                .iter()
                .filter(|u| u.value.is_some() && !u.country.is_empty())
                .map(|u| u.country.clone())
                .collect();
            let stage = CommitmentStage::from_code(&r.stage).unwrap_or(CommitmentStage::Planning);
            let deadline = r.deadline.unwrap_or_default();
            Commitment {
                id: r.id,
                kind: CommitmentKind::from_code(&r.kind).unwrap_or(CommitmentKind::Political),
                title_es: r.title_es,
                title_en: r.title_en,
                description_es: r.description_es,
                description_en: r.description_en,
                makers: makers.into_iter().map(|(_, n)| n).collect(),
                reporter,
                countries,
                themes,
                occasion: Occasion::from_code(&r.occasion).unwrap_or(Occasion::Other),
                announced_on: r.announced_on.unwrap_or_default(),
                reporting: reporting(&deadline, &last_update, stage, today),
                deadline,
                stage,
                review: CommitmentReview::from_code(&r.review)
                    .unwrap_or(CommitmentReview::Announced),
                target: r.kpi_target.map(|target| Target {
                    what_es: r.kpi_what_es,
                    what_en: r.kpi_what_en,
                    target,
                    unit: r.kpi_unit.unwrap_or_default(),
                    population: r.kpi_population.unwrap_or_default(),
                }),
                last_update,
                countries_with_figures: with_figures.into_iter().collect(),
                source_url: r.source_url.unwrap_or_default(),
                is_example: r.is_example,
                updated_at: r.updated_at.to_rfc3339(),
                version: r.version,
            }
        })
        .collect();
    Ok((list, reports))
}

/// Whether a commitment passes the filter.
fn passes(c: &Commitment, q: &CommitmentQuery) -> bool {
    (q.kind.is_empty() || c.kind.code() == q.kind)
        && (q.stage.is_empty() || c.stage.code() == q.stage)
        && (q.occasion.is_empty() || c.occasion.code() == q.occasion)
        && (q.country.is_empty() || c.countries.contains(&q.country))
        && (q.maker.is_empty() || c.makers.iter().any(|m| m.code == q.maker))
}

/// The announced commitments `q` asks for, newest announcement first.
pub async fn commitments(
    db: &Db,
    q: &CommitmentQuery,
    today: NaiveDate,
) -> Result<Vec<Commitment>, sqlx::Error> {
    let (list, _) = load(db, Which::Announced, today).await?;
    Ok(list.into_iter().filter(|c| passes(c, q)).collect())
}

/// The register's page: what `q` asks for and, per kind, stage and occasion, how many
/// commitments the other filters leave (so each count says what choosing it would show).
pub async fn register(
    db: &Db,
    q: &CommitmentQuery,
    today: NaiveDate,
) -> Result<(Vec<Commitment>, Counts), sqlx::Error> {
    let (all, _) = load(db, Which::Announced, today).await?;
    let counts = counts(&all, q);
    Ok((all.into_iter().filter(|c| passes(c, q)).collect(), counts))
}

/// Facet counts: (code, count) per kind, stage and occasion, in the vocabulary's order.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub kind: Vec<(&'static str, u32)>,
    pub stage: Vec<(&'static str, u32)>,
    pub occasion: Vec<(&'static str, u32)>,
}

fn counts(all: &[Commitment], q: &CommitmentQuery) -> Counts {
    fn tally<T: Copy>(
        all: &[Commitment],
        q: &CommitmentQuery,
        values: &[T],
        code: fn(T) -> &'static str,
        of: fn(&Commitment) -> &'static str,
    ) -> Vec<(&'static str, u32)> {
        values
            .iter()
            .map(|v| {
                let n = all
                    .iter()
                    .filter(|c| passes(c, q) && of(c) == code(*v))
                    .count();
                (code(*v), n as u32)
            })
            .collect()
    }
    Counts {
        kind: tally(
            all,
            &CommitmentQuery {
                kind: String::new(),
                ..q.clone()
            },
            CommitmentKind::ALL,
            CommitmentKind::code,
            |c| c.kind.code(),
        ),
        stage: tally(
            all,
            &CommitmentQuery {
                stage: String::new(),
                ..q.clone()
            },
            CommitmentStage::ALL,
            CommitmentStage::code,
            |c| c.stage.code(),
        ),
        occasion: tally(
            all,
            &CommitmentQuery {
                occasion: String::new(),
                ..q.clone()
            },
            Occasion::ALL,
            Occasion::code,
            |c| c.occasion.code(),
        ),
    }
}

/// One announced commitment with its progress reports, newest first.
pub async fn commitment(
    db: &Db,
    id: i64,
    today: NaiveDate,
) -> Result<Option<(Commitment, Vec<CommitmentUpdate>)>, sqlx::Error> {
    Ok(any_commitment(db, id, today)
        .await?
        .filter(|(c, _)| c.review == CommitmentReview::Announced))
}

/// One commitment whatever its review state (for its makers and reviewers), with its progress.
pub async fn any_commitment(
    db: &Db,
    id: i64,
    today: NaiveDate,
) -> Result<Option<(Commitment, Vec<CommitmentUpdate>)>, sqlx::Error> {
    let (list, mut reports) = load(db, Which::One(id), today).await?;
    Ok(list
        .into_iter()
        .next()
        .map(|c| (c, reports.remove(&id).unwrap_or_default())))
}

/// Every commitment not yet announced, newest first.
pub async fn unannounced(db: &Db, today: NaiveDate) -> Result<Vec<Commitment>, sqlx::Error> {
    Ok(load(db, Which::Unannounced, today).await?.0)
}

/// The moves of a commitment's review, oldest first, with who made them.
pub async fn history(db: &Db, id: i64) -> Result<Vec<CommitmentStep>, sqlx::Error> {
    type Step = (DateTime<Utc>, Option<String>, String, String, String);
    let rows: Vec<Step> = on_db!(db, pool => sqlx::query_as(
        "SELECT r.at, u.display_name, r.from_review, r.to_review, r.comment \
         FROM commitment_reviews r LEFT JOIN users u ON u.id = r.actor_id \
         WHERE r.commitment_id = $1 ORDER BY r.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(at, actor, from, to, comment)| {
            Some(CommitmentStep {
                at: at.to_rfc3339(),
                actor: actor.unwrap_or_default(),
                from: CommitmentReview::from_code(&from)?,
                to: CommitmentReview::from_code(&to)?,
                comment,
            })
        })
        .collect())
}

/// The organisations that make an announced commitment, by name.
pub async fn makers(db: &Db) -> Result<Vec<Named>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as::<_, (String, String, String)>(
        "SELECT DISTINCT o.code, o.name_es, o.name_en FROM commitment_makers m \
         JOIN organisations o ON o.code = m.organisation_code \
         JOIN commitments c ON c.id = m.commitment_id AND c.review = 'announced' \
         ORDER BY o.name_es",
    )
    .fetch_all(pool)
    .await)
    .map(|rows| {
        rows.into_iter()
            .map(|(code, name_es, name_en)| Named {
                code,
                name_es,
                name_en,
            })
            .collect()
    })
}

/// Result 2.1.3: companies that make an announced employment commitment with hiring figures
/// reported in at least two MIRPS countries (figures, not claims).
pub async fn hiring_in_two_countries(db: &Db) -> Result<i64, sqlx::Error> {
    on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT m.organisation_code FROM commitment_makers m \
         JOIN organisations o ON o.code = m.organisation_code AND o.kind = 'company' \
         JOIN commitments c ON c.id = m.commitment_id AND c.kind = 'employment' \
         AND c.review = 'announced' AND c.stage <> 'withdrawn' \
         JOIN commitment_updates u ON u.commitment_id = c.id AND u.value IS NOT NULL \
         AND u.country_iso2 IS NOT NULL \
         GROUP BY m.organisation_code HAVING COUNT(DISTINCT u.country_iso2) >= 2) t",
    )
    .fetch_one(pool)
    .await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporting_follows_the_deadline_and_the_last_report() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date");
        let open = CommitmentStage::InProgress;
        assert_eq!(reporting("2028", "", open, today), Reporting::NoData);
        assert_eq!(reporting("", "", open, today), Reporting::NoData);
        assert_eq!(
            reporting("2022", "2021-06", open, today),
            Reporting::Overdue
        );
        assert_eq!(
            reporting("2022", "2023-01", open, today),
            Reporting::Reported
        );
        assert_eq!(
            reporting("2027", "2021-06", open, today),
            Reporting::Reported
        );
        assert_eq!(
            reporting("2024-02-07", "2024-01", open, today),
            Reporting::Overdue
        );
        let done = CommitmentStage::Fulfilled;
        assert_eq!(
            reporting("2022", "2021-06", done, today),
            Reporting::Reported
        );
    }
}
