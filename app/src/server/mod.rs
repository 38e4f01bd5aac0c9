//! Server-only code (feature `ssr`): application state, the store and the seed data.
//! Nothing here reaches the wasm build.

pub mod auth;
pub mod ics;
pub mod imports;
pub mod ledger;
pub mod markdown;
pub mod seed;
pub mod state;
pub mod store;
#[cfg(feature = "testing")]
pub mod testing;
pub mod text;
pub mod tokens;

pub use state::AppState;
pub use store::Db;
