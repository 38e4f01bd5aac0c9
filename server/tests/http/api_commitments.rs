//! The commitments register over HTTP: the open data (JSON, CSV with HXL, XLSX, one commitment
//! with its progress), its filters and bad parameters, drafts kept out, and the public pages read
//! without JavaScript.

use crate::common::spawn;
use app::model::{CommitmentInput, CommitmentReview};
use app::server::store::{commitments, vocabulary::Vocabulary};
use app::server::testing::ticks;
use app::server::validate::commitments::NewCommitment;
use axum::http::StatusCode;

fn ids(body: &str) -> Vec<i64> {
    let list: serde_json::Value = serde_json::from_str(body).expect("json");
    list.as_array()
        .expect("a list")
        .iter()
        .filter_map(|c| c["id"].as_i64())
        .collect()
}

crate::common::http_test!(commitments_open_data_filters_and_exports, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.get("/api/v1/commitments").await;
    assert_eq!(res.status(), StatusCode::OK);
    let all: serde_json::Value = serde_json::from_str(&body).expect("json");
    let all = all.as_array().expect("a list");
    assert_eq!(all.len(), 24, "the real records");
    assert!(all.iter().all(|c| c["is_example"] == false
        && c["review"] == "announced"
        && c["source_url"]
            .as_str()
            .is_some_and(|u| u.starts_with("http"))));
    let coppel = all
        .iter()
        .find(|c| c["makers"][0]["code"] == "GRUPO_COPPEL")
        .expect("Coppel's commitment");
    assert_eq!(coppel["kind"], "employment");
    assert_eq!(coppel["reporting"], "reported");
    assert_eq!(coppel["countries_with_figures"], serde_json::json!(["MX"]));

    for (query, n) in [
        ("kind=employment", 9),
        ("occasion=grf2019", 8),
        ("occasion=grf2023&country=BZ", 4),
        ("maker=FEMSA", 1),
        ("stage=fulfilled", 0),
    ] {
        let (res, body) = app.get(&format!("/api/v1/commitments?{query}")).await;
        assert_eq!(res.status(), StatusCode::OK, "{query}");
        assert_eq!(ids(&body).len(), n, "{query}");
    }
    for bad in [
        "/api/v1/commitments?kind=loan",
        "/api/v1/commitments?country=Mexico",
        "/api/v1/commitments?occasion=grf2099",
        "/api/v1/commitments.csv?colour=blue",
        "/api/v1/commitments.xlsx?stage=done",
    ] {
        let (res, body) = app.get(bad).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{bad}: {body}");
    }

    let (res, csv) = app
        .get("/api/v1/commitments.csv?kind=employment&lang=en")
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let rows: Vec<&str> = csv.lines().collect();
    assert!(
        rows[0].starts_with("id,title,makers_code,makers,reporter_code,kind"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with("#activity+id,#activity+name,#org+code"),
        "{}",
        rows[1]
    );
    assert_eq!(rows.len(), 2 + 9);
    assert!(csv.contains("Grupo Coppel: refugee job-matching programme"));
    let (_, csv_es) = app
        .get("/api/v1/commitments.csv?maker=GRUPO_COPPEL&lang=es")
        .await;
    assert!(
        csv_es.contains(",MX,") && csv_es.contains(",reported,"),
        "{csv_es}"
    );

    let (res, json) = app.get("/api/v1/commitments.json?kind=resettlement").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap_or_default()
        .contains("mirps-hub-commitments.json"));
    assert_eq!(ids(&json).len(), 1);

    let req = axum::http::Request::get("/api/v1/commitments.xlsx?occasion=grf2019&lang=en")
        .body(axum::body::Body::empty())
        .expect("req");
    let res = tower::ServiceExt::oneshot(app.router.clone(), req)
        .await
        .expect("res");
    assert_eq!(res.status(), StatusCode::OK);
    let bytes = http_body_util::BodyExt::collect(res.into_body())
        .await
        .expect("body")
        .to_bytes();
    let book = app::server::imports::table::read_table("c.xlsx", &bytes).expect("a workbook");
    assert_eq!(book.header[0], "id");
    assert_eq!(book.rows.len(), 1 + 8);

    // One commitment with its progress; a draft and a missing one are not found.
    let id = coppel["id"].as_i64().expect("id");
    let (res, one) = app.get(&format!("/api/v1/commitments/{id}")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let one: serde_json::Value = serde_json::from_str(&one).expect("json");
    assert_eq!(one["updates"][0]["value"], 300);
    assert_eq!(one["updates"][0]["country"], "MX");
    let vocabulary = Vocabulary::load(&app.state.db).await.expect("vocabulary");
    let draft = NewCommitment::from_input(
        &CommitmentInput {
            kind: "financial".into(),
            title_es: "Borrador privado".into(),
            makers: ticks(&["CAN"]),
            stage: "planning".into(),
            ..CommitmentInput::default()
        },
        &vocabulary,
    )
    .expect("valid");
    let draft = commitments::create(&app.state.db, None, &draft, CommitmentReview::Draft, None)
        .await
        .expect("draft");
    for missing in [draft, 999_999] {
        let (res, _) = app.get(&format!("/api/v1/commitments/{missing}")).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{missing}");
        let (res, _) = app.get(&format!("/en/commitments/{missing}")).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{missing}");
    }
    let (_, all_again) = app.get("/api/v1/commitments").await;
    assert_eq!(ids(&all_again).len(), 24, "the draft stays out");
    let (_, doc) = app.get("/api/openapi.json").await;
    assert!(doc.contains("/api/v1/commitments.csv") && doc.contains("CommitmentStage"));
    app.finish().await;
});

crate::common::http_test!(commitment_pages_read_without_javascript, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.get("/es/commitments").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("Registro de compromisos") && body.contains("commitments-table"));
    assert!(body.contains("hiring-count") && body.contains("Empleo y contratación (9)"));
    let (res, body) = app.get("/en/commitments?kind=employment&country=MX").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("Grupo Coppel: refugee job-matching programme"));
    assert!(
        !body.contains("MIRPS pledge on asylum"),
        "a technical pledge"
    );
    assert!(
        body.contains("commitments.csv?kind=employment&amp;country=MX&amp;lang=en")
            || body.contains("commitments.csv?kind=employment&country=MX&lang=en")
    );
    // A mistyped link still shows the register, unfiltered where the value is bad.
    let (res, body) = app.get("/en/commitments?kind=loan&country=MX").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("Grupo Coppel") && body.contains("Mexico: a fair and faster"));
    let list = commitments::commitments(
        &app.state.db,
        &app::model::CommitmentQuery {
            maker: "GRUPO_COPPEL".into(),
            ..Default::default()
        },
        chrono::Utc::now().date_naive(),
    )
    .await
    .expect("list");
    let (res, body) = app.get(&format!("/en/commitments/{}", list[0].id)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("commitment-progress") && body.contains("More than 300 refugees hired"));
    assert!(body.contains("Employment and hiring") && body.contains("Mexico"));
    let (res, body) = app.get(&format!("/es/commitments/{}", list[0].id)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("Avances informados") && body.contains("Más de 300 personas refugiadas"));
    app.finish().await;
});
