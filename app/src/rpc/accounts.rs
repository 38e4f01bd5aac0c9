//! Server functions of accounts: signing in and out, the signed-in account and its password;
//! the secretariat's management of people and invitations; accepting an invitation.
//!
//! The forms work as plain form posts too (`ActionForm` without JavaScript): on success they
//! redirect, on failure the error travels back in the URL and the form shows it.

use crate::error::AppError;
use crate::model::{
    CreatedInvitation, CurrentUser, InvitationSummary, InvitationView, UserSummary,
};
use leptos::prelude::*;

/// The account of whoever is calling, or `None`.
#[server(prefix = "/rpc", endpoint = "current_user")]
pub async fn fetch_current_user() -> Result<Option<CurrentUser>, AppError> {
    use crate::server::{auth, state::app_state, store::accounts};
    super::respond(
        async {
            match auth::current_user().await? {
                Some(u) => Ok(Some(
                    accounts::current_user_view(&app_state()?.db, &u).await?,
                )),
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
    use crate::server::{auth, state::app_state, store::accounts};
    super::respond(
        async {
            let lang = Lang::from_code(&lang).unwrap_or_default();
            let state = app_state()?;
            let account = crate::model::normalise_email(&email)
                .unwrap_or_else(|| email.trim().to_lowercase());
            let client = auth::request_client_ip(&state.settings.trusted_proxies).await;
            // Counted before the (slow) password check, so parallel guesses cannot slip past.
            let attempt = state
                .login_limiter
                .begin(&state.db, &account, &client)
                .await?;
            let mut session = auth::auth_session().await?;
            let creds = auth::Credentials {
                email: account.clone(),
                password,
            };
            let user = match session.authenticate(creds).await {
                Ok(Some(user)) => user,
                Ok(None) => {
                    tracing::info!(client, "failed sign-in");
                    return Err(AppError::invalid("credentials", Problem::WrongCredentials));
                }
                Err(e) => return Err(AppError::internal("authenticate", e)),
            };
            auth::sign_in(&mut session, &user).await?;
            state.login_limiter.succeeded(&state.db, attempt).await?;
            let target = next
                .filter(|n| is_local_path(n))
                .unwrap_or_else(|| localized(lang, "/account"));
            leptos_axum::redirect(&target);
            Ok(accounts::current_user_view(&state.db, &user).await?)
        }
        .await,
    )
}

/// Only same-site paths are followed after sign-in (no open redirects): a path that starts with
/// one `/`, made of visible ASCII only. Browsers drop tabs and line breaks from a `Location` and
/// read `\\` as `/`, so `/\t/evil.example` or `/\\evil.example` would leave the site; spaces and
/// control characters cannot go into a header at all.
pub fn is_local_path(p: &str) -> bool {
    p.starts_with('/')
        && !p.starts_with("//")
        && p.bytes().all(|b| b.is_ascii_graphic() && b != b'\\')
        && !p.contains("://")
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
    use crate::server::{state::app_state, store::accounts};
    super::respond(
        async {
            let user = auth::require(Action::ManageOwnAccount).await?;
            let state = app_state()?;
            // A borrowed session may not guess the password any faster than the sign-in form.
            let client = auth::request_client_ip(&state.settings.trusted_proxies).await;
            let attempt = state
                .login_limiter
                .begin(&state.db, &user.email, &client)
                .await?;
            if !password::verify(current_password, Some(user.password_hash.clone())).await {
                return Err(AppError::invalid(
                    "current_password",
                    Problem::WrongCredentials,
                ));
            }
            state.login_limiter.succeeded(&state.db, attempt).await?;
            password::check_strength("new_password", &new_password, &user.email)?;
            if new_password != confirm_password {
                return Err(AppError::invalid("confirm_password", Problem::Mismatch));
            }
            let hash = password::hash(new_password).await?;
            accounts::set_password(&state.db, &user.actor(), user.id, &hash).await?;
            let fresh = accounts::find_by_id(&state.db, user.id)
                .await?
                .ok_or(AppError::Unauthorized)?;
            let mut session = auth::auth_session().await?;
            auth::sign_in(&mut session, &fresh).await?;
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
            "/\t/evil.example",
            "/\n",
            "/\r\nSet-Cookie: x=1",
            "/ /evil.example",
            "/caf\u{e9}",
            "",
        ] {
            assert!(!is_local_path(bad), "{bad}");
        }
    }
}

/// How long an invitation link stays valid.
pub const INVITATION_DAYS: i64 = 7;

#[server(prefix = "/rpc", endpoint = "list_users")]
pub async fn list_users() -> Result<Vec<UserSummary>, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::accounts};
    super::respond(
        async {
            auth::require(Action::ManageUsers).await?;
            Ok(accounts::list(&app_state()?.db).await?)
        }
        .await,
    )
}

#[server(prefix = "/rpc", endpoint = "list_invitations")]
pub async fn list_invitations() -> Result<Vec<InvitationSummary>, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::accounts};
    super::respond(
        async {
            auth::require(Action::ManageUsers).await?;
            Ok(accounts::list_invitations(&app_state()?.db, chrono::Utc::now()).await?)
        }
        .await,
    )
}

