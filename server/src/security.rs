//! Request-level protections: cross-site request forgery, the Content-Security-Policy, the size
//! of a request's body and how long a request may take.
//!
//! CSRF: every state-changing request (anything but GET/HEAD/OPTIONS), server functions and
//! plain form posts included, is refused with 403 when the browser says it comes from another
//! site: `Sec-Fetch-Site: cross-site`, or an `Origin` whose host differs from the request's
//! `Host`. Browsers always send `Origin` on cross-origin POSTs, and session cookies are
//! `SameSite=Lax`, so a forged form or fetch from another site carries neither the cookie nor a
//! matching origin. Non-browser clients (no Origin header) have no victim's cookie to abuse.

use app::error::AppError;
use axum::{
    body::Body,
    http::{header, HeaderMap, Method, Request},
    middleware::Next,
    response::{IntoResponse, Response},
};

/// The policy for HTML pages: only this site's scripts (the hydration script carries the
/// per-response nonce), the wasm it instantiates, and nothing framing us.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// The policy for everything that is not a page (JSON, files, redirects).
pub const STRICT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Where a page's render leaves its nonce for [`page_csp_header`] (in the request's extensions).
#[derive(Clone, Debug, Default)]
pub struct PageNonce(std::sync::Arc<std::sync::Mutex<Option<String>>>);

impl PageNonce {
    fn set(&self, nonce: String) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(nonce);
    }

    fn get(&self) -> Option<String> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Leptos context hook: hands the nonce the page renders with to [`page_csp_header`], which
/// sets the page's CSP. (The header is set by the middleware rather than through
/// `ResponseOptions`, so that a page can never go out without the policy its scripts need.)
pub fn provide_page_csp() {
    use leptos::prelude::use_context;
    let Some(nonce) = leptos::nonce::use_nonce() else {
        return;
    };
    if let Some(slot) = use_context::<axum::http::request::Parts>()
        .and_then(|p| p.extensions.get::<PageNonce>().cloned())
    {
        slot.set(nonce.to_string());
    }
}

/// Middleware: every HTML page gets the CSP with the nonce its render used.
pub async fn page_csp_header(mut req: Request<Body>, next: Next) -> Response {
    let slot = PageNonce::default();
    req.extensions_mut().insert(slot.clone());
    let mut res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        if let Some(value) = slot
            .get()
            .and_then(|n| header::HeaderValue::from_str(&page_csp(&n)).ok())
        {
            res.headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    res
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// True when the request's own headers say it was sent from another site.
pub fn is_cross_site(headers: &HeaderMap) -> bool {
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("cross-site"))
    {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'));
    match (origin_host, host) {
        (Some(o), Some(h)) => !o.eq_ignore_ascii_case(h),
        // "null" or a malformed origin on a state-changing request: refuse.
        _ => true,
    }
}

/// Middleware: refuses cross-site state-changing requests with 403.
pub async fn reject_cross_site(req: Request<Body>, next: Next) -> Response {
    if !is_safe(req.method()) && is_cross_site(req.headers()) {
        tracing::warn!(method = %req.method(), path = %req.uri().path(), "cross-site request refused");
        return AppError::Forbidden.into_response();
    }
    next.run(req).await
}

/// The largest body a request may carry, uploads apart (they have their own, bigger limit and
/// report a file that is too big on the import page).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// How long the app works on one request before answering 503 with `Retry-After`.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Bodies over [`MAX_BODY_BYTES`] get 413 before any handler sees them: at once when
/// `Content-Length` says so, otherwise as soon as the stream passes the limit. The body is read
/// here, so a handler never fails half-way through reading it.
pub async fn limit_body(req: Request<Body>, next: Next) -> Response {
    if req.uri().path().starts_with("/import/") {
        return next.run(req).await;
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return AppError::TooLarge.into_response();
    }
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(e) => {
            let too_large = std::error::Error::source(&e)
                .is_some_and(|s| s.is::<http_body_util::LengthLimitError>());
            if too_large {
                AppError::TooLarge.into_response()
            } else {
                // The client went away or sent a broken body: nothing to answer to but a 400.
                AppError::Validation(Vec::new()).into_response()
            }
        }
    }
}

/// Ends a session that signed in more than `max_hours` ago, however active it has been since
/// (the idle expiry alone would let a busy stolen cookie live for ever). Runs inside the sign-in
/// layer, so the request goes on as signed out.
pub async fn end_old_sessions(
    axum::extract::State(max_hours): axum::extract::State<i64>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    use app::server::auth::{session_expired, AuthSession, SIGNED_IN_AT};
    if let Some(auth) = req.extensions_mut().get_mut::<AuthSession>() {
        if auth.user.is_some() {
            let at = auth.session.get::<i64>(SIGNED_IN_AT).await.ok().flatten();
            if session_expired(at, chrono::Utc::now().timestamp(), max_hours) {
                tracing::info!("session past its lifetime ended");
                if let Err(e) = auth.logout().await {
                    tracing::error!(error = %e, "ending an old session");
                    return AppError::Unavailable.into_response();
                }
            }
        }
    }
    next.run(req).await
}

/// A request still not answered after [`REQUEST_TIMEOUT`] gets 503 (with `Retry-After`, as every
/// 503 gets from `router::with_middleware`), and its work is dropped (a write's transaction rolls
/// back).
pub async fn time_limit(req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(req)).await {
        Ok(res) => res,
        Err(_) => {
            tracing::warn!(path, "request timed out");
            AppError::Unavailable.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().expect("header"));
        }
        h
    }

    #[test]
    fn detects_cross_site_requests() {
        assert!(!is_cross_site(&headers(&[("host", "hub.example")])));
        assert!(!is_cross_site(&headers(&[
            ("host", "hub.example"),
            ("origin", "https://hub.example")
        ])));
        assert!(!is_cross_site(&headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000")
        ])));
        assert!(is_cross_site(&headers(&[
            ("host", "hub.example"),
            ("origin", "https://evil.example")
        ])));
        assert!(is_cross_site(&headers(&[
            ("host", "hub.example"),
            ("origin", "null")
        ])));
        assert!(is_cross_site(&headers(&[
            ("host", "hub.example"),
            ("sec-fetch-site", "cross-site")
        ])));
        assert!(!is_cross_site(&headers(&[
            ("host", "hub.example"),
            ("sec-fetch-site", "same-origin")
        ])));
    }
}
