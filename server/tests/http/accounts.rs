//! Accounts and sessions end to end through the real router: sign-in, session fixation, logout,
//! password change ending other sessions, CSRF refusal, rate limiting, invitations, cookies.

use crate::common::{enc, spawn, spawn_with, Client, PASSWORD};
use app::model::Role;
use app::server::{state::Settings, store::Engine};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};

async fn count_sessions(app: &crate::common::TestApp) -> i64 {
    match &app.state.db {
        app::server::Db::Sqlite(p) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM tower_sessions")
                .fetch_one(p)
                .await
        }
        app::server::Db::Postgres(p) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM tower_sessions.session")
                .fetch_one(p)
                .await
        }
    }
    .expect("count sessions")
}

crate::common::http_test!(sign_in_and_out_on_both_engines, |engine| {
    let app = spawn(engine).await;
    app.create_user("ana@example.org", Role::Secretariat).await;
    let mut c = app.signed_in("ana@example.org").await;
    assert_eq!(app.whoami(&mut c).await.as_deref(), Some("ana@example.org"));
    assert_eq!(
        count_sessions(&app).await,
        1,
        "{engine:?}: session kept in the database"
    );

    let before = c.clone();
    let r = app.rpc(&mut c, "logout", "lang=es").await;
    assert!(r.status.is_success(), "{}", r.body);
    assert_eq!(
        count_sessions(&app).await,
        0,
        "{engine:?}: logout deletes the session row"
    );
    // The old cookie is worth nothing now.
    let mut replay = before;
    assert_eq!(app.whoami(&mut replay).await, None);
    app.finish().await;
});

crate::common::http_test!(wrong_password_is_a_translated_field_error, |engine| {
    let app = spawn(engine).await;
    app.create_user("ana@example.org", Role::Secretariat).await;
    let mut c = Client::from_ip("10.0.0.9");
    let r = app.login(&mut c, "ana@example.org", "nope-nope-nope").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("WrongCredentials"), "{}", r.body);
    assert!(c.cookie.is_none(), "no session for a failed sign-in");
    // Unknown account: the same answer.
    let r = app.login(&mut c, "nobody@example.org", PASSWORD).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("WrongCredentials"));
    app.finish().await;
});

crate::common::http_test!(login_issues_a_fresh_session_id, |engine| {
    let app = spawn(engine).await;
    app.create_user("ana@example.org", Role::Secretariat).await;
    // An id planted by an attacker is never adopted.
    let planted = format!("{}=AAAAAAAAAAAAAAAAAAAAAA", server::router::SESSION_COOKIE);
    let mut c = Client::from_ip("10.0.0.2");
    c.cookie = Some(planted.clone());
    let r = app.login(&mut c, "ana@example.org", PASSWORD).await;
    assert!(r.status.is_success(), "{}", r.body);
    let first = c.cookie.clone().expect("cookie");
    assert_ne!(first, planted);

    // Signing out and in again gives yet another id; the old one stays dead.
    app.rpc(&mut c, "logout", "lang=es").await;
    let r = app.login(&mut c, "ana@example.org", PASSWORD).await;
    assert!(r.status.is_success());
    let second = c.cookie.clone().expect("cookie");
    assert_ne!(first, second);
    let mut old = Client {
        cookie: Some(first),
        ..Client::from_ip("10.0.0.2")
    };
    assert_eq!(app.whoami(&mut old).await, None);
    app.finish().await;
});

crate::common::http_test!(
    signing_in_over_another_account_gets_a_new_session_id,
    |engine| {
        let app = spawn(engine).await;
        app.create_user("ana@example.org", Role::Secretariat).await;
        app.create_user("fp@example.org", Role::focal_point("GT"))
            .await;
        let mut c = app.signed_in("ana@example.org").await;
        let before = c.cookie.clone().expect("cookie");
        let r = app.login(&mut c, "fp@example.org", PASSWORD).await;
        assert!(r.status.is_success(), "{}", r.body);
        assert_ne!(c.cookie.clone().expect("cookie"), before);
        assert_eq!(app.whoami(&mut c).await.as_deref(), Some("fp@example.org"));
        // Whoever holds the old id has nothing.
        let mut old = Client {
            cookie: Some(before),
            ..Client::from_ip("10.0.0.2")
        };
        assert_eq!(app.whoami(&mut old).await, None);
        app.finish().await;
    }
);

