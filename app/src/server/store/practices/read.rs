//! Reading practices: one practice with its themes, populations and gaps, its review history,
//! and the queues of those who write and those who review.

#[allow(unused_imports)]
use super::*;
use crate::model::named;

/// Everything about one practice, whatever its status (the caller decides who may see it).
pub async fn get(db: &Db, id: i64) -> Result<Option<PracticeDetail>, sqlx::Error> {
    type Head = (i64, String, Option<String>, Option<String>, String, String);
    type Texts = (String, String, String, String, String, String);
    type More = (
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    type Tail = (i32, String, Option<i64>, Option<String>, String, bool, i64);
    let row: Option<(Head, Texts, More, Tail)> = on_db!(db, pool => {
        let head: Option<Head> = sqlx::query_as(
            "SELECT p.id, p.submitter_kind, p.country_iso2, p.organisation_code, \
             COALESCE(c.name_es, o.name_es, ''), COALESCE(c.name_en, o.name_en, '') \
             FROM practices p LEFT JOIN countries c ON c.iso2 = p.country_iso2 \
             LEFT JOIN organisations o ON o.code = p.organisation_code \
             WHERE p.id = $1 AND p.withdrawn_at IS NULL",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?;
        match head {
            None => None,
            Some(head) => {
                let texts: Texts = sqlx::query_as(
                    "SELECT title_es, title_en, summary_es, summary_en, body_es, body_en \
                     FROM practices WHERE id = $1",
                )
                .bind(id)
                .fetch_one(pool)
                .await?;
                let more: More = sqlx::query_as(
                    "SELECT results_es, results_en, contacts, links, CAST(period_start AS TEXT), \
                     CAST(period_end AS TEXT) \
                     FROM practices WHERE id = $1",
                )
                .bind(id)
                .fetch_one(pool)
                .await?;
                let tail: Tail = sqlx::query_as(
                    "SELECT year, status, author_id, CAST(published_at AS TEXT), \
                     CAST(updated_at AS TEXT), is_example, CAST(version AS BIGINT) FROM practices WHERE id = $1",
                )
                .bind(id)
                .fetch_one(pool)
                .await?;
                Some((head, texts, more, tail))
            }
        }
    });
    let Some((head, texts, more, tail)) = row else {
        return Ok(None);
    };
    let (themes, populations, gaps): (Vec<NamedTriple>, Vec<NamedTriple>, Vec<GapRow>) = on_db!(db, pool => {
        let themes = sqlx::query_as(
            "SELECT t.code, t.name_es, t.name_en FROM practice_themes pt \
             JOIN themes t ON t.code = pt.theme_code WHERE pt.practice_id = $1 ORDER BY t.sort_order",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        let populations = sqlx::query_as(
            "SELECT g.code, g.name_es, g.name_en FROM practice_populations pp \
             JOIN population_groups g ON g.code = pp.population_code WHERE pp.practice_id = $1 \
             ORDER BY g.sort_order",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        let gaps = sqlx::query_as(
            "SELECT e.id, e.country_iso2, e.title_es, e.title_en, e.severity FROM practice_gaps g \
             JOIN inventory_entries e ON e.id = g.entry_id \
             WHERE g.practice_id = $1 AND e.withdrawn_at IS NULL ORDER BY e.country_iso2, e.id",
        )
        .bind(id)
        .fetch_all(pool)
        .await?;
        (themes, populations, gaps)
    });
    let status = PracticeStatus::from_code(&tail.1).unwrap_or(PracticeStatus::Draft);
    Ok(Some(PracticeDetail {
        id: head.0,
        submitter_kind: head.1,
        country_iso2: head.2,
        organisation_code: head.3,
        submitter_es: head.4,
        submitter_en: head.5,
        title_es: texts.0,
        title_en: texts.1,
        summary_es: texts.2,
        summary_en: texts.3,
        body_es: texts.4,
        body_en: texts.5,
        results_es: more.0,
        results_en: more.1,
        contacts: more.2,
        links: more.3,
        period_start: more.4,
        period_end: more.5,
        year: tail.0,
        status,
        themes: named(themes),
        populations: named(populations),
        gaps: gaps.into_iter().map(gap_ref).collect(),
        author_id: tail.2,
        published_at: tail.3.map(|t| short_time(&t)),
        updated_at: short_time(&tail.4),
        is_example: tail.5,
        version: tail.6,
    }))
}

pub(super) type GapRow = (i64, String, String, String, Option<String>);

type NamedTriple = (String, String, String);

pub(super) fn gap_ref((id, country_iso2, title_es, title_en, severity): GapRow) -> GapRef {
    GapRef {
        id,
        country_iso2,
        title_es,
        title_en,
        severity: severity.as_deref().and_then(Severity::from_code),
    }
}

/// `2026-11-26 10:15` from whatever timestamp text the engine gives.
pub(super) fn short_time(t: &str) -> String {
    t.replace('T', " ").chars().take(16).collect()
}

/// Every move of a practice through the workflow, oldest first, with who made it.
pub async fn history(db: &Db, id: i64) -> Result<Vec<ReviewStep>, sqlx::Error> {
    let rows: Vec<(String, String, String, Option<String>, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT r.from_status, r.to_status, r.comment, u.display_name, CAST(r.at AS TEXT) \
         FROM practice_reviews r LEFT JOIN users u ON u.id = r.actor_id \
         WHERE r.practice_id = $1 ORDER BY r.id",
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .filter_map(|(from, to, comment, actor, at)| {
            Some(ReviewStep {
                from: PracticeStatus::from_code(&from)?,
                to: PracticeStatus::from_code(&to)?,
                comment,
                actor: actor.unwrap_or_default(),
                at: short_time(&at),
            })
        })
        .collect())
}

/// Whose practices a queue shows.
#[derive(Clone, Debug)]
pub enum Scope {
    /// Everything waiting for review (the secretariat).
    Review,
    /// A country's practices that are not published yet.
    Country(String),
    /// A member's practices that are not published yet.
    Organisation(String),
}

/// Practices waiting for someone: submissions to review, or an author's unpublished work.
pub async fn queue(db: &Db, scope: &Scope) -> Result<Vec<PracticeRef>, sqlx::Error> {
    let (cond, arg) = match scope {
        Scope::Review => ("p.status IN ('submitted', 'in_review')", String::new()),
        Scope::Country(c) => ("p.status <> 'published' AND p.country_iso2 = $1", c.clone()),
        Scope::Organisation(o) => (
            "p.status <> 'published' AND p.organisation_code = $1",
            o.clone(),
        ),
    };
    let sql = format!(
        "SELECT p.id, p.title_es, p.title_en, COALESCE(c.name_es, o.name_es, ''), \
         COALESCE(c.name_en, o.name_en, ''), p.status, CAST(p.updated_at AS TEXT) \
         FROM practices p LEFT JOIN countries c ON c.iso2 = p.country_iso2 \
         LEFT JOIN organisations o ON o.code = p.organisation_code \
         WHERE p.withdrawn_at IS NULL AND {cond} ORDER BY p.updated_at DESC, p.id DESC LIMIT 500"
    );
    type Row = (i64, String, String, String, String, String, String);
    let rows: Vec<Row> = on_db!(db, pool => {
        let q = sqlx::query_as(&sql);
        let q = if arg.is_empty() { q } else { q.bind(arg.clone()) };
        q.fetch_all(pool).await
    })?;
    Ok(rows
        .into_iter()
        .map(|r| PracticeRef {
            id: r.0,
            title_es: r.1,
            title_en: r.2,
            submitter_es: r.3,
            submitter_en: r.4,
            status: PracticeStatus::from_code(&r.5).unwrap_or(PracticeStatus::Draft),
            updated_at: short_time(&r.6),
        })
        .collect())
}
