//! Accounts and invitations. Every change writes its audit entry in the same transaction.

use super::audit::{Actor, NewAudit};
use crate::error::{AppError, Problem};
use crate::model::{InvitationStatus, InvitationSummary, InvitationView, Role, UserSummary};
use crate::server::store::Db;
use crate::{on_db, write_audit};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::fmt;

/// An account as the server knows it, password hash included. Never sent to the browser.
#[derive(Clone)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub password_hash: String,
    /// What a session remembers of the account when it is made: the password hash and the
    /// session counter. When either moves (a new password, a deactivation), the session ends.
    pub session_key: String,
}

impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("role", &self.role)
            .field("active", &self.active)
            .finish_non_exhaustive()
    }
}

impl User {
    pub fn actor(&self) -> Actor {
        Actor {
            id: self.id,
            email: self.email.clone(),
        }
    }
}

/// The signed-in view of an account, with its scope's names looked up.
pub async fn current_user_view(
    db: &Db,
    user: &User,
) -> Result<crate::model::CurrentUser, sqlx::Error> {
    let (scope_es, scope_en): (String, String) = match &user.role {
        Role::Secretariat => (String::new(), String::new()),
        Role::FocalPoint { country } => on_db!(db, pool => sqlx::query_as(
            "SELECT name_es, name_en FROM countries WHERE iso2 = $1",
        )
        .bind(country)
        .fetch_optional(pool)
        .await)?
        .unwrap_or_else(|| (country.clone(), country.clone())),
        Role::Member { organisation } => on_db!(db, pool => sqlx::query_as(
            "SELECT name_es, name_en FROM organisations WHERE code = $1",
        )
        .bind(organisation)
        .fetch_optional(pool)
        .await)?
        .unwrap_or_else(|| (organisation.clone(), organisation.clone())),
    };
    Ok(crate::model::CurrentUser {
        id: user.id,
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        role: user.role.clone(),
        scope_es,
        scope_en,
    })
}

/// The audit snapshot of an account: everything but secrets.
fn snapshot(email: &str, name: &str, role: &Role, active: bool) -> serde_json::Value {
    json!({
        "email": email,
        "display_name": name,
        "role": role.code(),
        "country": role.country(),
        "organisation": role.organisation(),
        "active": active,
    })
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    display_name: String,
    password_hash: String,
    role: String,
    country_iso2: Option<String>,
    organisation_code: Option<String>,
    active: bool,
    created_at: DateTime<Utc>,
    session_epoch: i64,
}

fn role_of(code: &str, country: Option<&str>, org: Option<&str>) -> Result<Role, sqlx::Error> {
    Role::from_parts(code, country, org)
        .ok_or_else(|| sqlx::Error::Decode(format!("inconsistent role {code}").into()))
}

impl UserRow {
    fn role(&self) -> Result<Role, sqlx::Error> {
        role_of(
            &self.role,
            self.country_iso2.as_deref(),
            self.organisation_code.as_deref(),
        )
    }
}

impl TryFrom<UserRow> for User {
    type Error = sqlx::Error;
    fn try_from(r: UserRow) -> Result<Self, Self::Error> {
        Ok(User {
            role: r.role()?,
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            active: r.active,
            session_key: format!("{}#{}", r.password_hash, r.session_epoch),
            password_hash: r.password_hash,
        })
    }
}

const USER_COLUMNS: &str = "id, email, display_name, password_hash, role, country_iso2, \
                            organisation_code, active, created_at, session_epoch";

pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<User>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
    let row: Option<UserRow> =
        on_db!(db, pool => sqlx::query_as(&sql).bind(email).fetch_optional(pool).await)?;
    row.map(User::try_from).transpose()
}

pub async fn find_by_id(db: &Db, id: i64) -> Result<Option<User>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    let row: Option<UserRow> =
        on_db!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?;
    row.map(User::try_from).transpose()
}

pub async fn list(db: &Db) -> Result<Vec<UserSummary>, sqlx::Error> {
    let sql =
        format!("SELECT {USER_COLUMNS} FROM users ORDER BY active DESC, lower(display_name), id");
    let rows: Vec<UserRow> = on_db!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
    rows.into_iter()
        .map(|r| {
            Ok(UserSummary {
                role: r.role()?,
                id: r.id,
                email: r.email,
                display_name: r.display_name,
                active: r.active,
                created_at: r.created_at,
            })
        })
        .collect()
}

