//! The one error type of the application, shared by the browser and the server.
//!
//! When to use which:
//! - [`AppError::NotFound`]: the record or page does not exist, *or* exists but the caller may not
//!   know that it does (unpublished drafts read by the public).
//! - [`AppError::Unauthorized`]: nobody is signed in and the action needs an account.
//! - [`AppError::Forbidden`]: someone is signed in but their role or scope does not allow it.
//! - [`AppError::Validation`]: the input is wrong; carries one [`FieldError`] per field so forms can
//!   mark them. Nothing was changed.
//! - [`AppError::Conflict`]: a concurrent change or a uniqueness rule; nothing was changed.
//! - [`AppError::Unavailable`]: the database did not answer (pool closed, timeout).
//! - [`AppError::Internal`]: anything else. The details are logged on the server with `tracing`
//!   and never sent to the browser: no SQL text, file paths or stack traces leave the server.
//!
//! Users never see these variants' names: [`AppError::message`] gives the translated sentence.

use crate::i18n::{fill, Lang};
use serde::{Deserialize, Serialize};

/// What is wrong with one field of a form or one column of an imported row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self {
            field: field.into(),
            problem,
        }
    }
}

/// The kinds of input problem, each with a translated explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooShort {
        min: u32,
    },
    TooLong {
        max: u32,
    },
    OutOfRange {
        min: i64,
        max: i64,
    },
    InvalidFormat,
    UnknownChoice,
    NotAllowed,
    /// Sign-in failed; deliberately says nothing about which of the two was wrong.
    WrongCredentials,
    /// A confirmation field differs from the field it confirms.
    Mismatch,
    /// Already taken (an email with an account, a duplicate row).
    Taken,
    /// An imported row repeats an earlier row of the same file (its line number).
    DuplicateOf {
        row: u32,
    },
    /// An imported row is already in the ledger (the contribution's number).
    AlreadyRecorded {
        id: i64,
    },
    /// Registration is not open (not offered, outside its window, or the event is over).
    RegistrationClosed,
    /// The contribution named as a parent is withdrawn.
    ParentWithdrawn,
    /// The contribution named as a parent cannot group this one: it is a part itself, it is this
    /// one, or this one already groups parts (one level only, so never a cycle).
    NotAParent,
}

impl Problem {
    /// The problem explained to people, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.t();
        match self {
            Problem::Required => t.problem_required.into(),
            Problem::TooShort { min } => fill(t.problem_too_short, &[("min", min)]),
            Problem::TooLong { max } => fill(t.problem_too_long, &[("max", max)]),
            Problem::OutOfRange { min, max } => {
                fill(t.problem_out_of_range, &[("min", min), ("max", max)])
            }
            Problem::InvalidFormat => t.problem_invalid_format.into(),
            Problem::UnknownChoice => t.problem_unknown_choice.into(),
            Problem::NotAllowed => t.problem_not_allowed.into(),
            Problem::WrongCredentials => t.problem_wrong_credentials.into(),
            Problem::Mismatch => t.problem_mismatch.into(),
            Problem::Taken => t.problem_taken.into(),
            Problem::DuplicateOf { row } => fill(t.problem_duplicate_of, &[("row", row)]),
            Problem::AlreadyRecorded { id } => fill(t.problem_already_recorded, &[("id", id)]),
            Problem::RegistrationClosed => t.problem_registration_closed.into(),
            Problem::ParentWithdrawn => t.problem_parent_withdrawn.into(),
            Problem::NotAParent => t.problem_not_a_parent.into(),
        }
    }
}

/// Sets the HTTP status of the page being rendered (no-op in the browser).
pub fn set_page_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = http::StatusCode::from_u16(status) {
            res.set_status(code);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    #[error("conflict")]
    Conflict,
    /// A proposed event time overlaps others that matter; nothing was saved. Carries what is in
    /// the way and free windows ([`crate::model::ClashReport`] as JSON, decoded only by the event
    /// form, so that every other page's error handling stays small).
    #[error("clash")]
    Clash(String),
    #[error("rate limited")]
    RateLimited,
    /// The request's body is bigger than this address accepts.
    #[error("too large")]
    TooLarge,
    #[error("service unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
    /// Only produced in the browser: the request never got an answer from the server.
    #[error("network error")]
    Network,
}

