//! Router tests: the real `build_router` driven with `oneshot`.

use crate::common::{assert_no_internals, spawn};
use app::server::store::Engine;
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    routing::get,
    Router,
};

crate::common::http_test!(root_redirects_to_the_preferred_language, |engine| {
    let app = spawn(engine).await;
    let (res, _) = app.get("/").await;
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()[header::LOCATION], "/es/");

    let (res, _) = app
        .request(
            Request::get("/")
                .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9,es;q=0.5")
                .body(Body::empty())
                .expect("req"),
        )
        .await;
    assert_eq!(res.headers()[header::LOCATION], "/en/");
    assert_eq!(res.headers()[header::VARY], "Accept-Language");
    app.finish().await;
});

crate::common::http_test!(
    home_page_renders_in_each_language_with_live_figures,
    |engine| {
        let app = spawn(engine).await;
        let (res, body) = app.get("/es/").await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(body.contains("<html lang=\"es\""), "html lang is es");
        assert!(body.contains("Cifras clave"));
        assert!(body.contains("data-test-id=\"figure-countries\""));
        assert!(body.contains(">7<"), "seven countries shown");
        assert!(body.contains(">14<"), "fourteen members shown");

        let (res, body) = app.get("/en/").await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(body.contains("<html lang=\"en\""));
        assert!(body.contains("Key figures"));
        app.finish().await;
    }
);

crate::common::http_test!(
    home_page_shows_a_country_from_the_query_without_javascript,
    |engine| {
        let app = spawn(engine).await;
        let (res, body) = app.get("/en/?country=MX").await;
        assert_eq!(res.status(), StatusCode::OK);
        assert!(body.contains("data-test-id=\"country-profile\""));
        assert!(body.contains("Strengthening asylum systems"));

        let (res, body) = app.get("/en/?country=ZZ").await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert!(body.contains("Choose one of the options in the list."));
        app.finish().await;
    }
);

crate::common::http_test!(about_page_lists_the_reference_data, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.get("/es/about").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("Banco Centroamericano de Integración Económica"));
    assert!(body.contains("Resultado 1.1.1"));
    let (_, body) = app.get("/en/about").await;
    assert!(body.contains("Central American Bank for Economic Integration"));
    assert!(body.contains("Internal displacement technical team"));
    app.finish().await;
});

crate::common::http_test!(unknown_pages_are_404_in_the_right_language, |engine| {
    let app = spawn(engine).await;
    for (uri, text) in [
        ("/es/no-existe", "Página no encontrada"),
        ("/en/missing", "Page not found"),
        ("/xx/", "Página no encontrada"),
        ("/nothing/at/all", "Página no encontrada"),
    ] {
        let (res, body) = app.get(uri).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{uri}");
        assert!(body.contains(text), "{uri}: {body}");
        assert_no_internals(&body);
    }
    app.finish().await;
});

crate::common::http_test!(
    a_failing_query_is_a_translated_500_without_internals,
    |engine| {
        let app = spawn(engine).await;
        app::on_db!(&app.state.db, pool => sqlx::query("ALTER TABLE events RENAME TO events_gone").execute(pool).await.map(|_| ()))
        .expect("drop");
        let (res, body) = app.get("/en/").await;
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(body.contains("Something unexpected went wrong"), "{body}");
        assert_no_internals(&body);
        app.finish().await;
    }
);

crate::common::http_test!(health_follows_the_database, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.get("/healthz").await;
    assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
    assert_eq!(body, "ok");
    app.state.db.close().await;
    let (res, _) = app.get("/healthz").await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE, "{engine:?}");
    // A page that needs the database now answers 503 with a translated message.
    let (res, body) = app.get("/es/").await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE, "{engine:?}");
    assert!(body.contains("El servicio no está disponible"));
    assert_no_internals(&body);
    app.finish().await;
});

#[tokio::test]
async fn a_panicking_handler_becomes_a_500_page() {
    let router = server::router::with_middleware(Router::new().route(
        "/boom",
        get(|| async {
            panic!("secret detail at src/x.rs:1");
            #[allow(unreachable_code)]
            ""
        }),
    ));
    let res = tower::ServiceExt::oneshot(
        router,
        Request::get("/boom").body(Body::empty()).expect("req"),
    )
    .await
    .expect("a response, not a dropped connection");
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = http_body_util::BodyExt::collect(res.into_body())
        .await
        .expect("body")
        .to_bytes();
    let body = String::from_utf8_lossy(&body);
    assert!(body.contains("Algo salió mal"));
    assert!(!body.contains("secret detail"));
}

