//! The axum-login backend: email + password against the `users` table, sessions checked against
//! the password hash so that a password change ends every other session.

use super::password;
use crate::error::AppError;
use crate::server::store::{accounts, accounts::User, Db};

#[derive(Clone, Debug)]
pub struct Backend {
    db: Db,
}

impl Backend {
    pub fn new(db: Db) -> Self {
        Backend { db }
    }
}

#[derive(Clone)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

impl axum_login::AuthUser for User {
    type Id = i64;

    fn id(&self) -> i64 {
        self.id
    }

    /// Sessions remember this; when the password changes or the account is deactivated, every
    /// session made before is flushed on its next request (and stays flushed after reactivation).
    fn session_auth_hash(&self) -> &[u8] {
        self.session_key.as_bytes()
    }
}

impl axum_login::AuthnBackend for Backend {
    type User = User;
    type Credentials = Credentials;
    type Error = AppError;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<User>, AppError> {
        let user = accounts::find_by_email(&self.db, &creds.email).await?;
        // Verify even when there is no such account, so timing does not tell which emails exist.
        let ok = password::verify(
            creds.password,
            user.as_ref().map(|u| u.password_hash.clone()),
        )
        .await;
        Ok(user.filter(|u| ok && u.active))
    }

    async fn get_user(&self, id: &i64) -> Result<Option<User>, AppError> {
        Ok(accounts::find_by_id(&self.db, *id)
            .await?
            .filter(|u| u.active))
    }
}

pub type AuthSession = axum_login::AuthSession<Backend>;
