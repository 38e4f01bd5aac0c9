//! Store tests for accounts, invitations and the audit trail, on SQLite and PostgreSQL.

use app::error::{AppError, Problem};
use app::model::{AuditFilter, InvitationStatus, Role};
use app::server::store::{accounts, audit, Db};
use app::store_test;
use chrono::{Duration, Utc};

async fn secretariat(db: &Db) -> accounts::User {
    app::server::testing::user(db, "chair@example.org", Role::Secretariat).await
}

fn focal_point(role: &Role) -> accounts::NewUser<'_> {
    accounts::NewUser {
        email: "fp@example.org",
        display_name: "FP",
        password_hash: "x",
        role,
    }
}

store_test!(accounts_are_unique_scoped_and_audited, |db| {
    let chair = secretariat(&db).await;
    let dup = accounts::create(
        &db,
        None,
        accounts::NewUser {
            email: "chair@example.org",
            display_name: "Other",
            password_hash: "x",
            role: &Role::Secretariat,
        },
    )
    .await;
    assert_eq!(dup, Err(AppError::invalid("email", Problem::Taken)));

    let bad_scope = accounts::create(&db, None, focal_point(&Role::focal_point("ZZ"))).await;
    assert_eq!(
        bad_scope,
        Err(AppError::invalid("country", Problem::UnknownChoice))
    );

    let id = accounts::create(&db, None, focal_point(&Role::focal_point("GT")))
        .await
        .expect("create");
    accounts::update_role(&db, &chair.actor(), id, &Role::member("EU"))
        .await
        .expect("update");
    let u = accounts::find_by_id(&db, id)
        .await
        .expect("find")
        .expect("exists");
    assert_eq!(u.role, Role::member("EU"));

    let trail = audit::list(
        &db,
        &AuditFilter {
            entity: Some("user".into()),
            entity_id: Some(id.to_string()),
            ..Default::default()
        },
        1,
        50,
    )
    .await
    .expect("trail");
    assert_eq!(trail.total, 2);
    let update = &trail.entries[0];
    assert_eq!(update.action, "update");
    assert_eq!(update.actor_email.as_deref(), Some("chair@example.org"));
    assert_eq!(update.before.as_ref().expect("before")["country"], "GT");
    assert_eq!(update.after.as_ref().expect("after")["organisation"], "EU");
    assert!(!serde_json::to_string(&trail.entries)
        .expect("json")
        .contains("password"));
});

