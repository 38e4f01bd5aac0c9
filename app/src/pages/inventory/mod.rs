//! The local-integration inventory's pages, and what they share.

pub mod country;
pub mod entry_form;
pub mod matrix;

use crate::i18n::Lang;
use crate::model::{EntryType, Severity};

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
    let t = lang.t();
    match kind {
        EntryType::Service => t.inventory_services,
        EntryType::Programme => t.inventory_programmes,
        EntryType::Gap => t.inventory_gaps,
    }
}

pub(crate) fn status_name(lang: Lang, status: &str) -> &'static str {
    let t = lang.t();
    match status {
        "planned" => t.entry_planned,
        "active" => t.entry_active,
        _ => t.entry_ended,
    }
}
