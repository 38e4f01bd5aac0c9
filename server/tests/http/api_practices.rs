//! The open-data API for local integration: practices search with facets, the inventory.

use crate::common::spawn;
use axum::http::StatusCode;

crate::common::http_test!(
    practices_search_ignores_accents_and_reports_bad_parameters,
    |engine| {
        let app = spawn(engine).await;
        let get = |uri: &'static str| {
            let app = &app;
            async move {
                let (res, body) = app.get(uri).await;
                (
                    res.status(),
                    serde_json::from_str::<serde_json::Value>(&body).unwrap_or_default(),
                )
            }
        };
        // The demo's real practice from Costa Rica, found without its accents.
        let (status, body) = get("/api/v1/practices?q=inclusion%20socioeconomica").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["total"], 1, "{body}");
        assert_eq!(body["items"][0]["submitter_code"], "CR");
        let (_, body) = get("/api/v1/practices?q=REUBICACI%C3%93N").await;
        assert_eq!(body["items"][0]["submitter_code"], "MX", "{body}");
        // Every published practice, with facets adding up.
        // The 16 real records with a year (one of them from a member, Canada) and the demo's 9.
        let (_, all) = get("/api/v1/practices?per_page=5").await;
        assert_eq!(all["total"], 16 + 9, "{all}");
        assert_eq!(all["items"].as_array().expect("items").len(), 5);
        let by_country: u64 = all["facets"]["country"]
            .as_array()
            .expect("facet")
            .iter()
            .map(|f| f["count"].as_u64().unwrap_or(0))
            .sum();
        assert_eq!(by_country, 15 + 9);
        let (_, mx) = get("/api/v1/practices?country=MX&theme=education").await;
        assert_eq!(mx["total"], 1, "{mx}");
        for bad in [
            "/api/v1/practices?year=soon",
            "/api/v1/practices?submitter=robot",
            "/api/v1/practices?colour=blue",
            "/api/v1/practices?per_page=1000",
            "/api/v1/inventory?country=Guatemala",
            "/api/v1/inventory?size=big",
        ] {
            let (status, body) = get(bad).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        }
        app.finish().await;
    }
);

crate::common::http_test!(inventory_lists_entries_and_the_matrix, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.get("/api/v1/inventory?country=GT").await;
    assert_eq!(res.status(), StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    let entries = v["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 5);
    assert!(entries.iter().all(|e| e["country_iso2"] == "GT"));
    assert_eq!(entries[0]["entry_type"], "gap", "gaps first, by their code");
    assert_eq!(
        v["matrix"]["countries"]
            .as_array()
            .expect("countries")
            .len(),
        7
    );
    assert!(!v["matrix"]["cells"].as_array().expect("cells").is_empty());
    // Documented.
    let (_, doc) = app.get("/api/openapi.json").await;
    assert!(doc.contains("/api/v1/practices") && doc.contains("/api/v1/inventory"));
    app.finish().await;
});

crate::common::http_test!(practice_exports_hold_exactly_the_matches, |engine| {
    let app = spawn(engine).await;
    // CSV: a header row, the HXL row, then one row per match, names in the asked language.
    let (res, csv) = app.get("/api/v1/practices.csv?q=reubicacion&lang=en").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap_or("")
        .starts_with("text/csv"));
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("id,title,summary"), "{csv}");
    assert!(lines[1].starts_with("#meta+id,#output+title"), "{csv}");
    let (_, json) = app.get("/api/v1/practices.json?q=reubicacion").await;
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).expect("json");
    assert!(!rows.is_empty());
    assert_eq!(
        lines.len() - 2,
        rows.len(),
        "CSV and JSON hold the same matches"
    );
    let (_, page) = app.get("/api/v1/practices?q=reubicacion").await;
    let page: serde_json::Value = serde_json::from_str(&page).expect("json");
    assert_eq!(page["total"].as_u64(), Some(rows.len() as u64));
    for r in &rows {
        let id = r["id"].as_i64().expect("id");
        assert!(csv.contains(&format!("/en/practices/{id}")), "{csv}");
    }
    // All of them without a search; filters and bad values as in the search.
    let (_, all) = app.get("/api/v1/practices.json").await;
    let all: Vec<serde_json::Value> = serde_json::from_str(&all).expect("json");
    assert_eq!(all.len(), 16 + 9);
    let (_, cr) = app.get("/api/v1/practices.json?country=CR").await;
    let cr: Vec<serde_json::Value> = serde_json::from_str(&cr).expect("json");
    assert!(cr.iter().all(|r| r["submitter_code"] == "CR"));
    for bad in [
        "/api/v1/practices.csv?lang=fr",
        "/api/v1/practices.csv?page=2",
        "/api/v1/practices.json?year=someday",
    ] {
        let (res, body) = app.get(bad).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
    app.finish().await;
});
