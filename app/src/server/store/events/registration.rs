//! Registration: places, the waiting list, moderation, participants and notices.

#[allow(unused_imports)]
use super::*;

/// Who asks for a place: a person with an account, or a guest the organiser adds.
#[derive(Clone, Debug)]
pub enum Registrant {
    User(i64),
    Guest {
        name: String,
        email: String,
        affiliation: String,
    },
}

#[derive(sqlx::FromRow)]
struct RegistrationRules {
    capacity: Option<i64>,
    registration: bool,
    registration_opens_at: Option<DateTime<Utc>>,
    registration_closes_at: Option<DateTime<Utc>>,
    moderated: bool,
    status: String,
    ends_at: DateTime<Utc>,
}

impl RegistrationRules {
    fn of(d: &EventDetail) -> Self {
        RegistrationRules {
            capacity: d.capacity,
            registration: d.registration,
            registration_opens_at: d.registration_opens_at,
            registration_closes_at: d.registration_closes_at,
            moderated: d.moderated,
            status: d.summary.status.code().to_string(),
            ends_at: d.summary.ends_at,
        }
    }

    /// Offered, the event neither over nor cancelled or held, and (except for organisers) inside
    /// the registration window.
    fn open(&self, now: DateTime<Utc>, organiser: bool) -> bool {
        let status_ok = matches!(self.status.as_str(), "planned" | "confirmed");
        let window_ok = organiser
            || (self.registration_opens_at.is_none_or(|t| t <= now)
                && self.registration_closes_at.is_none_or(|t| now <= t));
        self.registration && status_ok && self.ends_at > now && window_ok
    }
}

/// Whether people may ask for a place at `d` at `now` (the same rule [`register`] applies).
pub fn registration_open(d: &EventDetail, now: DateTime<Utc>) -> bool {
    RegistrationRules::of(d).open(now, false)
}

const RULES_SQL: &str = "SELECT CAST(capacity AS BIGINT) AS capacity, registration, \
     registration_opens_at, registration_closes_at, moderated, status, ends_at \
     FROM events WHERE id = $1";

/// Asks for a place: confirmed while there is room, on the waiting list once it is full, or
/// awaiting the organiser's approval when the event is moderated (organisers adding someone skip
/// the approval and the registration window). Asking again changes nothing; someone who
/// withdrew asks again at the back of the queue.
pub async fn register(
    db: &Db,
    event_id: i64,
    who: &Registrant,
    actor: Option<&Actor>,
    organiser: bool,
    now: DateTime<Utc>,
) -> Result<RegistrationStatus, AppError> {
    if let Registrant::Guest { name, email, .. } = who {
        let mut errors = Vec::new();
        if name.trim().is_empty() {
            errors.push(FieldError::new("guest_name", Problem::Required));
        }
        let email = email.trim();
        if email.len() < 3 || !email.contains('@') || email.len() > 254 {
            errors.push(FieldError::new("guest_email", Problem::InvalidFormat));
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
    }
    let (user_id, guest_email) = match who {
        Registrant::User(u) => (Some(*u), None),
        Registrant::Guest { email, .. } => (None, Some(email.trim().to_lowercase())),
    };
    let status = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let locked = sqlx::query(
            "UPDATE events SET registration_seq = registration_seq + 1 WHERE id = $1",
        )
        .bind(event_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if locked == 0 {
            return Err(AppError::NotFound);
        }
        let rules: RegistrationRules = sqlx::query_as(RULES_SQL)
            .bind(event_id)
            .fetch_one(&mut *tx)
            .await?;
        if !rules.open(now, organiser) {
            return Err(AppError::invalid("registration", Problem::RegistrationClosed));
        }
        let existing: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, status FROM event_registrations WHERE event_id = $1 AND \
             (user_id = $2 OR guest_email = $3)",
        )
        .bind(event_id)
        .bind(user_id)
        .bind(&guest_email)
        .fetch_optional(&mut *tx)
        .await?;
        let previous = existing
            .as_ref()
            .and_then(|(_, s)| RegistrationStatus::from_code(s));
        if let Some(p) = previous {
            if p.is_active() || (p == RegistrationStatus::Rejected && !organiser) {
                return Ok(p);
            }
        }
        let confirmed: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'confirmed'",
        )
        .bind(event_id)
        .fetch_one(&mut *tx)
        .await?;
        let waiting: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'waitlisted'",
        )
        .bind(event_id)
        .fetch_one(&mut *tx)
        .await?;
        let room = rules.capacity.is_none_or(|c| confirmed < c) && waiting == 0;
        let status = if rules.moderated && !organiser {
            RegistrationStatus::Pending
        } else if room {
            RegistrationStatus::Confirmed
        } else {
            RegistrationStatus::Waitlisted
        };
        let reg_id: i64 = match existing {
            Some((id, _)) => {
                sqlx::query(
                    "UPDATE event_registrations SET status = $1, queued_at = $2, updated_at = $2 \
                     WHERE id = $3",
                )
                .bind(status.code())
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                id
            }
            None => {
                let (name, affiliation) = match who {
                    Registrant::Guest { name, affiliation, .. } => {
                        (name.trim().to_string(), affiliation.trim().to_string())
                    }
                    Registrant::User(_) => (String::new(), String::new()),
                };
                sqlx::query_scalar(
                    "INSERT INTO event_registrations (event_id, user_id, guest_name, guest_email, \
                     guest_affiliation, status, queued_at, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7) RETURNING id",
                )
                .bind(event_id)
                .bind(user_id)
                .bind(name)
                .bind(&guest_email)
                .bind(affiliation)
                .bind(status.code())
                .bind(now)
                .fetch_one(&mut *tx)
                .await?
            }
        };
        let entry = NewAudit::new(actor, "register", "event_registration", reg_id)
            .before(json!({ "status": previous.map(|p| p.code()) }))
            .after(json!({ "event": event_id, "user": user_id, "guest": guest_email, "status": status.code() }));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        status
    });
    Ok(status)
}

