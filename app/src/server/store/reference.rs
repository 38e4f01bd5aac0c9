//! Reads of the reference data and the home page's headline figures.

use crate::model::{
    CalendarItem, ChairPeriod, Country, CountryProfile, EventSummary, HeadlineFigures, OrgRole,
    Organisation, Pillar, Sector, StrategyActivity, StrategyObjective, StrategyResult,
    WorkingGroup,
};
use crate::on_db;
use crate::server::store::Db;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(sqlx::FromRow)]
struct CountryRow {
    iso2: String,
    iso3: String,
    name_es: String,
    name_en: String,
    joined_year: i32,
}

impl From<CountryRow> for Country {
    fn from(r: CountryRow) -> Self {
        Country {
            iso2: r.iso2,
            iso3: r.iso3,
            name_es: r.name_es,
            name_en: r.name_en,
            joined_year: r.joined_year,
        }
    }
}

#[derive(sqlx::FromRow)]
struct OrganisationRow {
    code: String,
    name_es: String,
    name_en: String,
    short_es: String,
    short_en: String,
    iati_type: i32,
    role: String,
    is_example: bool,
}

impl TryFrom<OrganisationRow> for Organisation {
    type Error = sqlx::Error;
    fn try_from(r: OrganisationRow) -> Result<Self, Self::Error> {
        let role = OrgRole::from_code(&r.role)
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown role {}", r.role).into()))?;
        Ok(Organisation {
            code: r.code,
            name_es: r.name_es,
            name_en: r.name_en,
            short_es: r.short_es,
            short_en: r.short_en,
            iati_type: r.iati_type,
            role,
            is_example: r.is_example,
        })
    }
}

const COUNTRY_COLUMNS: &str = "iso2, iso3, name_es, name_en, joined_year";

pub async fn countries(db: &Db) -> Result<Vec<Country>, sqlx::Error> {
    let sql = format!("SELECT {COUNTRY_COLUMNS} FROM countries ORDER BY sort_order");
    let rows: Vec<CountryRow> = on_db!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(Country::from).collect())
}

pub async fn country(db: &Db, iso2: &str) -> Result<Option<Country>, sqlx::Error> {
    let sql = format!("SELECT {COUNTRY_COLUMNS} FROM countries WHERE iso2 = $1");
    let row: Option<CountryRow> =
        on_db!(db, pool => sqlx::query_as(&sql).bind(iso2).fetch_optional(pool).await)?;
    Ok(row.map(Country::from))
}

/// Every organisation, in display order.
pub async fn all_organisations(db: &Db) -> Result<Vec<Organisation>, sqlx::Error> {
    let sql = "SELECT code, name_es, name_en, short_es, short_en, iati_type, role, is_example \
               FROM organisations ORDER BY sort_order, code";
    let rows: Vec<OrganisationRow> = on_db!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
    rows.into_iter().map(Organisation::try_from).collect()
}

pub async fn organisations(db: &Db, role: OrgRole) -> Result<Vec<Organisation>, sqlx::Error> {
    let sql = "SELECT code, name_es, name_en, short_es, short_en, iati_type, role, is_example \
               FROM organisations WHERE role = $1 ORDER BY sort_order, code";
    let rows: Vec<OrganisationRow> =
        on_db!(db, pool => sqlx::query_as(sql).bind(role.code()).fetch_all(pool).await)?;
    rows.into_iter().map(Organisation::try_from).collect()
}

pub async fn pillars(db: &Db) -> Result<Vec<Pillar>, sqlx::Error> {
    let sql = "SELECT code, name_es, name_en FROM pillars ORDER BY code";
    let rows: Vec<(i32, String, String)> =
        on_db!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(code, name_es, name_en)| Pillar {
            code,
            name_es,
            name_en,
        })
        .collect())
}

pub async fn sectors(db: &Db) -> Result<Vec<Sector>, sqlx::Error> {
    let sql = "SELECT code, name_es, name_en FROM sectors ORDER BY sort_order";
    let rows: Vec<(String, String, String)> =
        on_db!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(code, name_es, name_en)| Sector {
            code,
            name_es,
            name_en,
        })
        .collect())
}

type GroupRow = (String, String, String, Option<String>, Option<i32>);

fn group_from(r: GroupRow) -> WorkingGroup {
    WorkingGroup {
        code: r.0,
        name_es: r.1,
        name_en: r.2,
        lead_country_iso2: r.3,
        since_year: r.4,
    }
}

pub async fn working_groups(db: &Db) -> Result<Vec<WorkingGroup>, sqlx::Error> {
    let sql = "SELECT code, name_es, name_en, lead_country_iso2, since_year \
               FROM working_groups ORDER BY sort_order";
    let rows: Vec<GroupRow> = on_db!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(group_from).collect())
}

pub async fn chairs(db: &Db) -> Result<Vec<ChairPeriod>, sqlx::Error> {
    let sql = "SELECT c.organisation_code, o.name_es AS organisation_name_es, \
               o.name_en AS organisation_name_en, c.period_es, c.period_en, c.note_es, c.note_en, \
               c.source_url \
               FROM chair_periods c JOIN organisations o ON o.code = c.organisation_code \
               ORDER BY c.sort_order";
    on_db!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)
}

