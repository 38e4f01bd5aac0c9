//! The secretariat's management of accounts and invitations, and accepting an invitation.

use crate::error::AppError;
use crate::model::{CreatedInvitation, InvitationSummary, InvitationView, UserSummary};
use leptos::prelude::*;

/// How long an invitation link stays valid.
pub const INVITATION_DAYS: i64 = 7;

#[server(prefix = "/rpc", endpoint = "list_users")]
pub async fn list_users() -> Result<Vec<UserSummary>, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::users};
    super::respond(
        async {
            auth::require(Action::ManageUsers).await?;
            Ok(users::list(&app_state()?.db).await?)
        }
        .await,
    )
}

#[server(prefix = "/rpc", endpoint = "list_invitations")]
pub async fn list_invitations() -> Result<Vec<InvitationSummary>, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::users};
    super::respond(
        async {
            auth::require(Action::ManageUsers).await?;
            Ok(users::list_invitations(&app_state()?.db, chrono::Utc::now()).await?)
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
    use crate::server::{state::app_state, store::users, tokens};
    super::respond(
        async {
            let actor = auth::require(Action::ManageUsers).await?;
            let email = crate::model::normalise_email(&email)
                .ok_or_else(|| AppError::invalid("email", Problem::InvalidFormat))?;
            let role = role_from_form(&role, country, organisation)?;
            let state = app_state()?;
            let token = tokens::new_token();
            let expires = chrono::Utc::now() + chrono::Duration::days(INVITATION_DAYS);
            let invitation = users::create_invitation(
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
    use crate::server::{state::app_state, store::users};
    super::respond(
        async {
            let actor = auth::require(Action::ManageUsers).await?;
            users::revoke_invitation(&app_state()?.db, &actor.actor(), id).await
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
    use crate::server::{state::app_state, store::users};
    super::respond(
        async {
            let actor = auth::require(Action::ManageUsers).await?;
            let role = role_from_form(&role, country, organisation)?;
            if actor.id == id && role != actor.role {
                return Err(AppError::invalid("role", Problem::NotAllowed));
            }
            users::update_role(&app_state()?.db, &actor.actor(), id, &role).await
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
    use crate::server::{state::app_state, store::users};
    super::respond(
        async {
            let actor = auth::require(Action::ManageUsers).await?;
            if actor.id == id && !active {
                return Err(AppError::invalid("active", Problem::NotAllowed));
            }
            users::set_active(&app_state()?.db, &actor.actor(), id, active, reason).await
        }
        .await,
    )
}

/// What an invitation link is for; `NotFound` when it is used, revoked, expired or unknown.
#[server(prefix = "/rpc", endpoint = "view_invitation")]
pub async fn view_invitation(token: String) -> Result<InvitationView, AppError> {
    use crate::server::{state::app_state, store::users, tokens};
    super::respond(
        async {
            users::pending_invitation(&app_state()?.db, &tokens::hash(&token), chrono::Utc::now())
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
    use crate::server::{state::app_state, store::users, tokens};
    super::respond(
        async {
            let state = app_state()?;
            let hash = tokens::hash(&token);
            let now = chrono::Utc::now();
            let view = users::pending_invitation(&state.db, &hash, now)
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
                users::accept_invitation(&state.db, &hash, name, &password_hash, now).await?;
            let mut session = auth::auth_session().await?;
            session
                .login(&user)
                .await
                .map_err(|e| AppError::internal("session login", e))?;
            let lang = Lang::from_code(&lang).unwrap_or_default();
            leptos_axum::redirect(&localized(lang, "/account"));
            Ok(())
        }
        .await,
    )
}
