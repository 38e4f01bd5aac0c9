//! Reading the plans: every plan with its declared commitments and totals, a plan's lines with
//! their themes, gaps and current requirements, and a line's history.

use super::super::Db;
use crate::model::{
    DeclaredArea, LineRequirement, LineStatus, Named, PlanLine, PlanSummary, RequirementRevision,
    StatusNote,
};
use crate::on_db;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(sqlx::FromRow)]
struct PlanRow {
    id: i64,
    country_iso2: String,
    name_es: String,
    name_en: String,
    title_es: String,
    title_en: String,
    summary_es: String,
    summary_en: String,
    period_start: Option<i32>,
    period_end: Option<i32>,
    source_url: String,
    is_example: bool,
    updated_at: DateTime<Utc>,
    version: i64,
    lines: i64,
    required_usd: i64,
}

/// Every plan (or the one of `country`), in the countries' order, with its declared commitments,
/// its count of lines and the sum of their requirements.
pub async fn plans(db: &Db, country: Option<&str>) -> Result<Vec<PlanSummary>, sqlx::Error> {
    let rows: Vec<PlanRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT p.id, p.country_iso2, c.name_es, c.name_en, p.title_es, p.title_en, p.summary_es, \
         p.summary_en, p.period_start, p.period_end, p.source_url, p.is_example, p.updated_at, \
         CAST(p.version AS BIGINT) AS version, \
         (SELECT COUNT(*) FROM plan_lines l WHERE l.plan_id = p.id AND l.withdrawn_at IS NULL) AS lines, \
         CAST(COALESCE((SELECT SUM(q.amount_usd) FROM plan_requirements q JOIN plan_lines l \
         ON l.id = q.line_id WHERE l.plan_id = p.id AND l.withdrawn_at IS NULL), 0) AS BIGINT) AS required_usd \
         FROM plans p JOIN countries c ON c.iso2 = p.country_iso2 \
         WHERE ($1 IS NULL OR p.country_iso2 = $1) ORDER BY c.sort_order",
    )
    .bind(country)
    .fetch_all(pool)
    .await)?;
    type DeclaredRow = (i64, String, String, String, i32, String);
    let declared: Vec<DeclaredRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT d.plan_id, s.code, s.name_es, s.name_en, d.commitments, d.source_url \
         FROM plan_declared d JOIN sectors s ON s.code = d.sector_code ORDER BY d.plan_id, s.sort_order",
    )
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| PlanSummary {
            id: r.id,
            country: Named {
                code: r.country_iso2,
                name_es: r.name_es,
                name_en: r.name_en,
            },
            title_es: r.title_es,
            title_en: r.title_en,
            summary_es: r.summary_es,
            summary_en: r.summary_en,
            period_start: r.period_start,
            period_end: r.period_end,
            source_url: r.source_url,
            declared: declared
                .iter()
                .filter(|d| d.0 == r.id)
                .map(|d| DeclaredArea {
                    sector: Named {
                        code: d.1.clone(),
                        name_es: d.2.clone(),
                        name_en: d.3.clone(),
                    },
                    commitments: d.4,
                    source_url: d.5.clone(),
                })
                .collect(),
            lines: r.lines,
            required_usd: r.required_usd,
            is_example: r.is_example,
            updated_at: r.updated_at.to_rfc3339(),
            version: r.version,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct LineRow {
    id: i64,
    country_iso2: String,
    code: String,
    title_es: String,
    title_en: String,
    description_es: String,
    description_en: String,
    pillar: i32,
    sector_code: Option<String>,
    institution: String,
    period_start: Option<i32>,
    period_end: Option<i32>,
    priority: i32,
    status: String,
    is_example: bool,
    updated_at: DateTime<Utc>,
    version: i64,
}

#[derive(sqlx::FromRow)]
struct RequirementRow {
    line_id: i64,
    year: i32,
    currency: String,
    amount_minor: i64,
    fx_rate: String,
    amount_usd: i64,
    source: String,
    updated_at: DateTime<Utc>,
}

/// The lines of `country`'s plan (or the one line `only`), not withdrawn: by priority, then code.
async fn lines_where(
    db: &Db,
    country: Option<&str>,
    only: Option<i64>,
) -> Result<Vec<(String, PlanLine)>, sqlx::Error> {
    let rows: Vec<LineRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT l.id, p.country_iso2, l.code, l.title_es, l.title_en, l.description_es, \
         l.description_en, l.pillar, l.sector_code, l.institution, l.period_start, l.period_end, \
         l.priority, l.status, l.is_example, l.updated_at, CAST(l.version AS BIGINT) AS version \
         FROM plan_lines l JOIN plans p ON p.id = l.plan_id WHERE l.withdrawn_at IS NULL \
         AND ($1 IS NULL OR p.country_iso2 = $1) AND ($2 IS NULL OR l.id = $2) \
         ORDER BY p.country_iso2, l.priority, l.code",
    )
    .bind(country)
    .bind(only)
    .fetch_all(pool)
    .await)?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids = rows
        .iter()
        .map(|r| r.id.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let themes: Vec<(i64, String)> = on_db!(db, pool => sqlx::query_as(&format!(
        "SELECT line_id, theme_code FROM plan_line_themes WHERE line_id IN ({ids}) ORDER BY theme_code"
    ))
    .fetch_all(pool)
    .await)?;
    let gaps: Vec<(i64, i64)> = on_db!(db, pool => sqlx::query_as(&format!(
        "SELECT line_id, entry_id FROM plan_line_gaps WHERE line_id IN ({ids}) ORDER BY entry_id"
    ))
    .fetch_all(pool)
    .await)?;
    let requirements: Vec<RequirementRow> = on_db!(db, pool => sqlx::query_as(&format!(
        "SELECT line_id, year, currency, amount_minor, fx_rate, amount_usd, source, updated_at \
         FROM plan_requirements WHERE line_id IN ({ids}) ORDER BY year"
    ))
    .fetch_all(pool)
    .await)?;
    let line_ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut funding = super::links::funding(db, &line_ids).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let line = PlanLine {
                id: r.id,
                code: r.code,
                title_es: r.title_es,
                title_en: r.title_en,
                description_es: r.description_es,
                description_en: r.description_en,
                pillar: r.pillar,
                sector_code: r.sector_code,
                themes: themes
                    .iter()
                    .filter(|t| t.0 == r.id)
                    .map(|t| t.1.clone())
                    .collect(),
                institution: r.institution,
                period_start: r.period_start,
                period_end: r.period_end,
                priority: r.priority,
                status: LineStatus::from_code(&r.status).unwrap_or(LineStatus::NotStarted),
                gaps: gaps.iter().filter(|g| g.0 == r.id).map(|g| g.1).collect(),
                requirements: requirements
                    .iter()
                    .filter(|q| q.line_id == r.id)
                    .map(|q| LineRequirement {
                        year: q.year,
                        currency: q.currency.clone(),
                        amount_minor: q.amount_minor,
                        fx_rate: q.fx_rate.clone(),
                        amount_usd: q.amount_usd,
                        source: q.source.clone(),
                        updated_at: q.updated_at.to_rfc3339(),
                    })
                    .collect(),
                funding: funding.remove(&r.id).unwrap_or_default(),
                is_example: r.is_example,
                updated_at: r.updated_at.to_rfc3339(),
                version: r.version,
            };
            (r.country_iso2, line)
        })
        .collect())
}

