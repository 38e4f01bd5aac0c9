//! Accounts: signing in, one's own account, accepting an invitation; for the secretariat the
//! people with their roles and the audit trail.

pub mod account;
pub mod audit;
pub mod invitation;
pub mod login;
pub mod password;
pub mod text;
pub mod users;
