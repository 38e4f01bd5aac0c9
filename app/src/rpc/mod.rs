//! Server functions by domain. Each is a public HTTP endpoint under `/rpc/`: it decides who may
//! call it, validates its input, calls the store and maps errors, in that order.

pub mod accounts;
pub mod audit;
pub mod commitments;
pub mod contributions;
pub mod countries;
pub mod events;
pub mod imports;
pub mod inventory;
pub mod offers;
pub mod plans;
pub mod practices;
pub mod reference;

/// The URL prefix of every server function; kept apart from the public JSON API under `/api/`.
pub const RPC_PREFIX: &str = "/rpc";

/// Records the error's HTTP status on the response (server only) and passes the result through.
///
/// Not for plain HTML form posts (JavaScript off): those must stay the redirect back to the form
/// that carries the error in its URL, or the browser would show a bare error body.
#[cfg(feature = "ssr")]
pub(crate) fn respond<T>(
    result: Result<T, crate::error::AppError>,
) -> Result<T, crate::error::AppError> {
    if let Err(e) = &result {
        if !plain_form_post() {
            crate::error::set_page_status(e.status_code());
        }
    }
    result
}

/// Sends the browser on to `path` in the language the form was in (`es` when unknown).
#[cfg(feature = "ssr")]
pub(crate) fn go_to(lang: &str, path: &str) {
    let lang = crate::i18n::Lang::from_code(lang).unwrap_or_default();
    leptos_axum::redirect(&crate::i18n::localized(lang, path));
}

/// Whether the server function being served was called by a plain HTML form (JavaScript off):
/// its answer is not shown; the browser is sent back to the page the form was on.
#[cfg(feature = "ssr")]
pub(crate) fn plain_form_post() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|p| {
        p.method == http::Method::POST
            && p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    })
}
