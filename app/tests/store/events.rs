//! Store tests of the calendar, on SQLite and PostgreSQL: the clash check across time zones with
//! free windows; registration with capacity, waiting list and promotion (also under concurrent
//! registrations, never double-booking); moderation; the registration window; versions;
//! outcomes; personal feed tokens; and the ICS written from the store, parsed back.

use app::error::{AppError, Problem};
use app::i18n::Lang;
use app::model::{
    EventInput, EventKind, EventMode, EventQuery, EventStatus, RegistrationStatus, Role,
};
use app::server::store::events::{self, NewEvent, Proposal, Registrant};
use app::server::store::{audit::Actor, Db};
use app::store_test;
use chrono::{DateTime, Duration, NaiveDate, Utc};

async fn person(db: &Db, email: &str, role: Role) -> (i64, Actor) {
    let u = app::server::testing::user(db, email, role).await;
    (u.id, u.actor())
}

/// A wall-clock time in a zone, as UTC.
fn at(zone: &str, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    let t = NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, min, 0))
        .expect("time");
    events::from_local(t, events::zone(zone)).expect("exists")
}

/// A confirmed, in-person event with registration, checked like the form's.
fn event(kind: EventKind, title: &str, zone: &str, start: DateTime<Utc>, hours: i64) -> NewEvent {
    let tz = events::zone(zone);
    let wall = |at: DateTime<Utc>| events::local(at, tz).format("%Y-%m-%dT%H:%M").to_string();
    let input = EventInput {
        kind: kind.code().into(),
        status: EventStatus::Confirmed.code().into(),
        mode: EventMode::InPerson.code().into(),
        title_es: title.into(),
        title_en: title.into(),
        timezone: zone.into(),
        starts_local: wall(start),
        ends_local: wall(start + Duration::hours(hours)),
        registration: "on".into(),
        ..Default::default()
    };
    NewEvent::from_input(&input, &app::server::testing::vocabulary()).expect("a valid event")
}

fn proposal(zone: &str, start: DateTime<Utc>, hours: i64, countries: &[&str]) -> Proposal {
    Proposal {
        starts_at: start,
        ends_at: start + Duration::hours(hours),
        timezone: zone.into(),
        countries: countries.iter().map(|c| c.to_string()).collect(),
        organisers: Vec::new(),
    }
}

fn now() -> DateTime<Utc> {
    at("UTC", 2030, 1, 1, 0, 0)
}