#[tokio::test(start_paused = true)]
async fn a_request_that_takes_too_long_gets_503_with_retry_after() {
    let router = server::router::with_middleware(
        Router::new()
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
                    "never"
                }),
            )
            .layer(axum::middleware::from_fn(server::security::time_limit)),
    );
    let res = tower::ServiceExt::oneshot(
        router,
        Request::get("/slow").body(Body::empty()).expect("req"),
    )
    .await
    .expect("a response");
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(res.headers()[header::RETRY_AFTER], "5");
}

crate::common::http_test!(bodies_over_the_limit_get_413_and_change_nothing, |engine| {
    let app = spawn(engine).await;
    app.create_user("ana@example.org", app::model::Role::Secretariat)
        .await;
    let big = format!(
        "email=ana%40example.org&password={}&lang=en&pad={}",
        crate::common::enc(crate::common::PASSWORD),
        "x".repeat(20 * 1024 * 1024)
    );
    // Announced by Content-Length, and streamed without it: both are 413, neither signs in.
    for announced in [true, false] {
        let mut req = Request::post("/rpc/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if announced {
            req = req.header(header::CONTENT_LENGTH, big.len());
        }
        let (res, body) = app
            .request(req.body(Body::from(big.clone())).expect("req"))
            .await;
        assert_eq!(
            res.status(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "{engine:?}: {body}"
        );
        assert!(body.contains("too_large"), "{body}");
        assert!(res.headers().get(header::SET_COOKIE).is_none());
    }
    // A normal sign-in still works.
    let mut c = crate::common::Client::from_ip("10.5.0.1");
    let r = app
        .login(&mut c, "ana@example.org", crate::common::PASSWORD)
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    app.finish().await;
});

crate::common::http_test!(server_functions_answer_under_rpc, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.post_form("/rpc/headline_figures", "").await;
    assert_eq!(res.status(), StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v["countries"], 7);
    assert_eq!(v["members"], 14);

    let (res, body) = app.post_form("/rpc/country_profile", "iso2=ZZ").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("UnknownChoice"), "{body}");

    let (res, body) = app.post_form("/rpc/country_profile", "iso2=cr").await;
    assert_eq!(res.status(), StatusCode::OK, "{body}");
    assert!(body.contains("Costa Rica"));
    app.finish().await;
});

crate::common::http_test!(public_api_serves_json_and_its_openapi_document, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.get("/api/v1/countries").await;
    assert_eq!(res.status(), StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(7));

    let (res, body) = app.get("/api/v1/organisations?role=secretariat").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("UNHCR"));

    let (res, body) = app.get("/api/v1/organisations?role=bogus").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v["error"], "invalid_input");
    assert_eq!(v["fields"][0]["field"], "role");

    let (res, body) = app.get("/api/v1/nothing-here").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(body.contains("not_found"));

    let (res, body) = app.get("/api/openapi.json").await;
    assert_eq!(res.status(), StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert!(v["paths"]["/api/v1/countries"].is_object());
    assert!(v["openapi"].as_str().unwrap_or("").starts_with("3."));
    app.finish().await;
});

