//! Bulk import through the real router: upload (multipart), progress, preview or problems,
//! commit all-or-nothing. Malformed files of every kind must leave the ledger exactly as it was.
//! The writing tests run on SQLite and PostgreSQL.

use crate::common::{spawn, Client, TestApp};
use app::model::Role;
use app::server::store::Engine;
use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use serde_json::Value;

const HEADER: &str = "donor,recipient,kind,title_es,stage,date,currency,amount,fx_rate\n";

fn multipart(filename: &str, bytes: &[u8], html: bool) -> Request<Body> {
    let boundary = "----mirps-test-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\nen\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    Request::post("/import/contributions")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(
            "accept",
            if html {
                "text/html"
            } else {
                "application/json"
            },
        )
        .body(Body::from(body))
        .expect("request")
}

async fn count(app: &TestApp) -> i64 {
    app::on_db!(&app.state.db, pool => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM contributions")
        .fetch_one(pool)
        .await)
    .expect("count")
}

async fn audit_rows(app: &TestApp) -> i64 {
    app::server::store::audit::all(&app.state.db, &Default::default(), 1_000_000)
        .await
        .expect("audit")
        .len() as i64
}

/// Uploads a file and waits until checking is over; returns the final status.
async fn upload(app: &TestApp, client: &mut Client, filename: &str, bytes: &[u8]) -> Value {
    let r = app.send(client, multipart(filename, bytes, false)).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    let id = r.json()["id"].as_str().expect("id").to_string();
    wait(app, client, &id).await
}

