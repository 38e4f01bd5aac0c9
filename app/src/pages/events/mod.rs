//! `/{lang}/events/...`: the platform calendar, one lazily loaded route per page (a single
//! route that picked its page from the address rebuilt the old page while it was being replaced
//! and panicked on a disposed value):
//!
//! - `/events`: upcoming or past events with filters (type, country, topic), the agenda view
//! - `/events/calendar?month=YYYY-MM`: the month view
//! - `/events/{id}`: an event, its registration, topics and outcomes
//! - `/events/new`, `/events/{id}/edit`: the chair's form with the clash check
//! - `/events/{id}/participants`: the organiser's list (filter, moderation, guests, CSV)
//! - `/events/mine`: one's registrations, notices and personal calendar feed

mod detail;
mod form;
mod list;
mod mine;
mod month;
mod participants;
pub mod text;

pub use detail::EventRoutePage;
pub use form::EventFormRoutePage;
pub use list::EventListPage;
pub use mine::MyEventsPage;
pub use month::MonthPage;
pub use participants::ParticipantsRoutePage;

use crate::i18n::Lang;
use crate::model::EventSummaryItem;
use chrono::{Datelike, NaiveDateTime, Timelike};
use leptos::prelude::*;

pub use crate::i18n::month_name;
use crate::i18n::{MONTHS_EN, MONTHS_ES};

/// "10 mar 2027" / "10 Mar 2027".
pub fn day_label(lang: Lang, t: NaiveDateTime) -> String {
    let i = (t.month() - 1) as usize;
    let m = match lang {
        Lang::Es => &MONTHS_ES[i][..3],
        Lang::En => &MONTHS_EN[i][..3],
    };
    format!("{} {m} {}", t.day(), t.year())
}

fn hm(t: NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// When an event happens, as the venue's clocks show it: a month, a day or days, or times
/// with the venue's zone.
pub fn when_label(lang: Lang, e: &EventSummaryItem) -> String {
    let (s, t) = (e.local_start, e.local_end);
    if e.date_precision == "month" {
        if (s.year(), s.month()) == (t.year(), t.month()) {
            return month_name(lang, s.year(), s.month());
        }
        let first = month_name(lang, s.year(), s.month());
        let first = if s.year() == t.year() {
            // "abril – mayo de 2023": the year once.
            first.split(' ').next().unwrap_or_default().to_string()
        } else {
            first
        };
        return format!("{first} – {}", month_name(lang, t.year(), t.month()));
    }
    if e.all_day {
        return if s.date() == t.date() {
            day_label(lang, s)
        } else {
            format!("{} – {}", day_label(lang, s), day_label(lang, t))
        };
    }
    if s.date() == t.date() {
        format!(
            "{}, {}–{} ({})",
            day_label(lang, s),
            hm(s),
            hm(t),
            e.timezone
        )
    } else {
        format!(
            "{} {} – {} {} ({})",
            day_label(lang, s),
            hm(s),
            day_label(lang, t),
            hm(t),
            e.timezone
        )
    }
}

/// The event's times in the reader's own zone, when it differs from the venue's. Filled in the
/// browser only (the server does not know the reader's zone); empty otherwise.
#[component]
pub fn ViewerTime(
    starts_ms: i64,
    ends_ms: i64,
    venue_offset_minutes: i32,
    all_day: bool,
) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let shown = RwSignal::new(None::<String>);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let l = lang.get();
        if all_day {
            return;
        }
        shown.set(viewer_times(l, starts_ms, ends_ms, venue_offset_minutes));
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (starts_ms, ends_ms, venue_offset_minutes, all_day);
    move || {
        shown.get().map(|s| {
            view! {
                <p class="viewer-time" data-test-id="viewer-time">
                    {move || text::et(lang.get()).your_time} ": " {s}
                </p>
            }
        })
    }
}

#[cfg(feature = "hydrate")]
fn viewer_times(lang: Lang, starts_ms: i64, ends_ms: i64, venue_offset: i32) -> Option<String> {
    use wasm_bindgen::JsValue;
    let start = js_sys::Date::new(&JsValue::from_f64(starts_ms as f64));
    // getTimezoneOffset is minutes *behind* UTC.
    let viewer_offset = -(start.get_timezone_offset() as i32);
    if viewer_offset == venue_offset {
        return None;
    }
    let end = js_sys::Date::new(&JsValue::from_f64(ends_ms as f64));
    let opts = js_sys::Object::new();
    for (k, v) in [
        ("day", "numeric"),
        ("month", "short"),
        ("year", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("timeZoneName", "short"),
    ] {
        js_sys::Reflect::set(&opts, &JsValue::from_str(k), &JsValue::from_str(v)).ok()?;
    }
    let locale = match lang {
        Lang::Es => "es",
        Lang::En => "en-GB",
    };
    let a: String = start.to_locale_string(locale, &opts).into();
    let b: String = end.to_locale_string(locale, &opts).into();
    Some(format!("{a} – {b}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_both_languages() {
        assert_eq!(month_name(Lang::Es, 2027, 3), "marzo de 2027");
        assert_eq!(month_name(Lang::En, 2027, 12), "December 2027");
    }
}
