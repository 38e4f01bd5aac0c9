//! Pages under concurrent requests. In a binary of its own and as one test: each check runs on a
//! multi-threaded runtime, and two runtimes in one process (other tests, run in parallel) made
//! the harness hang, Leptos' task executor going down with the runtime that started it.

use crate::common::spawn;
use app::server::store::Engine;

/// Under concurrent load every page keeps its own CSP, with the nonce its scripts carry (a page
/// that got the strict policy instead could not start its scripts).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_under_concurrent_load() {
    every_page_has_the_csp_of_its_own_nonce().await;
    refusals_keep_their_status().await;
}

async fn every_page_has_the_csp_of_its_own_nonce() {
    let app = spawn(Engine::Sqlite).await;
    let mut tasks = Vec::new();
    for i in 0..240 {
        let router = app.router.clone();
        let path = [
            "/en/about",
            "/es/",
            "/en/dashboard",
            "/es/contributions",
            "/en/contributions/1",
        ][i % 5];
        tasks.push(tokio::spawn(get(router, path)));
    }
    for t in tasks {
        let Page {
            path, csp, body, ..
        } = t.await.expect("task");
        let nonce = body
            .split("nonce=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{path}: no nonce in the page"));
        assert!(
            csp.contains(&format!("'nonce-{nonce}'")),
            "{path}: CSP {csp:?} does not allow the page's nonce {nonce}"
        );
    }
    app.finish().await;
}

/// Under concurrent load every page keeps its own outcome: pages that refuse an anonymous visitor
/// answer 401 with the sign-in panel, every time (never 200 with an empty section, never a 500),
/// missing records answer 404 with the error panel, and public pages rendered alongside them answer
/// 200 without an error panel. (Errors once went
/// through a per-thread hook and could land in another request's page.)
async fn refusals_keep_their_status() {
    let app = spawn(Engine::Sqlite).await;
    for round in 0..3 {
        let mut tasks = Vec::new();
        for i in 0..240 {
            let router = app.router.clone();
            let path = [
                "/en/account",
                "/en/about",
                "/es/admin/users",
                "/es/contributions",
                "/en/contributions/new",
                "/en/events/mine",
                "/en/contributions/987654",
                "/es/practices/987654",
                "/en/events/987654",
            ][i % 9];
            tasks.push(tokio::spawn(get(router, path)));
        }
        for t in tasks {
            let Page {
                path, status, body, ..
            } = t.await.expect("task");
            if path.ends_with("/987654") {
                // Looked up in the database: the page's data is never ready when it is first drawn.
                assert_eq!(
                    status,
                    axum::http::StatusCode::NOT_FOUND,
                    "round {round}: {path}"
                );
                assert!(
                    body.contains("data-test-id=\"error-panel\""),
                    "round {round}: {path}: {body}"
                );
            } else if !matches!(path, "/en/about" | "/es/contributions") {
                assert_eq!(
                    status,
                    axum::http::StatusCode::UNAUTHORIZED,
                    "round {round}: {path}"
                );
                assert!(
                    body.contains("data-test-id=\"signin-needed\""),
                    "round {round}: {path}: {body}"
                );
            } else {
                assert_eq!(status, axum::http::StatusCode::OK, "round {round}: {path}");
                assert!(
                    !body.contains("error-panel"),
                    "round {round}: {path} shows an error panel: {body}"
                );
            }
        }
    }
    app.finish().await;
}

/// One page as a concurrent request got it.
struct Page {
    path: &'static str,
    status: axum::http::StatusCode,
    csp: String,
    body: String,
}

async fn get(router: axum::Router, path: &'static str) -> Page {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let req = axum::http::Request::get(path)
        .header("host", "127.0.0.1:3000")
        .body(axum::body::Body::empty())
        .expect("request");
    let res = router.oneshot(req).await.expect("response");
    let status = res.status();
    let csp = res
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = res.into_body().collect().await.expect("body").to_bytes();
    Page {
        path,
        status,
        csp,
        body: String::from_utf8_lossy(&body).to_string(),
    }
}
