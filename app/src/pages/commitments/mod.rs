//! The commitments register's pages: the public list, one commitment with its progress (and, for
//! its makers and reviewers, its pre-articulation and the progress form), the form, and the
//! commitments in preparation.

pub mod detail;
pub mod form;
pub mod list;
pub mod manage;
pub mod text;
pub mod workflow;

use crate::i18n::{use_lang, Lang};
use crate::model::{Named, Reporting};
use leptos::prelude::*;

/// Names of codes from a list, in the list's order, joined; "Regional" for none.
pub(crate) fn names_of(list: &[Named], codes: &[String], lang: Lang) -> String {
    let names: Vec<&str> = list
        .iter()
        .filter(|n| codes.contains(&n.code))
        .map(|n| n.name(lang))
        .collect();
    if names.is_empty() {
        "—".into()
    } else {
        names.join(", ")
    }
}

/// Whether progress is reported, as a labelled mark (overdue stands out, with why on hover).
pub(crate) fn reporting_badge(r: Reporting) -> impl IntoView {
    let lang = use_lang();
    let class = match r {
        Reporting::Reported => "status status--reported",
        Reporting::Overdue => "status status--overdue",
        Reporting::NoData => "status",
    };
    let hint = move || match r {
        Reporting::Reported => "",
        Reporting::Overdue => text::texts(lang.get()).overdue_hint,
        Reporting::NoData => text::texts(lang.get()).no_data_hint,
    };
    view! { <span class=class title=hint data-reporting=r.code()>{move || r.name(lang.get())}</span> }
}
