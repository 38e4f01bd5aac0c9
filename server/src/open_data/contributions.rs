//! Open data on contributions: the filtered list (JSON, CSV with HXL hashtags, XLSX), one
//! contribution with its history, and aggregates. The filters are the dashboard's, as query
//! parameters; invalid parameters are a 400 with a message, never a 500.

use app::{
    error::{AppError, Problem},
    i18n::Lang,
    model::{
        AggregateRow, ContributionFilter, ContributionSummary, GroupBy, Paging, QueryReader, Totals,
    },
    server::{store::contributions, AppState},
};
use axum::{
    extract::{Path, Query, State},
    response::IntoResponse,
    Json,
};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

/// At most this many rows in one export; narrow the filter for more.
pub const EXPORT_LIMIT: i64 = 200_000;

/// Reads the shared filters plus this endpoint's own parameters from the query string.
pub struct Params {
    pub filter: ContributionFilter,
    pub page: i64,
    pub per_page: i64,
    pub group_by: Option<GroupBy>,
    pub lang: Lang,
}

pub fn parse_params(pairs: &[(String, String)]) -> Result<Params, AppError> {
    let mut group_by = None;
    let read = QueryReader::read::<ContributionFilter>(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Paging::Pages { max_per_page: 500 },
        |k, v, r| {
            if k != "group_by" {
                return false;
            }
            if !v.trim().is_empty() {
                group_by = r.choice(k, v.trim(), GroupBy::from_code);
            }
            true
        },
    )?;
    Ok(Params {
        filter: read.filter,
        page: read.page.map_or(1, i64::from),
        per_page: read.per_page.map_or(50, i64::from),
        group_by,
        lang: read.lang.unwrap_or_default(),
    })
}

/// How the aggregates are grouped (for the OpenAPI document).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct GroupByQuery {
    /// `donor`, `country`, `pillar`, `kind`, `status` or `year`.
    group_by: String,
}

#[derive(Serialize, ToSchema)]
pub struct ContributionPage {
    pub items: Vec<ContributionSummary>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

#[derive(Serialize, ToSchema)]
pub struct Aggregates {
    pub group_by: GroupBy,
    /// Totals of the whole filtered view, with `required_usd` from the national requirements.
    pub totals: Totals,
    pub rows: Vec<AggregateRow>,
}

/// Contributions matching the filters, newest first, paginated. Money in USD cents.
#[utoipa::path(get, path = "/api/v1/contributions", tag = "contributions", params(ContributionFilter, super::PageQuery, super::LangQuery),
    responses((status = 200, body = ContributionPage), (status = 400, description = "Invalid parameter")))]
pub async fn list(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<ContributionPage>, AppError> {
    let p = parse_params(&pairs)?;
    let (items, total) = contributions::list(&state.db, &p.filter, p.page, p.per_page).await?;
    Ok(Json(ContributionPage {
        items,
        total,
        page: p.page,
        per_page: p.per_page,
    }))
}

/// One contribution with its steps (the full status history) and its pass-through links.
#[utoipa::path(get, path = "/api/v1/contributions/{id}", tag = "contributions",
    params(("id" = i64, Path, description = "Contribution id")),
    responses((status = 200, description = "The contribution"), (status = 404, description = "Unknown or withdrawn")))]
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::invalid("id", Problem::InvalidFormat))?;
    let detail = contributions::get(&state.db, id, false)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(detail))
}

/// Totals and one group-by over the filtered contributions (from the summary kept on write).
#[utoipa::path(get, path = "/api/v1/aggregates", tag = "contributions", params(ContributionFilter, GroupByQuery),
    responses((status = 200, body = Aggregates), (status = 400, description = "Invalid parameter")))]
