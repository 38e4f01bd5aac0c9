//! Open data of the local-integration inventory: a country's (or every) entry, with the regional
//! matrix.

use app::{
    error::AppError,
    model::{query::Filter, InventoryEntry, InventoryMatrix, InventoryQuery},
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
    params(InventoryQuery),
    responses(
        (status = 200, description = "Entries and the matrix", body = Inventory),
        (status = 400, description = "An unknown parameter or a bad value, with a message")
    ))]
pub async fn inventory_list(
    State(state): State<AppState>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<Json<Inventory>, AppError> {
    let q = InventoryQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let known = |v: &String| (!v.is_empty()).then(|| v.clone());
    Ok(Json(Inventory {
        entries: inventory::list(
            &state.db,
            known(&q.country).as_deref(),
            known(&q.theme).as_deref(),
        )
        .await?,
        matrix: inventory::matrix(&state.db).await?,
    }))
}