crate::common::http_test!(a_session_ends_at_its_lifetime_however_active, |engine| {
    let settings = Settings {
        session_max_hours: 0,
        ..Settings::default()
    };
    let app = spawn_with(engine, settings).await;
    app.create_user("ana@example.org", Role::Secretariat).await;
    // (Every other test signs in under the default lifetime of 12 hours and stays signed in.)
    let mut c = app.signed_in("ana@example.org").await;
    // A lifetime of zero hours ends as soon as a whole second has passed since signing in.
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(app.whoami(&mut c).await, None, "{engine:?}");
    app.finish().await;
});

crate::common::http_test!(changing_the_password_ends_the_other_sessions, |engine| {
    let app = spawn(engine).await;
    app.create_user("fp@example.org", Role::focal_point("GT"))
        .await;
    let mut laptop = app.signed_in("fp@example.org").await;
    let mut phone = app.signed_in("fp@example.org").await;
    assert_ne!(laptop.cookie, phone.cookie);

    // Wrong current password: nothing changes.
    let r = app
        .rpc(&mut laptop, "change_password", "current_password=wrong-wrong-wrong&new_password=another+long+passphrase&confirm_password=another+long+passphrase")
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        app.whoami(&mut phone).await.as_deref(),
        Some("fp@example.org")
    );

    let form = format!(
        "current_password={}&new_password=another+long+passphrase&confirm_password=another+long+passphrase",
        enc(PASSWORD)
    );
    let r = app.rpc(&mut laptop, "change_password", &form).await;
    assert!(r.status.is_success(), "{engine:?}: {}", r.body);
    assert_eq!(
        app.whoami(&mut laptop).await.as_deref(),
        Some("fp@example.org"),
        "this session stays"
    );
    assert_eq!(
        app.whoami(&mut phone).await,
        None,
        "{engine:?}: the other session ended"
    );

    // The new password works, the old one does not.
    let mut c = Client::from_ip("10.0.0.3");
    let r = app.login(&mut c, "fp@example.org", PASSWORD).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app
        .login(&mut c, "fp@example.org", "another long passphrase")
        .await;
    assert!(r.status.is_success());
    app.finish().await;
});

