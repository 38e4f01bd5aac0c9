//! Accounts as the browser sees them: roles with their scope, the signed-in user, invitations and
//! audit entries. Password hashes and invitation tokens' hashes never appear here.

use super::query::{Filter, QueryReader};
use crate::i18n::Lang;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What an account may do, and where.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Role {
    /// The chair and the Technical Secretariat: everything.
    Secretariat,
    /// A country focal point: that country's inventory, practices and progress.
    FocalPoint { country: String },
    /// A Support Platform member: that organisation's contributions and commitments.
    Member { organisation: String },
}

impl Role {
    /// The focal point of `country` (ISO 3166-1 alpha-2).
    pub fn focal_point(country: &str) -> Role {
        Role::FocalPoint {
            country: country.into(),
        }
    }

    /// A member speaking for `organisation` (its code).
    pub fn member(organisation: &str) -> Role {
        Role::Member {
            organisation: organisation.into(),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            Role::Secretariat => "secretariat",
            Role::FocalPoint { .. } => "focal_point",
            Role::Member { .. } => "member",
        }
    }

    pub fn country(&self) -> Option<&str> {
        match self {
            Role::FocalPoint { country } => Some(country),
            _ => None,
        }
    }

    pub fn organisation(&self) -> Option<&str> {
        match self {
            Role::Member { organisation } => Some(organisation),
            _ => None,
        }
    }

    /// Rebuilds a role from its stored parts; `None` when they do not fit together.
    pub fn from_parts(
        code: &str,
        country: Option<&str>,
        organisation: Option<&str>,
    ) -> Option<Role> {
        let some = |v: Option<&str>| {
            v.map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        match (code, some(country), some(organisation)) {
            ("secretariat", None, None) => Some(Role::Secretariat),
            ("focal_point", Some(country), None) => Some(Role::FocalPoint { country }),
            ("member", None, Some(organisation)) => Some(Role::Member { organisation }),
            _ => None,
        }
    }

    pub fn name(&self, lang: Lang) -> &'static str {
        let t = lang.t();
        match self {
            Role::Secretariat => t.role_secretariat,
            Role::FocalPoint { .. } => t.role_focal_point,
            Role::Member { .. } => t.role_member,
        }
    }
}

/// The signed-in person, as pages need it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The name of the role's country or organisation (empty for the secretariat).
    pub scope_es: String,
    pub scope_en: String,
}

impl CurrentUser {
    pub fn scope(&self, lang: Lang) -> &str {
        lang.pick(&self.scope_es, &self.scope_en)
    }

    /// The sentence saying what this account may do, with its scope's name filled in.
    pub fn may_do(&self, lang: Lang) -> String {
        let t = lang.t();
        match self.role {
            Role::Secretariat => t.may_secretariat.to_string(),
            Role::FocalPoint { .. } => t.may_focal_point.replace("{scope}", self.scope(lang)),
            Role::Member { .. } => t.may_member.replace("{scope}", self.scope(lang)),
        }
    }
}

/// One account in the secretariat's users list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

/// An invitation as the secretariat sees it. The link is shown once, when it is created.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationSummary {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub status: InvitationStatus,
}

coded_enum!(
    /// Where an invitation stands.
    InvitationStatus {
        Pending => "pending", "Pendiente", "Pending";
        Accepted => "accepted", "Aceptada", "Accepted";
        Revoked => "revoked", "Anulada", "Revoked";
        Expired => "expired", "Caducada", "Expired";
    }
);

/// A freshly created invitation with its one-time link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedInvitation {
    pub invitation: InvitationSummary,
    pub link: String,
}

/// What the invitation page shows to the invited person before they set a password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub email: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
}

/// One line of the audit trail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_email: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub reason: Option<String>,
}

/// Filters of the audit list; every field optional (and absent from the call when unset).
/// Dates are `YYYY-MM-DD`, inclusive.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Filter for AuditFilter {
    const KEYS: &'static [&'static str] = &["entity", "entity_id", "actor", "action", "from", "to"];

    fn read(&mut self, key: &str, v: &str, r: &mut QueryReader) {
        match key {
            "entity" => self.entity = r.code(key, v),
            "entity_id" => self.entity_id = r.text(key, v, 64),
            "actor" => self.actor = r.text(key, v, 254),
            "action" => self.action = r.code(key, v),
            "from" => self.from = r.date(key, v),
            "to" => self.to = r.date(key, v),
            _ => {}
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("entity", &self.entity),
            ("entity_id", &self.entity_id),
            ("actor", &self.actor),
            ("action", &self.action),
            ("from", &self.from),
            ("to", &self.to),
        ]
        .into_iter()
        .filter_map(|(k, v)| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| (k, v.to_string()))
        })
        .collect()
    }
}

/// A page of audit entries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// Checks an email address the way forms need: one `@`, a dotted domain, no spaces.
/// Returns it trimmed and lower-cased.
pub fn normalise_email(raw: &str) -> Option<String> {
    let email = raw.trim().to_lowercase();
    if email.len() > 254 || email.chars().any(char::is_whitespace) {
        return None;
    }
    let (local, domain) = email.split_once('@')?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.contains('@');
    if local.is_empty() || !domain_ok {
        return None;
    }
    Some(email)
}

/// The shortest password we accept. Long passphrases beat complexity rules.
pub const MIN_PASSWORD_LEN: usize = 12;
pub const MAX_PASSWORD_LEN: usize = 128;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_or_refused() {
        assert_eq!(
            normalise_email("  Ana@Example.ORG "),
            Some("ana@example.org".into())
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@x.org",
            "ana@x",
            "a na@x.org",
            "ana@x..org",
            "a@b@c.org",
        ] {
            assert_eq!(normalise_email(bad), None, "{bad}");
        }
    }

    #[test]
    fn roles_round_trip_through_their_parts() {
        let roles = [
            Role::Secretariat,
            Role::focal_point("GT"),
            Role::member("EU"),
        ];
        for r in roles {
            assert_eq!(
                Role::from_parts(r.code(), r.country(), r.organisation()),
                Some(r.clone())
            );
        }
        assert_eq!(Role::from_parts("focal_point", None, None), None);
        assert_eq!(Role::from_parts("secretariat", Some("GT"), None), None);
        assert_eq!(Role::from_parts("admin", None, None), None);
    }
}
