//! Routed pages, one per file.

pub mod about;
pub mod home;
pub mod lang_layout;
pub mod not_found;