store_test!(clashes_are_found_across_time_zones, |db| {
    // A working-group meeting in Panama (UTC-5), 09:00-11:00 on Tuesday 2 March 2032: 14:00-16:00 UTC.
    let (_, sec) = person(&db, "sec@example.org", Role::Secretariat).await;
    let wg = events::create(
        &db,
        Some(&sec),
        &event(
            EventKind::WorkingGroupMeeting,
            "WG",
            "America/Panama",
            at("America/Panama", 2032, 3, 2, 9, 0),
            2,
        ),
    )
    .await
    .expect("wg");
    // A workshop in Costa Rica with Guatemala taking part, the next day.
    let mut ws = event(
        EventKind::LearningWorkshop,
        "Taller",
        "America/Costa_Rica",
        at("America/Costa_Rica", 2032, 3, 3, 9, 0),
        3,
    );
    ws.countries = vec!["GT".into()];
    ws.host = Some("CR".into());
    let ws_id = events::create(&db, Some(&sec), &ws)
        .await
        .expect("workshop");
    // A cancelled quarterly meeting at the same time as the WG meeting never clashes.
    let mut q = event(
        EventKind::QuarterlyMeeting,
        "Cancelled",
        "UTC",
        at("UTC", 2032, 3, 2, 14, 0),
        2,
    );
    q.status = EventStatus::Cancelled;
    events::create(&db, Some(&sec), &q)
        .await
        .expect("cancelled");

    // Madrid 15:30 (UTC+1) is 14:30 UTC: inside the WG meeting.
    let r = events::clash_report(
        &db,
        &proposal(
            "Europe/Madrid",
            at("Europe/Madrid", 2032, 3, 2, 15, 30),
            1,
            &[],
        ),
        0,
        now(),
    )
    .await
    .expect("report");
    assert_eq!(
        r.clashes.iter().map(|c| c.event.id).collect::<Vec<_>>(),
        vec![wg]
    );
    assert_eq!(
        r.clashes[0].reasons,
        vec![app::model::ClashReason::StandingMeeting]
    );
    // Mexico City 09:30 (UTC-6) is 15:30 UTC: also inside.
    let r = events::clash_report(
        &db,
        &proposal(
            "America/Mexico_City",
            at("America/Mexico_City", 2032, 3, 2, 9, 30),
            1,
            &[],
        ),
        0,
        now(),
    )
    .await
    .expect("report");
    assert_eq!(r.clashes.len(), 1);
    // Panama 11:00-12:00 starts when the meeting ends: no overlap.
    let r = events::clash_report(
        &db,
        &proposal(
            "America/Panama",
            at("America/Panama", 2032, 3, 2, 11, 0),
            1,
            &[],
        ),
        0,
        now(),
    )
    .await
    .expect("report");
    assert!(r.clashes.is_empty(), "{:?}", r.clashes);
    assert!(
        r.windows.is_empty(),
        "no windows are offered when nothing clashes"
    );

    // The workshop clashes only with events that share a country (Guatemala or the host).
    let during = at("America/Guatemala", 2032, 3, 3, 8, 30); // 08:30 in Guatemala = 09:30 in Costa Rica
    let r = events::clash_report(
        &db,
        &proposal("America/Guatemala", during, 1, &["HN"]),
        0,
        now(),
    )
    .await
    .expect("report");
    assert!(r.clashes.is_empty(), "no shared country");
    let r = events::clash_report(
        &db,
        &proposal("America/Guatemala", during, 1, &["GT"]),
        0,
        now(),
    )
    .await
    .expect("report");
    assert_eq!(r.clashes.len(), 1);
    assert_eq!(r.clashes[0].event.id, ws_id);
    assert_eq!(
        r.clashes[0].reasons,
        vec![app::model::ClashReason::SameCountries(vec!["GT".into()])]
    );
    // Moving the workshop itself does not clash with itself.
    let r = events::clash_report(
        &db,
        &proposal("America/Guatemala", during, 1, &["GT"]),
        ws_id,
        now(),
    )
    .await
    .expect("report");
    assert!(r.clashes.is_empty());

    // Free windows: same wall-clock time, on weekdays, each clear of everything.
    let p = proposal(
        "Europe/Madrid",
        at("Europe/Madrid", 2032, 3, 2, 15, 30),
        1,
        &["GT"],
    );
    let r = events::clash_report(&db, &p, 0, now())
        .await
        .expect("report");
    assert_eq!(r.windows.len(), 3);
    for w in &r.windows {
        use chrono::{Datelike, Timelike};
        assert_eq!((w.local_start.hour(), w.local_start.minute()), (15, 30));
        assert!(w.local_start.weekday().num_days_from_monday() < 5);
        let moved = Proposal {
            starts_at: w.starts_at,
            ends_at: w.ends_at,
            ..p.clone()
        };
        let again = events::clash_report(&db, &moved, 0, now())
            .await
            .expect("report");
        assert!(again.clashes.is_empty(), "window {w:?} clashes");
    }
    // The window on the workshop's day (Wednesday 3 March) is skipped: Guatemala takes part.
    assert_ne!(
        r.windows[0].local_start.date(),
        NaiveDate::from_ymd_opt(2032, 3, 3).expect("value")
    );
});