/// Builds a role from form fields, reporting the field at fault.
#[cfg(feature = "ssr")]
fn role_from_form(
    role: &str,
    country: Option<String>,
    organisation: Option<String>,
) -> Result<crate::model::Role, AppError> {
    use crate::error::Problem;
    use crate::model::Role;
    let some = |v: Option<String>| v.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    match role {
        "secretariat" => Ok(Role::Secretariat),
        "focal_point" => some(country)
            .map(|c| Role::FocalPoint {
                country: c.to_ascii_uppercase(),
            })
            .ok_or_else(|| AppError::invalid("country", Problem::Required)),
        "member" => some(organisation)
            .map(|o| Role::Member { organisation: o })
            .ok_or_else(|| AppError::invalid("organisation", Problem::Required)),
        "" => Err(AppError::invalid("role", Problem::Required)),
        _ => Err(AppError::invalid("role", Problem::UnknownChoice)),
    }
}

/// Invites `email` with a role and scope; returns the one-time link to send them.
#[server(prefix = "/rpc", endpoint = "invite_user")]
pub async fn invite_user(
    email: String,
    role: String,
    country: Option<String>,
    organisation: Option<String>,
    lang: String,
) -> Result<CreatedInvitation, AppError> {
    use crate::error::Problem;
    use crate::i18n::Lang;
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::accounts, tokens};
    super::respond(
        async {
            let actor = auth::require(Action::ManageUsers).await?;
            let email = crate::model::normalise_email(&email)
                .ok_or_else(|| AppError::invalid("email", Problem::InvalidFormat))?;
            let role = role_from_form(&role, country, organisation)?;
            let state = app_state()?;
            let token = tokens::new_token();
            let expires = chrono::Utc::now() + chrono::Duration::days(INVITATION_DAYS);
            let invitation = accounts::create_invitation(
                &state.db,
                &actor.actor(),
                &email,
                &role,
                &tokens::hash(&token),
                expires,
            )
            .await?;
            let lang = Lang::from_code(&lang).unwrap_or_default();
            let link = format!(
                "{}/{}/invitation/{}",
                state.settings.public_url,
                lang.code(),
                token
            );
            Ok(CreatedInvitation { invitation, link })
        }
        .await,
    )
}

#[server(prefix = "/rpc", endpoint = "revoke_invitation")]
pub async fn revoke_invitation(id: i64) -> Result<(), AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::accounts};
    super::respond(
        async {
            let actor = auth::require(Action::ManageUsers).await?;
            accounts::revoke_invitation(&app_state()?.db, &actor.actor(), id).await
        }
        .await,
    )
}

/// Changes an account's role and scope. The secretariat cannot demote itself (someone must stay
/// able to manage users).
#[server(prefix = "/rpc", endpoint = "update_user_role")]
pub async fn update_user_role(
    id: i64,
    role: String,
    country: Option<String>,
    organisation: Option<String>,
) -> Result<(), AppError> {
    use crate::error::Problem;
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::accounts};
    super::respond(
        async {
            let actor = auth::require(Action::ManageUsers).await?;
            let role = role_from_form(&role, country, organisation)?;
            if actor.id == id && role != actor.role {
                return Err(AppError::invalid("role", Problem::NotAllowed));
            }
            accounts::update_role(&app_state()?.db, &actor.actor(), id, &role).await
        }
        .await,
    )
}

/// Deactivates or reactivates an account; a deactivated account is signed out everywhere at once.
#[server(prefix = "/rpc", endpoint = "set_user_active")]
pub async fn set_user_active(
    id: i64,
    active: bool,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::error::Problem;
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::accounts};
    super::respond(
        async {
            let actor = auth::require(Action::ManageUsers).await?;
            if actor.id == id && !active {
                return Err(AppError::invalid("active", Problem::NotAllowed));
            }
            accounts::set_active(&app_state()?.db, &actor.actor(), id, active, reason).await
        }
        .await,
    )
}

/// What an invitation link is for; `NotFound` when it is used, revoked, expired or unknown.
#[server(prefix = "/rpc", endpoint = "view_invitation")]
pub async fn view_invitation(token: String) -> Result<InvitationView, AppError> {
    use crate::server::{state::app_state, store::accounts, tokens};
    super::respond(
        async {
            accounts::pending_invitation(
                &app_state()?.db,
                &tokens::hash(&token),
                chrono::Utc::now(),
            )
            .await?
            .ok_or(AppError::NotFound)
        }
        .await,
    )
}

/// Creates the account the invitation was for, signs it in and goes to the account page.
#[server(prefix = "/rpc", endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    display_name: String,
    password: String,
    confirm_password: String,
    lang: String,
) -> Result<(), AppError> {
    use crate::error::Problem;
    use crate::i18n::{localized, Lang};
    use crate::server::auth::{self, password as pw};
    use crate::server::{state::app_state, store::accounts, tokens};
    super::respond(
        async {
            let state = app_state()?;
            let hash = tokens::hash(&token);
            let now = chrono::Utc::now();
            let view = accounts::pending_invitation(&state.db, &hash, now)
                .await?
                .ok_or(AppError::NotFound)?;
            let name = display_name.trim();
            if name.is_empty() {
                return Err(AppError::invalid("display_name", Problem::Required));
            }
            if name.chars().count() > 120 {
                return Err(AppError::invalid(
                    "display_name",
                    Problem::TooLong { max: 120 },
                ));
            }
            pw::check_strength("password", &password, &view.email)?;
            if password != confirm_password {
                return Err(AppError::invalid("confirm_password", Problem::Mismatch));
            }
            let password_hash = pw::hash(password).await?;
            let user =
                accounts::accept_invitation(&state.db, &hash, name, &password_hash, now).await?;
            let mut session = auth::auth_session().await?;
            auth::sign_in(&mut session, &user).await?;
            let lang = Lang::from_code(&lang).unwrap_or_default();
            leptos_axum::redirect(&localized(lang, "/account"));
            Ok(())
        }
        .await,
    )
}
