//! Offers over HTTP: the open-data list and CSV (never the contact details), and the public pages
//! read without JavaScript.

use crate::common::spawn;
use axum::http::StatusCode;

crate::common::http_test!(
    offers_list_their_public_fields_and_export_them_with_hxl,
    |engine| {
        let app = spawn(engine).await;
        let (res, body) = app.get("/api/v1/offers").await;
        assert_eq!(res.status(), StatusCode::OK);
        let all: serde_json::Value = serde_json::from_str(&body).expect("json");
        let all = all.as_array().expect("a list");
        assert_eq!(all.len(), 6, "the demo's example offers");
        assert!(all.iter().all(|o| o["is_example"] == true));
        assert!(
            !body.contains("offers@example.org"),
            "no contact details in open data"
        );
        let eu = all
            .iter()
            .find(|o| o["offeror"]["code"] == "EU")
            .expect("the EU's offer");
        assert_eq!(
            eu["status"], "in_discussion",
            "the demo proposes it for a line"
        );
        assert_eq!(eu["in_discussion"], 1);
        assert_eq!(
            eu["amount_usd"].as_i64(),
            Some(216_000_000),
            "EUR 2 M at 1.08"
        );

        let (_, hn) = app.get("/api/v1/offers?country=HN&kind=financial").await;
        let hn: serde_json::Value = serde_json::from_str(&hn).expect("json");
        let codes: Vec<&str> = hn
            .as_array()
            .expect("a list")
            .iter()
            .map(|o| o["offeror"]["code"].as_str().unwrap_or_default())
            .collect();
        assert_eq!(
            codes,
            vec!["USA", "EU"],
            "financial offers naming Honduras, newest first"
        );

        let (res, csv) = app.get("/api/v1/offers.csv?country=CR&lang=en").await;
        assert_eq!(res.status(), StatusCode::OK);
        let rows: Vec<&str> = csv.lines().collect();
        assert!(
            rows[0].starts_with("id,title,offeror_code,offeror,kind"),
            "{}",
            rows[0]
        );
        assert!(
            rows[1].starts_with("#activity+id,#activity+name,#org+code"),
            "{}",
            rows[1]
        );
        assert_eq!(
            rows.len(),
            2 + 3,
            "Switzerland's for Costa Rica and the two regional ones"
        );
        assert!(!csv.contains("offers@example.org"));

        for bad in [
            "/api/v1/offers?country=Guatemala",
            "/api/v1/offers?kind=loan",
            "/api/v1/offers?status=maybe",
            "/api/v1/offers.csv?colour=blue",
        ] {
            let (res, body) = app.get(bad).await;
            assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{bad}: {body}");
        }
        let (_, doc) = app.get("/api/openapi.json").await;
        assert!(doc.contains("/api/v1/offers.csv") && doc.contains("OfferStatus"));

        // The plans' export counts the proposal in discussion on Guatemala's example line.
        let (_, plans) = app.get("/api/v1/plans.csv?country=GT&lang=en").await;
        assert!(plans
            .lines()
            .next()
            .unwrap_or_default()
            .contains("line_offered_usd,offers_in_discussion"));
        assert!(
            plans.lines().any(|r| r.starts_with("GT,")
                && r.contains("GT-P2-01")
                && r.contains(",540000.00,1,")),
            "{plans}"
        );
        app.finish().await;
    }
);

crate::common::http_test!(offer_pages_read_without_javascript, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.get("/es/offers").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("Ofertas de apoyo") && body.contains("offers-table"));
    let (res, body) = app.get("/en/offers?country=CR").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("Example: equipment for health centres"));
    assert!(
        !body.contains("Example: credit for companies"),
        "Mexico and Guatemala only"
    );
    let id = app::server::store::offers::offers(&app.state.db, &Default::default())
        .await
        .expect("offers")
        .into_iter()
        .find(|o| o.offeror.code == "EU")
        .expect("EU")
        .id;
    let (res, body) = app.get(&format!("/en/offers/{id}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("offer-matches") && body.contains("GT-P2-01"));
    assert!(body.contains("offer-contact-hidden") && !body.contains("offers@example.org"));
    let (res, _) = app.get("/en/offers/999999").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let (res, _) = app.get("/en/offers/new").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    // A line's page shows the proposal to everyone; suggestions are for the plan's keepers.
    let line = app::server::store::plans::lines(&app.state.db, Some("GT"))
        .await
        .expect("lines")
        .into_iter()
        .find(|(_, l)| l.code == "GT-P2-01")
        .expect("line")
        .1
        .id;
    let (res, body) = app.get(&format!("/en/plans/GT/lines/{line}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("line-matches") && !body.contains("line-suggestions"));
    let (_, plan) = app.get("/en/plans/GT").await;
    assert!(plan.contains("Offers in discussion") && plan.contains("coverage__offered"));
    app.finish().await;
});

crate::common::http_test!(offers_and_plans_export_as_workbooks, |engine| {
    let app = spawn(engine).await;
    let workbook = |uri: &'static str| {
        let app = &app;
        async move {
            let req = axum::http::Request::get(uri)
                .body(axum::body::Body::empty())
                .expect("req");
            let res = tower::ServiceExt::oneshot(app.router.clone(), req)
                .await
                .expect("res");
            assert_eq!(res.status(), StatusCode::OK, "{uri}");
            assert!(res.headers()["content-disposition"]
                .to_str()
                .unwrap_or_default()
                .contains(".xlsx"));
            let bytes = http_body_util::BodyExt::collect(res.into_body())
                .await
                .expect("body")
                .to_bytes();
            app::server::imports::table::read_table("export.xlsx", &bytes).expect("a workbook")
        }
    };
    // The same rows as the CSV: the HXL row, then Switzerland's offer and the two regional ones.
    let offers = workbook("/api/v1/offers.xlsx?country=CR&lang=en").await;
    assert_eq!(offers.header[0], "id");
    assert!(offers.rows[0].1[0].starts_with("#activity+id"));
    assert_eq!(offers.rows.len(), 1 + 3);
    // Plans: Guatemala's example line with its offer in discussion, amounts as numbers.
    let plans = workbook("/api/v1/plans.xlsx?country=GT&lang=en").await;
    let col = |name: &str| plans.header.iter().position(|h| h == name).expect(name);
    let (code, offered) = (col("line_code"), col("line_offered_usd"));
    let row = plans
        .rows
        .iter()
        .find(|(_, r)| r[code] == "GT-P2-01")
        .expect("the line");
    assert_eq!(row.1[offered], "540000", "a number, not the text 540000.00");
    for bad in [
        "/api/v1/plans.xlsx?country=Guatemala",
        "/api/v1/offers.xlsx?kind=loan",
    ] {
        let (res, _) = app.get(bad).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    let (_, doc) = app.get("/api/openapi.json").await;
    assert!(doc.contains("/api/v1/plans.xlsx") && doc.contains("/api/v1/offers.xlsx"));
    app.finish().await;
});
