//! Server-only code (feature `ssr`): application state, the store, the checks every write goes
//! through, imports and the seed data. Nothing here reaches the wasm build.

pub mod auth;
pub mod ics;
pub mod imports;
pub mod markdown;
pub mod matching;
pub mod money;
pub mod seed;
pub mod setup;
pub mod state;
pub mod store;
#[cfg(feature = "testing")]
pub mod testing;
pub mod text;
pub mod tokens;
pub mod validate;

pub use state::AppState;
pub use store::Db;