pub async fn aggregates(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<Aggregates>, AppError> {
    let p = parse_params(&pairs)?;
    let group_by = p
        .group_by
        .ok_or_else(|| AppError::invalid("group_by", Problem::Required))?;
    let cube = state.aggregates.cube(&state.db).await?;
    let rows = state
        .aggregates
        .group(&state.db, &p.filter, group_by)
        .await?;
    Ok(Json(Aggregates {
        group_by,
        totals: cube.totals(&p.filter),
        rows: rows.as_ref().clone(),
    }))
}

/// The parameters of an export and the rows they select.
async fn exported(
    state: &AppState,
    pairs: &[(String, String)],
) -> Result<(Params, Vec<ContributionSummary>), AppError> {
    let p = parse_params(pairs)?;
    let rows = contributions::export(&state.db, &p.filter, EXPORT_LIMIT).await?;
    Ok((p, rows))
}

/// Every contribution matching the filters as JSON (the export of the filtered view).
#[utoipa::path(get, path = "/api/v1/contributions.json", tag = "contributions", params(ContributionFilter, super::PageQuery, super::LangQuery),
    responses((status = 200, body = [ContributionSummary]), (status = 400, description = "Invalid parameter")))]
pub async fn export_json(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    let (_, rows) = exported(&state, &pairs).await?;
    Ok(super::download(
        super::JSON,
        "mirps-hub-contributions.json",
        Json(rows),
    ))
}

/// The export columns: header, HXL hashtag, and the value of a row.
type Column = (
    &'static str,
    &'static str,
    fn(&ContributionSummary, Lang) -> Cell,
);

pub enum Cell {
    Text(String),
    Int(i64),
    /// USD cents, written as dollars with two decimals.
    Usd(i64),
}

fn pillar_name(p: Option<i32>, lang: Lang) -> String {
    let names = [
        ("Recepción y admisión", "Reception and admission"),
        (
            "Necesidades inmediatas y persistentes",
            "Immediate and persistent needs",
        ),
        (
            "Apoyo a los países y comunidades de acogida",
            "Support to host countries and communities",
        ),
        ("Soluciones duraderas", "Durable solutions"),
    ];
    p.and_then(|p| names.get((p - 1) as usize))
        .map(|(es, en)| lang.pick(es, en).to_string())
        .unwrap_or_default()
}

pub const COLUMNS: &[Column] = &[
    ("id", "#meta+id", |c, _| Cell::Int(c.id)),
    ("decision_date", "#date+decision", |c, _| {
        Cell::Text(c.decision_date.clone())
    }),
    ("donor", "#org+name+funder", |c, l| {
        Cell::Text(c.donor(l).to_string())
    }),
    ("donor_code", "#org+code+funder", |c, _| {
        Cell::Text(c.donor_code.clone())
    }),
    ("recipient", "#country+name", |c, l| {
        Cell::Text(c.recipient(l).to_string())
    }),
    ("recipient_iso3", "#country+iso3", |c, _| {
        Cell::Text(c.recipient_iso3.clone().unwrap_or_default())
    }),
    ("channel", "#org+name+impl", |c, l| {
        Cell::Text(l.pick(&c.channel_es, &c.channel_en).to_string())
    }),
    ("kind", "#meta+kind", |c, l| {
        Cell::Text(c.kind.name(l).to_string())
    }),
    ("financing_mechanism", "#meta+financing", |c, l| {
        Cell::Text(
            c.mechanism
                .map(|m| m.name(l).to_string())
                .unwrap_or_default(),
        )
    }),
    ("pillar", "#sector+name", |c, l| {
        Cell::Text(pillar_name(c.pillar, l))
    }),
    ("sector", "#sector+code", |c, _| {
        Cell::Text(c.sector_code.clone().unwrap_or_default())
    }),
    ("working_group", "#meta+working_group", |c, _| {
        Cell::Text(c.working_group_code.clone().unwrap_or_default())
    }),
    ("status", "#status+text", |c, l| {
        Cell::Text(c.status.name(l).to_string())
    }),
    ("title", "#description+title", |c, l| {
        Cell::Text(c.title(l).to_string())
    }),
    ("original_currency", "#currency", |c, _| {
        Cell::Text(c.currency.clone())
    }),
    ("pledged_usd", "#value+pledged+usd", |c, _| {
        Cell::Usd(c.pledged_usd)
    }),
    ("committed_usd", "#value+committed+usd", |c, _| {
        Cell::Usd(c.committed_usd)
    }),
    ("disbursed_usd", "#value+disbursed+usd", |c, _| {
        Cell::Usd(c.disbursed_usd)
    }),
    ("implemented_usd", "#value+implemented+usd", |c, _| {
        Cell::Usd(c.implemented_usd)
    }),
    ("funded_usd", "#value+funding+total+usd", |c, _| {
        Cell::Usd(c.funded_usd())
    }),
    ("routed_through", "#meta+parent", |c, _| {
        Cell::Text(c.parent_id.map(|p| p.to_string()).unwrap_or_default())
    }),
    ("example_data", "#meta+example", |c, _| {
        Cell::Text(if c.is_example { "yes" } else { "" }.into())
    }),
];

