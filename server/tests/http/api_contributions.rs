//! The open-data API on contributions: filters, pagination, exports and aggregates.

use crate::common::spawn;
use axum::http::{header, StatusCode};

crate::common::http_test!(list_filters_and_paginates, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.get("/api/v1/contributions?per_page=5").await;
    assert_eq!(res.status(), StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(v["items"].as_array().map(Vec::len), Some(5));
    let total = v["total"].as_i64().expect("total");
    assert!(total >= 160);

    let (_, body) = app
        .get("/api/v1/contributions?donor=ESP&year_from=2021&year_to=2021&per_page=500")
        .await;
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    let items = v["items"].as_array().expect("items");
    assert!(items
        .iter()
        .all(|i| i["donor_code"] == "ESP" && i["year"] == 2021));
    assert!(
        items
            .iter()
            .any(|i| i["is_example"] == false && i["currency"] == "EUR"),
        "Spain's sourced pledge"
    );

    let (_, body) = app
        .get("/api/v1/contributions?country=regional&per_page=500")
        .await;
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert!(v["items"]
        .as_array()
        .expect("items")
        .iter()
        .all(|i| i["recipient_iso2"].is_null()));
    app.finish().await;
});

crate::common::http_test!(invalid_parameters_are_400_with_a_message, |engine| {
    let app = spawn(engine).await;
    for uri in [
        "/api/v1/contributions?pillar=9",
        "/api/v1/contributions?year_from=abc",
        "/api/v1/contributions?status=paid",
        "/api/v1/contributions?per_page=100000",
        "/api/v1/contributions?year_from=2025&year_to=2020",
        "/api/v1/aggregates",
        "/api/v1/aggregates?group_by=colour",
        "/api/v1/contributions.csv?kind=gift",
        "/api/v1/contributions.xlsx?lang=fr",
        "/api/v1/contributions/abc",
    ] {
        let (res, body) = app.get(uri).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{uri}: {body}");
        let v: serde_json::Value = serde_json::from_str(&body).expect("json");
        assert_eq!(v["error"], "invalid_input", "{uri}");
        assert!(v["message"]["en"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let (res, _) = app.get("/api/v1/contributions/999999").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    app.finish().await;
});

crate::common::http_test!(csv_export_has_names_and_hxl_hashtags, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.get("/api/v1/contributions.csv?donor=EU&lang=en").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap_or("")
        .starts_with("text/csv"));
    let mut lines = body.lines();
    let head = lines.next().expect("header");
    let hxl = lines.next().expect("hxl");
    assert!(head.starts_with("id,decision_date,donor,donor_code,recipient,recipient_iso3"));
    for tag in [
        "#org+name+funder",
        "#country+iso3",
        "#value+funding+total+usd",
        "#status+text",
        "#date+decision",
    ] {
        assert!(hxl.contains(tag), "{tag} in {hxl}");
    }
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r.contains(",European Union,EU,")),
        "names, not bare codes"
    );
    assert!(body.contains("European Union: humanitarian aid for the MIRPS situation"));
    // The JSON export of the same filter has as many rows.
    let (_, json) = app.get("/api/v1/contributions.json?donor=EU").await;
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(rows.len()));
    app.finish().await;
});

crate::common::http_test!(xlsx_export_is_a_workbook, |engine| {
    let app = spawn(engine).await;
    let req = axum::http::Request::get("/api/v1/contributions.xlsx?country=GT")
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
    assert_eq!(&bytes[..2], b"PK", "a zip container");
    assert!(bytes.len() > 3000);
    app.finish().await;
});