impl AppError {
    /// A single-field validation error.
    pub fn invalid(field: impl Into<String>, problem: Problem) -> Self {
        AppError::Validation(vec![FieldError::new(field, problem)])
    }

    /// The HTTP status this error is answered with.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Validation(_) => 400,
            AppError::Conflict | AppError::Clash(_) => 409,
            AppError::RateLimited => 429,
            AppError::TooLarge => 413,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::Network => 500,
        }
    }

    /// The translated sentence shown to people.
    pub fn message(&self, lang: Lang) -> &'static str {
        let t = lang.t();
        match self {
            AppError::NotFound => t.err_not_found,
            AppError::Unauthorized => t.err_unauthorized,
            AppError::Forbidden => t.err_forbidden,
            AppError::Validation(_) => t.err_validation,
            AppError::Conflict => t.err_conflict,
            AppError::Clash(_) => t.err_clash,
            AppError::RateLimited => t.err_rate_limited,
            AppError::TooLarge => t.err_too_large,
            AppError::Unavailable => t.err_unavailable,
            AppError::Internal => t.err_internal,
            AppError::Network => t.err_network,
        }
    }

    /// The problem reported for one field, if any.
    pub fn field(&self, name: &str) -> Option<&Problem> {
        match self {
            AppError::Validation(errors) => {
                errors.iter().find(|e| e.field == name).map(|e| &e.problem)
            }
            _ => None,
        }
    }

    /// Logs an unexpected failure with its details and returns the opaque [`AppError::Internal`].
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, err: impl std::fmt::Display) -> Self {
        tracing::error!(context, error = %err, "internal error");
        AppError::Internal
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Request(_) => AppError::Network,
            E::Args(_) | E::MissingArg(_) => {
                // The request itself is malformed: a 400, not a server failure.
                #[cfg(feature = "ssr")]
                set_page_status(400);
                AppError::Validation(Vec::new())
            }
            #[cfg(feature = "ssr")]
            other => {
                tracing::error!(error = %other, "server function failure");
                AppError::Internal
            }
            #[cfg(not(feature = "ssr"))]
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => AppError::NotFound,
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::error!(error = %err, "database unavailable");
                AppError::Unavailable
            }
            sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Conflict,
            _ => AppError::internal("database", &err),
        }
    }
}

/// The public JSON API answers errors as `{"error": "not_found", "message": {"es": .., "en": ..}}`
/// with the matching status; validation errors list their fields.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let code = match &self {
            AppError::NotFound => "not_found",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::Validation(_) => "invalid_input",
            AppError::Conflict => "conflict",
            AppError::Clash(_) => "clash",
            AppError::RateLimited => "rate_limited",
            AppError::TooLarge => "too_large",
            AppError::Unavailable => "unavailable",
            AppError::Internal | AppError::Network => "internal",
        };
        let fields: Vec<serde_json::Value> = match &self {
            AppError::Validation(errors) => errors
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "field": e.field,
                        "message": { "es": e.problem.message(Lang::Es), "en": e.problem.message(Lang::En) },
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        let body = serde_json::json!({
            "error": code,
            "message": { "es": self.message(Lang::Es), "en": self.message(Lang::En) },
            "fields": fields,
        });
        let status = http::StatusCode::from_u16(self.status_code())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        (status, axum::Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_match_http() {
        assert_eq!(AppError::NotFound.status_code(), 404);
        assert_eq!(AppError::Forbidden.status_code(), 403);
        assert_eq!(AppError::Unauthorized.status_code(), 401);
        assert_eq!(AppError::invalid("x", Problem::Required).status_code(), 400);
        assert_eq!(AppError::Internal.status_code(), 500);
        assert_eq!(AppError::TooLarge.status_code(), 413);
    }

    #[test]
    fn messages_are_translated_and_reveal_nothing() {
        for lang in Lang::ALL {
            let msg = AppError::Internal.message(lang);
            assert!(!msg.is_empty());
            assert!(!msg.to_lowercase().contains("sql"));
        }
        assert_ne!(
            AppError::Forbidden.message(Lang::Es),
            AppError::Forbidden.message(Lang::En)
        );
    }

    #[test]
    fn finds_field_problem() {
        let e = AppError::invalid("email", Problem::InvalidFormat);
        assert_eq!(e.field("email"), Some(&Problem::InvalidFormat));
        assert_eq!(e.field("name"), None);
        assert!(Problem::TooLong { max: 5 }.message(Lang::Es).contains('5'));
    }
}
