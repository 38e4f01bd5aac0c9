//! The one application state handed to the router and to every server function.

use super::store::Db;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

/// Shared by every request: cheap to clone (the pool and options are reference-counted).
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state of the request being served. Server functions call this; it is provided by the router.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>()
        .ok_or_else(|| crate::error::AppError::internal("state", "AppState missing from context"))
}