/// The strategy's objectives with their activities and results, in the strategy's order.
pub async fn framework(db: &Db) -> Result<Vec<StrategyObjective>, sqlx::Error> {
    let objectives: Vec<(String, i32, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT code, gcr_objective, title_es, title_en FROM strategy_objectives ORDER BY sort_order",
    )
    .fetch_all(pool)
    .await)?;
    let activities: Vec<(String, String, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT code, objective_code, text_es, text_en FROM strategy_activities ORDER BY sort_order",
    )
    .fetch_all(pool)
    .await)?;
    let results: Vec<(String, String, String, String, String, String)> = on_db!(db, pool => sqlx::query_as(
            "SELECT code, activity_code, title_es, title_en, text_es, text_en \
             FROM strategy_results ORDER BY sort_order",
        )
        .fetch_all(pool)
        .await)?;

    Ok(objectives
        .into_iter()
        .map(|(code, gcr_objective, title_es, title_en)| {
            let acts = activities
                .iter()
                .filter(|a| a.1 == code)
                .map(|a| StrategyActivity {
                    code: a.0.clone(),
                    text_es: a.2.clone(),
                    text_en: a.3.clone(),
                    results: results
                        .iter()
                        .filter(|r| r.1 == a.0)
                        .map(|r| StrategyResult {
                            code: r.0.clone(),
                            title_es: r.2.clone(),
                            title_en: r.3.clone(),
                            text_es: r.4.clone(),
                            text_en: r.5.clone(),
                        })
                        .collect(),
                })
                .collect();
            StrategyObjective {
                code,
                gcr_objective,
                title_es,
                title_en,
                activities: acts,
            }
        })
        .collect())
}

pub async fn calendar(db: &Db) -> Result<Vec<CalendarItem>, sqlx::Error> {
    let sql =
        "SELECT period_es, period_en, item_es, item_en FROM strategy_calendar ORDER BY sort_order";
    let rows: Vec<(String, String, String, String)> =
        on_db!(db, pool => sqlx::query_as(sql).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|r| CalendarItem {
            period_es: r.0,
            period_en: r.1,
            item_es: r.2,
            item_en: r.3,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct EventSummaryRow {
    id: i64,
    title_es: String,
    title_en: String,
    starts_at: DateTime<Utc>,
    timezone: String,
    is_example: bool,
}

/// The start date as the venue's clock shows it (UTC if the zone name is unknown).
fn local_date(starts_at: DateTime<Utc>, timezone: &str) -> NaiveDate {
    match timezone.parse::<chrono_tz::Tz>() {
        Ok(tz) => starts_at.with_timezone(&tz).date_naive(),
        Err(_) => starts_at.date_naive(),
    }
}

/// Counts for the home page, with "upcoming" meaning not cancelled and not yet ended at `now`.
pub async fn headline_figures(db: &Db, now: DateTime<Utc>) -> Result<HeadlineFigures, sqlx::Error> {
    let countries: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM countries")
        .fetch_one(pool)
        .await)?;
    let members: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM organisations WHERE role = 'member'",
    )
    .fetch_one(pool)
    .await)?;
    let upcoming_events: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM events WHERE ends_at >= $1 AND status <> 'cancelled'",
    )
    .bind(now)
    .fetch_one(pool)
    .await)?;
    let next: Option<EventSummaryRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, title_es, title_en, starts_at, timezone, is_example FROM events \
         WHERE starts_at >= $1 AND status <> 'cancelled' ORDER BY starts_at, id LIMIT 1",
    )
    .bind(now)
    .fetch_optional(pool)
    .await)?;
    Ok(HeadlineFigures {
        countries,
        members,
        upcoming_events,
        next_event: next.map(|r| EventSummary {
            id: r.id,
            starts_on: local_date(r.starts_at, &r.timezone),
            title_es: r.title_es,
            title_en: r.title_en,
            is_example: r.is_example,
        }),
    })
}

/// One country with the working groups it leads; `None` if the code is not a MIRPS country.
pub async fn country_profile(db: &Db, iso2: &str) -> Result<Option<CountryProfile>, sqlx::Error> {
    let Some(country) = country(db, iso2).await? else {
        return Ok(None);
    };
    let sql = "SELECT code, name_es, name_en, lead_country_iso2, since_year \
               FROM working_groups WHERE lead_country_iso2 = $1 ORDER BY sort_order";
    let rows: Vec<GroupRow> =
        on_db!(db, pool => sqlx::query_as(sql).bind(iso2).fetch_all(pool).await)?;
    Ok(Some(CountryProfile {
        country,
        leads: rows.into_iter().map(group_from).collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn local_date_uses_the_venue_zone() {
        // 03:00 UTC on 11 June is still 10 June in San José (UTC-6).
        let t = Utc
            .with_ymd_and_hms(2021, 6, 11, 3, 0, 0)
            .single()
            .expect("valid");
        assert_eq!(
            local_date(t, "America/Costa_Rica"),
            NaiveDate::from_ymd_opt(2021, 6, 10).expect("valid")
        );
        assert_eq!(
            local_date(t, "Not/AZone"),
            NaiveDate::from_ymd_opt(2021, 6, 11).expect("valid")
        );
    }
}