/// The lines of a country's plan (or of every plan), by country, priority and code.
pub async fn lines(db: &Db, country: Option<&str>) -> Result<Vec<(String, PlanLine)>, sqlx::Error> {
    lines_where(db, country, None).await
}

/// One line (not withdrawn) with its country.
pub async fn line(db: &Db, id: i64) -> Result<Option<(String, PlanLine)>, sqlx::Error> {
    Ok(lines_where(db, None, Some(id)).await?.into_iter().next())
}

/// A line's requirement figures over time (oldest first) and its status notes (newest first).
pub async fn history(
    db: &Db,
    id: i64,
) -> Result<(Vec<RequirementRevision>, Vec<StatusNote>), sqlx::Error> {
    type RevisionRow = (i32, String, i64, String, i64, String, DateTime<Utc>);
    let revisions: Vec<RevisionRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT year, currency, amount_minor, fx_rate, amount_usd, reason, created_at \
         FROM plan_requirement_revisions WHERE line_id = $1 ORDER BY year, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    type NoteRow = (String, String, String, NaiveDate);
    let notes: Vec<NoteRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT status, note_es, note_en, noted_on FROM plan_status_notes \
         WHERE line_id = $1 ORDER BY id DESC",
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    Ok((
        revisions
            .into_iter()
            .map(|r| RequirementRevision {
                year: r.0,
                currency: r.1,
                amount_minor: r.2,
                fx_rate: r.3,
                amount_usd: r.4,
                reason: r.5,
                created_at: r.6.to_rfc3339(),
            })
            .collect(),
        notes
            .into_iter()
            .map(|n| StatusNote {
                status: LineStatus::from_code(&n.0).unwrap_or(LineStatus::NotStarted),
                note_es: n.1,
                note_en: n.2,
                noted_on: n.3.to_string(),
            })
            .collect(),
    ))
}
