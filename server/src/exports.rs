//! Downloads for signed-in people (not part of the public API): the audit trail as CSV.
//! Each route authorises with the same policy as the server functions before reading anything.

use app::{
    error::AppError,
    model::{AuditFilter, Paging, QueryReader},
    server::{
        auth::{authorize, Action, AuthSession},
        store::audit,
        AppState,
    },
};
use axum::{
    extract::{Query, State},
    http::header,
    response::IntoResponse,
    routing::get,
    Router,
};

/// At most this many rows per export; narrow the filter for more.
pub const EXPORT_LIMIT: i64 = 100_000;

pub fn router() -> Router<AppState> {
    Router::new().route("/audit.csv", get(audit_csv)).route(
        "/events/{id}/{file}",
        get(crate::open_data::events::participants_csv),
    )
}

async fn audit_csv(
    State(state): State<AppState>,
    session: AuthSession,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Result<impl IntoResponse, AppError> {
    authorize(session.user.as_ref(), &Action::ViewAudit)?;
    let filter = QueryReader::read::<AuditFilter>(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Paging::None,
        |_, _, _| false,
    )?
    .filter;
    let entries = audit::all(&state.db, &filter, EXPORT_LIMIT).await?;
    let mut w = crate::open_data::CsvOut::new();
    let header_row = [
        "id",
        "at_utc",
        "actor_email",
        "action",
        "entity",
        "record_id",
        "before",
        "after",
        "reason",
    ];
    w.row(header_row)?;
    for e in entries {
        let json =
            |v: &Option<serde_json::Value>| v.as_ref().map(|v| v.to_string()).unwrap_or_default();
        w.row([
            e.id.to_string(),
            e.at.to_rfc3339(),
            e.actor_email.clone().unwrap_or_default(),
            e.action.clone(),
            e.entity.clone(),
            e.entity_id.clone(),
            json(&e.before),
            json(&e.after),
            e.reason.clone().unwrap_or_default(),
        ])?;
    }
    let bytes = w.finish()?;
    // Private: never kept by a shared cache.
    let file = crate::open_data::download(crate::open_data::CSV, "mirps-hub-audit.csv", bytes);
    Ok(([(header::CACHE_CONTROL, "private, no-store")], file))
}
