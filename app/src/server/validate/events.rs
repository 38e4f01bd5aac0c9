//! An event as the chair or the secretariat writes it: the only way to make a [`NewEvent`].
//! Wall-clock times in the venue's zone become UTC instants.

use super::{is_on, Checked, Checker};
use crate::error::{AppError, Problem};
use crate::model::{EventInput, EventKind, EventMode, EventStatus};
use crate::server::store::events::from_local;
use crate::server::store::vocabulary::Vocabulary;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use std::collections::BTreeSet;

/// Time zones the form offers: the MIRPS countries' and the usual venues abroad.
pub const TIMEZONES: &[&str] = &[
    "America/Belize",
    "America/Costa_Rica",
    "America/El_Salvador",
    "America/Guatemala",
    "America/Tegucigalpa",
    "America/Mexico_City",
    "America/Cancun",
    "America/Tijuana",
    "America/Panama",
    "America/New_York",
    "America/Bogota",
    "America/Toronto",
    "Europe/Brussels",
    "Europe/Madrid",
    "Europe/Zurich",
    "UTC",
];

/// Places an event may offer.
pub const CAPACITY: (i64, i64) = (1, 100_000);

/// An event, checked; instants in UTC.
#[derive(Clone, Debug)]
pub struct NewEvent {
    pub slug: Option<String>,
    pub kind: EventKind,
    pub status: EventStatus,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    pub date_precision: String,
    pub host: Option<String>,
    pub location_es: String,
    pub location_en: String,
    pub mode: EventMode,
    pub online_url: String,
    pub countries: Vec<String>,
    pub organisers: Vec<String>,
    pub themes: Vec<String>,
    pub capacity: Option<i64>,
    pub registration: bool,
    pub registration_opens_at: Option<DateTime<Utc>>,
    pub registration_closes_at: Option<DateTime<Utc>>,
    pub moderated: bool,
    pub materials_es: String,
    pub materials_en: String,
    pub is_example: bool,
    _checked: Checked,
}

impl NewEvent {
    /// Checks the event form against the vocabularies; every problem at once.
    pub fn from_input(input: &EventInput, v: &Vocabulary) -> Result<NewEvent, AppError> {
        let mut c = Checker::new();
        let kind = c.choice("kind", &input.kind, true, EventKind::from_code);
        let status = if input.status.trim().is_empty() {
            Some(EventStatus::Planned)
        } else {
            c.choice("status", &input.status, true, EventStatus::from_code)
        };
        let mode = c.choice("mode", &input.mode, true, EventMode::from_code);
        let timezone = input.timezone.trim();
        let tz: Option<chrono_tz::Tz> = TIMEZONES
            .contains(&timezone)
            .then(|| timezone.parse().ok())
            .flatten();
        if tz.is_none() {
            c.add("timezone", Problem::UnknownChoice);
        }
        let instant = |c: &mut Checker, field: &str, t: Option<NaiveDateTime>| {
            let at = t.zip(tz).and_then(|(t, tz)| from_local(t, tz));
            if at.is_none() {
                c.add(field, Problem::InvalidFormat);
            }
            at
        };
        let wall_clock = |s: &str| {
            NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
                .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
                .ok()
        };
        let time = |c: &mut Checker, field: &str, s: &str| {
            let s = s.trim();
            if s.is_empty() {
                c.add(field, Problem::Required);
                return None;
            }
            instant(c, field, wall_clock(s))
        };
        let starts_at = time(&mut c, "starts_local", &input.starts_local);
        let ends_at = time(&mut c, "ends_local", &input.ends_local);
        if let (Some(s), Some(e)) = (starts_at, ends_at) {
            if e <= s {
                c.add("ends_local", Problem::NotAllowed);
            }
        }
        // Registration opens at the start of its first day and closes at the end of its last,
        // in the venue's zone.
        let day = |c: &mut Checker, field: &str, s: &str, (h, m): (u32, u32)| {
            let s = s.trim();
            if s.is_empty() {
                return None;
            }
            let t = NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(h, m, 0));
            instant(c, field, t)
        };
        let opens = day(
            &mut c,
            "registration_opens",
            &input.registration_opens,
            (0, 0),
        );
        let closes = day(
            &mut c,
            "registration_closes",
            &input.registration_closes,
            (23, 59),
        );
        if let (Some(a), Some(b)) = (opens, closes) {
            if b <= a {
                c.add("registration_closes", Problem::NotAllowed);
            }
        }
        let host = c.choice("host", &input.host, false, |h| {
            v.country(h).map(|c| c.iso2.clone())
        });
        let countries = c.ticked("countries", &input.countries, |x| v.country(x).is_some());
        let organisers = c.ticked("organisers", &input.organisers, |x| {
            v.organisation(x).is_some()
        });
        let themes = c.ticked("themes", &input.themes, |x| v.has_theme(x));
        let capacity = c.int("capacity", &input.capacity, CAPACITY, false);
        let online_url = c.url("online_url", &input.online_url, 1_000);
        let (title_es, title_en) = c.title(&input.title_es, &input.title_en, 300);
        let location_es = c.text("location_es", &input.location_es, 300);
        let location_en = c.text("location_en", &input.location_en, 300);
        let description_es = c.text("description_es", &input.description_es, 20_000);
        let description_en = c.text("description_en", &input.description_en, 20_000);
        let materials_es = c.text("materials_es", &input.materials_es, 20_000);
        let materials_en = c.text("materials_en", &input.materials_en, 20_000);
        c.finish(|| {
            Some(NewEvent {
                slug: None,
                kind: kind?,
                status: status?,
                title_es,
                title_en,
                description_es,
                description_en,
                starts_at: starts_at?,
                ends_at: ends_at?,
                timezone: timezone.to_string(),
                date_precision: "day".into(),
                host,
                location_es,
                location_en,
                mode: mode?,
                online_url,
                countries,
                organisers,
                themes,
                capacity,
                registration: is_on(&input.registration),
                registration_opens_at: opens,
                registration_closes_at: closes,
                moderated: is_on(&input.moderated),
                materials_es,
                materials_en,
                is_example: false,
                _checked: Checked::mark(),
            })
        })
    }

    /// Every country the event involves: the host counts as one of them.
    pub fn all_countries(&self) -> Vec<String> {
        let mut set: BTreeSet<String> = self.countries.iter().cloned().collect();
        if let Some(h) = &self.host {
            set.insert(h.clone());
        }
        set.into_iter().collect()
    }
}