crate::common::http_test!(aggregates_group_and_agree_with_the_list, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app
        .get("/api/v1/aggregates?group_by=country&year_from=2021")
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    let rows = v["rows"].as_array().expect("rows");
    assert!(rows
        .iter()
        .any(|r| r["key"] == "" && r["name_en"] == "Regional"));
    let sum: i64 = rows.iter().map(|r| r["count"].as_i64().unwrap_or(0)).sum();
    assert_eq!(sum, v["totals"]["count"].as_i64().expect("count"));
    assert!(v["totals"]["required_usd"].as_i64().expect("required") > 0);

    // Totals count top-level contributions only: the list has the routed parts too.
    let (_, all) = app.get("/api/v1/aggregates?group_by=status").await;
    let all: serde_json::Value = serde_json::from_str(&all).expect("json");
    let (_, list) = app.get("/api/v1/contributions?per_page=1").await;
    let list: serde_json::Value = serde_json::from_str(&list).expect("json");
    assert_eq!(
        all["totals"]["count"].as_i64().expect("n") + 2,
        list["total"].as_i64().expect("total")
    );

    let (_, doc) = app.get("/api/openapi.json").await;
    let doc: serde_json::Value = serde_json::from_str(&doc).expect("json");
    for p in [
        "/api/v1/contributions",
        "/api/v1/contributions.csv",
        "/api/v1/contributions.xlsx",
        "/api/v1/aggregates",
    ] {
        assert!(doc["paths"][p].is_object(), "{p} documented");
    }
    app.finish().await;
});

crate::common::http_test!(malformed_server_function_calls_are_400_not_500, |engine| {
    let app = spawn(engine).await;
    let mut client = crate::common::Client::default();
    for body in ["filter=", "filter[year_from]=soon", "filter[donor][x]=1"] {
        let r = app.rpc(&mut client, "dashboard", body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{body:?}: {}", r.body);
    }
    // No filter at all is how the browser sends an empty one: everything, not an error.
    let r = app.rpc(&mut client, "dashboard", "").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app
        .rpc(&mut client, "dashboard", "filter[country]=GT")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Stale pledges follow the filter like everything else on the dashboard.
    let stale = r.json()["stale"].as_array().expect("stale").clone();
    assert!(!stale.is_empty());
    assert!(
        stale.iter().all(|s| s["recipient_iso2"] == "GT"),
        "{stale:?}"
    );
    // A code nobody has matches nothing.
    let r = app
        .rpc(&mut client, "dashboard", "filter[country]=XX")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["totals"]["count"], 0);
    assert_eq!(r.json()["stale"], serde_json::json!([]));
    app.finish().await;
});

crate::common::http_test!(a_member_edits_its_contribution_on_its_own_page, |engine| {
    use crate::common::enc;
    use app::model::{ContributionFilter, Role};
    use axum::body::Body;
    use axum::http::Request;
    let app = spawn(engine).await;
    let db = &app.state.db;
    let filter = ContributionFilter {
        donor: Some("ESP".into()),
        ..Default::default()
    };
    let (rows, _) = app::server::store::contributions::list(db, &filter, 1, 50)
        .await
        .expect("list");
    let record = rows
        .into_iter()
        .find(|c| c.parent_id.is_none())
        .expect("a top-level Spanish contribution in the demo");
    let id = record.id;
    let edit = format!("/en/contributions/{id}/edit");
    let (res, _) = app.get(&edit).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    app.create_user("usa@example.org", Role::member("USA"))
        .await;
    let mut usa = app.signed_in("usa@example.org").await;
    assert_eq!(
        app.get_as(&mut usa, &edit).await.status,
        StatusCode::FORBIDDEN
    );
    app.create_user("esp@example.org", Role::member("ESP"))
        .await;
    let mut esp = app.signed_in("esp@example.org").await;
    let page = app.get_as(&mut esp, &edit).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("contribution-edit-form"));
    assert!(
        page.body
            .contains(&format!("value=\"{}\"", record.title_es)),
        "opens with the record's values"
    );

    let version = |db: app::server::store::Db| async move {
        app::server::store::contributions::get(&db, id, true)
            .await
            .expect("get")
            .expect("there")
            .version
    };
    let v0 = version(db.clone()).await;
    let form = |parent: &str, v: i64| {
        format!(
            "id={id}&version={v}&lang=en&input[donor]=ESP&input[recipient]={}&input[kind]={}&input[title_es]={}&input[title_en]=Edited+on+its+page&input[parent]={parent}",
            record.recipient_iso2.clone().unwrap_or_else(|| "regional".into()),
            record.kind.code(),
            enc(&record.title_es),
        )
    };
    // Routed through itself: refused with the field's message, nothing written.
    let r = app
        .rpc(&mut esp, "update_contribution", &form(&id.to_string(), v0))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("NotAParent"), "{}", r.body);
    assert_eq!(version(db.clone()).await, v0);

    // Without JavaScript the form posts and the browser lands on the contribution.
    let req = Request::post("/rpc/update_contribution")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("http://127.0.0.1:3000{edit}"))
        .body(Body::from(form("", v0)))
        .expect("request");
    let r = app.send(&mut esp, req).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    let to = r.headers[header::LOCATION]
        .to_str()
        .expect("location")
        .to_string();
    assert!(to.ends_with(&format!("/en/contributions/{id}")), "{to}");
    let shown = app
        .get_as(&mut esp, &format!("/en/contributions/{id}"))
        .await;
    assert!(shown.body.contains("Edited on its page"));
    assert!(shown.body.contains("contribution-edit-link"));
    assert_eq!(version(db.clone()).await, v0 + 1);
    // A stale version is refused rather than overwriting.
    let r = app
        .rpc(&mut esp, "update_contribution", &form("", v0))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    app.finish().await;
});

