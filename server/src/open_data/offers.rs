//! Open data of the offers of support: their public fields (never the contact details), as JSON
//! and as CSV with HXL hashtags.

use app::{
    error::AppError,
    i18n::Lang,
    model::{query::Paging, query::QueryReader, Offer, OfferQuery},
    server::{store::offers, AppState},
};
use axum::{
    extract::{Query, State},
    response::IntoResponse,
    Json,
};

/// The offer filter and the language of an export.
fn params(pairs: &[(String, String)]) -> Result<(OfferQuery, Lang), AppError> {
    let read = QueryReader::read::<OfferQuery>(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Paging::None,
        |_, _, _| false,
    )?;
    Ok((read.filter, read.lang.unwrap_or_default()))
}

/// Offers of support from members and partners (by default the active ones: open, in
/// discussion or matched), newest first, with what is still free of each and how many
/// proposals wait for an answer. Amounts in minor units of their currency and in USD cents.
#[utoipa::path(get, path = "/api/v1/offers", tag = "offers",
    params(OfferQuery),
    responses(
        (status = 200, description = "The offers", body = [Offer]),
        (status = 400, description = "An unknown parameter or a bad value, with a message")
    ))]
pub async fn offers_list(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<Vec<Offer>>, AppError> {
    let (q, _) = params(&pairs)?;
    Ok(Json(offers::offers(&state.db, &q).await?))
}

/// Cents as a decimal number, or nothing.
fn cents(v: Option<i64>) -> String {
    v.map(|v| format!("{}.{:02}", v / 100, v % 100))
        .unwrap_or_default()
}

/// The columns of the CSV export: header, HXL hashtag, value of an offer.
type Column = (&'static str, &'static str, fn(&Offer, Lang) -> String);

const COLUMNS: [Column; 17] = [
    ("id", "#activity+id", |o, _| o.id.to_string()),
    ("title", "#activity+name", |o, l| o.title(l).to_string()),
    ("offeror_code", "#org+code", |o, _| o.offeror.code.clone()),
    ("offeror", "#org+name", |o, l| o.offeror.name(l).to_string()),
    ("kind", "#activity+type", |o, _| o.kind.code().to_string()),
    ("regional", "#region", |o, _| {
        if o.regional { "yes" } else { "" }.to_string()
    }),
    ("countries", "#country+code", |o, _| o.countries.join(";")),
    ("themes", "#sector+theme", |o, _| o.themes.join(";")),
    ("pillars", "#sector+pillar", |o, _| {
        o.pillars
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(";")
    }),
    ("currency", "#currency+original", |o, _| o.currency.clone()),
    ("amount", "#value+original", |o, _| cents(o.amount_minor)),
    ("amount_usd", "#value+usd", |o, _| cents(o.amount_usd)),
    ("free_usd", "#value+free+usd", |o, _| cents(o.remaining_usd)),
    ("available_until", "#date+end", |o, _| {
        o.available_until.clone()
    }),
    ("status", "#status+code", |o, _| o.status.code().to_string()),
    ("in_discussion", "#indicator+proposals", |o, _| {
        o.in_discussion.to_string()
    }),
    ("example_data", "#meta+example", |o, _| {
        if o.is_example { "yes" } else { "" }.to_string()
    }),
];

/// CSV of offers: a header row, a row of HXL hashtags, then one row per offer.
pub fn offers_csv(offers: &[Offer], lang: Lang) -> Result<Vec<u8>, AppError> {
    super::table_csv(&headers(), &rows(offers, lang))
}

/// The header and HXL hashtag of each column.
fn headers() -> Vec<(&'static str, &'static str)> {
    COLUMNS.iter().map(|c| (c.0, c.1)).collect()
}

fn rows(offers: &[Offer], lang: Lang) -> Vec<Vec<String>> {
    offers
        .iter()
        .map(|o| COLUMNS.iter().map(|c| (c.2)(o, lang)).collect())
        .collect()
}

/// The offers as CSV with HXL hashtags, one row per offer (the same filter as the JSON).
#[utoipa::path(get, path = "/api/v1/offers.csv", tag = "offers",
    params(OfferQuery, super::LangQuery),
    responses((status = 200, description = "CSV", content_type = "text/csv"),
        (status = 400, description = "An unknown parameter or a bad value")))]
pub async fn offers_export_csv(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    let (q, lang) = params(&pairs)?;
    let list = offers::offers(&state.db, &q).await?;
    Ok(super::download(
        super::CSV,
        "mirps-hub-offers.csv",
        offers_csv(&list, lang)?,
    ))
}

/// The same rows as the CSV, as an Excel workbook (amounts as numbers).
#[utoipa::path(get, path = "/api/v1/offers.xlsx", tag = "offers",
    params(OfferQuery, super::LangQuery),
    responses((status = 200, description = "XLSX workbook",
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 400, description = "An unknown parameter or a bad value")))]
pub async fn offers_export_xlsx(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    let (q, lang) = params(&pairs)?;
    let list = offers::offers(&state.db, &q).await?;
    let bytes = tokio::task::spawn_blocking(move || {
        super::table_xlsx("offers", &headers(), &rows(&list, lang))
    })
    .await
    .map_err(|e| AppError::internal("xlsx task", e))??;
    Ok(super::download(super::XLSX, "mirps-hub-offers.xlsx", bytes))
}