store_test!(a_full_event_waitlists_and_promotes, |db| {
    let (_, sec) = person(&db, "sec@example.org", Role::Secretariat).await;
    let mut e = event(
        EventKind::LearningWorkshop,
        "Taller",
        "America/Panama",
        at("America/Panama", 2032, 5, 4, 9, 0),
        3,
    );
    e.capacity = Some(2);
    let id = events::create(&db, Some(&sec), &e).await.expect("event");
    let mut people = Vec::new();
    for i in 0..4 {
        people.push(person(&db, &format!("p{i}@example.org"), Role::focal_point("GT")).await);
    }
    let t = now();
    let mut statuses = Vec::new();
    for (uid, actor) in &people {
        statuses.push(
            events::register(&db, id, &Registrant::User(*uid), Some(actor), false, t)
                .await
                .expect("register"),
        );
    }
    use RegistrationStatus::*;
    assert_eq!(statuses, vec![Confirmed, Confirmed, Waitlisted, Waitlisted]);
    // Asking again changes nothing.
    let again = events::register(
        &db,
        id,
        &Registrant::User(people[2].0),
        Some(&people[2].1),
        false,
        t,
    )
    .await
    .expect("again");
    assert_eq!(again, Waitlisted);
    let list = events::participants(&db, id).await.expect("list");
    assert_eq!(list.len(), 4);
    assert_eq!(
        list.iter().filter_map(|p| p.position).collect::<Vec<_>>(),
        vec![1, 2]
    );

    // The first person withdraws: the first on the waiting list moves up and is told.
    let (reg, _, _) = events::registration_of(&db, id, people[0].0)
        .await
        .expect("reg")
        .expect("exists");
    events::withdraw(&db, reg, &people[0].1, t)
        .await
        .expect("withdraw");
    let mine = events::registration_of(&db, id, people[2].0)
        .await
        .expect("reg")
        .expect("exists");
    assert_eq!(mine.1, Confirmed);
    let last = events::registration_of(&db, id, people[3].0)
        .await
        .expect("reg")
        .expect("exists");
    assert_eq!((last.1, last.2), (Waitlisted, Some(1)));
    let notices = events::notices(&db, people[2].0).await.expect("notices");
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].kind, "promoted");
    assert_eq!(notices[0].event_id, Some(id));
    assert!(events::notices(&db, people[3].0)
        .await
        .expect("notices")
        .is_empty());
    // Withdrawing twice is harmless; re-registering goes to the back of the queue.
    events::withdraw(&db, reg, &people[0].1, t)
        .await
        .expect("withdraw again");
    let back = events::register(
        &db,
        id,
        &Registrant::User(people[0].0),
        Some(&people[0].1),
        false,
        t + Duration::minutes(1),
    )
    .await
    .expect("back");
    assert_eq!(back, Waitlisted);
    let d = events::get(&db, id).await.expect("get").expect("exists");
    assert_eq!((d.confirmed, d.waitlisted), (2, 2));

    // A larger capacity moves the queue up.
    let mut bigger = e.clone();
    bigger.capacity = Some(3);
    events::update(&db, &sec, id, d.version, &bigger)
        .await
        .expect("update");
    let d = events::get(&db, id).await.expect("get").expect("exists");
    assert_eq!((d.confirmed, d.waitlisted), (3, 1));
    // A stale version is refused and changes nothing.
    let err = events::update(&db, &sec, id, 1, &e)
        .await
        .expect_err("stale");
    assert_eq!(err, AppError::Conflict);
    assert_eq!(
        events::get(&db, id)
            .await
            .expect("get")
            .expect("exists")
            .capacity,
        Some(3)
    );
    // The trail has the registrations and the promotions.
    let promoted: i64 = app::on_db!(&db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'event_registration' AND action = 'promote'"
    ).fetch_one(pool).await.expect("count"));
    assert_eq!(promoted, 2);
});

