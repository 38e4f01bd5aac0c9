//! Tests that drive the router `main.rs` serves, over HTTP without a socket (`tower::oneshot`)
//! or on a local port. One test binary for the whole crate: every binary links the whole app,
//! which is slow on two cores.

mod common;

mod accounts;
mod api_commitments;
mod api_contributions;
mod api_events;
mod api_offers;
mod api_plans;
mod api_practices;
mod authz_matrix;
mod backup;
mod concurrency;
mod countries;
mod import;
mod router;
