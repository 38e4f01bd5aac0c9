//! Routed pages, one per file; each section a folder (`contributions/`, `practices/`,
//! `inventory/`, `events/`, `accounts/`) with its pages and what only they share.

pub mod about;
pub mod about_text;
pub mod accounts;
pub mod commitments;
pub mod contributions;
pub mod countries;
pub mod events;
pub mod home;
pub mod inventory;
pub mod lang_layout;
pub mod lazy;
pub mod not_found;
pub mod offers;
pub mod plans;
pub mod practices;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A text segment of the address (`{country}`, `{token}`), following the address.
pub fn route_text(name: &'static str) -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get(name).unwrap_or_default())
}

/// A numeric id segment of the address (`{id}`), following the address; `None` when it is
/// missing or not a positive whole number.
pub fn route_id(name: &'static str) -> Memo<Option<i64>> {
    let params = use_params_map();
    Memo::new(move |_| parse_id(params.read().get(name).as_deref()))
}

/// The same, read once when the page is built. For pages that must not rebuild while the router
/// replaces them: the params also change then, and a page rebuilt inside a scope about to be
/// disposed panicked on a disposed value (seen on the event pages after a save).
pub fn route_id_once(name: &'static str) -> Option<i64> {
    parse_id(use_params_map().read_untracked().get(name).as_deref())
}

fn parse_id(v: Option<&str>) -> Option<i64> {
    v.and_then(|v| v.parse::<i64>().ok()).filter(|n| *n > 0)
}

/// A list's filter from the page's address: what is valid of it (a bad value is left out, so a
/// mistyped link still shows the list; the API reports every problem).
pub fn filter_from_address<F: crate::model::Filter>(map: &leptos_router::params::ParamsMap) -> F {
    let values: Vec<(&'static str, String)> = F::KEYS
        .iter()
        .filter_map(|k| map.get(k).map(|v| (*k, v)))
        .collect();
    F::lenient(values.iter().map(|(k, v)| (*k, v.as_str())))
}

/// The page of a list named by the address (`page`, from 1; at most [`crate::model::query::MAX_PAGE`]).
pub fn page_from_address(map: &leptos_router::params::ParamsMap) -> u32 {
    map.get("page")
        .and_then(|p| p.parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, crate::model::query::MAX_PAGE)
}

#[cfg(test)]
mod tests {
    use super::{contributions, events, inventory, practices};
    use crate::i18n::Lang;

    #[test]
    fn counts_take_the_singular_only_for_one() {
        let es = practices::text::ES.practices_found;
        assert_eq!(es.of(Lang::Es, 1), "1 práctica publicada");
        assert_eq!(es.of(Lang::Es, 0), "0 prácticas publicadas");
        assert_eq!(es.of(Lang::Es, 1234), "1.234 prácticas publicadas");
        let en = &practices::text::EN;
        assert_eq!(en.practices_found.of(Lang::En, 1), "1 published practice");
        assert_eq!(inventory::text::EN.matrix_gaps.of(Lang::En, 2), "2 gaps");
        assert_eq!(
            en.topic_reason_gap.of(Lang::En, 1),
            "Open gap in 1 country."
        );
        // Every counted text of every section, in both languages, shows its number in both forms.
        let all = [
            crate::i18n::ES.counted(),
            crate::i18n::EN.counted(),
            contributions::text::ES.counted(),
            contributions::text::EN.counted(),
            practices::text::ES.counted(),
            practices::text::EN.counted(),
            inventory::text::ES.counted(),
            inventory::text::EN.counted(),
            events::text::ES.counted(),
            events::text::EN.counted(),
        ];
        assert!(all.iter().map(Vec::len).sum::<usize>() >= 16);
        for c in all.iter().flatten() {
            assert!(c.one.contains("{n}") && c.other.contains("{n}"), "{c:?}");
        }
    }
}