store_test!(concurrent_registrations_never_double_book, |db| {
    let (_, sec) = person(&db, "sec@example.org", Role::Secretariat).await;
    let mut e = event(
        EventKind::LearningWorkshop,
        "Popular",
        "UTC",
        at("UTC", 2032, 6, 1, 9, 0),
        2,
    );
    e.capacity = Some(5);
    let id = events::create(&db, Some(&sec), &e).await.expect("event");
    let mut people = Vec::new();
    for i in 0..20 {
        people.push(person(&db, &format!("c{i}@example.org"), Role::member("EU")).await);
    }
    let t = now();
    let mut tasks = Vec::new();
    for (uid, actor) in people.clone() {
        let db = db.clone();
        tasks.push(tokio::spawn(async move {
            events::register(&db, id, &Registrant::User(uid), Some(&actor), false, t).await
        }));
    }
    // The same person pressing the button several times at once gets one registration.
    for _ in 0..4 {
        let db = db.clone();
        let (uid, actor) = people[0].clone();
        tasks.push(tokio::spawn(async move {
            events::register(&db, id, &Registrant::User(uid), Some(&actor), false, t).await
        }));
    }
    for t in tasks {
        t.await.expect("task").expect("register");
    }
    let list = events::participants(&db, id).await.expect("list");
    assert_eq!(list.len(), 20, "one row per person");
    let confirmed = list
        .iter()
        .filter(|p| p.status == RegistrationStatus::Confirmed)
        .count();
    let waiting: Vec<i64> = list.iter().filter_map(|p| p.position).collect();
    assert_eq!(confirmed, 5);
    assert_eq!(waiting, (1..=15).collect::<Vec<_>>());

    // Five withdraw at once: exactly five move up, in queue order.
    let confirmed_ids: Vec<(i64, i64)> = list
        .iter()
        .filter(|p| p.status == RegistrationStatus::Confirmed)
        .map(|p| (p.id, p.user_id.unwrap_or(0)))
        .collect();
    let first_five_waiting: Vec<i64> = list
        .iter()
        .filter(|p| p.position.is_some_and(|n| n <= 5))
        .map(|p| p.id)
        .collect();
    let mut tasks = Vec::new();
    for (reg, _) in confirmed_ids {
        let db = db.clone();
        let sec = sec.clone();
        tasks.push(tokio::spawn(async move {
            events::withdraw(&db, reg, &sec, t).await
        }));
    }
    for t in tasks {
        t.await.expect("task").expect("withdraw");
    }
    let list = events::participants(&db, id).await.expect("list");
    let now_confirmed: Vec<i64> = list
        .iter()
        .filter(|p| p.status == RegistrationStatus::Confirmed)
        .map(|p| p.id)
        .collect();
    assert_eq!(now_confirmed.len(), 5);
    for id in first_five_waiting {
        assert!(
            now_confirmed.contains(&id),
            "the first five in the queue moved up"
        );
    }
});

