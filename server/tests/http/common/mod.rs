//! Shared helpers for the router tests: a prepared app on a fresh database, request helpers that
//! carry a session cookie and a client address, and accounts for every role.

#![allow(dead_code)]

use app::model::Role;
use app::server::{
    auth::password,
    seed,
    state::Settings,
    store::{accounts, Engine},
    testing::TestDb,
    AppState,
};
use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{header, Request, Response},
    Router,
};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;
use tower::ServiceExt;

pub const PASSWORD: &str = "a long enough passphrase";

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    /// The database, dropped by [`TestApp::finish`]; `None` on [`TestApp::other_server`].
    pub test_db: Option<TestDb>,
}

pub async fn spawn(engine: Engine) -> TestApp {
    spawn_with(engine, Settings::default()).await
}

pub async fn spawn_with(engine: Engine, settings: Settings) -> TestApp {
    let test_db = TestDb::new(engine).await;
    // As the server starts in demo mode: the real records, then the examples.
    seed::apply(&test_db.db, seed::Mode::Demo, chrono::Utc::now())
        .await
        .expect("demo data");
    let leptos_options = LeptosOptions::builder()
        .output_name("mirps-hub")
        .site_root("target/site")
        .build();
    let state = AppState::new(leptos_options, test_db.db.clone(), settings);
    TestApp {
        router: server::router::build_router(state.clone()),
        state,
        test_db: Some(test_db),
    }
}

/// A browser-like client: remembers the session cookie, comes from one address.
#[derive(Clone, Debug, Default)]
pub struct Client {
    pub cookie: Option<String>,
    pub peer: Option<SocketAddr>,
    pub extra: Vec<(String, String)>,
}

impl Client {
    pub fn from_ip(ip: &str) -> Self {
        Client {
            peer: Some(format!("{ip}:40000").parse().expect("addr")),
            ..Default::default()
        }
    }

    pub fn with_header(mut self, k: &str, v: &str) -> Self {
        self.extra.push((k.into(), v.into()));
        self
    }
}

pub struct Reply {
    pub status: axum::http::StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The session cookie this response sets, as `name=value`.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| is_session_cookie(v))
            .map(|v| v.split(';').next().unwrap_or("").to_string())
    }

    pub fn set_cookie_header(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| is_session_cookie(v))
            .map(str::to_owned)
    }
}

/// `Set-Cookie` for the session, under either of its names (`__Host-` on https).
fn is_session_cookie(v: &str) -> bool {
    v.starts_with(server::router::SESSION_COOKIE)
        || v.starts_with(server::router::HOST_SESSION_COOKIE)
}

