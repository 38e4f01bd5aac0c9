//! Open data of the commitments register: the announced commitments with their targets and how
//! progress is reported, as JSON, CSV with HXL hashtags and XLSX; one commitment with its dated
//! progress reports.

use app::{
    error::AppError,
    i18n::Lang,
    model::{query::Paging, query::QueryReader, Commitment, CommitmentQuery, CommitmentUpdate},
    server::{store::commitments, AppState},
};
use axum::{
    extract::{Path, Query, State},
    response::IntoResponse,
    Json,
};
use serde::Serialize;

/// The filter and the language of an export.
fn params(pairs: &[(String, String)]) -> Result<(CommitmentQuery, Lang), AppError> {
    let read = QueryReader::read::<CommitmentQuery>(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Paging::None,
        |_, _, _| false,
    )?;
    Ok((read.filter, read.lang.unwrap_or_default()))
}

async fn listed(state: &AppState, q: &CommitmentQuery) -> Result<Vec<Commitment>, AppError> {
    let today = chrono::Utc::now().date_naive();
    Ok(commitments::commitments(&state.db, q, today).await?)
}

/// Announced commitments (GRF pledges, private-sector commitments...), newest announcement
/// first: who makes them and who reports, type, countries, themes, where and when announced,
/// stage, target, the last progress report and whether reporting is overdue.
#[utoipa::path(get, path = "/api/v1/commitments", tag = "commitments",
    params(CommitmentQuery),
    responses(
        (status = 200, description = "The commitments", body = [Commitment]),
        (status = 400, description = "An unknown parameter or a bad value, with a message")
    ))]
pub async fn list(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<Vec<Commitment>>, AppError> {
    let (q, _) = params(&pairs)?;
    Ok(Json(listed(&state, &q).await?))
}

/// The same list as a file to download.
#[utoipa::path(get, path = "/api/v1/commitments.json", tag = "commitments",
    params(CommitmentQuery, super::LangQuery),
    responses((status = 200, body = [Commitment]),
        (status = 400, description = "An unknown parameter or a bad value")))]
pub async fn export_json(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    let (q, _) = params(&pairs)?;
    let list = listed(&state, &q).await?;
    Ok(super::download(
        super::JSON,
        "mirps-hub-commitments.json",
        Json(list),
    ))
}

/// One announced commitment with its progress reports, newest first.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CommitmentWithProgress {
    pub commitment: Commitment,
    pub updates: Vec<CommitmentUpdate>,
}

/// One announced commitment with its dated progress reports (figures per country where it counts
/// something, and their evidence).
#[utoipa::path(get, path = "/api/v1/commitments/{id}", tag = "commitments",
    params(("id" = i64, Path, description = "The commitment's id")),
    responses((status = 200, body = CommitmentWithProgress),
        (status = 404, description = "No announced commitment with this id")))]
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<CommitmentWithProgress>, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let today = chrono::Utc::now().date_naive();
    let (commitment, updates) = commitments::commitment(&state.db, id, today)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(CommitmentWithProgress {
        commitment,
        updates,
    }))
}

/// The columns of the CSV export: header, HXL hashtag, value of a commitment.
type Column = (&'static str, &'static str, fn(&Commitment, Lang) -> String);

fn yes(b: bool) -> String {
    if b { "yes" } else { "" }.to_string()
}

const COLUMNS: [Column; 20] = [
    ("id", "#activity+id", |c, _| c.id.to_string()),
    ("title", "#activity+name", |c, l| c.title(l).to_string()),
    ("makers_code", "#org+code", |c, _| {
        c.makers
            .iter()
            .map(|m| m.code.as_str())
            .collect::<Vec<_>>()
            .join(";")
    }),
    ("makers", "#org+name", |c, l| c.makers_label(l)),
    ("reporter_code", "#org+code+reporting", |c, _| {
        c.reporter
            .as_ref()
            .map(|r| r.code.clone())
            .unwrap_or_default()
    }),
    ("kind", "#activity+type", |c, _| c.kind.code().to_string()),
    ("countries", "#country+code", |c, _| c.countries.join(";")),
    ("themes", "#sector+theme", |c, _| c.themes.join(";")),
    ("occasion", "#event+code", |c, _| {
        c.occasion.code().to_string()
    }),
    ("announced_on", "#date+announced", |c, _| {
        c.announced_on.clone()
    }),
    ("deadline", "#date+end", |c, _| c.deadline.clone()),
    ("stage", "#status+code", |c, _| c.stage.code().to_string()),
    ("target", "#targeted+num", |c, _| {
        c.target
            .as_ref()
            .map(|t| t.target.to_string())
            .unwrap_or_default()
    }),
    ("target_unit", "#targeted+unit", |c, _| {
        c.target
            .as_ref()
            .map(|t| t.unit.clone())
            .unwrap_or_default()
    }),
    ("target_what", "#targeted+description", |c, l| {
        c.target
            .as_ref()
            .map(|t| l.pick(&t.what_es, &t.what_en).to_string())
            .unwrap_or_default()
    }),
    ("last_update", "#date+reported", |c, _| {
        c.last_update.clone()
    }),
    ("reporting", "#status+reporting", |c, _| {
        c.reporting.code().to_string()
    }),
    (
        "countries_with_figures",
        "#country+code+reported",
        |c, _| c.countries_with_figures.join(";"),
    ),
    ("source_url", "#meta+url", |c, _| c.source_url.clone()),
    ("example_data", "#meta+example", |c, _| yes(c.is_example)),
];

/// The header and HXL hashtag of each column.
fn headers() -> Vec<(&'static str, &'static str)> {
    COLUMNS.iter().map(|c| (c.0, c.1)).collect()
}

fn rows(list: &[Commitment], lang: Lang) -> Vec<Vec<String>> {
    list.iter()
        .map(|c| COLUMNS.iter().map(|col| (col.2)(c, lang)).collect())
        .collect()
}

/// The commitments as CSV with HXL hashtags, one row per commitment (the same filter as the
/// JSON).
#[utoipa::path(get, path = "/api/v1/commitments.csv", tag = "commitments",
    params(CommitmentQuery, super::LangQuery),
    responses((status = 200, description = "CSV", content_type = "text/csv"),
        (status = 400, description = "An unknown parameter or a bad value")))]
pub async fn export_csv(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    let (q, lang) = params(&pairs)?;
    let list = listed(&state, &q).await?;
    Ok(super::download(
        super::CSV,
        "mirps-hub-commitments.csv",
        super::table_csv(&headers(), &rows(&list, lang))?,
    ))
}

/// The same rows as the CSV, as an Excel workbook.
#[utoipa::path(get, path = "/api/v1/commitments.xlsx", tag = "commitments",
    params(CommitmentQuery, super::LangQuery),
    responses((status = 200, description = "XLSX workbook",
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "An unknown parameter or a bad value")))]
pub async fn export_xlsx(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    let (q, lang) = params(&pairs)?;
    let list = listed(&state, &q).await?;
    let bytes = tokio::task::spawn_blocking(move || {
        super::table_xlsx("commitments", &headers(), &rows(&list, lang))
    })
    .await
    .map_err(|e| AppError::internal("xlsx task", e))??;
    Ok(super::download(
        super::XLSX,
        "mirps-hub-commitments.xlsx",
        bytes,
    ))
}