store_test!(moderation_windows_and_guests, |db| {
    let (_, sec) = person(&db, "sec@example.org", Role::Secretariat).await;
    let (fp, fp_actor) = person(&db, "fp@example.org", Role::focal_point("HN")).await;
    let (other, other_actor) = person(&db, "fp2@example.org", Role::focal_point("SV")).await;
    let mut e = event(
        EventKind::FieldVisit,
        "Visita",
        "America/Guatemala",
        at("America/Guatemala", 2032, 7, 1, 8, 0),
        8,
    );
    e.capacity = Some(1);
    e.moderated = true;
    e.registration_opens_at = Some(at("UTC", 2029, 1, 1, 0, 0));
    e.registration_closes_at = Some(at("UTC", 2031, 1, 1, 0, 0));
    let id = events::create(&db, Some(&sec), &e).await.expect("event");
    // Requests wait for the organiser.
    let s = events::register(
        &db,
        id,
        &Registrant::User(fp),
        Some(&fp_actor),
        false,
        now(),
    )
    .await
    .expect("register");
    assert_eq!(s, RegistrationStatus::Pending);
    let s = events::register(
        &db,
        id,
        &Registrant::User(other),
        Some(&other_actor),
        false,
        now(),
    )
    .await
    .expect("register");
    assert_eq!(s, RegistrationStatus::Pending);
    let list = events::participants(&db, id).await.expect("list");
    let (a, b) = (list[0].id, list[1].id);
    assert_eq!(
        events::moderate(&db, a, true, &sec, now())
            .await
            .expect("approve"),
        RegistrationStatus::Confirmed
    );
    // The only place is taken: the next approval joins the waiting list.
    assert_eq!(
        events::moderate(&db, b, true, &sec, now())
            .await
            .expect("approve"),
        RegistrationStatus::Waitlisted
    );
    assert_eq!(
        events::moderate(&db, b, false, &sec, now())
            .await
            .expect_err("not pending"),
        AppError::Conflict
    );
    assert_eq!(
        events::notices(&db, fp).await.expect("n")[0].kind,
        "approved"
    );
    // Outside the window people cannot register; the organiser can still add a guest.
    let (late, late_actor) = person(&db, "late@example.org", Role::member("EU")).await;
    let err = events::register(
        &db,
        id,
        &Registrant::User(late),
        Some(&late_actor),
        false,
        at("UTC", 2031, 6, 1, 0, 0),
    )
    .await
    .expect_err("closed");
    assert_eq!(
        err.field("registration"),
        Some(&Problem::RegistrationClosed)
    );
    let guest = Registrant::Guest {
        name: "Ana Pérez".into(),
        email: "Ana@Example.org ".into(),
        affiliation: "Alcaldía".into(),
    };
    let s = events::register(
        &db,
        id,
        &guest,
        Some(&sec),
        true,
        at("UTC", 2031, 6, 1, 0, 0),
    )
    .await
    .expect("guest");
    assert_eq!(s, RegistrationStatus::Waitlisted);
    let list = events::participants(&db, id).await.expect("list");
    let g = list.iter().find(|p| p.role == "guest").expect("guest row");
    assert_eq!(
        (g.email.as_str(), g.affiliation_es.as_str()),
        ("ana@example.org", "Alcaldía")
    );
    let bad = Registrant::Guest {
        name: " ".into(),
        email: "nope".into(),
        affiliation: String::new(),
    };
    let err = events::register(&db, id, &bad, Some(&sec), true, now())
        .await
        .expect_err("bad guest");
    assert!(err.field("guest_name").is_some() && err.field("guest_email").is_some());
    // A cancelled event takes no registrations, and the people on it are told.
    let d = events::get(&db, id).await.expect("get").expect("exists");
    let mut cancelled = e.clone();
    cancelled.status = EventStatus::Cancelled;
    events::update(&db, &sec, id, d.version, &cancelled)
        .await
        .expect("cancel");
    assert_eq!(
        events::notices(&db, fp).await.expect("n")[0].kind,
        "event_cancelled"
    );
    let err = events::register(
        &db,
        id,
        &Registrant::User(late),
        Some(&late_actor),
        true,
        now(),
    )
    .await
    .expect_err("cancelled");
    assert_eq!(
        err.field("registration"),
        Some(&Problem::RegistrationClosed)
    );
    // An event that ends when it starts does not pass its check (the only way to the store).
    let bad = EventInput {
        kind: "learning_workshop".into(),
        mode: "virtual".into(),
        title_es: "Taller".into(),
        timezone: "America/Panama".into(),
        starts_local: "2031-05-05T09:00".into(),
        ends_local: "2031-05-05T09:00".into(),
        ..Default::default()
    };
    let err = NewEvent::from_input(&bad, &app::server::testing::vocabulary()).expect_err("bad");
    assert_eq!(err.field("ends_local"), Some(&Problem::NotAllowed));
});

