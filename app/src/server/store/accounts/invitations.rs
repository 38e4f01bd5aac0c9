//! Invitations: a one-time link (only its hash stored) that lets a person choose a password and
//! join with the role it names.

#[allow(unused_imports)]
use super::*;

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    email: String,
    role: String,
    country_iso2: Option<String>,
    organisation_code: Option<String>,
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    accepted_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

impl InvitationRow {
    fn summary(self, now: DateTime<Utc>) -> Result<InvitationSummary, sqlx::Error> {
        let status = if self.accepted_at.is_some() {
            InvitationStatus::Accepted
        } else if self.revoked_at.is_some() {
            InvitationStatus::Revoked
        } else if self.expires_at <= now {
            InvitationStatus::Expired
        } else {
            InvitationStatus::Pending
        };
        Ok(InvitationSummary {
            role: role_of(
                &self.role,
                self.country_iso2.as_deref(),
                self.organisation_code.as_deref(),
            )?,
            id: self.id,
            email: self.email,
            created_at: self.created_at,
            expires_at: self.expires_at,
            status,
        })
    }
}

const INVITATION_COLUMNS: &str = "id, email, role, country_iso2, organisation_code, created_at, \
                                  expires_at, accepted_at, revoked_at";

/// Records an invitation; the caller keeps the token and stores only its hash.
pub async fn create_invitation(
    db: &Db,
    actor: &Actor,
    email: &str,
    role: &Role,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<InvitationSummary, AppError> {
    check_scope(db, role).await?;
    if find_by_email(db, email).await?.is_some() {
        return Err(AppError::invalid("email", Problem::Taken));
    }
    let now = Utc::now();
    let id: i64 = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO invitations (token_hash, email, role, country_iso2, organisation_code, \
             invited_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(token_hash)
        .bind(email)
        .bind(role.code())
        .bind(role.country())
        .bind(role.organisation())
        .bind(actor.id)
        .bind(now)
        .bind(expires_at)
        .fetch_one(&mut *tx)
        .await?;
        let entry = NewAudit::new(Some(actor), "create", "invitation", id).after(json!({
            "email": email, "role": role.code(), "country": role.country(),
            "organisation": role.organisation(), "expires_at": expires_at,
        }));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        id
    });
    Ok(InvitationSummary {
        id,
        email: email.to_owned(),
        role: role.clone(),
        created_at: now,
        expires_at,
        status: InvitationStatus::Pending,
    })
}

pub async fn list_invitations(
    db: &Db,
    now: DateTime<Utc>,
) -> Result<Vec<InvitationSummary>, sqlx::Error> {
    let sql = format!("SELECT {INVITATION_COLUMNS} FROM invitations ORDER BY id DESC LIMIT 200");
    let rows: Vec<InvitationRow> = on_db!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
    rows.into_iter().map(|r| r.summary(now)).collect()
}

/// The pending, unexpired invitation with this token hash, if any.
pub async fn pending_invitation(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<InvitationView>, sqlx::Error> {
    let sql = format!("SELECT {INVITATION_COLUMNS} FROM invitations WHERE token_hash = $1");
    let row: Option<InvitationRow> =
        on_db!(db, pool => sqlx::query_as(&sql).bind(token_hash).fetch_optional(pool).await)?;
    let Some(row) = row else { return Ok(None) };
    let s = row.summary(now)?;
    Ok(
        (s.status == InvitationStatus::Pending).then_some(InvitationView {
            email: s.email,
            role: s.role,
            expires_at: s.expires_at,
        }),
    )
}

/// Turns a pending invitation into an account, once: the invitation is claimed with a
/// conditional update in the same transaction that creates the user.
pub async fn accept_invitation(
    db: &Db,
    token_hash: &str,
    display_name: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<User, AppError> {
    let Some(view) = pending_invitation(db, token_hash, now).await? else {
        return Err(AppError::NotFound);
    };
    let id: i64 = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let claimed = sqlx::query(
            "UPDATE invitations SET accepted_at = $1 WHERE token_hash = $2 AND accepted_at IS NULL \
             AND revoked_at IS NULL AND expires_at > $1",
        )
        .bind(now)
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
        if claimed.rows_affected() != 1 {
            return Err(AppError::NotFound);
        }
        let inserted = sqlx::query_scalar::<_, i64>(
            "INSERT INTO users (email, display_name, password_hash, role, country_iso2, \
             organisation_code, active, created_at, updated_at, password_changed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8) RETURNING id",
        )
        .bind(&view.email)
        .bind(display_name)
        .bind(password_hash)
        .bind(view.role.code())
        .bind(view.role.country())
        .bind(view.role.organisation())
        .bind(true)
        .bind(now)
        .fetch_one(&mut *tx)
        .await;
        let id = match inserted {
            Ok(id) => id,
            Err(e) => {
                return Err(match AppError::from(e) {
                    AppError::Conflict => AppError::invalid("email", Problem::Taken),
                    other => other,
                })
            }
        };
        sqlx::query("UPDATE invitations SET accepted_user_id = $1 WHERE token_hash = $2")
            .bind(id)
            .bind(token_hash)
            .execute(&mut *tx)
            .await?;
        let actor = Actor { id, email: view.email.clone() };
        let entry = NewAudit::new(Some(&actor), "create", "user", id)
            .after(snapshot(&view.email, display_name, &view.role, true))
            .reason(Some("invitation accepted".into()));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        id
    });
    find_by_id(db, id).await?.ok_or(AppError::Internal)
}

pub async fn revoke_invitation(db: &Db, actor: &Actor, id: i64) -> Result<(), AppError> {
    let now = Utc::now();
    let entry = NewAudit::new(Some(actor), "withdraw", "invitation", id);
    crate::update_one_audited!(
        db,
        |pool| {
            sqlx::query(
            "UPDATE invitations SET revoked_at = $1 WHERE id = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(id)
        },
        entry
    );
    Ok(())
}
