//! The calendar in the open-data API and its feeds: the JSON list with filters, the public ICS
//! feed and one event's ICS (parsed back), the personal feed at its secret address, and the
//! organiser's participant CSV.

use crate::common::spawn;
use app::model::{EventKind, Role};
use app::server::store::{events, Engine};
use axum::http::StatusCode;
use icalendar::Component;

/// Registers `user` for the first upcoming demo event of `kind` and returns the event.
async fn register_for_upcoming(
    app: &crate::common::TestApp,
    kind: EventKind,
    user: i64,
) -> app::model::EventSummaryItem {
    let now = chrono::Utc::now();
    let event = events::list(&app.state.db, &app::model::EventQuery::default(), now)
        .await
        .expect("list")
        .into_iter()
        .find(|e| e.kind == kind)
        .expect("an upcoming demo event of this kind, open for registration");
    events::register(
        &app.state.db,
        event.id,
        &events::Registrant::User(user),
        None,
        false,
        now,
    )
    .await
    .expect("register");
    event
}

crate::common::http_test!(events_are_listed_and_filtered, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app
        .get("/api/v1/events?when=past&kind=solidarity_event")
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let list: serde_json::Value = serde_json::from_str(&body).expect("json");
    let slugs: Vec<String> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["title_en"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        slugs.iter().any(|t| t == "First MIRPS Solidarity Event"),
        "{slugs:?}"
    );
    assert!(list
        .as_array()
        .expect("value")
        .iter()
        .all(|e| e["kind"] == "solidarity_event"));
    // The 2021 event in San José: the venue's clock and zone come with the UTC instant.
    let sj = list
        .as_array()
        .expect("value")
        .iter()
        .find(|e| e["title_en"] == "First MIRPS Solidarity Event")
        .expect("2021");
    assert_eq!(sj["timezone"], "America/Costa_Rica");
    assert_eq!(sj["local_start"], "2021-06-10T00:00:00");
    assert_eq!(sj["starts_at"], "2021-06-10T06:00:00Z");
    let (_, body) = app.get("/api/v1/events?when=all&country=GT").await;
    let gt: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert!(gt.as_array().expect("value").iter().all(|e| e["countries"]
        .as_array()
        .expect("value")
        .iter()
        .any(|c| c == "GT")));
    for bad in [
        "/api/v1/events?when=someday",
        "/api/v1/events?kind=party",
        "/api/v1/events?country=Guatemala",
        "/api/v1/events?colour=blue",
        "/api/v1/events.ics?lang=fr",
    ] {
        let (res, body) = app.get(bad).await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
    let doc = server::open_data::ApiDoc::openapi_json();
    for path in [
        "/api/v1/events",
        "/api/v1/events.ics",
        "/api/v1/events/{id}.ics",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} documented");
    }
    app.finish().await;
});

crate::common::http_test!(feeds_are_valid_icalendar_with_reminders, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.get("/api/v1/events.ics?lang=en").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .expect("value")
        .starts_with("text/calendar"));
    let cal: icalendar::Calendar = body.parse().expect("parses");
    let vevents: Vec<&icalendar::Event> =
        cal.components.iter().filter_map(|c| c.as_event()).collect();
    let (_, json) = app.get("/api/v1/events?when=all").await;
    let all: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(
        vevents.len(),
        all.as_array().expect("value").len(),
        "one VEVENT per event"
    );
    assert!(body.contains("BEGIN:VALARM"), "reminders");
    // The 2021 solidarity event is a whole day in San José: a DATE, not a time.
    let sj = vevents
        .iter()
        .find(|e| e.get_summary() == Some("First MIRPS Solidarity Event"))
        .expect("2021 event");
    assert_eq!(sj.property_value("DTSTART"), Some("20210610"));
    assert_eq!(sj.property_value("DTEND"), Some("20210611"));
    assert!(sj
        .property_value("URL")
        .unwrap_or_default()
        .ends_with(&format!(
            "/en/events/{}",
            sj.get_uid()
                .expect("value")
                .trim_start_matches("event-")
                .trim_end_matches("@mirps-hub")
        )));
    // One event alone.
    let id = all[0]["id"].as_i64().expect("id");
    let (res, one) = app.get(&format!("/api/v1/events/{id}.ics")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let cal: icalendar::Calendar = one.parse().expect("parses");
    assert_eq!(
        cal.components.iter().filter_map(|c| c.as_event()).count(),
        1
    );
    let (res, _) = app.get("/api/v1/events/999999.ics").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // The personal feed: a secret address with one's registrations; a replaced one is gone.
    let uid = app
        .create_user("fp@example.org", Role::focal_point("PA"))
        .await;
    let quarterly = register_for_upcoming(&app, EventKind::QuarterlyMeeting, uid).await;
    let token = events::reset_feed_token(&app.state.db, uid)
        .await
        .expect("token");
    let (res, mine) = app.get(&format!("/feeds/{token}/events.ics?lang=es")).await;
    assert_eq!(res.status(), StatusCode::OK);
    let cal: icalendar::Calendar = mine.parse().expect("parses");
    let titles: Vec<&str> = cal
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .filter_map(|e| e.get_summary())
        .collect();
    assert_eq!(titles, vec![quarterly.title_es.as_str()]);
    events::reset_feed_token(&app.state.db, uid)
        .await
        .expect("new token");
    let (res, _) = app.get(&format!("/feeds/{token}/events.ics")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    app.finish().await;
});