/// The event a registration belongs to, and the account that holds it (none for a guest).
pub async fn registration_owner(
    db: &Db,
    registration_id: i64,
) -> Result<Option<(i64, Option<i64>)>, AppError> {
    Ok(on_db!(db, pool => sqlx::query_as(
        "SELECT event_id, user_id FROM event_registrations WHERE id = $1",
    )
    .bind(registration_id)
    .fetch_optional(pool)
    .await?))
}

/// Gives up a place (or a place in the queue); the first person waiting moves up and is told.
pub async fn withdraw(
    db: &Db,
    registration_id: i64,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (event_id, _) = registration_owner(db, registration_id)
        .await?
        .ok_or(AppError::NotFound)?;
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE events SET registration_seq = registration_seq + 1 WHERE id = $1")
            .bind(event_id)
            .execute(&mut *tx)
            .await?;
        let status: String = sqlx::query_scalar(
            "SELECT status FROM event_registrations WHERE id = $1",
        )
        .bind(registration_id)
        .fetch_one(&mut *tx)
        .await?;
        if RegistrationStatus::from_code(&status).is_some_and(|s| s.is_active()) {
            sqlx::query(
                "UPDATE event_registrations SET status = 'withdrawn', updated_at = $1 WHERE id = $2",
            )
            .bind(now)
            .bind(registration_id)
            .execute(&mut *tx)
            .await?;
            let entry = NewAudit::new(Some(actor), "withdraw", "event_registration", registration_id)
                .before(json!({ "status": status }))
                .after(json!({ "status": "withdrawn", "event": event_id }));
            write_audit!(&mut *tx, &entry)?;
            fill_places!(tx, event_id, now, Some(actor));
        }
        tx.commit().await?;
    });
    Ok(())
}

