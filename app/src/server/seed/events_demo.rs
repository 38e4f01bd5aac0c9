//! Demo details of events: descriptions, countries, organisers, topics and registration settings
//! for the seeded calendar. Written once per event, only while the event is as the seed left it
//! (version 1, no description), so that edits made through the app are never overwritten.

use crate::on_db;
use crate::server::store::events;
use crate::server::store::Db;
use chrono::{DateTime, TimeZone, Utc};

/// Places, registration on, and the day registration closes (UTC).
type Registration = (Option<i64>, bool, (i32, u32, u32));

struct Details {
    slug: &'static str,
    description_es: &'static str,
    description_en: &'static str,
    countries: &'static [&'static str],
    organisers: &'static [&'static str],
    themes: &'static [&'static str],
    mode: &'static str,
    registration: Option<Registration>,
    /// Start and end hours in the venue's zone, for events that are not whole days.
    hours: Option<(u32, u32)>,
}

const DETAILS: &[Details] = &[
    Details {
        slug: "sp-quarterly-meeting-2022-11",
        description_es: "Primera reunión trimestral de la Plataforma de Apoyo, en la que se presentó el primer borrador de la estrategia de la Presidencia de los Estados Unidos 2022-2023.",
        description_en: "First quarterly meeting of the Support Platform, where the first draft of the United States chair's 2022-2023 strategy was presented.",
        countries: &[],
        organisers: &["USA"],
        themes: &[],
        mode: "virtual",
        registration: None,
        hours: None,
    },
    Details {
        slug: "sp-quarterly-meeting-2023-03",
        description_es: "Según el calendario 2023 de la estrategia: identificación de la próxima Presidencia, resultados preliminares del inventario de buenas prácticas y calendarización de las actividades de aprendizaje.",
        description_en: "From the strategy's 2023 calendar: identifying the next chair, preliminary results of the good-practices inventory and scheduling the learning activities.",
        countries: &[],
        organisers: &["USA"],
        themes: &[],
        mode: "virtual",
        registration: None,
        hours: None,
    },
    Details {
        slug: "learning-activity-2023-1",
        description_es: "Actividad 3.3 de la estrategia: sus temas salen de los inventarios de servicios, programas y brechas y de buenas prácticas, y de las consultas con los grupos de trabajo del MIRPS. Previstas para abril o mayo de 2023.",
        description_en: "Activity 3.3 of the strategy: its topics come from the inventories of services, programmes and gaps and of good practices, and from consultations with the MIRPS working groups. Planned for April or May 2023.",
        countries: &[],
        organisers: &["USA"],
        themes: &[],
        mode: "in_person",
        registration: None,
        hours: None,
    },
    Details {
        slug: "example-learning-labour-inclusion-2027",
        description_es: "Taller presencial para focales de los países MIRPS y miembros de la Plataforma: programas de inclusión laboral, contratación de personas refugiadas en dos o más países y el papel del sector privado.\n\nEjemplo generado para la demostración.",
        description_en: "In-person workshop for MIRPS focal points and Support Platform members: labour-inclusion programmes, hiring refugees in two or more countries, and the role of the private sector.\n\nGenerated example for the demonstration.",
        countries: &["CR", "MX", "PA", "GT"],
        organisers: &["UNHCR", "ESP"],
        themes: &["employment", "documentation"],
        mode: "hybrid",
        registration: Some((Some(30), true, (2027, 4, 10))),
        hours: Some((9, 17)),
    },
    Details {
        slug: "example-wg-local-governance-2027",
        description_es: "Reunión presencial del grupo de trabajo. Ejemplo generado para la demostración.",
        description_en: "In-person meeting of the working group. Generated example for the demonstration.",
        countries: &["BZ", "CR", "SV", "GT", "HN", "MX", "PA"],
        organisers: &["OAS"],
        themes: &["local_governance"],
        mode: "in_person",
        registration: None,
        hours: None,
    },
    Details {
        slug: "example-sp-quarterly-meeting-2027-q1",
        description_es: "Reunión trimestral en línea. Ejemplo generado para la demostración.",
        description_en: "Online quarterly meeting. Generated example for the demonstration.",
        countries: &[],
        organisers: &["UNHCR", "OAS"],
        themes: &[],
        mode: "virtual",
        registration: Some((None, true, (2027, 3, 9))),
        hours: Some((10, 12)),
    },
    Details {
        slug: "example-field-visit-2027",
        description_es: "Visita a programas municipales de integración. Plazas muy limitadas: la organización revisa cada solicitud. Ejemplo generado para la demostración.",
        description_en: "A visit to municipal integration programmes. Very few places: the organisers review each request. Generated example for the demonstration.",
        countries: &["GT", "HN", "SV"],
        organisers: &["UNHCR"],
        themes: &["local_governance", "social_cohesion"],
        mode: "in_person",
        registration: Some((Some(3), true, (2027, 5, 1))),
        hours: Some((8, 17)),
    },
];

/// Adds the details to seeded events that nobody has edited yet.
pub async fn apply(db: &Db) -> anyhow::Result<()> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        for d in DETAILS {
            let untouched: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM events WHERE slug = $1 AND version = 1 AND description_es = ''",
            )
            .bind(d.slug)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = untouched else { continue };
            let (capacity, registration, moderated, closes) = match d.registration {
                Some((c, open, close)) => (
                    c,
                    open,
                    d.slug == "example-field-visit-2027",
                    Utc.with_ymd_and_hms(close.0, close.1, close.2, 23, 59, 0).single(),
                ),
                None => (None, false, false, None),
            };
            sqlx::query(
                "UPDATE events SET description_es = $1, description_en = $2, mode = $3, \
                 capacity = $4, registration = $5, moderated = $6, registration_closes_at = $7 \
                 WHERE id = $8",
            )
            .bind(d.description_es)
            .bind(d.description_en)
            .bind(d.mode)
            .bind(capacity)
            .bind(registration)
            .bind(moderated)
            .bind(closes)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            if let Some((from, to)) = d.hours {
                // Same days, at these hours of the venue's clock.
                let (starts, ends, zone): (DateTime<Utc>, DateTime<Utc>, String) = sqlx::query_as(
                    "SELECT starts_at, ends_at, timezone FROM events WHERE id = $1",
                )
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
                let tz = events::zone(&zone);
                let day = |t: DateTime<Utc>, h: u32| {
                    events::local(t, tz)
                        .date()
                        .and_hms_opt(h, 0, 0)
                        .and_then(|l| events::from_local(l, tz))
                };
                if let (Some(a), Some(b)) = (day(starts, from), day(ends, to)) {
                    sqlx::query("UPDATE events SET starts_at = $1, ends_at = $2 WHERE id = $3")
                        .bind(a)
                        .bind(b)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            for c in d.countries {
                sqlx::query("INSERT INTO event_countries (event_id, country_iso2) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .bind(id).bind(c).execute(&mut *tx).await?;
            }
            for o in d.organisers {
                sqlx::query("INSERT INTO event_organisers (event_id, organisation_code) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .bind(id).bind(o).execute(&mut *tx).await?;
            }
            for t in d.themes {
                sqlx::query("INSERT INTO event_themes (event_id, theme_code) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                    .bind(id).bind(t).execute(&mut *tx).await?;
            }
        }
        // The host takes part too.
        sqlx::query(
            "INSERT INTO event_countries (event_id, country_iso2) SELECT id, host_country_iso2 \
             FROM events WHERE host_country_iso2 IS NOT NULL ON CONFLICT DO NOTHING",
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
    });
    Ok(())
}
