//! Open data of the local-integration inventory: a country's (or every) entry, with the regional
//! matrix.

use app::{
    error::AppError,
    model::{InventoryEntry, InventoryMatrix},
    server::{store::inventory, AppState},
};
use axum::{
    extract::{Query, State},
    Json,
};
use serde::Serialize;
use utoipa::ToSchema;

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