/// Checks that a role's country or organisation exists, so bad scopes are a field error.
async fn check_scope(db: &Db, role: &Role) -> Result<(), AppError> {
    match role {
        Role::Secretariat => Ok(()),
        Role::FocalPoint { country } => {
            let n: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM countries WHERE iso2 = $1")
                .bind(country)
                .fetch_one(pool)
                .await)?;
            if n == 1 {
                Ok(())
            } else {
                Err(AppError::invalid("country", Problem::UnknownChoice))
            }
        }
        Role::Member { organisation } => {
            let n: i64 = on_db!(db, pool => sqlx::query_scalar(
                "SELECT COUNT(*) FROM organisations WHERE code = $1 AND role IN ('member', 'partner')",
            )
            .bind(organisation)
            .fetch_one(pool)
            .await)?;
            if n == 1 {
                Ok(())
            } else {
                Err(AppError::invalid("organisation", Problem::UnknownChoice))
            }
        }
    }
}

/// A new account: from `server create-admin` (actor `None`) or an accepted invitation.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: &'a Role,
}

pub async fn create(db: &Db, actor: Option<&Actor>, new: NewUser<'_>) -> Result<i64, AppError> {
    check_scope(db, new.role).await?;
    let now = Utc::now();
    let result: Result<i64, sqlx::Error> = on_db!(db, pool => async {
        let mut tx = pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, display_name, password_hash, role, country_iso2, \
             organisation_code, active, created_at, updated_at, password_changed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8) RETURNING id",
        )
        .bind(new.email)
        .bind(new.display_name)
        .bind(new.password_hash)
        .bind(new.role.code())
        .bind(new.role.country())
        .bind(new.role.organisation())
        .bind(true)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let entry = NewAudit::new(actor, "create", "user", id)
            .after(snapshot(new.email, new.display_name, new.role, true));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        Ok(id)
    }.await);
    result.map_err(|e| match AppError::from(e) {
        AppError::Conflict => AppError::invalid("email", Problem::Taken),
        other => other,
    })
}

/// Changes an account's role and scope.
pub async fn update_role(db: &Db, actor: &Actor, id: i64, role: &Role) -> Result<(), AppError> {
    check_scope(db, role).await?;
    let before = find_by_id(db, id).await?.ok_or(AppError::NotFound)?;
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "UPDATE users SET role = $1, country_iso2 = $2, organisation_code = $3, updated_at = $4 \
             WHERE id = $5",
        )
        .bind(role.code())
        .bind(role.country())
        .bind(role.organisation())
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let entry = NewAudit::new(Some(actor), "update", "user", id)
            .before(snapshot(&before.email, &before.display_name, &before.role, before.active))
            .after(snapshot(&before.email, &before.display_name, role, before.active));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
    });
    Ok(())
}

/// Deactivates or reactivates an account. A deactivated account's sessions stop working at once
/// and for good: the session counter moves, so reactivating does not bring them back.
pub async fn set_active(
    db: &Db,
    actor: &Actor,
    id: i64,
    active: bool,
    reason: Option<String>,
) -> Result<(), AppError> {
    let before = find_by_id(db, id).await?.ok_or(AppError::NotFound)?;
    if before.active == active {
        return Ok(());
    }
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "UPDATE users SET active = $1, updated_at = $2, \
             session_epoch = session_epoch + CASE WHEN $1 THEN 0 ELSE 1 END WHERE id = $3",
        )
            .bind(active)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let entry = NewAudit::new(Some(actor), if active { "restore" } else { "withdraw" }, "user", id)
            .before(snapshot(&before.email, &before.display_name, &before.role, before.active))
            .after(snapshot(&before.email, &before.display_name, &before.role, active))
            .reason(reason);
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
    });
    Ok(())
}

/// Stores a new password hash. The trail records that it changed, never the hash.
pub async fn set_password(
    db: &Db,
    actor: &Actor,
    id: i64,
    password_hash: &str,
) -> Result<(), AppError> {
    let now = Utc::now();
    let entry = NewAudit::new(Some(actor), "password_changed", "user", id);
    crate::update_one_audited!(
        db,
        |pool| {
            sqlx::query(
            "UPDATE users SET password_hash = $1, password_changed_at = $2, updated_at = $2 WHERE id = $3",
        )
        .bind(password_hash)
        .bind(now)
        .bind(id)
        },
        entry
    );
    Ok(())
}

mod invitations;
pub use invitations::*;
