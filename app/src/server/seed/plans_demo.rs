//! Example commitment lines, flagged `is_example`, with costed requirements for 2025 to 2027, so
//! that a demonstration shows plans with lines, coverage and history. Keyed by line code: a line
//! that exists is left as people changed it.

use crate::error::AppError;
use crate::model::{LineInput, RequirementInput};
use crate::server::store::plans::{self, NewLine, NewRequirement};
use crate::server::store::vocabulary::Vocabulary;
use crate::server::store::Db;

/// (code suffix, pillar, sector, theme, title es, title en, USD millions a year).
#[rustfmt::skip]
const LINES: [(&str, u8, &str, &str, &str, &str, i64); 3] = [
    ("P1-01", 1, "protection", "asylum", "Ejemplo: reforzar el registro y la determinación de la condición de refugiado", "Example: strengthen registration and refugee status determination", 2),
    ("P3-01", 3, "jobs_livelihoods", "employment", "Ejemplo: inclusión laboral de personas refugiadas con el sector privado", "Example: labour inclusion of refugees with the private sector", 3),
    ("P2-01", 2, "education", "education", "Ejemplo: acceso de niñas y niños desplazados a la escuela", "Example: school access for displaced children", 1),
];

/// Writes the example lines a database does not have yet.
pub async fn apply(db: &Db, vocabulary: &Vocabulary) -> Result<(), AppError> {
    for iso in ["BZ", "CR", "SV", "GT", "HN", "MX", "PA"] {
        let existing: Vec<String> = plans::lines(db, Some(iso))
            .await?
            .into_iter()
            .map(|(_, l)| l.code)
            .collect();
        let scale: i64 = match iso {
            "MX" | "GT" | "HN" => 3,
            "CR" | "PA" | "SV" => 2,
            _ => 1,
        };
        for (suffix, pillar, sector, theme, es, en, millions) in LINES {
            let code = format!("{iso}-{suffix}");
            if existing.contains(&code) {
                continue;
            }
            let input = LineInput {
                country: iso.into(),
                code,
                title_es: es.into(),
                title_en: en.into(),
                pillar: pillar.to_string(),
                sector: sector.into(),
                institution: "Ejemplo / example".into(),
                period_start: "2025".into(),
                period_end: "2027".into(),
                priority: pillar.min(3).to_string(),
                status: "in_progress".into(),
                themes: [(theme.to_string(), "on".to_string())].into(),
                ..LineInput::default()
            };
            let line = NewLine::from_input(&input, vocabulary, &[])?.example();
            let id = plans::create_line(db, None, &line).await?;
            for year in 2025..=2027 {
                let r = NewRequirement::from_input(&RequirementInput {
                    line_id: id,
                    year: year.to_string(),
                    currency: "USD".into(),
                    amount: (scale * millions * 1_000_000).to_string(),
                    source: "Ejemplo / example".into(),
                    ..RequirementInput::default()
                })?;
                plans::set_requirement(db, None, &r).await?;
            }
        }
    }
    Ok(())
}
