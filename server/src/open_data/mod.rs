//! The public JSON API under `/api/v1/`, documented at `/api/openapi.json`.
//! Read-only and open to everyone: it serves published data only.

pub mod commitments;
pub mod contributions;
pub mod events;
pub mod inventory;
pub mod offers;
pub mod plans;
pub mod practices;

use app::{
    error::{AppError, Problem},
    model::{Country, OrgRole, Organisation, StrategyObjective},
    server::{store::reference, AppState},
};
use axum::{
    extract::{Query, State},
    routing::get,
    Json, Router,
};
use serde::Deserialize;
use utoipa::{IntoParams, OpenApi};

/// The type of a CSV download.
pub const CSV: &str = "text/csv; charset=utf-8";
/// The type of a JSON download.
pub const JSON: &str = "application/json";
/// The type of an Excel workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A CSV being written: every cell goes through [`neutralise`], so no download of ours can carry
/// a spreadsheet formula, whoever typed the text.
pub struct CsvOut(csv::Writer<Vec<u8>>);

impl CsvOut {
    pub fn new() -> Self {
        CsvOut(csv::Writer::from_writer(Vec::new()))
    }

    /// One row of cells.
    pub fn row<I, S>(&mut self, cells: I) -> Result<(), AppError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.0
            .write_record(
                cells
                    .into_iter()
                    .map(|c| neutralise(c.as_ref()).into_owned()),
            )
            .map_err(|e| AppError::internal("csv", e))
    }

    /// The finished file.
    pub fn finish(self) -> Result<Vec<u8>, AppError> {
        self.0
            .into_inner()
            .map_err(|e| AppError::internal("csv", e))
    }
}

impl Default for CsvOut {
    fn default() -> Self {
        Self::new()
    }
}

/// A cell a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) gets a leading apostrophe, so it opens as the text it is (the OWASP rule for
/// CSV injection). Plain numbers such as `-3.5` stay numbers.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && plain_number(cell).is_none() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A table of text cells as CSV: a header row, a row of HXL hashtags, then the rows.
pub fn table_csv(columns: &[(&str, &str)], rows: &[Vec<String>]) -> Result<Vec<u8>, AppError> {
    let mut w = CsvOut::new();
    w.row(columns.iter().map(|c| c.0))?;
    w.row(columns.iter().map(|c| c.1))?;
    for r in rows {
        w.row(r)?;
    }
    w.finish()
}

/// A cell that is a plain decimal number ("540000.00", "-3", "1.08"), as a number: what a
/// spreadsheet can add up. Codes with leading zeros, dates and everything else stay text.
fn plain_number(cell: &str) -> Option<f64> {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = !whole.is_empty()
        && whole.len() <= 15
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && (!digits.contains('.') || !frac.is_empty())
        && !(whole.len() > 1 && whole.starts_with('0'));
    plain.then(|| cell.parse().ok()).flatten()
}

/// The same table as an Excel workbook: the header row in bold, the HXL row, then the rows,
/// numbers as numbers; the two header rows stay in view.
pub fn table_xlsx(
    sheet_name: &str,
    columns: &[(&str, &str)],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| AppError::internal("xlsx", e);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(err)?;
    let bold = Format::new().set_bold();
    for (i, c) in columns.iter().enumerate() {
        sheet
            .write_string_with_format(0, i as u16, c.0, &bold)
            .map_err(err)?;
        sheet.write_string(1, i as u16, c.1).map_err(err)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (i, cell) in row.iter().enumerate() {
            let (line, col) = ((r + 2) as u32, i as u16);
            match plain_number(cell) {
                Some(n) => sheet.write_number(line, col, n).map(|_| ()),
                None => sheet.write_string(line, col, cell).map(|_| ()),
            }
            .map_err(err)?;
        }
    }
    sheet.set_freeze_panes(2, 0).map_err(err)?;
    book.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod table_tests {
    use super::{neutralise, plain_number, table_csv};

    #[test]
    fn formulas_open_as_text() {
        for (cell, out) in [
            (
                "=HYPERLINK(\"https://x.example\",\"a\")",
                "'=HYPERLINK(\"https://x.example\",\"a\")",
            ),
            ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-3.50", "-3.50"),
            ("#org+name", "#org+name"),
            ("Plain text = fine", "Plain text = fine"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), out, "{cell:?}");
        }
        let file = table_csv(&[("title", "#meta+title")], &[vec!["=1+1".into()]]).expect("csv");
        assert_eq!(
            String::from_utf8(file).expect("utf-8"),
            "title\n#meta+title\n'=1+1\n"
        );
    }

    #[test]
    fn only_plain_decimals_become_numbers() {
        assert_eq!(plain_number("540000.00"), Some(540_000.0));
        assert_eq!(plain_number("-3"), Some(-3.0));
        assert_eq!(plain_number("0.5"), Some(0.5));
        assert_eq!(plain_number("1.08"), Some(1.08));
        for text in [
            "",
            "GT-P2-01",
            "2024-05-01",
            "007",
            "1.",
            ".5",
            "1e5",
            "+1",
            "1,5",
            "--1",
        ] {
            assert_eq!(plain_number(text), None, "{text}");
        }
    }
}