crate::common::http_test!(responses_carry_security_headers, |engine| {
    let app = spawn(engine).await;
    let (res, _) = app.get("/es/").await;
    assert_eq!(res.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(res.headers().contains_key(header::REFERRER_POLICY));
    app.finish().await;
});

crate::common::http_test!(locale_without_slash_goes_to_its_home, |engine| {
    let app = spawn(engine).await;
    let (res, _) = app.get("/en").await;
    assert_eq!(res.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(res.headers()[header::LOCATION], "/en/");
    app.finish().await;
});

/// Several routers in one process (every test builds its own) must not stall a page being
/// rendered: working out the route list switches resource loading off process-wide while it runs.
/// The check runs on its own thread so that a stall fails the test instead of hanging it.
#[test]
fn building_routers_never_stalls_a_page_being_rendered() {
    use std::sync::{
        atomic::{AtomicBool, Ordering},
        mpsc, Arc,
    };
    use std::time::Duration;

    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let app = spawn(Engine::Sqlite).await;
            let stop = Arc::new(AtomicBool::new(false));
            let builder = {
                let stop = stop.clone();
                let state = app.state.clone();
                tokio::task::spawn_blocking(move || {
                    let mut built = 0u32;
                    while !stop.load(Ordering::Relaxed) {
                        drop(server::router::build_router(state.clone()));
                        built += 1;
                    }
                    built
                })
            };
            for _ in 0..30 {
                let (res, body) = app.get("/es/").await;
                assert_eq!(res.status(), StatusCode::OK);
                assert!(body.contains("Cifras clave"));
            }
            stop.store(true, Ordering::Relaxed);
            let built = builder.await.expect("builder thread");
            assert!(built > 0, "routers were built while pages rendered");
            app.finish().await;
        });
        let _ = done.send(());
    });
    match finished.recv_timeout(Duration::from_secs(120)) {
        Ok(()) => {}
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("a page never finished rendering while routers were being built")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the check failed (see above)"),
    }
}

/// The hydrated app calls server functions with its arguments encoded the way `#[server]`
/// encodes them (`serde_qs`): a filter with nothing set is no field at all. Each call the list
/// pages make on arrival must be understood that way; before, moving to the dashboard or the
/// contributions list inside the app (not by loading the address) showed "check the highlighted
/// fields", because an empty filter was refused as malformed.
#[tokio::test]
async fn server_functions_accept_arguments_as_the_browser_encodes_them() {
    use app::model::Role;
    use app::rpc::{
        audit::ListAudit, contributions, events::ListEvents, practices::SearchPractices,
    };
    let app = spawn(Engine::Sqlite).await;
    app.create_user("ana@example.org", Role::Secretariat).await;
    let mut client = app.signed_in("ana@example.org").await;
    let calls: Vec<(&str, String)> = vec![
        (
            "dashboard",
            serde_qs::to_string(&contributions::FetchDashboard {
                filter: Default::default(),
            }),
        ),
        (
            "list_contributions",
            serde_qs::to_string(&contributions::ListContributions {
                filter: Default::default(),
                page: 1,
            }),
        ),
        (
            "list_audit",
            serde_qs::to_string(&ListAudit {
                filter: Default::default(),
                page: 1,
            }),
        ),
        (
            "events",
            serde_qs::to_string(&ListEvents {
                query: Default::default(),
            }),
        ),
        (
            "practices",
            serde_qs::to_string(&SearchPractices {
                query: Default::default(),
                page: 1,
            }),
        ),
    ]
    .into_iter()
    .map(|(name, form)| (name, form.expect("encodes")))
    .collect();
    for (name, form) in calls {
        let r = app.rpc(&mut client, name, &form).await;
        assert_eq!(r.status, StatusCode::OK, "{name} with {form:?}: {}", r.body);
    }
    app.finish().await;
}

#[tokio::test]
async fn without_its_database_the_app_answers_503_quickly_with_retry_after() {
    // A pool whose server is not there (as while PostgreSQL restarts).
    let pool = sqlx::postgres::PgPoolOptions::new()
        .acquire_timeout(std::time::Duration::from_secs(2))
        .connect_lazy("postgres://postgres@127.0.0.1:1/gone")
        .expect("lazy pool");
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name("mirps-hub")
        .site_root("target/site")
        .build();
    let state = app::server::AppState::new(
        options,
        app::server::Db::Postgres(pool),
        app::server::state::Settings::default(),
    );
    let router = server::router::build_router(state);
    for uri in [
        "/healthz",
        "/api/v1/contributions",
        "/api/v1/practices",
        "/rpc/dashboard",
    ] {
        let started = std::time::Instant::now();
        let method = if uri.starts_with("/rpc/") {
            "POST"
        } else {
            "GET"
        };
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::empty())
            .expect("req");
        let res = tower::ServiceExt::oneshot(router.clone(), req)
            .await
            .expect("a response");
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE, "{uri}");
        assert_eq!(res.headers()[header::RETRY_AFTER], "5", "{uri}");
        // Bounded by the pool's wait, never hanging (a budget, not a speed target).
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "{uri}"
        );
    }
}
