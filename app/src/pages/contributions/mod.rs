//! The contribution ledger's pages: the public dashboard (with its charts), the list and a
//! contribution; for members and the secretariat the entry form and the file import.

pub mod charts;
pub mod dashboard;
pub mod detail;
pub mod edit;
pub mod fields;
pub mod filters;
pub mod import;
pub mod import_job;
pub mod list;
pub mod new;
pub mod plan_links;
pub mod text;
