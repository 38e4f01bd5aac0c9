//! The National Action Plans over HTTP: the open-data list and CSV, and the public pages.

use crate::common::spawn;
use axum::http::StatusCode;

crate::common::http_test!(plans_list_their_lines_and_export_them_with_hxl, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.get("/api/v1/plans").await;
    assert_eq!(res.status(), StatusCode::OK);
    let all: serde_json::Value = serde_json::from_str(&body).expect("json");
    let all = all.as_array().expect("a list");
    assert_eq!(all.len(), 7, "one plan per MIRPS country");
    let gt = all
        .iter()
        .find(|p| p["plan"]["country"]["code"] == "GT")
        .expect("Guatemala");
    // Sourced: the MIRPS platform's country page counts 14 protection commitments.
    let protection = gt["plan"]["declared"]
        .as_array()
        .expect("declared")
        .iter()
        .find(|d| d["sector"]["code"] == "protection")
        .expect("protection");
    assert_eq!(protection["commitments"], 14);
    assert!(protection["source_url"]
        .as_str()
        .unwrap_or_default()
        .starts_with("https://mirps-platform.org/"));
    // The demo's example lines, each costed for three years.
    let lines = gt["lines"].as_array().expect("lines");
    assert_eq!(lines.len(), 3, "{gt}");
    assert!(lines.iter().all(|l| l["is_example"] == true));
    let sum: i64 = lines
        .iter()
        .flat_map(|l| l["requirements"].as_array().expect("years").iter())
        .map(|r| r["amount_usd"].as_i64().unwrap_or(0))
        .sum();
    assert_eq!(gt["plan"]["required_usd"].as_i64(), Some(sum));

    let (_, one) = app.get("/api/v1/plans?country=GT").await;
    let one: serde_json::Value = serde_json::from_str(&one).expect("json");
    assert_eq!(one.as_array().map(Vec::len), Some(1));

    let (res, csv) = app.get("/api/v1/plans.csv?country=GT&lang=en").await;
    assert_eq!(res.status(), StatusCode::OK);
    let rows: Vec<&str> = csv.lines().collect();
    assert!(
        rows[0].starts_with("country,plan,line_code,line,pillar"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with("#country+code,#meta+plan,#activity+code"),
        "{}",
        rows[1]
    );
    assert_eq!(rows.len(), 2 + 3 * 3, "one row per line and year");
    assert!(
        rows[2].contains("MIRPS National Action Plan: Guatemala"),
        "{}",
        rows[2]
    );

    for bad in [
        "/api/v1/plans?country=Guatemala",
        "/api/v1/plans?colour=blue",
        "/api/v1/plans.csv?lang=fr",
    ] {
        let (res, body) = app.get(bad).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
    let (_, doc) = app.get("/api/openapi.json").await;
    assert!(doc.contains("/api/v1/plans.csv") && doc.contains("PlanWithLines"));
    app.finish().await;
});

crate::common::http_test!(plan_pages_read_without_javascript, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.get("/es/plans").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("Planes de acción nacionales"));
    assert!(body.contains("plan-row-GT"));
    let (res, body) = app.get("/en/plans/GT").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        body.contains("GT-P1-01") && body.contains("Protection"),
        "lines and declared areas"
    );
    let id = app::server::store::plans::lines(&app.state.db, Some("GT"))
        .await
        .expect("lines")[0]
        .1
        .id;
    let (res, body) = app.get(&format!("/en/plans/GT/lines/{id}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("line-requirements") && body.contains("line-revisions"));
    let (res, _) = app.get("/en/plans/ZZ").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // The line form is for those who keep the plan.
    let (res, _) = app.get("/en/plans/GT/new").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    app.finish().await;
});
