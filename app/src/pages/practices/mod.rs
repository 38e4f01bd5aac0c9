//! The good-practices repository's pages: the public search and a practice (with its print
//! view); the authors' editor, the review queue and the learning topics.

pub mod detail;
pub mod edit;
pub mod manage;
pub mod print;
pub mod search;
pub mod text;
pub mod topics;
