//! Open data of the good-practices repository: the search with its facets, and every match as CSV
//! (with HXL hashtags) or JSON.

use app::{
    error::AppError,
    i18n::Lang,
    model::{Paging, PracticeQuery, PracticeResults, PracticeSummary, QueryReader},
    server::{store::practices, AppState},
};
use axum::{
    extract::{Query, State},
    response::IntoResponse,
    Json,
};

/// Published good practices: full-text search that ignores accents and case (`q`), one filter
/// per facet, newest first, with facet counts over all matches.
#[utoipa::path(get, path = "/api/v1/practices", tag = "practices",
    params(PracticeQuery, super::PageQuery),
    responses(
        (status = 200, description = "A page of practices with facets", body = PracticeResults),
        (status = 400, description = "An unknown parameter or a bad value, with a message")
    ))]
pub async fn practices_search(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<PracticeResults>, AppError> {
    let read = QueryReader::read::<PracticeQuery>(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Paging::Pages { max_per_page: 100 },
        |_, _, _| false,
    )?;
    let (query, page, per_page) = (
        read.filter,
        read.page.unwrap_or(1),
        read.per_page.unwrap_or(20),
    );
    Ok(Json(
        state
            .practice_search
            .search(&state.db, &query, page, per_page)
            .await?
            .as_ref()
            .clone(),
    ))
}

/// The search and the language of an export (`lang` names the themes and the submitter).
fn export_params(pairs: &[(String, String)]) -> Result<(PracticeQuery, Lang), AppError> {
    let read = QueryReader::read::<PracticeQuery>(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Paging::None,
        |_, _, _| false,
    )?;
    Ok((read.filter, read.lang.unwrap_or_default()))
}

/// The columns of the CSV export: header, HXL hashtag, value.
type Column = (
    &'static str,
    &'static str,
    fn(&PracticeSummary, Lang, &str) -> String,
);

const COLUMNS: [Column; 10] = [
    ("id", "#meta+id", |p, _, _| p.id.to_string()),
    ("title", "#output+title", |p, l, _| p.title(l).0.to_string()),
    ("summary", "#output+description", |p, l, _| {
        app::model::fallback(&p.summary_es, &p.summary_en, l)
            .0
            .to_string()
    }),
    ("submitter_type", "#org+type", |p, _, _| {
        p.submitter_kind.clone()
    }),
    ("submitter_code", "#org+code", |p, _, _| {
        p.submitter_code.clone()
    }),
    ("submitter", "#org+name", |p, l, _| {
        l.pick(&p.submitter_es, &p.submitter_en).to_string()
    }),
    ("year", "#date+year", |p, _, _| p.year.to_string()),
    ("themes", "#sector+theme", |p, _, _| p.themes.join(";")),
    ("url", "#meta+url", |p, l, base| {
        format!("{base}/{}/practices/{}", l.code(), p.id)
    }),
    ("example_data", "#meta+example", |p, _, _| {
        if p.is_example { "yes" } else { "" }.to_string()
    }),
];

/// CSV of every published practice matching the search: a header row, a row of HXL hashtags,
/// then the data.
pub fn practices_csv(
    rows: &[PracticeSummary],
    lang: Lang,
    base: &str,
) -> Result<Vec<u8>, AppError> {
    let mut w = super::CsvOut::new();
    w.row(COLUMNS.iter().map(|c| c.0))?;
    w.row(COLUMNS.iter().map(|c| c.1))?;
    for r in rows {
        w.row(COLUMNS.iter().map(|c| (c.2)(r, lang, base)))?;
    }
    w.finish()
}

/// Every published practice matching the search (no pages), as CSV with HXL hashtags.
#[utoipa::path(get, path = "/api/v1/practices.csv", tag = "practices",
    params(PracticeQuery, super::LangQuery),
    responses((status = 200, description = "CSV", content_type = "text/csv"),
        (status = 400, description = "An unknown parameter or a bad value")))]
pub async fn practices_export_csv(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    let (query, lang) = export_params(&pairs)?;
    let rows = practices::export(&state.db, &query).await?;
    Ok(super::download(
        super::CSV,
        "mirps-hub-practices.csv",
        practices_csv(&rows, lang, &state.settings.public_url)?,
    ))
}

/// Every published practice matching the search (no pages), as JSON.
#[utoipa::path(get, path = "/api/v1/practices.json", tag = "practices",
    params(PracticeQuery, super::LangQuery),
    responses((status = 200, description = "The matching practices", body = [PracticeSummary]),
        (status = 400, description = "An unknown parameter or a bad value")))]
pub async fn practices_export_json(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    let (query, _) = export_params(&pairs)?;
    let rows = practices::export(&state.db, &query).await?;
    Ok(super::download(
        super::JSON,
        "mirps-hub-practices.json",
        Json(rows),
    ))
}