/// `body` as a file to download: its type, and the name the browser saves it under.
pub fn download(
    content_type: &'static str,
    filename: &str,
    body: impl axum::response::IntoResponse,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        [
            (axum::http::header::CONTENT_TYPE, content_type.to_string()),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "MIRPS Hub open data API",
        description = "Published data of the MIRPS Support Platform: reference lists, contributions, \
                       good practices, inventory, National Action Plans, offers of support, the commitments register and events. Every name is given in Spanish and English.",
        license(name = "CC BY 4.0", url = "https://creativecommons.org/licenses/by/4.0/")
    ),
    paths(countries, organisations, framework, contributions::list, contributions::one,
        contributions::aggregates, contributions::export_json, contributions::export_csv,
        contributions::export_xlsx, practices::practices_search, practices::practices_export_csv, practices::practices_export_json,
        inventory::inventory_list, plans::plans_list, plans::plans_export_csv, plans::plans_export_xlsx,
        offers::offers_list, offers::offers_export_csv, offers::offers_export_xlsx,
        commitments::list, commitments::export_json, commitments::export_csv,
        commitments::export_xlsx, commitments::one, events::list,
        events::feed, events::one),
    components(schemas(Country, Organisation, OrgRole, StrategyObjective,
        app::model::StrategyActivity, app::model::StrategyResult, app::model::ContributionSummary,
        app::model::ContributionKind, app::model::Status, app::model::Stage, app::model::Step,
        app::model::AggregateRow, app::model::Totals, app::model::GroupBy,
        contributions::ContributionPage, contributions::Aggregates,
        app::model::PracticeResults, app::model::PracticeSummary, app::model::Facets,
        app::model::FacetCount, app::model::InventoryEntry, app::model::EntryType,
        app::model::Severity, app::model::InventoryMatrix, app::model::MatrixCell,
        app::model::Named, inventory::Inventory, app::model::EventSummaryItem, app::model::EventKind,
        app::model::EventMode, app::model::EventStatus, plans::PlanWithLines,
        app::model::PlanSummary, app::model::PlanLine, app::model::DeclaredArea,
        app::model::LineRequirement, app::model::LineStatus, app::model::LineFunding,
        app::model::Offer, app::model::OfferKind, app::model::OfferStatus,
        app::model::Commitment, app::model::CommitmentKind, app::model::CommitmentStage,
        app::model::CommitmentReview, app::model::Occasion, app::model::Reporting,
        app::model::Target, app::model::CommitmentUpdate, commitments::CommitmentWithProgress)),
    tags(
        (name = "reference", description = "Countries, organisations and the strategy's results framework"),
        (name = "contributions", description = "Financial and material contributions beyond the pledge, \
            with their status history; money in USD cents (exact integers)"),
        (name = "practices", description = "Good practices on local integration, published after review"),
        (name = "inventory", description = "Services, programmes and gaps for local integration, per country"),
        (name = "plans", description = "National Action Plans: commitment lines with their costed requirements \
            per year (USD cents and the original figure) and status"),
        (name = "offers", description = "Offers of support from members and partners (money, technical \
            assistance, material, training, staff) and how many proposals for plan lines wait for an answer; \
            contact details are never published"),
        (name = "commitments", description = "The commitments register: GRF pledges and other commitments \
            of MIRPS States, members, companies and civil society, announced, with targets and dated progress \
            reports (figures per country and their evidence)"),
        (name = "events", description = "The platform calendar: learning events, meetings, solidarity events, \
            the Global Refugee Forum; as JSON and as ICS feeds with reminders")
    )
)]
pub struct ApiDoc;

