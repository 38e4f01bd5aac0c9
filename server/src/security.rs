//! Request-level protections: cross-site request forgery and the Content-Security-Policy.
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
