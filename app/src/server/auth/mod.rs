//! Who is calling, and what they may do. Authorisation is decided in [`policy`] only; server
//! functions and API routes call [`require`] or [`policy::authorize`] before anything else.

pub mod backend;
pub mod limiter;
pub mod password;
pub mod policy;
pub mod sessions;

pub use backend::{AuthSession, Backend, Credentials};
pub use policy::{authorize, Action};

use crate::error::AppError;
use crate::server::store::accounts::User;

/// The session of the request being served (server functions and SSR).
pub async fn auth_session() -> Result<AuthSession, AppError> {
    leptos_axum::extract::<AuthSession>()
        .await
        .map_err(|e| AppError::internal("auth session missing", e))
}

/// The session key holding when the session signed in (seconds since the epoch).
pub const SIGNED_IN_AT: &str = "signed_in_at";

/// Signs `user` in on this session: always under a new session id (whoever the session was
/// before, an attacker's planted id or another account), stamped with the time, so that the
/// absolute lifetime can end it.
pub async fn sign_in(session: &mut AuthSession, user: &User) -> Result<(), AppError> {
    session
        .session
        .cycle_id()
        .await
        .map_err(|e| AppError::internal("session id", e))?;
    session
        .login(user)
        .await
        .map_err(|e| AppError::internal("session login", e))?;
    session
        .session
        .insert(SIGNED_IN_AT, chrono::Utc::now().timestamp())
        .await
        .map_err(|e| AppError::internal("session stamp", e))
}

/// Whether a session that signed in at `signed_in_at` (seconds) is past `max_hours` at `now`.
/// A signed-in session without the stamp is treated as expired.
pub fn session_expired(signed_in_at: Option<i64>, now: i64, max_hours: i64) -> bool {
    signed_in_at.is_none_or(|t| now.saturating_sub(t) > max_hours.saturating_mul(3600))
}

/// The signed-in account, if any.
pub async fn current_user() -> Result<Option<User>, AppError> {
    Ok(auth_session().await?.user)
}

/// The signed-in account; `Unauthorized` when nobody is signed in.
pub async fn signed_in() -> Result<User, AppError> {
    current_user().await?.ok_or(AppError::Unauthorized)
}

/// The signed-in account, if it may do `action`: `Unauthorized` when nobody is signed in,
/// `Forbidden` when the account's role or scope does not allow it.
pub async fn require(action: Action<'_>) -> Result<User, AppError> {
    let user = current_user().await?;
    authorize(user.as_ref(), &action)?;
    user.ok_or(AppError::Unauthorized)
}

/// The address the request came from. `X-Forwarded-For` is believed only when the direct peer is
/// one of the operator's trusted proxies; then the right-most address that is not a trusted proxy
/// is the client. Anything else (a forged header) is ignored.
pub fn client_ip(
    peer: Option<std::net::IpAddr>,
    forwarded_for: Option<&str>,
    trusted: &[std::net::IpAddr],
) -> String {
    let Some(peer) = peer else {
        return "unknown".into();
    };
    if !trusted.contains(&peer) {
        return peer.to_string();
    }
    forwarded_for
        .into_iter()
        .flat_map(|h| h.split(','))
        .rev()
        .filter_map(|a| a.trim().parse::<std::net::IpAddr>().ok())
        .find(|a| !trusted.contains(a))
        .unwrap_or(peer)
        .to_string()
}

/// The client address of the request being served.
pub async fn request_client_ip(trusted: &[std::net::IpAddr]) -> String {
    use axum::extract::ConnectInfo;
    let peer = leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()
        .map(|ConnectInfo(addr)| addr.ip());
    let forwarded = leptos::prelude::use_context::<http::request::Parts>().and_then(|p| {
        p.headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    });
    client_ip(peer, forwarded.as_deref(), trusted)
}

#[cfg(test)]
mod tests {
    use super::client_ip;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn forwarded_for_is_ignored_unless_the_peer_is_trusted() {
        assert_eq!(
            client_ip(Some(ip("1.2.3.4")), Some("9.9.9.9"), &[]),
            "1.2.3.4"
        );
        let trusted = [ip("10.0.0.1")];
        assert_eq!(
            client_ip(Some(ip("1.2.3.4")), Some("9.9.9.9"), &trusted),
            "1.2.3.4"
        );
        assert_eq!(
            client_ip(Some(ip("10.0.0.1")), Some("9.9.9.9, 5.5.5.5"), &trusted),
            "5.5.5.5"
        );
        assert_eq!(
            client_ip(Some(ip("10.0.0.1")), Some("5.5.5.5, 10.0.0.1"), &trusted),
            "5.5.5.5"
        );
        assert_eq!(client_ip(Some(ip("10.0.0.1")), None, &trusted), "10.0.0.1");
        assert_eq!(client_ip(None, Some("9.9.9.9"), &trusted), "unknown");
    }
}
