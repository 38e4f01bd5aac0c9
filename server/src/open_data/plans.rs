//! Open data of the National Action Plans: each plan with its lines and their requirements per
//! year, as JSON, and the lines as CSV with HXL hashtags (one row per line and year).

use app::{
    error::AppError,
    i18n::Lang,
    model::{query::Paging, query::QueryReader, PlanLine, PlanQuery, PlanSummary},
    server::{store::plans, AppState},
};
use axum::{
    extract::{Query, State},
    response::IntoResponse,
    Json,
};
use serde::Serialize;
use utoipa::ToSchema;

/// A plan with its lines.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanWithLines {
    pub plan: PlanSummary,
    pub lines: Vec<PlanLine>,
}

/// The plan filter and the language of an export.
fn params(pairs: &[(String, String)]) -> Result<(PlanQuery, Lang), AppError> {
    let read = QueryReader::read::<PlanQuery>(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Paging::None,
        |_, _, _| false,
    )?;
    Ok((read.filter, read.lang.unwrap_or_default()))
}

/// The plans (every country's, or one) with their lines, requirements per year and statuses.
async fn selected(state: &AppState, q: &PlanQuery) -> Result<Vec<PlanWithLines>, AppError> {
    let country = (!q.country.is_empty()).then_some(q.country.as_str());
    let mut lines = plans::lines(&state.db, country).await?;
    Ok(plans::plans(&state.db, country)
        .await?
        .into_iter()
        .map(|plan| {
            let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut lines)
                .into_iter()
                .partition(|(c, _)| *c == plan.country.code);
            lines = rest;
            PlanWithLines {
                plan,
                lines: mine.into_iter().map(|(_, l)| l).collect(),
            }
        })
        .collect())
}

/// Every country's National Action Plan (or one country's) with its commitment lines, their
/// costed requirements per year (USD cents and the original figure) and statuses.
#[utoipa::path(get, path = "/api/v1/plans", tag = "plans",
    params(PlanQuery),
    responses(
        (status = 200, description = "The plans with their lines", body = [PlanWithLines]),
        (status = 400, description = "An unknown parameter or a bad value, with a message")
    ))]
