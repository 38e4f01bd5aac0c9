//! The National Action Plans on record: one per MIRPS country (each has one), with the
//! commitments the MIRPS platform's country pages count per area. Costed lines are not public
//! (no source gives per-country costings): the countries' focal points enter them; the demo adds examples.

use super::real::ContextFigure;
use crate::error::AppError;
use crate::server::store::plans::{seed_plan, PlanHeader};
use crate::server::store::Db;

/// The area of a plan a record's key names, as a sector code.
fn sector_of(area: &str) -> Option<&'static str> {
    match area {
        "protection" => Some("protection"),
        "jobs" => Some("jobs_livelihoods"),
        "education" => Some("education"),
        "health" => Some("health"),
        "social-protection" => Some("social_protection"),
        _ => None,
    }
}

/// Each country's plan header with its declared commitments from the records' `figures`.
pub fn headers(figures: &[ContextFigure]) -> Vec<PlanHeader> {
    let countries = [
        ("BZ", "Belice", "Belize"),
        ("CR", "Costa Rica", "Costa Rica"),
        ("SV", "El Salvador", "El Salvador"),
        ("GT", "Guatemala", "Guatemala"),
        ("HN", "Honduras", "Honduras"),
        ("MX", "México", "Mexico"),
        ("PA", "Panamá", "Panama"),
    ];
    countries
        .iter()
        .map(|&(iso2, es, en)| {
            let prefix = format!("{}-nap-", iso2.to_ascii_lowercase());
            let declared: Vec<(String, i32, String)> = figures
                .iter()
                .filter(|f| f.scope == iso2 && f.unit == "commitments")
                .filter_map(|f| {
                    let sector = sector_of(f.key.strip_prefix(&prefix)?)?;
                    Some((
                        sector.to_string(),
                        i32::try_from(f.value).ok()?,
                        f.source.clone(),
                    ))
                })
                .collect();
            PlanHeader {
                country_iso2: iso2.into(),
                title_es: format!("Plan de acción nacional del MIRPS: {es}"),
                title_en: format!("MIRPS National Action Plan: {en}"),
                source_url: declared.first().map(|d| d.2.clone()).unwrap_or_default(),
                declared,
                ..PlanHeader::default()
            }
        })
        .collect()
}

/// Writes the plans a database does not have yet; returns how many it wrote.
pub async fn apply(db: &Db, figures: &[ContextFigure]) -> Result<usize, AppError> {
    let mut written = 0;
    for h in headers(figures) {
        if seed_plan(db, &h).await? {
            written += 1;
        }
    }
    Ok(written)
}
