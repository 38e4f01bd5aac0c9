//! Demo data, written on top of the real records (`super::real`): example events flagged
//! `is_example`, the 2023 calendar items of the chair's strategy, example contributions,
//! requirements, practices and inventory entries, so a demonstration shows a living platform.
//! Idempotent: rows are keyed by slug and never overwritten, so edits made through the app
//! survive a restart.

use crate::on_db;
use crate::server::store::Db;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

pub struct EventSeed {
    pub slug: &'static str,
    pub kind: &'static str,
    pub title_es: &'static str,
    pub title_en: &'static str,
    /// First and last day, in the venue's zone.
    pub first_day: (i32, u32, u32),
    pub last_day: (i32, u32, u32),
    pub timezone: &'static str,
    /// "month" when the source gives only the month: the dates then span the month.
    pub precision: &'static str,
    pub host: Option<&'static str>,
    pub location_es: &'static str,
    pub location_en: &'static str,
    pub status: &'static str,
    pub source_url: Option<&'static str>,
    pub is_example: bool,
}

#[rustfmt::skip]
pub const EVENTS: [EventSeed; 12] = [
    EventSeed { slug: "sp-quarterly-meeting-2022-11", kind: "quarterly_meeting", title_es: "Primera reunión trimestral de la Plataforma de Apoyo", title_en: "First quarterly meeting of the Support Platform", first_day: (2022, 11, 1), last_day: (2022, 11, 30), timezone: "UTC", precision: "month", host: None, location_es: "", location_en: "", status: "held", source_url: None, is_example: false },
    EventSeed { slug: "example-sp-quarterly-meeting-2027-q1", kind: "quarterly_meeting", title_es: "Reunión trimestral de la Plataforma de Apoyo, primer trimestre de 2027", title_en: "Support Platform quarterly meeting, first quarter of 2027", first_day: (2027, 3, 10), last_day: (2027, 3, 10), timezone: "America/Panama", precision: "day", host: None, location_es: "En línea", location_en: "Online", status: "planned", source_url: None, is_example: true },
    EventSeed { slug: "example-learning-labour-inclusion-2027", kind: "learning_workshop", title_es: "Taller de aprendizaje: inclusión laboral de personas refugiadas", title_en: "Learning workshop: labour inclusion of refugees", first_day: (2027, 4, 20), last_day: (2027, 4, 21), timezone: "America/Costa_Rica", precision: "day", host: Some("CR"), location_es: "San José", location_en: "San José", status: "planned", source_url: None, is_example: true },
    EventSeed { slug: "example-wg-local-governance-2027", kind: "working_group_meeting", title_es: "Reunión del Grupo de Trabajo de Gobernanza Local", title_en: "Local Governance Working Group meeting", first_day: (2027, 2, 16), last_day: (2027, 2, 16), timezone: "America/Panama", precision: "day", host: Some("PA"), location_es: "Ciudad de Panamá", location_en: "Panama City", status: "confirmed", source_url: None, is_example: true },
    EventSeed { slug: "sp-quarterly-meeting-2023-03", kind: "quarterly_meeting", title_es: "Segunda reunión trimestral de la Plataforma de Apoyo", title_en: "Second quarterly meeting of the Support Platform", first_day: (2023, 3, 1), last_day: (2023, 3, 31), timezone: "UTC", precision: "month", host: None, location_es: "", location_en: "", status: "planned", source_url: None, is_example: false },
    EventSeed { slug: "learning-activity-2023-1", kind: "learning_workshop", title_es: "Primera actividad de aprendizaje con la Plataforma de Apoyo", title_en: "First learning activity with the Support Platform", first_day: (2023, 4, 1), last_day: (2023, 5, 31), timezone: "UTC", precision: "month", host: None, location_es: "", location_en: "", status: "planned", source_url: None, is_example: false },
    EventSeed { slug: "sp-quarterly-meeting-2023-05", kind: "quarterly_meeting", title_es: "Tercera reunión trimestral de la Plataforma de Apoyo", title_en: "Third quarterly meeting of the Support Platform", first_day: (2023, 4, 1), last_day: (2023, 5, 31), timezone: "UTC", precision: "month", host: None, location_es: "", location_en: "", status: "planned", source_url: None, is_example: false },
    EventSeed { slug: "learning-activity-2023-2", kind: "learning_workshop", title_es: "Segunda actividad de aprendizaje con la Plataforma de Apoyo", title_en: "Second learning activity with the Support Platform", first_day: (2023, 6, 1), last_day: (2023, 7, 31), timezone: "UTC", precision: "month", host: None, location_es: "", location_en: "", status: "planned", source_url: None, is_example: false },
    EventSeed { slug: "learning-activity-2023-3", kind: "learning_workshop", title_es: "Tercera actividad de aprendizaje con la Plataforma de Apoyo", title_en: "Third learning activity with the Support Platform", first_day: (2023, 8, 1), last_day: (2023, 9, 30), timezone: "UTC", precision: "month", host: None, location_es: "", location_en: "", status: "planned", source_url: None, is_example: false },
    EventSeed { slug: "sp-quarterly-meeting-2023-09", kind: "quarterly_meeting", title_es: "Cuarta reunión trimestral de la Plataforma de Apoyo", title_en: "Fourth quarterly meeting of the Support Platform", first_day: (2023, 8, 1), last_day: (2023, 9, 30), timezone: "UTC", precision: "month", host: None, location_es: "", location_en: "", status: "planned", source_url: None, is_example: false },
    EventSeed { slug: "solidarity-event-2023", kind: "solidarity_event", title_es: "Evento de Solidaridad de la Plataforma de Apoyo 2023 (fecha por confirmar)", title_en: "Support Platform Solidarity Event 2023 (date to be confirmed)", first_day: (2023, 9, 1), last_day: (2023, 9, 30), timezone: "UTC", precision: "month", host: None, location_es: "", location_en: "", status: "planned", source_url: None, is_example: false },
    EventSeed { slug: "example-field-visit-2027", kind: "field_visit", title_es: "Visita sobre el terreno: gobernanza local e integración en Quetzaltenango", title_en: "Field visit: local governance and integration in Quetzaltenango", first_day: (2027, 5, 12), last_day: (2027, 5, 13), timezone: "America/Guatemala", precision: "day", host: Some("GT"), location_es: "Quetzaltenango", location_en: "Quetzaltenango", status: "planned", source_url: None, is_example: true },
];

