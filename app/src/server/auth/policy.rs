//! The one place that decides who may do what. Every server function and API route names the
//! [`Action`] it is about to perform and calls [`authorize`] (usually through
//! [`super::require`]) before touching anything.

use crate::error::AppError;
use crate::model::Role;
use crate::server::store::accounts::User;

/// Everything a caller may try to do, with the scope it touches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action<'a> {
    /// Read what is published: anyone, signed in or not.
    ReadPublished,
    /// Change one's own password or see one's own account.
    ManageOwnAccount,
    /// Register for events and manage one's own registrations.
    RegisterForEvents,
    /// Edit a country's inventory, good practices and progress (ISO alpha-2 code).
    EditCountry(&'a str),
    /// Record and update an organisation's contributions and commitments (organisation code).
    EditOrganisation(&'a str),
    /// Record contributions at all (for some organisation): open the form, upload a file.
    RecordContributions,
    /// Review, return and publish submissions.
    ReviewSubmissions,
    /// Create, move and cancel events; see participant lists.
    ManageEvents,
    /// Invite people, change roles and scopes, deactivate accounts.
    ManageUsers,
    /// Read and export the audit trail.
    ViewAudit,
    /// Edit requirements, reference data and other platform-wide figures.
    ManagePlatformData,
}

/// `Ok` when `user` may perform `action`; `Unauthorized` when an account is needed and nobody is
/// signed in; `Forbidden` when the account's role or scope does not allow it.
pub fn authorize(user: Option<&User>, action: &Action<'_>) -> Result<(), AppError> {
    if *action == Action::ReadPublished {
        return Ok(());
    }
    let Some(user) = user else {
        return Err(AppError::Unauthorized);
    };
    if !user.active {
        return Err(AppError::Unauthorized);
    }
    let allowed = match (&user.role, action) {
        (Role::Secretariat, _) => true,
        (_, Action::ManageOwnAccount | Action::RegisterForEvents) => true,
        (Role::FocalPoint { country }, Action::EditCountry(c)) => country.eq_ignore_ascii_case(c),
        (Role::Member { organisation }, Action::EditOrganisation(o)) => organisation == o,
        (Role::Member { .. }, Action::RecordContributions) => true,
        _ => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::server::testing::unsaved_user as user;

    #[test]
    fn anonymous_reads_only() {
        assert_eq!(authorize(None, &Action::ReadPublished), Ok(()));
        assert_eq!(
            authorize(None, &Action::ManageOwnAccount),
            Err(AppError::Unauthorized)
        );
        assert_eq!(
            authorize(None, &Action::EditCountry("GT")),
            Err(AppError::Unauthorized)
        );
    }

    #[test]
    fn scopes_are_respected() {
        let fp = user(Role::focal_point("GT"));
        assert_eq!(authorize(Some(&fp), &Action::EditCountry("GT")), Ok(()));
        assert_eq!(
            authorize(Some(&fp), &Action::EditCountry("HN")),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            authorize(Some(&fp), &Action::EditOrganisation("EU")),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            authorize(Some(&fp), &Action::ManageUsers),
            Err(AppError::Forbidden)
        );

        let m = user(Role::member("EU"));
        assert_eq!(authorize(Some(&m), &Action::EditOrganisation("EU")), Ok(()));
        assert_eq!(
            authorize(Some(&m), &Action::EditOrganisation("ESP")),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            authorize(Some(&m), &Action::ReviewSubmissions),
            Err(AppError::Forbidden)
        );

        let s = user(Role::Secretariat);
        for a in [
            Action::ManageUsers,
            Action::ViewAudit,
            Action::EditCountry("PA"),
            Action::EditOrganisation("WB"),
        ] {
            assert_eq!(authorize(Some(&s), &a), Ok(()));
        }
    }

    #[test]
    fn deactivated_accounts_may_do_nothing() {
        let mut s = user(Role::Secretariat);
        s.active = false;
        assert_eq!(
            authorize(Some(&s), &Action::ManageUsers),
            Err(AppError::Unauthorized)
        );
    }
}
