//! Local integration in the open-data API: the good-practices search (published practices
//! only) and the inventory of services, programmes and gaps.

use app::{
    error::AppError,
    model::{InventoryEntry, InventoryMatrix, PracticeQuery, PracticeResults},
    server::{
        store::{inventory, practices},
        AppState,
    },
};
use axum::{
    extract::{Query, State},
    Json,
};
use serde::Serialize;
use utoipa::ToSchema;

fn page_of(pairs: &[(String, String)], key: &str, default: u32, max: u32) -> Result<u32, AppError> {
    match pairs.iter().find(|(k, _)| k == key) {
        None => Ok(default),
        Some((_, v)) => v
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                AppError::invalid(
                    key,
                    app::error::Problem::OutOfRange {
                        min: 1,
                        max: i64::from(max),
                    },
                )
            }),
    }
}

/// Published good practices: full-text search that ignores accents and case (`q`), one filter
/// per facet, newest first, with facet counts over all matches.
#[utoipa::path(get, path = "/api/v1/practices", tag = "practices",
    params(
        ("q" = Option<String>, Query, description = "Words to find (accents and case ignored; prefixes match)"),
        ("country" = Option<String>, Query, description = "ISO alpha-2 code of the submitting country"),
        ("theme" = Option<String>, Query, description = "Theme code"),
        ("population" = Option<String>, Query, description = "Population group code"),
        ("submitter" = Option<String>, Query, description = "`country` or `member`"),
        ("year" = Option<i32>, Query, description = "Year of the practice"),
        ("page" = Option<u32>, Query, description = "Page, from 1"),
        ("per_page" = Option<u32>, Query, description = "Results per page, 1 to 100 (default 20)"),
    ),
    responses(
        (status = 200, description = "A page of practices with facets", body = PracticeResults),
        (status = 400, description = "An unknown parameter or a bad value, with a message")
    ))]
pub async fn practices_search(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<PracticeResults>, AppError> {
    let query = PracticeQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let page = page_of(&pairs, "page", 1, 100_000)?;
    let per_page = page_of(&pairs, "per_page", 20, 100)?;
    Ok(Json(
        practices::search(&state.db, &query, page, per_page).await?,
    ))
}

/// The inventory, optionally for one country and one theme, with the regional matrix.
#[derive(Debug, Serialize, ToSchema)]
pub struct Inventory {
    pub entries: Vec<InventoryEntry>,
    pub matrix: InventoryMatrix,
}

/// Services, programmes and gaps for local integration, per country, and the regional matrix
/// (countries x themes).
#[utoipa::path(get, path = "/api/v1/inventory", tag = "inventory",
    params(
        ("country" = Option<String>, Query, description = "ISO alpha-2 code"),
        ("theme" = Option<String>, Query, description = "Theme code"),
    ),
    responses(
        (status = 200, description = "Entries and the matrix", body = Inventory),
        (status = 400, description = "An unknown parameter or a bad value, with a message")
    ))]
pub async fn inventory_list(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<Inventory>, AppError> {
    let mut country = None;
    let mut theme = None;
    let mut errors = Vec::new();
    for (k, v) in pairs {
        let v = v.trim().to_string();
        match k.as_str() {
            "country" if v.len() == 2 && v.chars().all(|c| c.is_ascii_alphabetic()) => {
                country = Some(v.to_ascii_uppercase())
            }
            "theme"
                if !v.is_empty()
                    && v.len() <= 40
                    && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                theme = Some(v)
            }
            "country" | "theme" => errors.push(app::error::FieldError::new(
                k.as_str(),
                app::error::Problem::InvalidFormat,
            )),
            other => errors.push(app::error::FieldError::new(
                other,
                app::error::Problem::UnknownChoice,
            )),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(Json(Inventory {
        entries: inventory::list(&state.db, country.as_deref(), theme.as_deref()).await?,
        matrix: inventory::matrix(&state.db).await?,
    }))
}
