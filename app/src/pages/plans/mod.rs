//! The National Action Plan pages: the overview, a country's plan, one line and the line form.

pub mod country;
pub mod line;
pub mod line_form;
pub mod overview;
pub mod text;

use crate::i18n::Lang;

/// "2024 – 2026", "2024 –", "– 2026" or nothing.
pub(crate) fn years(start: Option<i32>, end: Option<i32>) -> String {
    match (start, end) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        (Some(a), None) => format!("{a} –"),
        (None, Some(b)) => format!("– {b}"),
        (None, None) => String::new(),
    }
}

/// Whole dollars, exactly ("USD 1,100,000"): a line's figures are read one by one.
pub(crate) fn usd_exact(cents: i64, lang: Lang) -> String {
    format!("USD {}", lang.format_int(cents / 100))
}

/// A pillar's name from its number, as the vocabulary gives it.
pub(crate) fn pillar_name(pillars: &[crate::model::Named], pillar: i32, lang: Lang) -> String {
    let code = pillar.to_string();
    pillars
        .iter()
        .find(|p| p.code == code)
        .map(|p| format!("{pillar}. {}", p.name(lang)))
        .unwrap_or(code)
}