impl TestApp {
    pub async fn send(&self, client: &mut Client, mut req: Request<Body>) -> Reply {
        if let Some(c) = &client.cookie {
            req.headers_mut()
                .insert(header::COOKIE, c.parse().expect("cookie"));
        }
        for (k, v) in &client.extra {
            req.headers_mut().insert(
                axum::http::HeaderName::from_bytes(k.as_bytes()).expect("name"),
                v.parse().expect("value"),
            );
        }
        req.headers_mut()
            .insert(header::HOST, "127.0.0.1:3000".parse().expect("host"));
        if let Some(peer) = client.peer {
            req.extensions_mut().insert(ConnectInfo(peer));
        }
        let res = self.router.clone().oneshot(req).await.expect("response");
        let (parts, body) = res.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes();
        let reply = Reply {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).to_string(),
        };
        if let Some(set) = reply.set_cookie_header() {
            let pair = set.split(';').next().unwrap_or("").to_string();
            let cleared = set.contains("Max-Age=0") || pair.ends_with('=');
            client.cookie = if cleared { None } else { Some(pair) };
        }
        reply
    }

    pub async fn get(&self, uri: &str) -> (Response<Body>, String) {
        self.request(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    pub async fn get_as(&self, client: &mut Client, uri: &str) -> Reply {
        self.send(
            client,
            Request::get(uri).body(Body::empty()).expect("request"),
        )
        .await
    }

    pub async fn request(&self, req: Request<Body>) -> (Response<Body>, String) {
        let res = self.router.clone().oneshot(req).await.expect("response");
        let (parts, body) = res.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes();
        let text = String::from_utf8_lossy(&bytes).to_string();
        (Response::from_parts(parts, Body::empty()), text)
    }

    pub async fn post_form(&self, uri: &str, form: &str) -> (Response<Body>, String) {
        self.request(
            Request::post(uri)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(form.to_string()))
                .expect("request"),
        )
        .await
    }

    /// A server-function call as the hydrated app makes it (form-encoded, JSON answer).
    pub async fn rpc(&self, client: &mut Client, name: &str, form: &str) -> Reply {
        let req = Request::post(format!("/rpc/{name}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(Body::from(form.to_string()))
            .expect("request");
        self.send(client, req).await
    }

    /// Posts the sign-in form for `email` with `password`, from `client`.
    pub async fn login(&self, client: &mut Client, email: &str, password: &str) -> Reply {
        let form = format!("email={}&password={}&lang=es", enc(email), enc(password));
        self.rpc(client, "login", &form).await
    }

    /// Creates an account directly in the store.
    pub async fn create_user(&self, email: &str, role: Role) -> i64 {
        let hash = password::hash(PASSWORD.into()).await.expect("hash");
        accounts::create(
            &self.state.db,
            None,
            accounts::NewUser {
                email,
                display_name: email.split('@').next().unwrap_or(email),
                password_hash: &hash,
                role: &role,
            },
        )
        .await
        .expect("create user")
    }

    /// Signs `email` in and returns the client holding the session.
    pub async fn signed_in(&self, email: &str) -> Client {
        let mut client = Client::from_ip("10.1.1.1");
        let r = self.login(&mut client, email, PASSWORD).await;
        assert!(
            r.status.is_success() || r.status.is_redirection(),
            "login {email}: {} {}",
            r.status,
            r.body
        );
        assert!(client.cookie.is_some(), "login set a session cookie");
        client
    }

    pub async fn whoami(&self, client: &mut Client) -> Option<String> {
        let r = self.rpc(client, "current_user", "").await;
        assert!(r.status.is_success(), "{} {}", r.status, r.body);
        r.json()["email"].as_str().map(str::to_owned)
    }

    pub async fn finish(self) {
        if let Some(db) = self.test_db {
            db.cleanup().await;
        }
    }

    /// A second app server on the same database, as behind a balancer: its own memory (caches,
    /// state), nothing shared but what the database holds.
    pub fn other_server(&self) -> TestApp {
        let state = AppState::new(
            self.state.leptos_options.clone(),
            self.state.db.clone(),
            (*self.state.settings).clone(),
        );
        TestApp {
            router: server::router::build_router(state.clone()),
            state,
            test_db: None,
        }
    }
}

pub fn enc(s: &str) -> String {
    app::model::query::url_encode(s)
}

/// Text a page must never show: internals of the store or the server.
pub fn assert_no_internals(body: &str) {
    for leak in [
        "sqlx",
        "SELECT ",
        "no such table",
        "relation \"",
        "panicked",
        ".rs:",
        "/root/",
        "PoolClosed",
    ] {
        assert!(
            !body.contains(leak),
            "response leaks internals ({leak}): {body}"
        );
    }
}

/// A router test run twice, on a fresh SQLite database and on a fresh PostgreSQL one, like the
/// store tests: `http_test!(name, |engine| { let app = spawn(engine).await; ... });`.
macro_rules! http_test {
    ($name:ident, |$engine:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($engine: app::server::store::Engine) $body

            #[tokio::test]
            async fn sqlite() {
                run(app::server::store::Engine::Sqlite).await
            }

            #[tokio::test]
            async fn postgres() {
                run(app::server::store::Engine::Postgres).await
            }
        }
    };
}
pub(crate) use http_test;