store_test!(invitations_expire_and_are_single_use, |db| {
    let chair = secretariat(&db).await;
    let now = Utc::now();
    let role = Role::member("IDB");
    accounts::create_invitation(
        &db,
        &chair.actor(),
        "idb@example.org",
        &role,
        "hash-1",
        now + Duration::days(7),
    )
    .await
    .expect("invite");
    accounts::create_invitation(
        &db,
        &chair.actor(),
        "old@example.org",
        &role,
        "hash-2",
        now - Duration::minutes(1),
    )
    .await
    .expect("invite");
    assert!(accounts::pending_invitation(&db, "hash-1", now)
        .await
        .expect("q")
        .is_some());
    assert!(
        accounts::pending_invitation(&db, "hash-2", now)
            .await
            .expect("q")
            .is_none(),
        "expired"
    );
    assert_eq!(
        accounts::accept_invitation(&db, "hash-2", "Old", "h", now)
            .await
            .err(),
        Some(AppError::NotFound)
    );

    // Two people racing with the same link: exactly one account.
    let (a, b) = tokio::join!(
        accounts::accept_invitation(&db, "hash-1", "First", "h", now),
        accounts::accept_invitation(&db, "hash-1", "Second", "h", now),
    );
    assert_eq!(
        [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
        1,
        "{a:?} {b:?}"
    );
    let statuses: Vec<_> = accounts::list_invitations(&db, now)
        .await
        .expect("list")
        .iter()
        .map(|i| i.status)
        .collect();
    assert!(statuses.contains(&InvitationStatus::Accepted));
    assert!(statuses.contains(&InvitationStatus::Expired));
    let accounts = accounts::list(&db).await.expect("users");
    assert_eq!(
        accounts
            .iter()
            .filter(|u| u.email == "idb@example.org")
            .count(),
        1
    );

    // Inviting an email that already has an account is a field error.
    let again = accounts::create_invitation(
        &db,
        &chair.actor(),
        "idb@example.org",
        &role,
        "hash-3",
        now + Duration::days(1),
    )
    .await;
    assert_eq!(
        again.err(),
        Some(AppError::invalid("email", Problem::Taken))
    );
});

store_test!(audit_filters_and_pages, |db| {
    let chair = secretariat(&db).await;
    for i in 0..7 {
        let email = format!("u{i}@example.org");
        accounts::create(
            &db,
            Some(&chair.actor()),
            accounts::NewUser {
                email: &email,
                display_name: "U",
                password_hash: "x",
                role: &Role::Secretariat,
            },
        )
        .await
        .expect("create");
    }
    let all = AuditFilter::default();
    let p1 = audit::list(&db, &all, 1, 5).await.expect("page 1");
    let p2 = audit::list(&db, &all, 2, 5).await.expect("page 2");
    assert_eq!(p1.total, 8);
    assert_eq!((p1.entries.len(), p2.entries.len()), (5, 3));
    assert!(p1.entries[0].id > p2.entries[0].id, "newest first");

    let by_actor = AuditFilter {
        actor: Some("CHAIR@example.org".into()),
        ..Default::default()
    };
    assert_eq!(
        audit::list(&db, &by_actor, 1, 50).await.expect("q").total,
        7
    );

    let today = Utc::now().date_naive();
    let window = AuditFilter {
        from: Some(today.to_string()),
        to: Some(today.to_string()),
        ..Default::default()
    };
    assert_eq!(audit::list(&db, &window, 1, 50).await.expect("q").total, 8);
    let past = AuditFilter {
        to: Some((today - Duration::days(2)).to_string()),
        ..Default::default()
    };
    assert_eq!(audit::list(&db, &past, 1, 50).await.expect("q").total, 0);
    let bad = AuditFilter {
        from: Some("yesterday".into()),
        ..Default::default()
    };
    assert!(matches!(
        app::model::Filter::checked(&bad),
        Err(AppError::Validation(_))
    ));
    assert_eq!(audit::all(&db, &all, 3).await.expect("all").len(), 3);
});

mod throttle {
    use app::error::AppError;
    use app::server::auth::limiter::LoginLimiter;
    use app::store_test;
    use std::time::Duration;

    store_test!(an_attempt_counts_before_its_answer_is_known, |db| {
        let l = LoginLimiter::new(Duration::from_secs(60), 3, 50, 50);
        // Three attempts in flight at once use the whole budget; the fourth is refused.
        let mut held = Vec::new();
        for _ in 0..3 {
            held.push(
                l.begin(&db, "a@x.org", "1.1.1.1")
                    .await
                    .expect("let through"),
            );
        }
        assert_eq!(
            l.begin(&db, "a@x.org", "1.1.1.1").await.map(drop),
            Err(AppError::RateLimited)
        );
        // One of them turns out right: its place comes back, and the address's failures go.
        l.succeeded(&db, held.remove(0)).await.expect("success");
        assert!(l.begin(&db, "a@x.org", "1.1.1.1").await.is_ok());
    });

    store_test!(the_address_budget_covers_every_account, |db| {
        let l = LoginLimiter::new(Duration::from_secs(60), 3, 5, 50);
        for i in 0..5 {
            assert!(l
                .begin(&db, &format!("u{i}@x.org"), "1.1.1.1")
                .await
                .is_ok());
        }
        assert!(l.begin(&db, "z@x.org", "1.1.1.1").await.is_err());
        assert!(l.begin(&db, "z@x.org", "2.2.2.2").await.is_ok());
    });

    store_test!(guessing_on_purpose_cannot_lock_a_person_out, |db| {
        let l = LoginLimiter::new(Duration::from_secs(60), 3, 50, 6);
        // The owner signs in from the office once.
        let ok = l.begin(&db, "chair@x.org", "10.0.0.1").await.expect("ok");
        l.succeeded(&db, ok).await.expect("success");
        // Someone else uses up their own address's budget: the office is not affected.
        for _ in 0..3 {
            assert!(l.begin(&db, "chair@x.org", "6.6.6.6").await.is_ok());
        }
        assert!(l.begin(&db, "chair@x.org", "6.6.6.6").await.is_err());
        assert!(l.begin(&db, "chair@x.org", "10.0.0.1").await.is_ok());
        // A guess spread over many addresses uses up the account's budget: new addresses are
        // refused, the known one still gets in.
        for i in 0..6 {
            let _ = l.begin(&db, "chair@x.org", &format!("7.7.7.{i}")).await;
        }
        assert!(l.begin(&db, "chair@x.org", "8.8.8.8").await.is_err());
        assert!(l.begin(&db, "chair@x.org", "10.0.0.1").await.is_ok());
    });

    store_test!(failures_leave_the_window, |db| {
        // A window long enough that the two calls surely fall in it, even on a loaded machine.
        let l = LoginLimiter::new(Duration::from_secs(2), 1, 10, 10);
        assert!(l.begin(&db, "a@x.org", "1.1.1.1").await.is_ok());
        assert!(l.begin(&db, "a@x.org", "1.1.1.1").await.is_err());
        tokio::time::sleep(Duration::from_millis(2200)).await;
        assert!(l.begin(&db, "a@x.org", "1.1.1.1").await.is_ok());
    });
}