crate::common::http_test!(financing_mechanisms_in_the_open_data, |engine| {
    let app = spawn(engine).await;
    // The demo's examples say how they are financed; grants filter, group and export.
    let (res, body) = app
        .get("/api/v1/contributions?mechanism=grant&per_page=200")
        .await;
    assert_eq!(res.status(), StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    let items = v["items"].as_array().expect("items");
    assert!(!items.is_empty());
    assert!(items.iter().all(|c| c["mechanism"] == "grant"), "{body}");
    let (_, agg) = app.get("/api/v1/aggregates?group_by=mechanism").await;
    let agg: serde_json::Value = serde_json::from_str(&agg).expect("json");
    let rows = agg["rows"].as_array().expect("rows");
    assert!(rows
        .iter()
        .any(|r| r["key"] == "pooled_fund" && r["name_es"] == "Fondo común o fiduciario"));
    let sum: i64 = rows.iter().map(|r| r["count"].as_i64().unwrap_or(0)).sum();
    assert_eq!(sum, agg["totals"]["count"].as_i64().expect("count"));
    let (_, csv) = app
        .get("/api/v1/contributions.csv?mechanism=guarantee&lang=en")
        .await;
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "financing_mechanism")
        .expect("the column");
    assert_eq!(
        lines.next().unwrap_or_default().split(',').nth(col),
        Some("#meta+financing")
    );
    assert!(lines.all(|l| l.contains(",Guarantee,")), "{csv}");
    // Sector and working group filter the same way and are exported as codes.
    let (_, csv) = app
        .get("/api/v1/contributions.csv?sector=education&working_group=asylum")
        .await;
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    assert!(header.contains(&"sector") && header.contains(&"working_group"));
    let rows: Vec<&str> = lines.skip(1).collect();
    assert!(
        !rows.is_empty(),
        "the demo's examples name sectors and groups"
    );
    assert!(
        rows.iter().all(|l| l.contains(",education,asylum,")),
        "{csv}"
    );
    let (_, page) = app.get("/en/contributions?sector=education").await;
    assert!(page.contains("filter-sector") && page.contains("filter-working_group"));
    let (res, body) = app.get("/api/v1/contributions?mechanism=charity").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{body}");
    let (_, page) = app.get("/en/dashboard?mechanism=grant").await;
    assert!(page.contains("chart-mechanism") && page.contains("filter-mechanism"));
    app.finish().await;
});

crate::common::http_test!(formulas_in_downloads_open_as_text, |engine| {
    let app = spawn(engine).await;
    app.create_user("sec@example.org", app::model::Role::Secretariat)
        .await;
    let mut sec = app.signed_in("sec@example.org").await;
    let title = crate::common::enc("=HYPERLINK(\"https://x.example\",\"a\")");
    let form = format!(
        "input[donor]=EU&input[recipient]=GT&input[kind]=financial&input[title_en]={title}&input[currency]=USD&input[stage]=pledge&input[date]=2024-01-10&input[amount]=1000&lang=en"
    );
    let r = app.rpc(&mut sec, "create_contribution", &form).await;
    assert!(r.status.is_success(), "{engine:?}: {}", r.body);

    let (_, csv) = app
        .get("/api/v1/contributions.csv?donor=EU&lang=en&year_from=2024&year_to=2024")
        .await;
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"https://x.example\"\",\"\"a\"\")\""),
        "{csv}"
    );
    assert!(!csv.lines().any(|l| l.contains(",=HYPERLINK")), "{csv}");

    app.finish().await;
});
