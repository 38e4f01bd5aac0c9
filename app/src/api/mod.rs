//! Server functions by domain. Each is a public HTTP endpoint under `/rpc/`: it decides who may
//! call it, validates its input, calls the store and maps errors, in that order.

pub mod reference;

/// The URL prefix of every server function; kept apart from the public JSON API under `/api/`.
pub const RPC_PREFIX: &str = "/rpc";

/// Records the error's HTTP status on the response (server only) and passes the result through.
#[cfg(feature = "ssr")]
pub(crate) fn respond<T>(
    result: Result<T, crate::error::AppError>,
) -> Result<T, crate::error::AppError> {
    if let Err(e) = &result {
        crate::components::error_panel::set_page_status(e.status_code());
    }
    result
}
