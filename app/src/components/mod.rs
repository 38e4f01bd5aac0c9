//! Reusable components, one per file.

pub mod error_panel;
pub mod example_badge;
pub mod field;
pub mod footer;
pub mod header;
