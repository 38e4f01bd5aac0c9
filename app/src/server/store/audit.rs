//! The audit trail: who changed which record, when, with the record before and after (JSON).
//! Every write to domain data records an entry in the *same transaction* as the change, with
//! [`write_audit!`](crate::write_audit), so a change and its trail commit or fail together.

use crate::model::{AuditEntry, AuditFilter, AuditPage};
use crate::on_db;
use crate::server::store::sql::Param;
use crate::server::store::Db;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;

/// Who made a change: a signed-in account, or `None` for the system (start-up, command line).
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: i64,
    pub email: String,
}

/// An entry about to be written.
#[derive(Clone, Debug)]
pub struct NewAudit {
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub actor_email: Option<String>,
    pub action: &'static str,
    pub entity: &'static str,
    pub entity_id: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub reason: Option<String>,
}

impl NewAudit {
    pub fn new(
        actor: Option<&Actor>,
        action: &'static str,
        entity: &'static str,
        id: impl ToString,
    ) -> Self {
        NewAudit {
            at: Utc::now(),
            actor_id: actor.map(|a| a.id),
            actor_email: actor.map(|a| a.email.clone()),
            action,
            entity,
            entity_id: id.to_string(),
            before: None,
            after: None,
            reason: None,
        }
    }

    pub fn before(mut self, v: Value) -> Self {
        self.before = Some(v);
        self
    }

    pub fn after(mut self, v: Value) -> Self {
        self.after = Some(v);
        self
    }

    pub fn reason(mut self, r: Option<String>) -> Self {
        self.reason = r.filter(|r| !r.trim().is_empty());
        self
    }
}

/// Writes one audit entry through `$conn` (a transaction of either engine).
#[macro_export]
macro_rules! write_audit {
    ($conn:expr, $entry:expr) => {{
        let e: &$crate::server::store::audit::NewAudit = $entry;
        sqlx::query(
            "INSERT INTO audit_log (at, actor_user_id, actor_email, action, entity, entity_id, \
             before_json, after_json, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(e.at)
        .bind(e.actor_id)
        .bind(e.actor_email.as_deref())
        .bind(e.action)
        .bind(e.entity)
        .bind(&e.entity_id)
        .bind(e.before.as_ref().map(sqlx::types::Json))
        .bind(e.after.as_ref().map(sqlx::types::Json))
        .bind(e.reason.as_deref())
        .execute($conn)
        .await
        .map(|_| ())
    }};
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: DateTime<Utc>,
    actor_email: Option<String>,
    action: String,
    entity: String,
    entity_id: String,
    before_json: Option<sqlx::types::Json<Value>>,
    after_json: Option<sqlx::types::Json<Value>>,
    reason: Option<String>,
}

impl From<AuditRow> for AuditEntry {
    fn from(r: AuditRow) -> Self {
        AuditEntry {
            id: r.id,
            at: r.at,
            actor_email: r.actor_email,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            before: r.before_json.map(|j| j.0),
            after: r.after_json.map(|j| j.0),
            reason: r.reason,
        }
    }
}

/// The filter as SQL: a WHERE clause with `$N` placeholders and its text parameters, in order.
/// The filter was checked when it was read ([`crate::model::Filter`]).
fn where_clause(f: &AuditFilter) -> (String, Vec<Param>) {
    let mut parts = Vec::new();
    let mut params = Vec::new();
    let mut push = |sql: &str, p: Param, parts: &mut Vec<String>| {
        params.push(p);
        parts.push(sql.replace('?', &format!("${}", params.len())));
    };
    let text = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    if let Some(v) = text(&f.entity) {
        push("entity = ?", Param::Text(v), &mut parts);
    }
    if let Some(v) = text(&f.entity_id) {
        push("entity_id = ?", Param::Text(v), &mut parts);
    }
    if let Some(v) = text(&f.action) {
        push("action = ?", Param::Text(v), &mut parts);
    }
    if let Some(v) = text(&f.actor) {
        push(
            "lower(actor_email) = ?",
            Param::Text(v.to_lowercase()),
            &mut parts,
        );
    }
    if let Some(d) = text(&f.from).and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()) {
        if let Some(t) = d.and_hms_opt(0, 0, 0) {
            push("at >= ?", Param::Time(t.and_utc()), &mut parts);
        }
    }
    if let Some(d) = text(&f.to).and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()) {
        if let Some(t) = d.succ_opt().and_then(|d| d.and_hms_opt(0, 0, 0)) {
            push("at < ?", Param::Time(t.and_utc()), &mut parts);
        }
    }
    let sql = if parts.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", parts.join(" AND "))
    };
    (sql, params)
}

/// One page of the trail, newest first.
pub async fn list(
    db: &Db,
    filter: &AuditFilter,
    page: i64,
    per_page: i64,
) -> Result<AuditPage, sqlx::Error> {
    let (clause, params) = where_clause(filter);
    let page = page.clamp(1, i64::from(crate::model::query::MAX_PAGE));
    let per_page = per_page.clamp(1, 500);
    let offset = crate::model::query::page_offset(page, per_page);
    let count_sql = format!("SELECT COUNT(*) FROM audit_log{clause}");
    let list_sql = format!(
        "SELECT id, at, actor_email, action, entity, entity_id, before_json, after_json, reason \
         FROM audit_log{clause} ORDER BY id DESC LIMIT {per_page} OFFSET {offset}"
    );
    let (total, rows): (i64, Vec<AuditRow>) = on_db!(db, pool => {
        let total = crate::bind_params!(sqlx::query_scalar(&count_sql), &params).fetch_one(pool).await?;
        let rows = crate::bind_params!(sqlx::query_as(&list_sql), &params).fetch_all(pool).await?;
        (total, rows)
    });
    Ok(AuditPage {
        entries: rows.into_iter().map(AuditEntry::from).collect(),
        total,
        page,
        per_page,
    })
}

/// Every entry matching the filter, oldest first (for exports), capped at `limit`.
pub async fn all(
    db: &Db,
    filter: &AuditFilter,
    limit: i64,
) -> Result<Vec<AuditEntry>, sqlx::Error> {
    let (clause, params) = where_clause(filter);
    let sql = format!(
        "SELECT id, at, actor_email, action, entity, entity_id, before_json, after_json, reason \
         FROM audit_log{clause} ORDER BY id LIMIT {}",
        limit.max(1)
    );
    let rows: Vec<AuditRow> = on_db!(db, pool => crate::bind_params!(sqlx::query_as(&sql), &params).fetch_all(pool).await?);
    Ok(rows.into_iter().map(AuditEntry::from).collect())
}
