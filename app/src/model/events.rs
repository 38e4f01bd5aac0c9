//! Events of the platform calendar: what they are, who takes part, and what came of them.
//!
//! Instants travel as UTC; every event also carries its venue's IANA time zone, and the server
//! adds the venue's wall-clock times (`local_start`, `local_end`) so the browser, which has no
//! time-zone database, can show them as the venue sees them.

use super::query::{Filter, QueryReader};
use super::{Named, TopicSuggestion};
use crate::i18n::Lang;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

coded_enum!(
    /// The kinds of event on the platform's calendar.
    EventKind {
        LearningWorkshop => "learning_workshop", "Taller de aprendizaje", "Learning workshop";
        FieldVisit => "field_visit", "Visita sobre el terreno", "Field visit";
        QuarterlyMeeting => "quarterly_meeting", "Reunión trimestral de la Plataforma de Apoyo", "Support Platform quarterly meeting";
        WorkingGroupMeeting => "working_group_meeting", "Reunión de grupo de trabajo del MIRPS", "MIRPS working-group meeting";
        AnnualMeeting => "annual_meeting", "Reunión anual del MIRPS", "MIRPS annual meeting";
        SolidarityEvent => "solidarity_event", "Evento de solidaridad", "Solidarity event";
        Grf => "grf", "Foro Mundial sobre los Refugiados", "Global Refugee Forum";
        GrfSideEvent => "grf_side_event", "Evento paralelo del Foro Mundial", "Global Refugee Forum side event";
    }
);

impl EventKind {
    /// Meetings every other event must steer clear of, whoever takes part.
    pub fn is_standing_meeting(self) -> bool {
        matches!(
            self,
            EventKind::QuarterlyMeeting | EventKind::WorkingGroupMeeting
        )
    }
}

coded_enum!(
    /// Where an event happens.
    EventMode {
        InPerson => "in_person", "Presencial", "In person";
        Virtual => "virtual", "Virtual", "Online";
        Hybrid => "hybrid", "Híbrido", "Hybrid";
    }
);

coded_enum!(
    /// Where an event stands.
    EventStatus {
        Planned => "planned", "Previsto", "Planned";
        Confirmed => "confirmed", "Confirmado", "Confirmed";
        Held => "held", "Celebrado", "Held";
        Cancelled => "cancelled", "Cancelado", "Cancelled";
    }
);

coded_enum!(
    /// Where a registration stands.
    RegistrationStatus {
        Pending => "pending", "Pendiente de aprobación", "Awaiting approval";
        Confirmed => "confirmed", "Plaza confirmada", "Place confirmed";
        Waitlisted => "waitlisted", "En lista de espera", "On the waiting list";
        Withdrawn => "withdrawn", "Retirada", "Withdrawn";
        Rejected => "rejected", "No aceptada", "Not accepted";
    }
);

impl RegistrationStatus {
    /// Still asking for or holding a place.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            RegistrationStatus::Pending
                | RegistrationStatus::Confirmed
                | RegistrationStatus::Waitlisted
        )
    }
}

/// An event in a list or a calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EventSummaryItem {
    pub id: i64,
    pub kind: EventKind,
    pub title_es: String,
    pub title_en: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// IANA name of the venue's time zone.
    pub timezone: String,
    /// Start and end as the venue's clocks show them.
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub local_start: NaiveDateTime,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub local_end: NaiveDateTime,
    /// `day`, or `month` when only the month is known.
    pub date_precision: String,
    /// Whole days in the venue's zone (no times to show).
    pub all_day: bool,
    pub host_country: Option<String>,
    pub location_es: String,
    pub location_en: String,
    pub mode: EventMode,
    pub status: EventStatus,
    /// ISO alpha-2 codes of the countries involved (the host included).
    pub countries: Vec<String>,
    pub themes: Vec<String>,
    pub is_example: bool,
}

impl EventSummaryItem {
    pub fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.title_es, &self.title_en)
    }
}

