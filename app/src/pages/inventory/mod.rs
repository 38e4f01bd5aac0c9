//! The local-integration inventory's pages, and what they share.

pub mod country;
pub mod entry_form;
pub mod matrix;
pub mod text;

use crate::i18n::Lang;
use crate::model::{EntryType, Severity};
use crate::pages::inventory::text::texts;

pub(crate) fn severity_class(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::Critical) => "sev-critical",
        Some(Severity::High) => "sev-high",
        Some(Severity::Medium) => "sev-medium",
        Some(Severity::Low) => "sev-low",
        None => "",
    }
}

pub(crate) fn kind_heading(lang: Lang, kind: EntryType) -> &'static str {
    let x = texts(lang);
    match kind {
        EntryType::Service => x.inventory_services,
        EntryType::Programme => x.inventory_programmes,
        EntryType::Gap => x.inventory_gaps,
    }
}

/// The name of an entry's status code.
pub(crate) fn status_name(lang: Lang, status: &str) -> &'static str {
    crate::model::EntryStatus::from_code(status).map_or("", |s| s.name(lang))
}