impl ApiDoc {
    /// The OpenAPI document as JSON (what `/api/openapi.json` serves).
    pub fn openapi_json() -> serde_json::Value {
        serde_json::to_value(ApiDoc::openapi()).unwrap_or_default()
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/v1/countries", get(countries))
        .route("/v1/organisations", get(organisations))
        .route("/v1/framework", get(framework))
        .route("/v1/contributions", get(contributions::list))
        .route("/v1/contributions.json", get(contributions::export_json))
        .route("/v1/contributions.csv", get(contributions::export_csv))
        .route("/v1/contributions.xlsx", get(contributions::export_xlsx))
        .route("/v1/contributions/{id}", get(contributions::one))
        .route("/v1/aggregates", get(contributions::aggregates))
        .route("/v1/practices", get(practices::practices_search))
        .route("/v1/practices.csv", get(practices::practices_export_csv))
        .route("/v1/practices.json", get(practices::practices_export_json))
        .route("/v1/inventory", get(inventory::inventory_list))
        .route("/v1/plans", get(plans::plans_list))
        .route("/v1/plans.csv", get(plans::plans_export_csv))
        .route("/v1/plans.xlsx", get(plans::plans_export_xlsx))
        .route("/v1/offers", get(offers::offers_list))
        .route("/v1/offers.csv", get(offers::offers_export_csv))
        .route("/v1/offers.xlsx", get(offers::offers_export_xlsx))
        .route("/v1/commitments", get(commitments::list))
        .route("/v1/commitments.json", get(commitments::export_json))
        .route("/v1/commitments.csv", get(commitments::export_csv))
        .route("/v1/commitments.xlsx", get(commitments::export_xlsx))
        .route("/v1/commitments/{id}", get(commitments::one))
        .route("/v1/events", get(events::list))
        .route("/v1/events.ics", get(events::feed))
        .route("/v1/events/{file}", get(events::one))
        .fallback(|| async { AppError::NotFound })
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// The seven MIRPS countries.
#[utoipa::path(get, path = "/api/v1/countries", tag = "reference",
    responses((status = 200, description = "The MIRPS countries", body = [Country])))]
async fn countries(State(state): State<AppState>) -> Result<Json<Vec<Country>>, AppError> {
    Ok(Json(reference::countries(&state.db).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct OrganisationQuery {
    /// `member` (default), `secretariat` or `partner`.
    role: Option<String>,
}

/// Support Platform members, the Technical Secretariat or partners.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "reference", params(OrganisationQuery),
    responses(
        (status = 200, description = "Organisations with the given role", body = [Organisation]),
        (status = 400, description = "Unknown role"),
    ))]
async fn organisations(
    State(state): State<AppState>,
    Query(q): Query<OrganisationQuery>,
) -> Result<Json<Vec<Organisation>>, AppError> {
    let role = match q.role.as_deref() {
        None | Some("") => OrgRole::Member,
        Some(code) => OrgRole::from_code(code)
            .ok_or_else(|| AppError::invalid("role", Problem::UnknownChoice))?,
    };
    Ok(Json(reference::organisations(&state.db, role).await?))
}

/// The strategy's objectives, activities and expected results.
#[utoipa::path(get, path = "/api/v1/framework", tag = "reference",
    responses((status = 200, description = "The results framework", body = [StrategyObjective])))]
async fn framework(
    State(state): State<AppState>,
) -> Result<Json<Vec<StrategyObjective>>, AppError> {
    Ok(Json(reference::framework(&state.db).await?))
}

/// The page of a list (for the OpenAPI document; read by `model::QueryReader`).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PageQuery {
    /// Page, from 1 to 10,000 (default 1).
    page: Option<u32>,
    /// Rows per page: 1 to 500 for contributions (default 50), 1 to 100 for practices (default 20).
    per_page: Option<u32>,
}

/// The language of names, titles and reminders (for the OpenAPI document).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct LangQuery {
    /// `es` (default) or `en`.
    lang: Option<String>,
}