fn usd_text(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, (cents % 100).abs())
}

/// CSV of exactly the filtered view: a header row, a row of HXL hashtags, then the data.
pub fn to_csv(rows: &[ContributionSummary], lang: Lang) -> Result<Vec<u8>, AppError> {
    let mut w = super::CsvOut::new();
    w.row(COLUMNS.iter().map(|c| c.0))?;
    w.row(COLUMNS.iter().map(|c| c.1))?;
    for r in rows {
        w.row(COLUMNS.iter().map(|c| match (c.2)(r, lang) {
            Cell::Text(t) => t,
            Cell::Int(i) => i.to_string(),
            Cell::Usd(u) => usd_text(u),
        }))?;
    }
    w.finish()
}

/// XLSX of exactly the filtered view, with the same two header rows as the CSV.
pub fn to_xlsx(rows: &[ContributionSummary], lang: Lang) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| AppError::internal("xlsx", e);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("contributions").map_err(err)?;
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    for (i, c) in COLUMNS.iter().enumerate() {
        let col = i as u16;
        sheet
            .write_string_with_format(0, col, c.0, &bold)
            .map_err(err)?;
        sheet.write_string(1, col, c.1).map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let line = (r + 2) as u32;
        for (i, c) in COLUMNS.iter().enumerate() {
            let col = i as u16;
            match (c.2)(row, lang) {
                Cell::Text(t) => sheet.write_string(line, col, t).map(|_| ()),
                Cell::Int(v) => sheet.write_number(line, col, v as f64).map(|_| ()),
                // Spreadsheet cells are binary floats; the exact value is also in the CSV and JSON.
                Cell::Usd(v) => sheet
                    .write_number_with_format(line, col, v as f64 / 100.0, &money)
                    .map(|_| ()),
            }
            .map_err(err)?;
        }
    }
    sheet.set_freeze_panes(2, 0).map_err(err)?;
    book.save_to_buffer().map_err(err)
}

/// The filtered view as CSV (names in `lang`, HXL hashtags in the second row).
#[utoipa::path(get, path = "/api/v1/contributions.csv", tag = "contributions", params(ContributionFilter, super::PageQuery, super::LangQuery),
    responses((status = 200, description = "CSV", content_type = "text/csv"), (status = 400, description = "Invalid parameter")))]
pub async fn export_csv(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    let (p, rows) = exported(&state, &pairs).await?;
    Ok(super::download(
        super::CSV,
        "mirps-hub-contributions.csv",
        to_csv(&rows, p.lang)?,
    ))
}

/// The filtered view as an Excel workbook.
#[utoipa::path(get, path = "/api/v1/contributions.xlsx", tag = "contributions", params(ContributionFilter, super::PageQuery, super::LangQuery),
    responses((status = 200, description = "XLSX workbook",
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "Invalid parameter")))]
pub async fn export_xlsx(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    let (p, rows) = exported(&state, &pairs).await?;
    let bytes = tokio::task::spawn_blocking(move || to_xlsx(&rows, p.lang))
        .await
        .map_err(|e| AppError::internal("xlsx task", e))??;
    Ok(super::download(
        super::XLSX,
        "mirps-hub-contributions.xlsx",
        bytes,
    ))
}
