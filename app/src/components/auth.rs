//! The signed-in account as the interface knows it, shared through context: one resource that
//! refetches whenever someone signs in, signs out or accepts an invitation.

use crate::error::AppError;
use crate::model::CurrentUser;
use crate::rpc::accounts::{fetch_current_user, Logout};
use leptos::prelude::*;

/// Forms that sign someone in (login, accepting an invitation) live in their pages, under the
/// router, so that a failed plain form post can show its error from the URL; when they succeed
/// the account resource refetches (see [`AuthContext::follow`]).
#[derive(Clone, Copy)]
pub struct AuthContext {
    pub user: Resource<Result<Option<CurrentUser>, AppError>>,
    pub logout: ServerAction<Logout>,
    refresh: RwSignal<u64>,
}

impl AuthContext {
    /// Someone signed in or out: read the account again.
    pub fn changed(&self) {
        self.refresh.update(|n| *n += 1);
    }

    /// Calls [`AuthContext::changed`] whenever `version` moves (an action completed).
    pub fn follow(&self, version: RwSignal<usize>) {
        let ctx = *self;
        Effect::new(move |previous: Option<usize>| {
            let v = version.get();
            if previous.is_some_and(|p| p != v) {
                ctx.changed();
            }
            v
        });
    }
}

pub fn provide_auth() -> AuthContext {
    let logout = ServerAction::<Logout>::new();
    let refresh = RwSignal::new(0u64);
    let user = Resource::new(
        move || (logout.version().get(), refresh.get()),
        |_| fetch_current_user(),
    );
    let ctx = AuthContext {
        user,
        logout,
        refresh,
    };
    provide_context(ctx);
    ctx
}

pub fn use_auth() -> AuthContext {
    expect_context::<AuthContext>()
}

/// The message for `field` from a form action's last result, in `lang`.
pub fn field_error<T>(
    result: &Option<Result<T, AppError>>,
    field: &str,
    lang: crate::i18n::Lang,
) -> Option<String> {
    match result {
        Some(Err(e)) => e.field(field).map(|p| p.message(lang)),
        _ => None,
    }
}

/// The form-level message of a failed action (when no single field is at fault), in `lang`.
pub fn form_error<T>(
    result: &Option<Result<T, AppError>>,
    fields: &[&str],
    lang: crate::i18n::Lang,
) -> Option<String> {
    match result {
        Some(Err(e)) if !fields.iter().any(|f| e.field(f).is_some()) => {
            Some(e.message(lang).to_string())
        }
        _ => None,
    }
}