/// Everything an event page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDetail {
    pub summary: EventSummaryItem,
    pub slug: String,
    pub description_es: String,
    pub description_en: String,
    pub online_url: String,
    /// UTC offset of the venue at the start, in minutes (the browser compares it with its own).
    pub venue_offset_minutes: i32,
    pub host: Option<Named>,
    pub countries: Vec<Named>,
    pub organisers: Vec<Named>,
    pub themes: Vec<Named>,
    pub capacity: Option<i64>,
    pub registration: bool,
    pub registration_opens_at: Option<DateTime<Utc>>,
    pub registration_closes_at: Option<DateTime<Utc>>,
    pub moderated: bool,
    pub materials_es: String,
    pub materials_en: String,
    pub learned_es: String,
    pub learned_en: String,
    pub source_url: Option<String>,
    pub version: i64,
    pub confirmed: i64,
    pub waitlisted: i64,
    pub pending: i64,
}

/// Filters of the events list (all optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
#[serde(default)]
pub struct EventQuery {
    /// `upcoming`, `past` or `all` (the list defaults to upcoming events, the feed to all).
    pub when: String,
    /// Event type: `learning_workshop`, `field_visit`, `quarterly_meeting`,
    /// `working_group_meeting`, `annual_meeting`, `solidarity_event`, `grf` or `grf_side_event`.
    pub kind: String,
    /// ISO alpha-2 code of a country hosting or taking part.
    pub country: String,
    /// Theme code.
    pub theme: String,
}

impl Filter for EventQuery {
    const KEYS: &'static [&'static str] = &["when", "kind", "country", "theme"];

    fn read(&mut self, key: &str, v: &str, r: &mut QueryReader) {
        let keep = |v: Option<String>| v.unwrap_or_default();
        match key {
            "when" => {
                self.when = keep(r.choice(key, v, |w| {
                    ["upcoming", "past", "all"]
                        .contains(&w)
                        .then(|| w.to_string())
                }))
            }
            "kind" => {
                self.kind = keep(
                    r.choice(key, v, EventKind::from_code)
                        .map(|k| k.code().to_string()),
                )
            }
            "country" => self.country = keep(r.country(key, v)),
            "theme" => self.theme = keep(r.code(key, v)),
            _ => {}
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("when", &self.when),
            ("kind", &self.kind),
            ("country", &self.country),
            ("theme", &self.theme),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.clone()))
        .collect()
    }
}

impl EventQuery {
    pub fn past(&self) -> bool {
        self.when == "past"
    }
}

/// The event form as the browser sends it. Times are the venue's wall-clock times
/// (`YYYY-MM-DDTHH:MM`, as `<input type="datetime-local">` gives them) in `timezone`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventInput {
    pub id: i64,
    pub version: i64,
    pub kind: String,
    pub status: String,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    pub starts_local: String,
    pub ends_local: String,
    pub timezone: String,
    pub mode: String,
    pub host: String,
    pub location_es: String,
    pub location_en: String,
    pub online_url: String,
    pub countries: BTreeMap<String, String>,
    pub organisers: BTreeMap<String, String>,
    pub themes: BTreeMap<String, String>,
    pub capacity: String,
    pub registration: String,
    pub moderated: String,
    /// Dates (`YYYY-MM-DD`) in the venue's zone; the window opens at the start of the first and
    /// closes at the end of the second.
    pub registration_opens: String,
    pub registration_closes: String,
    pub materials_es: String,
    pub materials_en: String,
    /// Ticked after the clash report was shown: save despite the overlaps.
    pub accept_clashes: String,
}

/// Why another event is in the way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClashReason {
    /// It is a quarterly or working-group meeting: nothing else should overlap it.
    StandingMeeting,
    /// These countries take part in both.
    SameCountries(Vec<String>),
    /// These organisations organise both.
    SameOrganisers(Vec<String>),
}

/// An event that overlaps the proposed time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clash {
    pub event: EventSummaryItem,
    pub reasons: Vec<ClashReason>,
}

/// A time with nothing in the way, of the proposed length, in the venue's zone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeWindow {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub local_start: NaiveDateTime,
    pub local_end: NaiveDateTime,
}

