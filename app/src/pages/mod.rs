//! Routed pages, one per file.

pub mod about;
pub mod account;
pub mod admin_audit;
pub mod admin_users;
pub mod contribution;
pub mod contribution_import;
pub mod contribution_new;
pub mod contributions;
pub mod dashboard;
pub mod events;
pub mod home;
pub mod inventory;
pub mod invitation;
pub mod lang_layout;
pub mod lazy;
pub mod login;
pub mod not_found;
pub mod practice;
pub mod practice_edit;
pub mod practice_manage;
pub mod practices;