/// The organiser approves (a place if there is room, else the waiting list) or turns down a
/// request to a moderated event; the person is told either way.
pub async fn moderate(
    db: &Db,
    registration_id: i64,
    approve: bool,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<RegistrationStatus, AppError> {
    let (event_id, user_id) = registration_owner(db, registration_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE events SET registration_seq = registration_seq + 1 WHERE id = $1")
            .bind(event_id)
            .execute(&mut *tx)
            .await?;
        let current: String = sqlx::query_scalar(
            "SELECT status FROM event_registrations WHERE id = $1",
        )
        .bind(registration_id)
        .fetch_one(&mut *tx)
        .await?;
        if current != "pending" {
            return Err(AppError::Conflict);
        }
        let status = if approve {
            let capacity: Option<i64> = sqlx::query_scalar(
                "SELECT CAST(capacity AS BIGINT) FROM events WHERE id = $1",
            )
            .bind(event_id)
            .fetch_one(&mut *tx)
            .await?;
            let confirmed: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND status = 'confirmed'",
            )
            .bind(event_id)
            .fetch_one(&mut *tx)
            .await?;
            if capacity.is_none_or(|c| confirmed < c) {
                RegistrationStatus::Confirmed
            } else {
                RegistrationStatus::Waitlisted
            }
        } else {
            RegistrationStatus::Rejected
        };
        // An approved request joins the waiting list by when it was made.
        sqlx::query("UPDATE event_registrations SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(status.code())
            .bind(now)
            .bind(registration_id)
            .execute(&mut *tx)
            .await?;
        if let Some(u) = user_id {
            sqlx::query(
                "INSERT INTO notifications (user_id, kind, event_id, created_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(u)
            .bind(if approve { "approved" } else { "rejected" })
            .bind(event_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        let entry = NewAudit::new(Some(actor), if approve { "approve" } else { "reject" }, "event_registration", registration_id)
            .before(json!({ "status": "pending" }))
            .after(json!({ "status": status.code(), "event": event_id }));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
        status
    });
    Ok(status)
}

#[derive(sqlx::FromRow)]
struct ParticipantRow {
    id: i64,
    user_id: Option<i64>,
    name: String,
    email: String,
    role: String,
    affiliation_es: String,
    affiliation_en: String,
    status: String,
    queued_at: DateTime<Utc>,
}

/// Everyone who asked for a place, confirmed first, then the waiting list in order, then the
/// rest; waiting-list positions counted from 1.
pub async fn participants(db: &Db, event_id: i64) -> Result<Vec<Participant>, AppError> {
    let rows: Vec<ParticipantRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT r.id, r.user_id, COALESCE(u.display_name, r.guest_name) AS name, \
         COALESCE(u.email, r.guest_email, '') AS email, COALESCE(u.role, 'guest') AS role, \
         COALESCE(c.name_es, o.short_es, r.guest_affiliation) AS affiliation_es, \
         COALESCE(c.name_en, o.short_en, r.guest_affiliation) AS affiliation_en, \
         r.status, r.queued_at \
         FROM event_registrations r LEFT JOIN users u ON u.id = r.user_id \
         LEFT JOIN countries c ON c.iso2 = u.country_iso2 \
         LEFT JOIN organisations o ON o.code = u.organisation_code \
         WHERE r.event_id = $1 ORDER BY CASE r.status WHEN 'confirmed' THEN 0 WHEN 'pending' THEN 1 \
         WHEN 'waitlisted' THEN 2 ELSE 3 END, r.queued_at, r.id",
    )
    .bind(event_id)
    .fetch_all(pool)
    .await?);
    let mut position = 0;
    Ok(rows
        .into_iter()
        .map(|r| {
            let status =
                RegistrationStatus::from_code(&r.status).unwrap_or(RegistrationStatus::Withdrawn);
            let pos = (status == RegistrationStatus::Waitlisted).then(|| {
                position += 1;
                position
            });
            Participant {
                id: r.id,
                user_id: r.user_id,
                name: r.name,
                email: r.email,
                affiliation_es: r.affiliation_es,
                affiliation_en: r.affiliation_en,
                role: r.role,
                status,
                queued_at: r.queued_at,
                position: pos,
            }
        })
        .collect())
}

/// A person's registration for one event: its id, status and waiting-list position.
pub async fn registration_of(
    db: &Db,
    event_id: i64,
    user_id: i64,
) -> Result<Option<(i64, RegistrationStatus, Option<i64>)>, AppError> {
    let all = participants(db, event_id).await?;
    Ok(all
        .into_iter()
        .find(|p| p.user_id == Some(user_id))
        .map(|p| (p.id, p.status, p.position)))
}

/// A person's active registrations, soonest event first (past ones included).
pub async fn registrations_of(db: &Db, user_id: i64) -> Result<Vec<MyRegistration>, AppError> {
    let ids: Vec<i64> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT r.event_id FROM event_registrations r JOIN events e ON e.id = r.event_id \
         WHERE r.user_id = $1 AND r.status IN ('pending', 'confirmed', 'waitlisted') \
         ORDER BY e.starts_at",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?);
    let mut out = Vec::new();
    for id in ids {
        let Some(d) = get(db, id).await? else {
            continue;
        };
        if let Some((_, status, position)) = registration_of(db, id, user_id).await? {
            out.push(MyRegistration {
                event: d.summary,
                status,
                position,
            });
        }
    }
    Ok(out)
}

/// What the platform told a person, newest first.
pub async fn notices(db: &Db, user_id: i64) -> Result<Vec<Notice>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        kind: String,
        event_id: Option<i64>,
        title_es: Option<String>,
        title_en: Option<String>,
        created_at: DateTime<Utc>,
        read_at: Option<DateTime<Utc>>,
    }
    let rows: Vec<Row> = on_db!(db, pool => sqlx::query_as(
        "SELECT n.id, n.kind, n.event_id, e.title_es, e.title_en, n.created_at, n.read_at \
         FROM notifications n LEFT JOIN events e ON e.id = n.event_id WHERE n.user_id = $1 \
         ORDER BY n.id DESC LIMIT 50",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?);
    Ok(rows
        .into_iter()
        .map(|r| Notice {
            id: r.id,
            kind: r.kind,
            event_id: r.event_id,
            event_title_es: r.title_es.unwrap_or_default(),
            event_title_en: r.title_en.unwrap_or_default(),
            created_at: r.created_at,
            read: r.read_at.is_some(),
        })
        .collect())
}

/// Marks all of a person's notices as read.
pub async fn mark_notices_read(db: &Db, user_id: i64) -> Result<(), AppError> {
    let now = Utc::now();
    on_db!(db, pool => {
        sqlx::query(
            "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
        )
        .bind(now)
        .bind(user_id)
        .execute(pool)
        .await?;
    });
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Personal calendar feeds
