//! Calendar feeds (RFC 5545) of events: the public calendar and each person's registrations.
//!
//! Times are written in UTC (`DTSTART:20270310T140000Z`), which every calendar converts to its
//! reader's zone, so no VTIMEZONE is needed; events of whole days are DATE values in the venue's
//! zone. Every event carries a display reminder the day before, and timed ones another an hour
//! before. Texts are in the feed's language, falling back to the other one.

use crate::i18n::Lang;
use crate::model::{EventStatus, EventSummaryItem};
use chrono::{DateTime, Duration, Utc};
use icalendar::{
    Alarm, Calendar, Component, Event, EventLike, EventStatus as IcsStatus, Property, Trigger,
};

/// What a feed entry says besides the event's own fields.
pub struct FeedEntry<'a> {
    pub event: &'a EventSummaryItem,
    /// Plain text (the Markdown source is readable as it is).
    pub description: &'a str,
    /// The event page on this site.
    pub url: String,
    /// Bumped by every edit, so calendars replace their copy.
    pub sequence: u32,
    /// For personal feeds: the person's registration status, added to the summary.
    pub note: Option<&'a str>,
}

/// Text as one value of a content line: line breaks of any kind become `\n` (which the calendar
/// library escapes), other control characters go. A bare carriage return would otherwise end
/// the line early and let a title write properties of its own.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// A calendar with one VEVENT per entry.
pub fn calendar(name: &str, lang: Lang, entries: &[FeedEntry<'_>], now: DateTime<Utc>) -> String {
    let mut cal = Calendar::new();
    // The library escapes backslashes, commas, semicolons and line feeds; `clean` the rest.
    let name = clean(name);
    cal.name(&name);
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    cal.append_property(Property::new("X-WR-CALDESC", name));
    for entry in entries {
        cal.push(vevent(entry, lang, now));
    }
    cal.done().to_string()
}

fn vevent(entry: &FeedEntry<'_>, lang: Lang, now: DateTime<Utc>) -> Event {
    let e = entry.event;
    let title = clean(e.title(lang));
    let summary = match entry.note {
        Some(note) => format!("{title} ({note})"),
        None => title.to_string(),
    };
    let mut ev = Event::new();
    ev.uid(&format!("event-{}@mirps-hub", e.id))
        .timestamp(now)
        .summary(&summary)
        .sequence(entry.sequence)
        .url(&entry.url)
        .status(match e.status {
            EventStatus::Planned => IcsStatus::Tentative,
            EventStatus::Confirmed | EventStatus::Held => IcsStatus::Confirmed,
            EventStatus::Cancelled => IcsStatus::Cancelled,
        });
    if !entry.description.trim().is_empty() {
        ev.description(&clean(entry.description.trim()));
    }
    let location = lang.pick(&e.location_es, &e.location_en);
    if !location.is_empty() {
        ev.location(&clean(location));
    }
    if e.all_day {
        // DATE values: the end is the day after the last one (exclusive).
        ev.starts(e.local_start.date())
            .ends(e.local_end.date() + Duration::days(1));
    } else {
        ev.starts(e.starts_at).ends(e.ends_at);
    }
    let reminder = match lang {
        Lang::Es => format!("Mañana: {title}"),
        Lang::En => format!("Tomorrow: {title}"),
    };
    ev.alarm(Alarm::display(
        &reminder,
        Trigger::before_start(Duration::days(1)),
    ));
    if !e.all_day {
        let soon = match lang {
            Lang::Es => format!("En una hora: {title}"),
            Lang::En => format!("In one hour: {title}"),
        };
        ev.alarm(Alarm::display(
            &soon,
            Trigger::before_start(Duration::hours(1)),
        ));
    }
    ev.done()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_cannot_write_lines_of_its_own() {
        assert_eq!(clean("a\r\nb\rc\u{7}d"), "a\nb\ncd");
        let ics = calendar(
            "Taller; uno, dos\r\nBEGIN:VEVENT\\",
            Lang::Es,
            &[],
            Utc::now(),
        );
        let lines: Vec<&str> = ics.split("\r\n").collect();
        assert!(!lines.contains(&"BEGIN:VEVENT"), "{ics}");
        assert!(
            lines.contains(&"X-WR-CALNAME:Taller\\; uno\\, dos\\nBEGIN:VEVENT\\\\"),
            "{ics}"
        );
        let _: Calendar = ics.parse().expect("parses");
    }
}
