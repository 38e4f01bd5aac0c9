//! Shared helpers for the router tests: a prepared app on a fresh database, and request helpers.

#![allow(dead_code)]

use app::server::{seed, store::Engine, testing::TestDb, AppState};
use axum::{
    body::Body,
    http::{Request, Response},
    Router,
};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub test_db: TestDb,
}

pub async fn spawn(engine: Engine) -> TestApp {
    let test_db = TestDb::new(engine).await;
    seed::demo::apply(&test_db.db).await.expect("demo data");
    let leptos_options = LeptosOptions::builder()
        .output_name("mirps-hub")
        .site_root("target/site")
        .build();
    let state = AppState {
        leptos_options,
        db: test_db.db.clone(),
    };
    TestApp {
        router: server::router::build_router(state.clone()),
        state,
        test_db,
    }
}

impl TestApp {
    pub async fn get(&self, uri: &str) -> (Response<Body>, String) {
        self.request(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    pub async fn request(&self, req: Request<Body>) -> (Response<Body>, String) {
        let res = self.router.clone().oneshot(req).await.expect("response");
        let (parts, body) = res.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes();
        let text = String::from_utf8_lossy(&bytes).to_string();
        (Response::from_parts(parts, Body::empty()), text)
    }

    pub async fn post_form(&self, uri: &str, form: &str) -> (Response<Body>, String) {
        self.request(
            Request::post(uri)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(form.to_string()))
                .expect("request"),
        )
        .await
    }

    pub async fn finish(self) {
        self.test_db.cleanup().await;
    }
}

/// Text a page must never show: internals of the store or the server.
pub fn assert_no_internals(body: &str) {
    for leak in [
        "sqlx",
        "SELECT ",
        "no such table",
        "relation \"",
        "panicked",
        ".rs:",
        "/root/",
        "PoolClosed",
    ] {
        assert!(
            !body.contains(leak),
            "response leaks internals ({leak}): {body}"
        );
    }
}