/// What the clash check found for a proposed time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClashReport {
    pub clashes: Vec<Clash>,
    pub windows: Vec<FreeWindow>,
    /// The proposal's venue zone (the windows' local times are in it).
    pub timezone: String,
}

/// One person's registration, as the organiser's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: i64,
    pub user_id: Option<i64>,
    pub name: String,
    pub email: String,
    /// Country, organisation or the guest's own affiliation, named.
    pub affiliation_es: String,
    pub affiliation_en: String,
    /// `focal_point`, `member`, `secretariat` or `guest`.
    pub role: String,
    pub status: RegistrationStatus,
    pub queued_at: DateTime<Utc>,
    /// Place on the waiting list, from 1.
    pub position: Option<i64>,
}

/// The signed-in person's own registration for an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRegistration {
    pub event: EventSummaryItem,
    pub status: RegistrationStatus,
    pub position: Option<i64>,
}

/// Something the platform told a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub id: i64,
    /// `promoted`, `approved`, `rejected`, `event_changed` or `event_cancelled`.
    pub kind: String,
    pub event_id: Option<i64>,
    pub event_title_es: String,
    pub event_title_en: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// A planned policy or programme change after an event (Result 3.3.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyChange {
    pub id: i64,
    pub country: Named,
    pub description_es: String,
    pub description_en: String,
}

/// A contribution announced at an event (Result 3.3.3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventContribution {
    pub id: i64,
    pub donor_es: String,
    pub donor_en: String,
    pub title_es: String,
    pub title_en: String,
    pub amount_usd_cents: Option<i64>,
    pub is_example: bool,
}

/// What an event produced.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventOutcomes {
    pub learned_es: String,
    pub learned_en: String,
    pub policy_changes: Vec<PolicyChange>,
    pub contributions: Vec<EventContribution>,
}

/// A list of events with the names its filters offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventListing {
    pub items: Vec<EventSummaryItem>,
    pub countries: Vec<Named>,
    pub themes: Vec<Named>,
}

/// One month of the calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthView {
    pub year: i32,
    pub month: u32,
    /// Events overlapping the month, with a week's margin either side.
    pub events: Vec<EventSummaryItem>,
}

/// What a person may do about their place at an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPlace {
    pub registration_id: i64,
    pub status: RegistrationStatus,
    pub position: Option<i64>,
}

/// An event page: the record, its texts rendered, outcomes, the reader's place and rights.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub detail: EventDetail,
    pub description_html_es: String,
    pub description_html_en: String,
    pub materials_html_es: String,
    pub materials_html_en: String,
    pub learned_html_es: String,
    pub learned_html_en: String,
    pub outcomes: EventOutcomes,
    /// The topic suggestions of the event's themes: gaps reported and practices to learn from.
    pub topics: Vec<TopicSuggestion>,
    pub signed_in: bool,
    /// Registration is open now (offered, inside its window, event not over or cancelled).
    pub registration_open: bool,
    pub my_place: Option<MyPlace>,
    /// The chair and secretariat: edit, participants, outcomes.
    pub can_manage: bool,
    /// The MIRPS countries (for the outcome form's country list).
    pub all_countries: Vec<Named>,
    /// The event is over (the browser has no clock of its own to trust for this).
    pub past: bool,
}

/// What the event form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFormOptions {
    pub countries: Vec<Named>,
    pub organisers: Vec<Named>,
    pub themes: Vec<Named>,
    /// IANA zones of the region and of the usual venues abroad.
    pub timezones: Vec<String>,
    /// Ranked learning topics from the inventories and practices.
    pub suggestions: Vec<TopicSuggestion>,
    pub current: Option<EventDetail>,
}

/// The organiser's view of who registered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantsView {
    pub event: EventDetail,
    pub participants: Vec<Participant>,
}

/// A person's own calendar: registrations, what they were told, their feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyEvents {
    pub registrations: Vec<MyRegistration>,
    pub notices: Vec<Notice>,
    pub feed_created: Option<DateTime<Utc>>,
    /// A feed address made by a plain form post (JavaScript off) since the page was last shown:
    /// kept in the session just long enough to be shown once.
    pub new_feed: Option<String>,
}
