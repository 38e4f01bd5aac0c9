//! Learning topics ranked from the inventories' gaps and the published practices.

use super::read::{gap_ref, short_time};
#[allow(unused_imports)]
use super::*;

/// Candidate topics for learning events, best first. A theme scores by how many countries
/// report an open gap in it (and how severe), and by whether published practices on it exist
/// elsewhere (in other countries or from members) to learn from. Themes with a gap in at least
/// two countries and a practice to learn from come first.
pub async fn topic_suggestions(db: &Db) -> Result<Vec<TopicSuggestion>, sqlx::Error> {
    type ThemeRow = (String, String, String);
    type CountryRow = (String, String, String);
    type GapThemeRow = (String, i64, String, String, String, Option<String>);
    type PracticeThemeRow = (
        String,
        i64,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
    );
    let (themes, countries, gaps, practices): (
        Vec<ThemeRow>,
        Vec<CountryRow>,
        Vec<GapThemeRow>,
        Vec<PracticeThemeRow>,
    ) = on_db!(db, pool => {
        let themes = sqlx::query_as("SELECT code, name_es, name_en FROM themes ORDER BY sort_order")
            .fetch_all(pool)
            .await?;
        let countries = sqlx::query_as("SELECT iso2, name_es, name_en FROM countries ORDER BY sort_order")
            .fetch_all(pool)
            .await?;
        let gaps = sqlx::query_as(
            "SELECT theme_code, id, country_iso2, title_es, title_en, severity FROM inventory_entries \
             WHERE entry_type = 'gap' AND status <> 'ended' AND withdrawn_at IS NULL \
             ORDER BY theme_code, country_iso2, id",
        )
        .fetch_all(pool)
        .await?;
        let practices = sqlx::query_as(
            "SELECT pt.theme_code, p.id, p.title_es, p.title_en, COALESCE(c.name_es, o.name_es, ''), \
             COALESCE(c.name_en, o.name_en, ''), p.country_iso2, CAST(p.updated_at AS TEXT) \
             FROM practice_themes pt JOIN practices p ON p.id = pt.practice_id \
             LEFT JOIN countries c ON c.iso2 = p.country_iso2 \
             LEFT JOIN organisations o ON o.code = p.organisation_code \
             WHERE p.status = 'published' AND p.withdrawn_at IS NULL \
             ORDER BY pt.theme_code, p.year DESC, p.id DESC",
        )
        .fetch_all(pool)
        .await?;
        (themes, countries, gaps, practices)
    });
    let mut out = Vec::new();
    for (code, name_es, name_en) in themes {
        let theme_gaps: Vec<GapRef> = gaps
            .iter()
            .filter(|g| g.0 == code)
            .map(|g| gap_ref((g.1, g.2.clone(), g.3.clone(), g.4.clone(), g.5.clone())))
            .collect();
        if theme_gaps.is_empty() {
            continue;
        }
        let gap_countries: Vec<&str> = countries
            .iter()
            .map(|c| c.0.as_str())
            .filter(|c| theme_gaps.iter().any(|g| g.country_iso2 == *c))
            .collect();
        // Practices "elsewhere": from a member, or from a country that does not report the gap.
        let theme_practices: Vec<PracticeRef> = practices
            .iter()
            .filter(|p| p.0 == code)
            .filter(|p| p.6.as_deref().is_none_or(|c| !gap_countries.contains(&c)))
            .map(|p| PracticeRef {
                id: p.1,
                title_es: p.2.clone(),
                title_en: p.3.clone(),
                submitter_es: p.4.clone(),
                submitter_en: p.5.clone(),
                status: PracticeStatus::Published,
                updated_at: short_time(&p.7),
            })
            .collect();
        let severity_points: u32 = gap_countries
            .iter()
            .map(|c| {
                theme_gaps
                    .iter()
                    .filter(|g| g.country_iso2 == *c)
                    .filter_map(|g| g.severity)
                    .max()
                    .map_or(0, |s| s as u32)
            })
            .sum();
        let n_countries = gap_countries.len() as u32;
        let n_practices = (theme_practices.len() as u32).min(3);
        let learnable = n_countries >= 2 && n_practices >= 1;
        let score =
            u32::from(learnable) * 100 + n_countries * 10 + n_practices * 5 + severity_points;
        out.push(TopicSuggestion {
            theme: Named {
                code,
                name_es,
                name_en,
            },
            score,
            countries: countries
                .iter()
                .filter(|c| gap_countries.contains(&c.0.as_str()))
                .map(|c| Named {
                    code: c.0.clone(),
                    name_es: c.1.clone(),
                    name_en: c.2.clone(),
                })
                .collect(),
            gaps: theme_gaps,
            practices: theme_practices,
        });
    }
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.theme.code.cmp(&b.theme.code)));
    Ok(out)
}
