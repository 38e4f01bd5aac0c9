//! `build_router(state)`: every route and middleware of the app, kept apart from `main` so that
//! tests drive the very same router with `oneshot`.

use crate::{exports, imports, open_data, security};
use app::{
    i18n::Lang,
    server::{
        auth::{sessions::DbSessionStore, Backend},
        AppState,
    },
    shell, App,
};
use axum::{
    body::Body,
    extract::State,
    http::{header, HeaderMap, HeaderValue, Request, Response, StatusCode},
    middleware,
    response::IntoResponse,
    routing::get,
    Router,
};
use axum_login::AuthManagerLayerBuilder;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::{any::Any, sync::OnceLock};
use tower_http::{
    catch_panic::CatchPanicLayer, compression::CompressionLayer,
    set_header::SetResponseHeaderLayer, trace::TraceLayer,
};
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};

/// The name of the session cookie on plain http (development, tests).
pub const SESSION_COOKIE: &str = "mirps_session";
/// Its name on https: browsers accept a `__Host-` cookie only when it is `Secure`, for the whole
/// site (`Path=/`) and bound to this host (no `Domain`), so no sibling site can plant or
/// overwrite it.
pub const HOST_SESSION_COOKIE: &str = "__Host-mirps_session";

/// The whole application: routes, sessions and sign-in, and the middleware.
pub fn build_router(state: AppState) -> Router {
    let store = DbSessionStore::new(&state.db);
    let idle = tower_sessions::cookie::time::Duration::minutes(state.settings.session_idle_minutes);
    let secure = state.settings.secure_cookies();
    let sessions = SessionManagerLayer::new(store)
        .with_name(if secure {
            HOST_SESSION_COOKIE
        } else {
            SESSION_COOKIE
        })
        .with_path("/")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_expiry(Expiry::OnInactivity(idle));
    let auth = AuthManagerLayerBuilder::new(Backend::new(state.db.clone()), sessions).build();
    let max_hours = state.settings.session_max_hours;
    let router = with_middleware(
        routes(state)
            .layer(middleware::from_fn_with_state(
                max_hours,
                security::end_old_sessions,
            ))
            .layer(auth)
            .layer(middleware::from_fn(security::reject_cross_site))
            .layer(middleware::from_fn(security::page_csp_header))
            .layer(middleware::from_fn(security::limit_body))
            .layer(middleware::from_fn(security::time_limit)),
    );
    if secure {
        // On https, browsers are told to come back only over https for a year.
        router.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ))
    } else {
        router
    }
}

/// The routes without middleware.
pub fn routes(state: AppState) -> Router {
    let page_routes = page_routes();
    let options = state.leptos_options.clone();
    Router::new()
        .route("/", get(root_redirect))
        .route("/healthz", get(healthz))
        .nest("/api", open_data::router())
        .nest("/export", exports::router())
        .nest("/import", imports::router())
        .route(
            "/feeds/{token}/{file}",
            get(open_data::events::personal_feed),
        )
        .leptos_routes_with_context(&state, page_routes, security::provide_page_csp, move || {
            shell(options.clone())
        })
        .fallback(fallback)
        .with_state(state)
}

/// The page routes, worked out once per process.
///
/// Working them out renders the app with resource loading switched off through a process-wide
/// flag; a page rendered on another thread meanwhile (several routers in one test process) would
/// wait for its data forever. Done once, before any router exists, nothing can overlap it.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Static files from the site folder, `/es` and `/en` sent on to their home pages, and the
/// translated 404 page for everything else.
async fn fallback(
    uri: axum::http::Uri,
    state: State<AppState>,
    req: Request<Body>,
) -> Response<Body> {
    let path = uri.path().trim_end_matches('/');
    if let Some(lang) = Lang::from_code(path.trim_start_matches('/')) {
        if !path.is_empty() && uri.path() != "/" {
            return (
                StatusCode::MOVED_PERMANENTLY,
                [(header::LOCATION, format!("/{}/", lang.code()))],
            )
                .into_response();
        }
    }
    leptos_axum::file_and_error_handler_with_context::<AppState, _>(
        security::provide_page_csp,
        shell,
    )(uri, state, req)
    .await
}

/// Middleware every response goes through: tracing, panics turned into a 500 page, compression
/// and security headers.
pub fn with_middleware(router: Router) -> Router {
    router
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(security::STRICT_CSP),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(middleware::map_response(retry_after_on_503))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TraceLayer::new_for_http())
}

/// A 503 (the database is away, a request took too long) tells clients when to try again, so
/// that browsers, crawlers and balancers back off instead of hammering.
async fn retry_after_on_503(mut res: Response<Body>) -> Response<Body> {
    if res.status() == StatusCode::SERVICE_UNAVAILABLE {
        res.headers_mut()
            .entry(header::RETRY_AFTER)
            .or_insert(HeaderValue::from_static("5"));
    }
    res
}

/// `/` sends people to their language: the browser's preferred of Spanish and English.
async fn root_redirect(headers: HeaderMap) -> impl IntoResponse {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let lang = Lang::negotiate(accept);
    (
        StatusCode::FOUND,
        [
            (header::LOCATION, format!("/{}/", lang.code())),
            (header::VARY, "Accept-Language".to_string()),
        ],
    )
}

/// 200 only when the database answers; load balancers take the instance out otherwise.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(err) => {
            tracing::error!(error = %err, "health check: database not answering");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// A panic in a handler becomes a plain bilingual 500 page; the panic message is logged only.
fn panic_response(err: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = detail, "handler panicked");
    let es = Lang::Es.t();
    let en = Lang::En.t();
    let body = format!(
        "<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>{} · MIRPS Hub</title>\
         <link rel=\"stylesheet\" href=\"/pkg/mirps-hub.css\"></head><body><main id=\"main\" class=\"page page--narrow\">\
         <h1>{}</h1><p>{}</p><p lang=\"en\">{}</p><p><a href=\"/es/\">{}</a> · <a href=\"/en/\" lang=\"en\">{}</a></p>\
         </main></body></html>",
        es.error_title, es.error_title, es.err_internal, en.err_internal, es.back_home, en.back_home
    );
    Response::builder()
        .status(StatusCode::INTERNAL_SERVER_ERROR)
        .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
        .header(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'self'; frame-ancestors 'none'",
        )
        .body(Body::from(body))
        .unwrap_or_else(|_| Response::new(Body::from("Internal Server Error")))
}
