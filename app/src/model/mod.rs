//! Types shared by the browser and the server: what server functions take and return.
//! They compile for both targets; nothing secret is ever `Serialize` here.

pub mod auth;
pub mod contribution;
pub mod event;
pub mod import;
pub mod local;
pub mod reference;

pub use auth::*;
pub use contribution::*;
pub use event::*;
pub use import::*;
pub use local::*;
pub use reference::*;
