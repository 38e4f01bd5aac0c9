//! The one application state handed to the router and to every server function.

use super::auth::limiter::LoginLimiter;
use super::store::Db;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::net::IpAddr;
use std::sync::Arc;

/// Deployment settings server functions need (read once at start).
#[derive(Clone, Debug)]
pub struct Settings {
    /// The address people use to reach the app, for links in invitations (no trailing slash).
    pub public_url: String,
    /// Reverse proxies whose `X-Forwarded-For` header is believed.
    pub trusted_proxies: Vec<IpAddr>,
    /// Sessions end after this many minutes without a request.
    pub session_idle_minutes: i64,
    /// Sessions end this many hours after signing in, however active.
    pub session_max_hours: i64,
}

impl Settings {
    /// Cookies get the `Secure` flag when the public address is https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            public_url: "http://127.0.0.1:3000".into(),
            trusted_proxies: Vec::new(),
            session_idle_minutes: 120,
            session_max_hours: 12,
        }
    }
}

/// Shared by every request: cheap to clone (everything inside is reference-counted).
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    pub login_limiter: Arc<LoginLimiter>,
    pub aggregates: Arc<super::store::aggregates::AggregateCache>,
    pub imports: Arc<super::imports::ImportJobs>,
    pub practice_search: Arc<super::store::practices::SearchCache>,
    pub vocabulary: Arc<super::store::vocabulary::VocabularyCache>,
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, db: Db, settings: Settings) -> Self {
        AppState {
            leptos_options,
            db,
            settings: Arc::new(settings),
            login_limiter: Arc::new(LoginLimiter::default()),
            aggregates: Arc::default(),
            imports: Arc::default(),
            practice_search: Arc::default(),
            vocabulary: Arc::default(),
        }
    }
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