crate::common::http_test!(participant_lists_are_for_organisers, |engine| {
    let app = spawn(engine).await;
    app.create_user("sec@example.org", Role::Secretariat).await;
    let fp = app
        .create_user("fp@example.org", Role::focal_point("CR"))
        .await;
    app.create_user("m@example.org", Role::member("EU")).await;
    let workshop = register_for_upcoming(&app, EventKind::LearningWorkshop, fp).await;
    let uri = format!("/export/events/{}/participants.csv?lang=en", workshop.id);
    let (res, _) = app.get(&uri).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let mut member = app.signed_in("m@example.org").await;
    assert_eq!(
        app.get_as(&mut member, &uri).await.status,
        StatusCode::FORBIDDEN
    );
    let mut sec = app.signed_in("sec@example.org").await;
    let r = app.get_as(&mut sec, &uri).await;
    assert_eq!(r.status, StatusCode::OK);
    let mut lines = r.body.lines();
    assert_eq!(
        lines.next(),
        Some("name,email,role,affiliation,status,waiting_list_position,requested_utc")
    );
    let row = lines.next().expect("a row");
    assert!(
        row.starts_with("fp,fp@example.org,focal_point,Costa Rica,Place confirmed,"),
        "{row}"
    );
    let r = app
        .get_as(
            &mut sec,
            &format!(
                "/export/events/{}/participants.csv?status=waitlisted",
                workshop.id
            ),
        )
        .await;
    assert_eq!(
        r.body.lines().count(),
        1,
        "only the header: nobody is waiting"
    );
    let r = app
        .get_as(
            &mut sec,
            &format!(
                "/export/events/{}/participants.csv?status=maybe",
                workshop.id
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    app.finish().await;
});

/// Without JavaScript the feed button is a plain form post whose answer the browser never sees:
/// the new address is shown on "My events" once, complete, and works; the next visit has none.
#[tokio::test]
async fn a_feed_made_by_a_plain_form_post_is_shown_once() {
    use axum::body::Body;
    use axum::http::{header, Request};

    let app = spawn(Engine::Sqlite).await;
    app.create_user("fp@example.org", Role::focal_point("PA"))
        .await;
    let mut client = app.signed_in("fp@example.org").await;
    let page = app.get_as(&mut client, "/en/events/mine").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("data-test-id=\"feed-url\""));

    let req = Request::post("/rpc/reset_calendar_feed")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, "http://127.0.0.1:3000/en/events/mine")
        .body(Body::empty())
        .expect("request");
    let r = app.send(&mut client, req).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    let back = r.headers[header::LOCATION].to_str().expect("location");
    assert!(
        back.starts_with("http://127.0.0.1:3000/en/events/mine"),
        "{back}"
    );

    let page = app.get_as(&mut client, "/en/events/mine").await;
    let public = app
        .state
        .settings
        .public_url
        .trim_end_matches('/')
        .to_string();
    let start = page
        .body
        .find(&format!("value=\"{public}/feeds/"))
        .unwrap_or_else(|| panic!("the address is on the page: {}", page.body));
    let address = &page.body[start + 7..];
    let address = &address[..address.find('"').expect("end of the value")];
    let path = address.strip_prefix(&public).expect("the public address");
    let (res, feed) = app.get(path).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(feed.starts_with("BEGIN:VCALENDAR"));

    let again = app.get_as(&mut client, "/en/events/mine").await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(
        !again.body.contains(&format!("{public}/feeds/")),
        "shown once only"
    );

    // With JavaScript the answer is the address itself, and nothing waits in the session.
    let r = app.rpc(&mut client, "reset_calendar_feed", "").await;
    assert!(r.status.is_success(), "{} {}", r.status, r.body);
    assert!(r.body.contains("/feeds/"));
    let after = app.get_as(&mut client, "/en/events/mine").await;
    assert!(!after.body.contains(&format!("{public}/feeds/")));
    app.finish().await;
}
