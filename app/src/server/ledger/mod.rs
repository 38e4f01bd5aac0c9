//! The contribution ledger's rules: checking input (forms and imports alike), money conversion,
//! and how a contribution's steps add up to its status and totals.

pub mod import;
pub mod money;
pub mod validate;