/// Midnight at the start of `day` (or the end of it) in `zone`, as UTC.
fn zoned(day: (i32, u32, u32), zone: &str, end_of_day: bool) -> Option<DateTime<Utc>> {
    let tz: Tz = zone.parse().ok()?;
    let date = NaiveDate::from_ymd_opt(day.0, day.1, day.2)?;
    let time = if end_of_day {
        date.and_hms_opt(23, 59, 59)?
    } else {
        date.and_hms_opt(0, 0, 0)?
    };
    tz.from_local_datetime(&time)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// Writes the demo rows that are not there yet; never overwrites.
pub async fn apply(db: &Db) -> anyhow::Result<()> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        for e in &EVENTS {
            let starts = zoned(e.first_day, e.timezone, false)
                .ok_or_else(|| anyhow::anyhow!("bad start for {}", e.slug))?;
            let ends = zoned(e.last_day, e.timezone, true)
                .ok_or_else(|| anyhow::anyhow!("bad end for {}", e.slug))?;
            sqlx::query(
                "INSERT INTO events (slug, kind, title_es, title_en, starts_at, ends_at, timezone, \
                 date_precision, host_country_iso2, location_es, location_en, status, source_url, \
                 is_example) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
                 ON CONFLICT (slug) DO NOTHING",
            )
            .bind(e.slug)
            .bind(e.kind)
            .bind(e.title_es)
            .bind(e.title_en)
            .bind(starts)
            .bind(ends)
            .bind(e.timezone)
            .bind(e.precision)
            .bind(e.host)
            .bind(e.location_es)
            .bind(e.location_en)
            .bind(e.status)
            .bind(e.source_url)
            .bind(e.is_example)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
    });
    super::events_demo::apply(db).await?;
    super::contributions_demo::apply(db, Utc::now().date_naive())
        .await
        .map_err(|e| anyhow::anyhow!("demo ledger: {e:?}"))?;
    super::practices_demo::apply(db).await?;
    let vocabulary = crate::server::store::vocabulary::Vocabulary::load(db).await?;
    super::plans_demo::apply(db, &vocabulary)
        .await
        .map_err(|e| anyhow::anyhow!("demo plans: {e:?}"))?;
    super::offers_demo::apply(db, &vocabulary, Utc::now().date_naive())
        .await
        .map_err(|e| anyhow::anyhow!("demo offers: {e:?}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seed_event_has_valid_dates_and_zone() {
        for e in &EVENTS {
            let s = zoned(e.first_day, e.timezone, false).expect("start");
            let t = zoned(e.last_day, e.timezone, true).expect("end");
            assert!(s <= t, "{}", e.slug);
            assert!(e.slug.starts_with("example-") == e.is_example, "{}", e.slug);
        }
    }
}