store_test!(lists_outcomes_and_feeds, |db| {
    let (_, sec) = person(&db, "sec@example.org", Role::Secretariat).await;
    let (fp, _) = person(&db, "fp@example.org", Role::focal_point("MX")).await;
    let mut past = event(
        EventKind::SolidarityEvent,
        "Pasado",
        "America/Costa_Rica",
        at("America/Costa_Rica", 2021, 6, 10, 9, 0),
        8,
    );
    past.host = Some("CR".into());
    past.themes = vec!["employment".into()];
    let past_id = events::create(&db, Some(&sec), &past).await.expect("past");
    let future = event(
        EventKind::LearningWorkshop,
        "Futuro",
        "America/Mexico_City",
        at("America/Mexico_City", 2032, 1, 20, 10, 0),
        2,
    );
    let future_id = events::create(&db, Some(&sec), &future)
        .await
        .expect("future");
    let q = |when: &str, country: &str, theme: &str| EventQuery {
        when: when.into(),
        country: country.into(),
        theme: theme.into(),
        ..Default::default()
    };
    let ids =
        |v: Vec<app::model::EventSummaryItem>| v.into_iter().map(|e| e.id).collect::<Vec<_>>();
    assert_eq!(
        ids(events::list(&db, &q("", "", ""), now()).await.expect("l")),
        vec![future_id]
    );
    assert_eq!(
        ids(events::list(&db, &q("past", "", ""), now())
            .await
            .expect("l")),
        vec![past_id]
    );
    assert_eq!(
        ids(events::list(&db, &q("all", "CR", "").clone(), now())
            .await
            .expect("l")),
        vec![past_id]
    );
    assert_eq!(
        ids(events::list(&db, &q("all", "", "employment"), now())
            .await
            .expect("l")),
        vec![past_id]
    );
    let item = &events::list(&db, &q("past", "", ""), now())
        .await
        .expect("l")[0];
    assert_eq!(item.local_start.to_string(), "2021-06-10 09:00:00");
    assert_eq!(item.countries, vec!["CR".to_string()]);

    // Outcomes.
    events::save_learned(
        &db,
        &sec,
        past_id,
        "Aprendimos **mucho**",
        "We learned a lot",
    )
    .await
    .expect("learned");
    let change = events::add_policy_change(
        &db,
        &sec,
        past_id,
        "MX",
        "Ventanilla única",
        "One-stop shop",
    )
    .await
    .expect("change");
    let o = events::outcomes(&db, past_id).await.expect("outcomes");
    assert_eq!(o.learned_en, "We learned a lot");
    assert_eq!(o.policy_changes.len(), 1);
    assert_eq!(o.policy_changes[0].country.code, "MX");
    assert!(matches!(
        events::add_policy_change(&db, &sec, past_id, "MX", " ", "").await,
        Err(AppError::Validation(_))
    ));
    events::withdraw_policy_change(&db, &sec, change)
        .await
        .expect("withdraw");
    assert!(events::outcomes(&db, past_id)
        .await
        .expect("o")
        .policy_changes
        .is_empty());
    assert_eq!(
        events::withdraw_policy_change(&db, &sec, change).await,
        Err(AppError::NotFound)
    );

    // The personal feed: a token finds its owner until it is replaced.
    let token = events::reset_feed_token(&db, fp).await.expect("token");
    assert_eq!(
        events::feed_owner(&db, &token).await.expect("owner"),
        Some(fp)
    );
    let newer = events::reset_feed_token(&db, fp).await.expect("token");
    assert_eq!(events::feed_owner(&db, &token).await.expect("owner"), None);
    assert_eq!(
        events::feed_owner(&db, &newer).await.expect("owner"),
        Some(fp)
    );

    // The ICS written from the store reads back: one VEVENT each, UTC times, reminders.
    let items = events::list(&db, &q("all", "", ""), now())
        .await
        .expect("l");
    let entries: Vec<app::server::ics::FeedEntry<'_>> = items
        .iter()
        .map(|e| app::server::ics::FeedEntry {
            event: e,
            description: "Descripción, con comas; y punto y coma",
            url: format!("https://example.org/es/events/{}", e.id),
            sequence: 1,
            note: None,
        })
        .collect();
    let text = app::server::ics::calendar("Eventos", Lang::Es, &entries, now());
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "folded lines: {line}");
    }
    let parsed: icalendar::Calendar = text.parse().expect("valid iCalendar");
    use icalendar::Component;
    let vevents: Vec<_> = parsed
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    assert_eq!(vevents.len(), 2);
    let ev = vevents
        .iter()
        .find(|e| e.get_summary() == Some("Pasado"))
        .expect("past event");
    assert_eq!(
        ev.get_uid(),
        Some(format!("event-{past_id}@mirps-hub").as_str())
    );
    assert_eq!(ev.property_value("DTSTART"), Some("20210610T150000Z"));
    assert_eq!(
        ev.get_description(),
        Some("Descripción, con comas; y punto y coma")
    );
    assert_eq!(
        text.matches("BEGIN:VALARM").count(),
        4,
        "a reminder the day before and an hour before, per event"
    );
    assert!(text.contains("TRIGGER;RELATED=START:-PT86400S"), "{text}");
    assert!(text.contains("TRIGGER;RELATED=START:-PT3600S"), "{text}");
    assert!(text.contains("BEGIN:VALARM") && text.contains("ACTION:DISPLAY"));
});