async fn wait(app: &TestApp, client: &mut Client, id: &str) -> Value {
    for _ in 0..1200 {
        let r = app.rpc(client, "import_status", &format!("id={id}")).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let s = r.json();
        if s["phase"] != "Checking" && s["phase"] != "Committing" {
            return s;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("import {id} never finished");
}

async fn member(app: &TestApp, email: &str, org: &str) -> Client {
    app.create_user(
        email,
        Role::Member {
            organisation: org.into(),
        },
    )
    .await;
    app.signed_in(email).await
}

async fn valid_file_is_previewed_then_recorded_in_one_go(engine: Engine) {
    let app = spawn(engine).await;
    let mut esp = member(&app, "esp@example.org", "ESP").await;
    let mut eu = member(&app, "eu@example.org", "EU").await;
    let before = count(&app).await;
    let audit_before = audit_rows(&app).await;
    let mut csv = HEADER.to_string();
    for i in 0..120 {
        csv.push_str(&format!(
            "ESP,GT,financial,Importada {i},pledge,2026-0{}-15,EUR,{},1.08\n",
            1 + i % 9,
            1000 + i
        ));
    }
    let s = upload(&app, &mut esp, "spain.csv", csv.as_bytes()).await;
    assert_eq!(s["phase"], "Ready", "{s}");
    assert_eq!(s["valid_rows"], 120);
    assert_eq!(s["total"], 120);
    assert_eq!(s["preview"].as_array().expect("preview").len(), 25);
    // 1000..1119 EUR at 1.08 = 129,103.20 USD in all.
    let eur: i64 = (0..120).map(|i| 1000 + i).sum();
    assert_eq!(s["total_usd_cents"], eur * 108);
    // Checking wrote nothing.
    assert_eq!(count(&app).await, before);
    let id = s["id"].as_str().expect("id").to_string();

    // Someone else cannot see, commit or discard it.
    for f in ["import_status", "commit_import", "discard_import"] {
        let r = app.rpc(&mut eu, f, &format!("id={id}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{f}: {}", r.body);
    }

    let r = app
        .rpc(&mut esp, "commit_import", &format!("id={id}"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let s = wait(&app, &mut esp, &id).await;
    assert_eq!(s["phase"], "Committed", "{s}");
    assert_eq!(s["recorded"].as_array().expect("ids").len(), 120);
    assert_eq!(count(&app).await, before + 120);
    // Each contribution has its creation in the trail, by the member who imported it.
    assert_eq!(audit_rows(&app).await, audit_before + 120);
    // Committing twice is refused and records nothing more.
    let r = app
        .rpc(&mut esp, "commit_import", &format!("id={id}"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(count(&app).await, before + 120);
    // The public figures include the new rows at once.
    let r = app
        .get_as(
            &mut Client::default(),
            "/api/v1/aggregates?group_by=donor&donor=ESP&year_from=2026&year_to=2026",
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("ESP"), "{}", r.body);

    // The same file again: every row is reported as already recorded.
    let s = upload(&app, &mut esp, "spain-again.csv", csv.as_bytes()).await;
    assert_eq!(s["phase"], "Rejected");
    assert_eq!(s["bad_rows"], 120);
    assert!(s["row_problems"][0]["problem"]
        .get("AlreadyRecorded")
        .is_some());
    assert_eq!(count(&app).await, before + 120);
    app.finish().await;
}

#[tokio::test]
async fn valid_file_is_previewed_then_recorded_sqlite() {
    valid_file_is_previewed_then_recorded_in_one_go(Engine::Sqlite).await;
}

#[tokio::test]
async fn valid_file_is_previewed_then_recorded_postgres() {
    valid_file_is_previewed_then_recorded_in_one_go(Engine::Postgres).await;
}

/// Each malformed file is rejected with the problem named, and the ledger and trail stay as
/// they were.
async fn malformed_files_change_nothing(engine: Engine) {
    let app = spawn(engine).await;
    app.create_user("sec@example.org", Role::Secretariat).await;
    let mut sec = app.signed_in("sec@example.org").await;
    let before = count(&app).await;
    let audit_before = audit_rows(&app).await;
    let good = "ESP,GT,financial,Buena,pledge,2026-01-15,USD,100,\n";
    let mut latin1 = HEADER.as_bytes().to_vec();
    latin1.extend_from_slice(good.as_bytes());
    latin1.extend_from_slice(b"ESP,GT,financial,Cooperaci\xf3n,pledge,2026-01-15,USD,100,\n");
    let empty_sheet = {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet();
        book.save_to_buffer().expect("xlsx")
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "wrong-header.csv",
            format!("donante,pais,monto\n{good}").into_bytes(),
            "MissingColumns",
        ),
        (
            "bad-date.csv",
            format!("{HEADER}{good}ESP,GT,financial,Fecha,pledge,31/02/2026,USD,100,\n")
                .into_bytes(),
            "date",
        ),
        (
            "negative.csv",
            format!("{HEADER}{good}ESP,GT,financial,Negativa,pledge,2026-01-15,USD,-5,\n")
                .into_bytes(),
            "amount",
        ),
        (
            "huge.csv",
            format!(
                "{HEADER}{good}ESP,GT,financial,Enorme,pledge,2026-01-15,USD,123456789012345678,\n"
            )
            .into_bytes(),
            "amount",
        ),
        (
            "duplicates.csv",
            format!("{HEADER}{good}{good}").into_bytes(),
            "title_es",
        ),
        ("latin1.csv", latin1, "NotUtf8"),
        ("empty.xlsx", empty_sheet, "Empty"),
        ("nothing.csv", Vec::new(), "Empty"),
        (
            "unknown-donor.csv",
            format!("{HEADER}{good}ACME,ZZ,financial,Inventada,pledge,2026-01-15,USD,1,\n")
                .into_bytes(),
            "donor",
        ),
    ];
    for (name, bytes, expected) in cases {
        let s = upload(&app, &mut sec, name, &bytes).await;
        assert_eq!(s["phase"], "Rejected", "{name}: {s}");
        // The named column is among the row problems, or the named file problem is reported.
        let columns: Vec<&str> = s["row_problems"]
            .as_array()
            .expect("problems")
            .iter()
            .filter_map(|p| p["column"].as_str())
            .collect();
        let file_problems = s["file_problems"].to_string();
        assert!(
            columns.contains(&expected) || file_problems.contains(expected),
            "{name}: expected {expected} in {s}"
        );
        // A rejected file cannot be committed.
        let id = s["id"].as_str().expect("id");
        let r = app
            .rpc(&mut sec, "commit_import", &format!("id={id}"))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{name}: {}", r.body);
        assert_eq!(count(&app).await, before, "{name} changed the ledger");
        assert_eq!(
            audit_rows(&app).await,
            audit_before,
            "{name} wrote the trail"
        );
    }
    app.finish().await;
}

#[tokio::test]
async fn malformed_files_change_nothing_sqlite() {
    malformed_files_change_nothing(Engine::Sqlite).await;
}

#[tokio::test]
async fn malformed_files_change_nothing_postgres() {
    malformed_files_change_nothing(Engine::Postgres).await;
}

crate::common::http_test!(only_members_and_the_secretariat_upload, |engine| {
    let app = spawn(engine).await;
    let csv = format!("{HEADER}ESP,GT,financial,X,pledge,2026-01-15,USD,100,\n");
    let r = app
        .send(
            &mut Client::default(),
            multipart("a.csv", csv.as_bytes(), false),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    app.create_user("fp@example.org", Role::focal_point("GT"))
        .await;
    let mut fp = app.signed_in("fp@example.org").await;
    let r = app
        .send(&mut fp, multipart("a.csv", csv.as_bytes(), false))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);

    // A member's rows for another organisation are refused, row by row.
    let mut eu = member(&app, "eu@example.org", "EU").await;
    let before = count(&app).await;
    let s = upload(&app, &mut eu, "spain-by-eu.csv", csv.as_bytes()).await;
    assert_eq!(s["phase"], "Rejected");
    assert_eq!(s["row_problems"][0]["column"], "donor");
    assert_eq!(s["row_problems"][0]["problem"], "NotAllowed");
    assert_eq!(count(&app).await, before);
    app.finish().await;
});

crate::common::http_test!(
    the_form_post_leads_to_the_progress_page_and_discard_works,
    |engine| {
        let app = spawn(engine).await;
        let mut esp = member(&app, "esp@example.org", "ESP").await;
        let csv = format!("{HEADER}ESP,GT,financial,X,pledge,2026-01-15,USD,100,\n");
        let r = app
            .send(&mut esp, multipart("a.csv", csv.as_bytes(), true))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let location = r.headers["location"]
            .to_str()
            .expect("location")
            .to_string();
        assert!(
            location.starts_with("/en/contributions/import/"),
            "{location}"
        );
        let id = location.rsplit('/').next().expect("id").to_string();
        let s = wait(&app, &mut esp, &id).await;
        assert_eq!(s["phase"], "Ready");
        // The progress page renders for its owner without JavaScript.
        let page = app.get_as(&mut esp, &location).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains("data-test-id=\"import-preview\""),
            "{}",
            page.body
        );
        let r = app
            .rpc(&mut esp, "discard_import", &format!("id={id}"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let s = wait(&app, &mut esp, &id).await;
        assert_eq!(s["phase"], "Discarded");
        let r = app
            .rpc(&mut esp, "commit_import", &format!("id={id}"))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        app.finish().await;
    }
);

crate::common::http_test!(a_file_over_the_limit_is_reported_not_read, |engine| {
    let app = spawn(engine).await;
    let mut esp = member(&app, "esp@example.org", "ESP").await;
    let mut big = HEADER.as_bytes().to_vec();
    big.resize(app::model::MAX_IMPORT_BYTES + 10, b'a');
    let s = upload(&app, &mut esp, "big.csv", &big).await;
    assert_eq!(s["phase"], "Rejected");
    assert!(s["file_problems"][0].get("TooLarge").is_some(), "{s}");
    app.finish().await;
});

crate::common::http_test!(the_template_downloads, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.get("/import/contributions/template.csv").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.starts_with("donor,recipient,"), "{body}");
    assert!(body.contains("#org+funder+code"));
    app.finish().await;
});

crate::common::http_test!(two_uploads_of_one_file_record_it_once, |engine| {
    let app = spawn(engine).await;
    let mut esp = member(&app, "esp@example.org", "ESP").await;
    let csv = format!("{HEADER}ESP,GT,financial,Dos veces,pledge,2026-01-15,USD,100,\n");
    let first = upload(&app, &mut esp, "a.csv", csv.as_bytes()).await;
    let second = upload(&app, &mut esp, "a-again.csv", csv.as_bytes()).await;
    assert_eq!(first["phase"], "Ready");
    assert_eq!(second["phase"], "Ready");
    let before = count(&app).await;
    for s in [&first, &second] {
        let id = s["id"].as_str().expect("id");
        let r = app
            .rpc(&mut esp, "commit_import", &format!("id={id}"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let a = wait(&app, &mut esp, first["id"].as_str().expect("id")).await;
    let b = wait(&app, &mut esp, second["id"].as_str().expect("id")).await;
    let phases = [a["phase"].as_str(), b["phase"].as_str()];
    assert!(phases.contains(&Some("Committed")), "{a} {b}");
    assert!(phases.contains(&Some("Rejected")), "{a} {b}");
    let rejected = if a["phase"] == "Rejected" { &a } else { &b };
    assert_eq!(rejected["row_problems"][0]["line"], 2);
    assert!(rejected["row_problems"][0]["problem"]
        .get("AlreadyRecorded")
        .is_some());
    assert_eq!(count(&app).await, before + 1);
    app.finish().await;
});

crate::common::http_test!(a_spreadsheet_upload_is_checked_like_csv, |engine| {
    let app = spawn(engine).await;
    let mut esp = member(&app, "esp@example.org", "ESP").await;
    let header: Vec<&str> = HEADER.trim().split(',').collect();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("cell");
    }
    let row = [
        "ESP",
        "GTM",
        "financial",
        "Desde Excel",
        "pledge",
        "2026-02-01",
        "EUR",
    ];
    for (c, v) in row.iter().enumerate() {
        sheet.write_string(1, c as u16, *v).expect("cell");
    }
    sheet.write_number(1, 7, 1234.5).expect("cell");
    sheet.write_number(1, 8, 1.1).expect("cell");
    let bytes = book.save_to_buffer().expect("xlsx");
    let s = upload(&app, &mut esp, "libro.xlsx", &bytes).await;
    assert_eq!(s["phase"], "Ready", "{s}");
    assert_eq!(s["preview"][0]["recipient"], "GT");
    assert_eq!(s["preview"][0]["amount"], "1234.50");
    // A sheet with a cell far away is refused before anything large is allocated.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("cell");
    }
    sheet.write_string(1_048_000, 16_000, "far").expect("cell");
    let far = book.save_to_buffer().expect("xlsx");
    let s = upload(&app, &mut esp, "far.xlsx", &far).await;
    assert_eq!(s["phase"], "Rejected", "{s}");
    app.finish().await;
});

crate::common::http_test!(
    without_javascript_the_commit_form_posts_and_returns_to_the_page,
    |engine| {
        let app = spawn(engine).await;
        let mut esp = member(&app, "esp@example.org", "ESP").await;
        let csv = format!("{HEADER}ESP,GT,financial,Sin JS,pledge,2026-01-15,USD,100,\n");
        let s = upload(&app, &mut esp, "a.csv", csv.as_bytes()).await;
        let id = s["id"].as_str().expect("id").to_string();
        let page = format!("/en/contributions/import/{id}");
        let req = Request::post("/rpc/commit_import")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("referer", format!("http://127.0.0.1:3000{page}"))
            .body(Body::from(format!("id={id}")))
            .expect("request");
        let r = app.send(&mut esp, req).await;
        assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
        let location = r.headers["location"].to_str().expect("location");
        assert!(
            location.trim_end_matches('?').ends_with(&page),
            "{location}"
        );
        let s = wait(&app, &mut esp, &id).await;
        assert_eq!(s["phase"], "Committed");
        // Someone signed out posting the upload form is sent to sign in, not shown JSON.
        let r = app
            .send(
                &mut Client::default(),
                multipart("a.csv", csv.as_bytes(), true),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(r.headers["location"]
            .to_str()
            .expect("location")
            .contains("/login?next="));
        app.finish().await;
    }
);

crate::common::http_test!(a_commit_is_judged_by_the_role_held_at_commit, |engine| {
    let app = spawn(engine).await;
    app.create_user("chair@example.org", Role::Secretariat)
        .await;
    let mut chair = app.signed_in("chair@example.org").await;
    let mut esp = member(&app, "esp@example.org", "ESP").await;
    let csv = format!("{HEADER}ESP,GT,financial,Antes del cambio,pledge,2026-01-15,USD,100,\n");
    let s = upload(&app, &mut esp, "a.csv", csv.as_bytes()).await;
    assert_eq!(s["phase"], "Ready", "{s}");
    // Between the check and the commit the person moves to another organisation.
    let me = app.rpc(&mut esp, "current_user", "").await.json()["id"]
        .as_i64()
        .expect("id");
    let r = app
        .rpc(
            &mut chair,
            "update_user_role",
            &format!("id={me}&role=member&organisation=EU"),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.body);
    let before = count(&app).await;
    let id = s["id"].as_str().expect("id");
    let r = app
        .rpc(&mut esp, "commit_import", &format!("id={id}"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let s = wait(&app, &mut esp, id).await;
    assert_eq!(s["phase"], "Rejected", "{engine:?}: {s}");
    assert_eq!(s["row_problems"][0]["column"], "donor");
    assert_eq!(s["row_problems"][0]["problem"], "NotAllowed");
    assert_eq!(count(&app).await, before, "nothing recorded");
    app.finish().await;
});

crate::common::http_test!(an_import_moves_between_app_servers, |engine| {
    let app = spawn(engine).await;
    let other = app.other_server();
    let mut esp = member(&app, "esp@example.org", "ESP").await;
    let csv = format!(
        "{HEADER}ESP,GT,financial,Entre servidores 1,pledge,2026-01-15,USD,100,\n\
         ESP,HN,financial,Entre servidores 2,pledge,2026-01-16,USD,200,\n"
    );
    // Uploaded to one server...
    let r = app
        .send(&mut esp, multipart("two.csv", csv.as_bytes(), false))
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    let id = r.json()["id"].as_str().expect("id").to_string();
    // ...followed and committed on the other, and seen done on the first.
    let s = wait(&other, &mut esp, &id).await;
    assert_eq!(s["phase"], "Ready", "{engine:?}: {s}");
    assert_eq!(s["valid_rows"], 2);
    let before = count(&app).await;
    let r = other
        .rpc(&mut esp, "commit_import", &format!("id={id}"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // A second commit, on either server, is refused while or after the first runs.
    let r = app
        .rpc(&mut esp, "commit_import", &format!("id={id}"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let s = wait(&app, &mut esp, &id).await;
    assert_eq!(s["phase"], "Committed", "{engine:?}: {s}");
    assert_eq!(s["recorded"].as_array().map(Vec::len), Some(2));
    assert_eq!(count(&app).await, before + 2);
    // Nobody else sees it on either server.
    let mut eu = member(&app, "eu@example.org", "EU").await;
    for server in [&app, &other] {
        let r = server
            .rpc(&mut eu, "import_status", &format!("id={id}"))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    app.finish().await;
});

crate::common::http_test!(sign_in_failures_count_on_every_app_server, |engine| {
    let app = spawn(engine).await;
    let other = app.other_server();
    app.create_user("ana@example.org", Role::Secretariat).await;
    for i in 0..5 {
        let server = if i % 2 == 0 { &app } else { &other };
        let mut c = Client::from_ip("10.6.0.1");
        let r = server
            .login(&mut c, "ana@example.org", "wrong-password-x")
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "attempt {i}");
    }
    for server in [&app, &other] {
        let mut c = Client::from_ip("10.6.0.1");
        let r = server
            .login(&mut c, "ana@example.org", crate::common::PASSWORD)
            .await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{engine:?}");
    }
    // A session made on one server is good on the other, and so is what it writes.
    let mut c = app.signed_in("ana@example.org").await;
    assert_eq!(
        other.whoami(&mut c).await.as_deref(),
        Some("ana@example.org")
    );
    app.finish().await;
});