pub async fn plans_list(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<Vec<PlanWithLines>>, AppError> {
    let (q, _) = params(&pairs)?;
    Ok(Json(selected(&state, &q).await?))
}

/// The columns of the CSV export: header, HXL hashtag, value of a line (and one of its years).
type Column = (
    &'static str,
    &'static str,
    fn(&PlanSummary, &PlanLine, Option<&app::model::LineRequirement>, Lang) -> String,
);

const COLUMNS: [Column; 19] = [
    ("country", "#country+code", |p, _, _, _| {
        p.country.code.clone()
    }),
    ("plan", "#meta+plan", |p, _, _, l| {
        l.pick(&p.title_es, &p.title_en).to_string()
    }),
    ("line_code", "#activity+code", |_, x, _, _| x.code.clone()),
    ("line", "#activity+name", |_, x, _, l| {
        app::model::fallback(&x.title_es, &x.title_en, l)
            .0
            .to_string()
    }),
    ("pillar", "#sector+pillar", |_, x, _, _| {
        x.pillar.to_string()
    }),
    ("sector", "#sector+code", |_, x, _, _| {
        x.sector_code.clone().unwrap_or_default()
    }),
    ("themes", "#sector+theme", |_, x, _, _| x.themes.join(";")),
    ("status", "#status+code", |_, x, _, _| {
        x.status.code().to_string()
    }),
    ("priority", "#priority", |_, x, _, _| x.priority.to_string()),
    ("year", "#date+year", |_, _, r, _| {
        r.map(|r| r.year.to_string()).unwrap_or_default()
    }),
    ("currency", "#currency+original", |_, _, r, _| {
        r.map(|r| r.currency.clone()).unwrap_or_default()
    }),
    ("amount", "#value+original", |_, _, r, _| {
        r.map(|r| format!("{}.{:02}", r.amount_minor / 100, r.amount_minor % 100))
            .unwrap_or_default()
    }),
    ("fx_rate", "#x_rate", |_, _, r, _| {
        r.map(|r| r.fx_rate.clone()).unwrap_or_default()
    }),
    ("required_usd", "#value+required+usd", |_, _, r, _| {
        r.map(|r| format!("{}.{:02}", r.amount_usd / 100, r.amount_usd % 100))
            .unwrap_or_default()
    }),
    ("line_pledged_usd", "#value+pledged+usd", |_, x, _, _| {
        let v = x.funding.pledged_usd;
        format!("{}.{:02}", v / 100, v % 100)
    }),
    ("line_funded_usd", "#value+funded+usd", |_, x, _, _| {
        let v = x.funding.funded_usd;
        format!("{}.{:02}", v / 100, v % 100)
    }),
    ("line_offered_usd", "#value+offered+usd", |_, x, _, _| {
        let v = x.funding.offered_usd;
        format!("{}.{:02}", v / 100, v % 100)
    }),
    ("offers_in_discussion", "#indicator+offers", |_, x, _, _| {
        x.funding.offers_in_discussion.to_string()
    }),
    ("example_data", "#meta+example", |_, x, _, _| {
        if x.is_example { "yes" } else { "" }.to_string()
    }),
];

/// CSV of the plans' lines: a header row, a row of HXL hashtags, then one row per line and year
/// (a line without a costed year has one row with the year empty).
pub fn plans_csv(plans: &[PlanWithLines], lang: Lang) -> Result<Vec<u8>, AppError> {
    super::table_csv(&headers(), &rows(plans, lang))
}

/// The header and HXL hashtag of each column.
fn headers() -> Vec<(&'static str, &'static str)> {
    COLUMNS.iter().map(|c| (c.0, c.1)).collect()
}

/// One row per line and year (a line without a costed year has one row with the year empty).
fn rows(plans: &[PlanWithLines], lang: Lang) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for p in plans {
        for line in &p.lines {
            let years: Vec<Option<&app::model::LineRequirement>> = if line.requirements.is_empty() {
                vec![None]
            } else {
                line.requirements.iter().map(Some).collect()
            };
            for r in years {
                out.push(
                    COLUMNS
                        .iter()
                        .map(|c| (c.2)(&p.plan, line, r, lang))
                        .collect(),
                );
            }
        }
    }
    out
}

/// The plans' lines (every country's, or one) as CSV with HXL hashtags, one row per line and
/// year.
#[utoipa::path(get, path = "/api/v1/plans.csv", tag = "plans",
    params(PlanQuery, super::LangQuery),
    responses((status = 200, description = "CSV", content_type = "text/csv"),
        (status = 400, description = "An unknown parameter or a bad value")))]
pub async fn plans_export_csv(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    let (q, lang) = params(&pairs)?;
    let plans = selected(&state, &q).await?;
    Ok(super::download(
        super::CSV,
        "mirps-hub-plans.csv",
        plans_csv(&plans, lang)?,
    ))
}

/// The same rows as the CSV, as an Excel workbook (amounts as numbers).
#[utoipa::path(get, path = "/api/v1/plans.xlsx", tag = "plans",
    params(PlanQuery, super::LangQuery),
    responses((status = 200, description = "XLSX workbook",
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "An unknown parameter or a bad value")))]
pub async fn plans_export_xlsx(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    let (q, lang) = params(&pairs)?;
    let plans = selected(&state, &q).await?;
    let bytes = tokio::task::spawn_blocking(move || {
        super::table_xlsx("plans", &headers(), &rows(&plans, lang))
    })
    .await
    .map_err(|e| AppError::internal("xlsx task", e))??;
    Ok(super::download(super::XLSX, "mirps-hub-plans.xlsx", bytes))
}