crate::common::http_test!(cross_site_requests_are_refused, |engine| {
    let app = spawn(engine).await;
    app.create_user("ana@example.org", Role::Secretariat).await;

    let mut evil = Client::from_ip("10.0.0.4").with_header("origin", "https://evil.example");
    let r = app.login(&mut evil, "ana@example.org", PASSWORD).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(evil.cookie.is_none());

    let mut evil = Client::from_ip("10.0.0.4").with_header("sec-fetch-site", "cross-site");
    assert_eq!(
        app.login(&mut evil, "ana@example.org", PASSWORD)
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // A signed-in secretariat lured to a forged form: the invitation is not created.
    let mut victim = app.signed_in("ana@example.org").await;
    victim
        .extra
        .push(("origin".into(), "https://evil.example".into()));
    let r = app
        .rpc(
            &mut victim,
            "invite_user",
            "email=x%40evil.example&role=secretariat&lang=es",
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    victim.extra.clear();
    let r = app.rpc(&mut victim, "list_invitations", "").await;
    assert_eq!(r.json().as_array().map(Vec::len), Some(0));

    // The same request from our own origin works.
    let mut own = Client::from_ip("10.0.0.4").with_header("origin", "http://127.0.0.1:3000");
    assert!(app
        .login(&mut own, "ana@example.org", PASSWORD)
        .await
        .status
        .is_success());
    app.finish().await;
});

crate::common::http_test!(
    repeated_failures_are_rate_limited_and_forged_forwarded_for_does_not_help,
    |engine| {
        let app = spawn(engine).await;
        app.create_user("ana@example.org", Role::Secretariat).await;
        for i in 0..5 {
            let mut c = Client::from_ip("10.0.0.5")
                .with_header("x-forwarded-for", &format!("203.0.113.{i}"));
            assert_eq!(
                app.login(&mut c, "ana@example.org", "wrong-password-x")
                    .await
                    .status,
                StatusCode::BAD_REQUEST
            );
        }
        // That address is done with this account; the owner, elsewhere, is not locked out.
        let mut c = Client::from_ip("10.0.0.5");
        let r = app.login(&mut c, "ana@example.org", PASSWORD).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(r.body.contains("RateLimited"));
        let mut office = Client::from_ip("10.0.0.6");
        let r = app.login(&mut office, "ana@example.org", PASSWORD).await;
        assert!(r.status.is_success(), "{engine:?}: {}", r.body);

        // Guesses spread over many addresses use up the account's budget of 20: a new address
        // is refused even with the right password, the office that signed in before is not.
        for i in 0..20 {
            let mut c = Client::from_ip(&format!("10.2.0.{i}"));
            app.login(&mut c, "ana@example.org", "wrong-password-x")
                .await;
        }
        let mut stranger = Client::from_ip("10.3.0.1");
        let r = app.login(&mut stranger, "ana@example.org", PASSWORD).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        let mut office = Client::from_ip("10.0.0.6");
        let r = app.login(&mut office, "ana@example.org", PASSWORD).await;
        assert!(r.status.is_success(), "{engine:?}: {}", r.body);

        // One client trying many accounts: limited after 20 failures, whatever X-Forwarded-For says.
        for i in 0..20 {
            let mut c = Client::from_ip("10.0.0.7")
                .with_header("x-forwarded-for", &format!("198.51.100.{i}"));
            let email = format!("user{i}@example.org");
            assert_eq!(
                app.login(&mut c, &email, "wrong-password-x").await.status,
                StatusCode::BAD_REQUEST,
                "attempt {i}"
            );
        }
        let mut c = Client::from_ip("10.0.0.7").with_header("x-forwarded-for", "192.0.2.200");
        let r = app
            .login(&mut c, "fresh@example.org", "wrong-password-x")
            .await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        app.finish().await;
    }
);

crate::common::http_test!(guesses_sent_at_the_same_moment_share_one_budget, |engine| {
    let app = spawn(engine).await;
    app.create_user("ana@example.org", Role::Secretariat).await;
    let guesses = (0..30).map(|_| {
        let app = &app;
        async move {
            let mut c = Client::from_ip("10.4.0.1");
            app.login(&mut c, "ana@example.org", "wrong-password-x")
                .await
                .status
        }
    });
    let answers = futures::future::join_all(guesses).await;
    let checked = answers
        .iter()
        .filter(|s| **s == StatusCode::BAD_REQUEST)
        .count();
    let refused = answers
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((checked, refused), (5, 25), "{engine:?}: {answers:?}");
    app.finish().await;
});

#[tokio::test]
async fn a_trusted_proxy_forwards_the_client_address() {
    let settings = Settings {
        trusted_proxies: vec!["10.9.9.9".parse().expect("ip")],
        ..Settings::default()
    };
    let app = spawn_with(Engine::Sqlite, settings).await;
    for i in 0..20 {
        let mut c = Client::from_ip("10.9.9.9").with_header("x-forwarded-for", "198.51.100.1");
        app.login(&mut c, &format!("u{i}@example.org"), "wrong-password-x")
            .await;
    }
    let mut same = Client::from_ip("10.9.9.9").with_header("x-forwarded-for", "198.51.100.1");
    let r = app
        .login(&mut same, "z@example.org", "wrong-password-x")
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // Another client behind the same proxy is not punished.
    let mut other = Client::from_ip("10.9.9.9").with_header("x-forwarded-for", "198.51.100.2");
    let r = app
        .login(&mut other, "z@example.org", "wrong-password-x")
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    app.finish().await;
}

crate::common::http_test!(session_cookie_flags, |engine| {
    let app = spawn(engine).await;
    app.create_user("ana@example.org", Role::Secretariat).await;
    let mut c = Client::from_ip("10.0.0.8");
    let r = app.login(&mut c, "ana@example.org", PASSWORD).await;
    let set = r.set_cookie_header().expect("set-cookie");
    assert!(set.contains("HttpOnly"), "{set}");
    assert!(set.contains("SameSite=Lax"), "{set}");
    assert!(
        set.contains("Max-Age") || set.contains("Expires"),
        "idle expiry: {set}"
    );
    assert!(!set.contains("Secure"), "plain http in tests: {set}");
    app.finish().await;

    let https = Settings {
        public_url: "https://hub.example".into(),
        ..Settings::default()
    };
    let app = spawn_with(Engine::Sqlite, https).await;
    app.create_user("ana@example.org", Role::Secretariat).await;
    let mut c = Client::from_ip("10.0.0.8");
    let r = app.login(&mut c, "ana@example.org", PASSWORD).await;
    let set = r.set_cookie_header().expect("set-cookie");
    assert!(set.contains("Secure"), "{set}");
    assert!(set.starts_with("__Host-mirps_session="), "{set}");
    assert!(set.contains("Path=/") && !set.contains("Domain"), "{set}");
    assert_eq!(
        r.headers[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000"
    );
    let (res, _) = app.get("/es/").await;
    assert!(res
        .headers()
        .contains_key(header::STRICT_TRANSPORT_SECURITY));
    app.finish().await;
});

crate::common::http_test!(
    invitation_flow_creates_an_account_once_and_audits_it,
    |engine| {
        let app = spawn(engine).await;
        app.create_user("chair@example.org", Role::Secretariat)
            .await;
        let mut chair = app.signed_in("chair@example.org").await;

        // Bad input: a clear field error and nothing created.
        let r = app
            .rpc(
                &mut chair,
                "invite_user",
                "email=not-an-email&role=focal_point&country=GT&lang=es",
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let r = app
            .rpc(
                &mut chair,
                "invite_user",
                "email=fp%40example.org&role=focal_point&lang=es",
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "a focal point needs a country"
        );
        let r = app
            .rpc(
                &mut chair,
                "invite_user",
                "email=fp%40example.org&role=focal_point&country=ZZ&lang=es",
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "unknown country");
        assert_eq!(
            app.rpc(&mut chair, "list_invitations", "")
                .await
                .json()
                .as_array()
                .map(Vec::len),
            Some(0)
        );

        let r = app
            .rpc(
                &mut chair,
                "invite_user",
                "email=FP%40Example.org&role=focal_point&country=GT&lang=en",
            )
            .await;
        assert!(r.status.is_success(), "{engine:?}: {}", r.body);
        let link = r.json()["link"].as_str().expect("link").to_string();
        assert!(link.starts_with("http://127.0.0.1:3000/en/invitation/"));
        let token = link.rsplit('/').next().expect("token").to_string();

        let mut guest = Client::from_ip("10.0.0.10");
        let r = app
            .rpc(&mut guest, "view_invitation", &format!("token={token}"))
            .await;
        assert_eq!(r.json()["email"], "fp@example.org");

        // Password too short: refused, invitation still usable.
        let r = app
            .rpc(
                &mut guest,
                "accept_invitation",
                &format!(
                    "token={token}&display_name=Fer&password=short&confirm_password=short&lang=es"
                ),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let form = format!(
            "token={token}&display_name=Fer+P%C3%A9rez&password={p}&confirm_password={p}&lang=es",
            p = enc(PASSWORD)
        );
        let r = app.rpc(&mut guest, "accept_invitation", &form).await;
        assert!(r.status.is_success(), "{}", r.body);
        assert_eq!(
            app.whoami(&mut guest).await.as_deref(),
            Some("fp@example.org")
        );

        // Single use.
        let mut other = Client::from_ip("10.0.0.11");
        assert_eq!(
            app.rpc(&mut other, "accept_invitation", &form).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.rpc(&mut other, "view_invitation", &format!("token={token}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // The trail has the invitation and the account, with who did it.
        let r = app
            .rpc(&mut chair, "list_audit", "filter[entity]=invitation&page=1")
            .await;
        let entries = r.json()["entries"].as_array().cloned().expect("entries");
        assert_eq!(entries.len(), 1, "{}", r.body);
        assert_eq!(entries[0]["actor_email"], "chair@example.org");
        assert_eq!(entries[0]["after"]["country"], "GT");
        let r = app
            .rpc(
                &mut chair,
                "list_audit",
                "filter[entity]=user&filter[actor]=fp%40example.org&page=1",
            )
            .await;
        assert_eq!(r.json()["total"], 1, "{}", r.body);
        app.finish().await;
    }
);

crate::common::http_test!(
    deactivating_an_account_signs_it_out_and_is_audited,
    |engine| {
        let app = spawn(engine).await;
        app.create_user("chair@example.org", Role::Secretariat)
            .await;
        let id = app.create_user("m@example.org", Role::member("EU")).await;
        let mut chair = app.signed_in("chair@example.org").await;
        let mut member = app.signed_in("m@example.org").await;
        // A copy of the cookie that makes no request while the account is off.
        let mut untouched = member.clone();
        let r = app
            .rpc(
                &mut chair,
                "set_user_active",
                &format!("id={id}&active=false&reason=left+the+post"),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.body);
        assert_eq!(app.whoami(&mut member).await, None);
        let mut again = Client::from_ip("10.0.0.12");
        let r = app.login(&mut again, "m@example.org", PASSWORD).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        // The secretariat cannot lock itself out.
        let me = app.rpc(&mut chair, "current_user", "").await.json()["id"]
            .as_i64()
            .expect("id");
        let r = app
            .rpc(
                &mut chair,
                "set_user_active",
                &format!("id={me}&active=false"),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        // Restored, with the reason kept in the trail.
        let r = app
            .rpc(
                &mut chair,
                "set_user_active",
                &format!("id={id}&active=true"),
            )
            .await;
        assert!(r.status.is_success());
        // Reactivation does not bring the old sessions back; signing in again works.
        assert_eq!(app.whoami(&mut untouched).await, None, "{engine:?}");
        assert_eq!(app.whoami(&mut member).await, None, "{engine:?}");
        let mut fresh = Client::from_ip("10.0.0.13");
        let r = app.login(&mut fresh, "m@example.org", PASSWORD).await;
        assert!(r.status.is_success(), "{}", r.body);
        let r = app
            .rpc(
                &mut chair,
                "list_audit",
                &format!("filter[entity]=user&filter[entity_id]={id}&page=1"),
            )
            .await;
        let actions: Vec<String> = r.json()["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .map(|e| e["action"].as_str().unwrap_or("").to_string())
            .collect();
        assert_eq!(actions, ["restore", "withdraw", "create"]);
        assert!(r.body.contains("left the post"));
        app.finish().await;
    }
);

crate::common::http_test!(
    audit_export_needs_the_secretariat_and_returns_csv,
    |engine| {
        let app = spawn(engine).await;
        app.create_user("chair@example.org", Role::Secretariat)
            .await;
        app.create_user("fp@example.org", Role::focal_point("HN"))
            .await;
        let mut anon = Client::from_ip("10.0.0.13");
        assert_eq!(
            app.get_as(&mut anon, "/export/audit.csv").await.status,
            StatusCode::UNAUTHORIZED
        );
        let mut fp = app.signed_in("fp@example.org").await;
        assert_eq!(
            app.get_as(&mut fp, "/export/audit.csv").await.status,
            StatusCode::FORBIDDEN
        );
        let mut chair = app.signed_in("chair@example.org").await;
        let r = app
            .get_as(&mut chair, "/export/audit.csv?entity=user")
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or("")
            .starts_with("text/csv"));
        let lines: Vec<&str> = r.body.lines().collect();
        assert!(lines[0].starts_with("id,at_utc,actor_email,action,entity"));
        assert_eq!(lines.len(), 3, "header + two created accounts: {}", r.body);
        assert!(
            !r.body.contains("argon2"),
            "no password hashes in the trail"
        );
        let r = app
            .get_as(&mut chair, "/export/audit.csv?from=2026-13-45")
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        app.finish().await;
    }
);

crate::common::http_test!(pages_show_401_and_403_with_what_to_do_instead, |engine| {
    let app = spawn(engine).await;
    app.create_user("fp@example.org", Role::focal_point("HN"))
        .await;
    let mut anon = Client::from_ip("10.0.0.14");
    let r = app.get_as(&mut anon, "/en/admin/users").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.body.contains("data-test-id=\"signin-needed\""));
    let mut fp = app.signed_in("fp@example.org").await;
    let r = app.get_as(&mut fp, "/en/admin/users").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        r.body
            .contains("You may edit the inventory, good practices and progress of Honduras."),
        "{}",
        r.body
    );
    let r = app.get_as(&mut fp, "/es/account").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Punto focal de país"));
    app.finish().await;
});

crate::common::http_test!(
    pages_carry_a_nonce_based_content_security_policy,
    |engine| {
        let app = spawn(engine).await;
        let (res, body) = app.get("/es/").await;
        let csp = res.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("csp")
            .to_string();
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(csp.contains("'wasm-unsafe-eval'"));
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .and_then(|s| s.split('\'').next())
            .expect("nonce");
        assert!(
            body.contains(&format!("nonce=\"{nonce}\"")),
            "hydration script carries the nonce"
        );
        let (res2, _) = app.get("/es/").await;
        assert_ne!(
            res2.headers()[header::CONTENT_SECURITY_POLICY],
            res.headers()[header::CONTENT_SECURITY_POLICY],
            "fresh nonce per page"
        );
        let (res, _) = app.get("/api/v1/countries").await;
        assert!(res.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap_or("")
            .contains("default-src 'none'"));
        app.finish().await;
    }
);

#[tokio::test]
async fn create_admin_command_makes_a_secretariat_account_without_defaults() {
    let dir = tempfile::tempdir().expect("dir");
    let mut config = server::config::Config::from_env().expect("config");
    config.database_url =
        server::config::Secret::new(format!("sqlite://{}", dir.path().join("a.db").display()));
    let err =
        server::cli::create_admin(&config, "chair@example.org", "Chair", || Ok("short".into()))
            .await;
    assert!(err.is_err(), "weak passwords are refused");
    let id =
        server::cli::create_admin(
            &config,
            "Chair@Example.org",
            "Chair",
            || Ok(PASSWORD.into()),
        )
        .await
        .expect("created");
    assert!(id > 0);
    let again =
        server::cli::create_admin(
            &config,
            "chair@example.org",
            "Chair",
            || Ok(PASSWORD.into()),
        )
        .await;
    assert!(again
        .expect_err("duplicate")
        .to_string()
        .contains("already exists"));
    assert!(server::cli::parse(&["create-admin".into(), "--email".into()]).is_err());
}

crate::common::http_test!(a_plain_form_post_without_javascript_redirects, |engine| {
    let app = spawn(engine).await;
    app.create_user("ana@example.org", Role::Secretariat).await;
    let mut c = Client::from_ip("10.0.0.15");
    let req = Request::post("/rpc/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("referer", "http://127.0.0.1:3000/en/login")
        .body(Body::from(format!(
            "email=ana%40example.org&password={}&lang=en",
            enc(PASSWORD)
        )))
        .expect("req");
    let r = app.send(&mut c, req).await;
    assert!(
        r.status.is_redirection(),
        "{} {:?} {}",
        r.status,
        r.headers,
        r.body
    );
    assert_eq!(r.headers[header::LOCATION], "/en/account");

    let req = Request::post("/rpc/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("referer", "http://127.0.0.1:3000/en/login")
        .body(Body::from(
            "email=ana%40example.org&password=wrong-password-x&lang=en",
        ))
        .expect("req");
    let mut c2 = Client::from_ip("10.0.0.16");
    let r = app.send(&mut c2, req).await;
    assert!(
        r.status.is_redirection(),
        "{} {:?} {}",
        r.status,
        r.headers,
        r.body
    );
    let loc = r.headers[header::LOCATION].to_str().expect("loc");
    assert!(
        loc.starts_with("http://127.0.0.1:3000/en/login?") && loc.contains("__err="),
        "{loc}"
    );
    app.finish().await;
});

crate::common::http_test!(sign_in_never_sends_the_browser_off_the_site, |engine| {
    let app = spawn(engine).await;
    app.create_user("ana@example.org", Role::Secretariat).await;
    for (i, next) in [
        "/%09/evil.example",
        "/%0A",
        "/%0D%0ASet-Cookie:+x=1",
        "//evil.example",
        "/%5Cevil.example",
        "https://evil.example",
        "/en/events",
    ]
    .into_iter()
    .enumerate()
    {
        let mut c = Client::from_ip(&format!("10.1.0.{i}"));
        let req = Request::post("/rpc/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html")
            .header("referer", "http://127.0.0.1:3000/en/login")
            .body(Body::from(format!(
                "email=ana%40example.org&password={}&lang=en&next={next}",
                enc(PASSWORD)
            )))
            .expect("req");
        let r = app.send(&mut c, req).await;
        assert!(r.status.is_redirection(), "{engine:?} {next}: {}", r.status);
        let want = if next == "/en/events" {
            "/en/events"
        } else {
            "/en/account"
        };
        assert_eq!(r.headers[header::LOCATION], want, "{engine:?} {next}");
    }
    app.finish().await;
});
