//! Signing in and out, the signed-in account, and changing one's password.
//!
//! These work as plain form posts too (`ActionForm` without JavaScript): on success they redirect,
//! on failure the error travels back in the URL and the form shows it.

use crate::error::AppError;
use crate::model::CurrentUser;
use leptos::prelude::*;

/// The account of whoever is calling, or `None`.
#[server(prefix = "/rpc", endpoint = "current_user")]
pub async fn fetch_current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::server::{auth, state::app_state, store::users};
    super::respond(
        async {
            match auth::current_user().await? {
                Some(u) => Ok(Some(users::current_user_view(&app_state()?.db, &u).await?)),
                None => Ok(None),
            }
        }
        .await,
    )
}

/// Signs in with email and password; redirects to `next` (a local path) or to the account page.
#[server(prefix = "/rpc", endpoint = "login")]
pub async fn login(
    email: String,
    password: String,
    lang: String,
    next: Option<String>,
) -> Result<CurrentUser, AppError> {
    use crate::error::Problem;
    use crate::i18n::{localized, Lang};
    use crate::server::{auth, state::app_state, store::users};
    super::respond(
        async {
            let lang = Lang::from_code(&lang).unwrap_or_default();
            let state = app_state()?;
            let account = crate::model::normalise_email(&email)
                .unwrap_or_else(|| email.trim().to_lowercase());
            let client = auth::request_client_ip(&state.settings.trusted_proxies).await;
            state.login_limiter.check(&account, &client)?;
            let mut session = auth::auth_session().await?;
            let creds = auth::Credentials {
                email: account.clone(),
                password,
            };
            let user = match session.authenticate(creds).await {
                Ok(Some(user)) => user,
                Ok(None) => {
                    state.login_limiter.record_failure(&account, &client);
                    tracing::info!(client, "failed sign-in");
                    return Err(AppError::invalid("credentials", Problem::WrongCredentials));
                }
                Err(e) => return Err(AppError::internal("authenticate", e)),
            };
            session
                .login(&user)
                .await
                .map_err(|e| AppError::internal("session login", e))?;
            state.login_limiter.record_success(&account);
            let target = next
                .filter(|n| is_local_path(n))
                .unwrap_or_else(|| localized(lang, "/account"));
            leptos_axum::redirect(&target);
            Ok(users::current_user_view(&state.db, &user).await?)
        }
        .await,
    )
}

/// Only same-site paths are followed after sign-in (no open redirects).
pub fn is_local_path(p: &str) -> bool {
    p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.contains("://")
}

/// Ends the session on the server (the session row is deleted) and goes to the home page.
#[server(prefix = "/rpc", endpoint = "logout")]
pub async fn logout(lang: String) -> Result<(), AppError> {
    use crate::i18n::{localized, Lang};
    use crate::server::auth;
    super::respond(
        async {
            let lang = Lang::from_code(&lang).unwrap_or_default();
            let mut session = auth::auth_session().await?;
            session
                .logout()
                .await
                .map_err(|e| AppError::internal("logout", e))?;
            leptos_axum::redirect(&localized(lang, "/"));
            Ok(())
        }
        .await,
    )
}

/// Changes the caller's password after checking the current one. Every other session of the
/// account ends (their stored hash no longer matches); this one stays signed in.
#[server(prefix = "/rpc", endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::error::Problem;
    use crate::server::auth::{self, password, Action};
    use crate::server::{state::app_state, store::users};
    super::respond(
        async {
            let user = auth::require(Action::ManageOwnAccount).await?;
            let state = app_state()?;
            if !password::verify(current_password, Some(user.password_hash.clone())).await {
                return Err(AppError::invalid(
                    "current_password",
                    Problem::WrongCredentials,
                ));
            }
            password::check_strength("new_password", &new_password, &user.email)?;
            if new_password != confirm_password {
                return Err(AppError::invalid("confirm_password", Problem::Mismatch));
            }
            let hash = password::hash(new_password).await?;
            users::set_password(&state.db, &user.actor(), user.id, &hash).await?;
            let fresh = users::find_by_id(&state.db, user.id)
                .await?
                .ok_or(AppError::Unauthorized)?;
            let mut session = auth::auth_session().await?;
            session
                .login(&fresh)
                .await
                .map_err(|e| AppError::internal("session refresh", e))?;
            Ok(())
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_local_redirects() {
        assert!(is_local_path("/es/account"));
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil",
            "es/account",
            "javascript://x",
        ] {
            assert!(!is_local_path(bad), "{bad}");
        }
    }
}
