//! Good practices: drafts, the review workflow (every move in `practice_reviews` and the audit
//! trail, in one transaction), and the public search over published practices with facets.
//! Search text is folded (lower case, no accents) by the application so that both engines match
//! "educacion" to "educación"; SQLite searches it with FTS5, PostgreSQL with a GIN-indexed
//! `tsvector`.

use super::audit::{Actor, NewAudit};
use super::practice_index::Index;
use super::Db;
use crate::error::{AppError, Problem};
use crate::model::{
    FacetCount, Facets, GapRef, Named, PracticeDetail, PracticeQuery, PracticeRef, PracticeResults,
    PracticeStatus, PracticeSummary, ReviewStep, Severity, TopicSuggestion, Transition,
};
use crate::server::store::sql::Param;
use crate::server::store::versions::{self, Dataset};
use crate::server::text::search_terms;
pub use crate::server::validate::practices::NewPractice;
use crate::{on_db, write_audit};
use chrono::Utc;
use serde_json::json;

/// Writes a practice's themes, population groups and gaps (replacing what was there).
macro_rules! write_links {
    ($tx:expr, $id:expr, $p:expr) => {{
        crate::replace_links!(
            $tx,
            "practice_themes",
            "practice_id",
            $id,
            "theme_code",
            &$p.themes
        );
        crate::replace_links!(
            $tx,
            "practice_populations",
            "practice_id",
            $id,
            "population_code",
            &$p.populations
        );
        crate::replace_links!(
            $tx,
            "practice_gaps",
            "practice_id",
            $id,
            "entry_id",
            &$p.gaps
        );
    }};
}

/// Writes a new practice as a draft (or, for seeding, directly in `status`).
pub async fn create(
    db: &Db,
    actor: Option<&Actor>,
    p: &NewPractice,
    status: PracticeStatus,
) -> Result<i64, AppError> {
    let now = Utc::now();
    let text = p.search_text();
    let published = (status == PracticeStatus::Published).then_some(now);
    let is_sqlite = matches!(db, Db::Sqlite(_));
    let id = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO practices (submitter_kind, country_iso2, organisation_code, title_es, \
             title_en, summary_es, summary_en, body_es, body_en, results_es, results_en, contacts, \
             links, year, status, author_id, published_at, search_text, is_example, created_at, \
             updated_at, period_start, period_end) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
             $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20, $21, $22) RETURNING id",
        )
        .bind(&p.submitter_kind)
        .bind(&p.country_iso2)
        .bind(&p.organisation_code)
        .bind(&p.title_es)
        .bind(&p.title_en)
        .bind(&p.summary_es)
        .bind(&p.summary_en)
        .bind(&p.body_es)
        .bind(&p.body_en)
        .bind(&p.results_es)
        .bind(&p.results_en)
        .bind(&p.contacts)
        .bind(&p.links)
        .bind(p.year)
        .bind(status.code())
        .bind(actor.map(|a| a.id))
        .bind(published)
        .bind(&text)
        .bind(p.is_example)
        .bind(now)
        .bind(p.period_start)
        .bind(p.period_end)
        .fetch_one(&mut *tx)
        .await?;
        write_links!(tx, id, p);
        if published.is_some() && is_sqlite {
            sqlx::query("INSERT INTO practices_fts (rowid, search_text) VALUES ($1, $2)")
                .bind(id)
                .bind(&text)
                .execute(&mut *tx)
                .await?;
        }
        let entry = NewAudit::new(actor, "create", "practice", id).after(json!({
            "status": status.code(),
            "title_es": p.title_es,
            "title_en": p.title_en,
            "submitter_kind": p.submitter_kind,
            "country": p.country_iso2,
            "organisation": p.organisation_code,
            "themes": p.themes,
            "populations": p.populations,
        }));
        write_audit!(&mut *tx, &entry)?;
        crate::bump_version!(tx, Dataset::Practices);
        tx.commit().await?;
        id
    });
    Ok(id)
}

/// Moves a practice through the workflow, with the reviewer's comment (required to return it).
/// Returns the new status. Who may make which move is decided by the caller (the policy).
pub async fn transition(
    db: &Db,
    actor: &Actor,
    id: i64,
    t: Transition,
    comment: &str,
) -> Result<PracticeStatus, AppError> {
    let comment = comment.trim();
    if t == Transition::Return && comment.is_empty() {
        return Err(AppError::invalid("comment", Problem::Required));
    }
    if comment.chars().count() > 4000 {
        return Err(AppError::invalid("comment", Problem::TooLong { max: 4000 }));
    }
    let now = Utc::now();
    let is_sqlite = matches!(db, Db::Sqlite(_));
    let to = on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT status, search_text FROM practices WHERE id = $1 AND withdrawn_at IS NULL",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let (from, text) = row.ok_or(AppError::NotFound)?;
        let from = PracticeStatus::from_code(&from).ok_or(AppError::Internal)?;
        let to = t.target(from).ok_or(AppError::Conflict)?;
        let published_at = (to == PracticeStatus::Published).then_some(now);
        sqlx::query(
            "UPDATE practices SET status = $1, updated_at = $2, version = version + 1, \
             published_at = CASE WHEN $3 THEN $2 ELSE published_at END WHERE id = $4",
        )
        .bind(to.code())
        .bind(now)
        .bind(published_at.is_some())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if is_sqlite {
            if to == PracticeStatus::Published {
                sqlx::query("INSERT INTO practices_fts (rowid, search_text) VALUES ($1, $2)")
                    .bind(id)
                    .bind(&text)
                    .execute(&mut *tx)
                    .await?;
            } else if from == PracticeStatus::Published {
                sqlx::query("DELETE FROM practices_fts WHERE rowid = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        sqlx::query(
            "INSERT INTO practice_reviews (practice_id, actor_id, from_status, to_status, comment, at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(actor.id)
        .bind(from.code())
        .bind(to.code())
        .bind(comment)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let mut entry = NewAudit::new(Some(actor), "transition", "practice", id)
            .before(json!({ "status": from.code() }))
            .after(json!({ "status": to.code(), "move": t.code() }));
        if !comment.is_empty() {
            entry = entry.reason(Some(comment.to_string()));
        }
        write_audit!(&mut *tx, &entry)?;
        crate::bump_version!(tx, Dataset::Practices);
        tx.commit().await?;
        to
    });
    Ok(to)
}

/// The status of a practice (and whether it exists).
pub async fn status_of(db: &Db, id: i64) -> Result<PracticeStatus, AppError> {
    let s: Option<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT status FROM practices WHERE id = $1 AND withdrawn_at IS NULL",
    )
    .bind(id)
    .fetch_optional(pool)
    .await)?;
    s.and_then(|s| PracticeStatus::from_code(&s))
        .ok_or(AppError::NotFound)
}

/// The `WHERE` of a search over published practices, with its parameters.
fn search_clause(db: &Db, q: &PracticeQuery) -> (String, Vec<Param>) {
    let mut parts = vec![
        "p.status = 'published'".to_string(),
        "p.withdrawn_at IS NULL".into(),
    ];
    let mut params: Vec<Param> = Vec::new();
    let mut add = |sql: &str, p: Param, parts: &mut Vec<String>| {
        params.push(p);
        parts.push(sql.replace('?', &format!("${}", params.len())));
    };
    let terms = search_terms(&q.q);
    if !terms.is_empty() {
        match db {
            // Each word as a prefix, all required: "educ nin" finds "educación de niñas".
            Db::Sqlite(_) => {
                let expr = terms
                    .iter()
                    .map(|t| format!("\"{t}\"*"))
                    .collect::<Vec<_>>()
                    .join(" AND ");
                add(
                    "p.id IN (SELECT rowid FROM practices_fts WHERE practices_fts MATCH ?)",
                    Param::Text(expr),
                    &mut parts,
                );
            }
            Db::Postgres(_) => {
                let expr = terms
                    .iter()
                    .map(|t| format!("{t}:*"))
                    .collect::<Vec<_>>()
                    .join(" & ");
                add(
                    "p.search_vector @@ to_tsquery('simple', ?)",
                    Param::Text(expr),
                    &mut parts,
                );
            }
        }
    }
    if let Some(c) = &q.country {
        add("p.country_iso2 = ?", Param::Text(c.clone()), &mut parts);
    }
    if let Some(t) = &q.theme {
        add(
            "EXISTS (SELECT 1 FROM practice_themes pt WHERE pt.practice_id = p.id AND pt.theme_code = ?)",
            Param::Text(t.clone()),
            &mut parts,
        );
    }
    if let Some(g) = &q.population {
        add(
            "EXISTS (SELECT 1 FROM practice_populations pp WHERE pp.practice_id = p.id AND pp.population_code = ?)",
            Param::Text(g.clone()),
            &mut parts,
        );
    }
    if let Some(s) = &q.submitter {
        add("p.submitter_kind = ?", Param::Text(s.clone()), &mut parts);
    }
    if let Some(y) = q.year {
        add("p.year = ?", Param::I32(y), &mut parts);
    }
    (format!(" WHERE {}", parts.join(" AND ")), params)
}

type SummaryRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i32,
    bool,
);

/// A page of published practices matching `q`, newest first, with facet counts over all matches.
pub async fn search(
    db: &Db,
    q: &PracticeQuery,
    page: u32,
    per_page: u32,
) -> Result<PracticeResults, sqlx::Error> {
    search_inner(db, q, page, per_page.clamp(1, 100), true).await
}

/// Every published practice matching `q` (up to `EXPORT_LIMIT`), for the CSV and JSON exports.
pub async fn export(db: &Db, q: &PracticeQuery) -> Result<Vec<PracticeSummary>, sqlx::Error> {
    Ok(search_inner(db, q, 1, EXPORT_LIMIT, false).await?.items)
}

/// The most rows one export holds.
pub const EXPORT_LIMIT: u32 = 100_000;

async fn search_inner(
    db: &Db,
    q: &PracticeQuery,
    page: u32,
    per_page: u32,
    with_facets: bool,
) -> Result<PracticeResults, sqlx::Error> {
    let (clause, params) = search_clause(db, q);
    let page = page.max(1);
    let offset = i64::from(page - 1) * i64::from(per_page);
    let total_sql = format!("SELECT COUNT(*) FROM practices p{clause}");
    let page_sql = format!(
        "SELECT p.id FROM practices p{clause} \
         ORDER BY p.year DESC, p.id DESC LIMIT {per_page} OFFSET {offset}"
    );
    let facet = |select: &str, from: &str, group: &str| {
        format!(
            "SELECT {select}, COUNT(*) FROM {from} WHERE x.id IN (SELECT p.id FROM practices p{clause}) \
             GROUP BY {group} ORDER BY COUNT(*) DESC, 1"
        )
    };
    let country_sql = facet(
        "x.country_iso2, c.name_es, c.name_en",
        "practices x JOIN countries c ON c.iso2 = x.country_iso2",
        "x.country_iso2, c.name_es, c.name_en",
    );
    let theme_sql = facet(
        "t.code, t.name_es, t.name_en",
        "practice_themes pt JOIN practices x ON x.id = pt.practice_id JOIN themes t ON t.code = pt.theme_code",
        "t.code, t.name_es, t.name_en",
    );
    let population_sql = facet(
        "g.code, g.name_es, g.name_en",
        "practice_populations pp JOIN practices x ON x.id = pp.practice_id \
         JOIN population_groups g ON g.code = pp.population_code",
        "g.code, g.name_es, g.name_en",
    );
    let submitter_sql = facet(
        "x.submitter_kind, '', ''",
        "practices x",
        "x.submitter_kind",
    );
    let year_sql = facet(
        "CAST(x.year AS TEXT), '', ''",
        "practices x",
        "CAST(x.year AS TEXT)",
    );
    type FacetRow = (String, String, String, i64);
    let to_counts = |rows: Vec<FacetRow>| -> Vec<FacetCount> {
        rows.into_iter()
            .map(|(code, name_es, name_en, count)| FacetCount {
                code,
                name_es,
                name_en,
                count: count as u32,
            })
            .collect()
    };
    let (total, rows, country, theme, population, submitter, year) = on_db!(db, pool => {
        let rows: Vec<i64> = crate::bind_params!(sqlx::query_scalar(&page_sql), &params).fetch_all(pool).await?;
        if !with_facets {
            let n = rows.len() as i64;
            (n, rows, Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new())
        } else {
        let total: i64 = crate::bind_params!(sqlx::query_scalar(&total_sql), &params).fetch_one(pool).await?;
        let country: Vec<FacetRow> = crate::bind_params!(sqlx::query_as(&country_sql), &params).fetch_all(pool).await?;
        let theme: Vec<FacetRow> = crate::bind_params!(sqlx::query_as(&theme_sql), &params).fetch_all(pool).await?;
        let population: Vec<FacetRow> = crate::bind_params!(sqlx::query_as(&population_sql), &params).fetch_all(pool).await?;
        let submitter: Vec<FacetRow> = crate::bind_params!(sqlx::query_as(&submitter_sql), &params).fetch_all(pool).await?;
        let year: Vec<FacetRow> = crate::bind_params!(sqlx::query_as(&year_sql), &params).fetch_all(pool).await?;
        (total, rows, country, theme, population, submitter, year)
        }
    });
    let items = summaries(db, &rows).await?;
    let mut year = to_counts(year);
    year.sort_by(|a, b| b.code.cmp(&a.code));
    Ok(PracticeResults {
        items,
        total: total as u32,
        page,
        per_page,
        facets: Facets {
            country: to_counts(country),
            theme: to_counts(theme),
            population: to_counts(population),
            submitter: to_counts(submitter),
            year,
        },
    })
}

/// The result-list entries of `ids`, in that order.
pub(super) async fn summaries(db: &Db, ids: &[i64]) -> Result<Vec<PracticeSummary>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT p.id, p.title_es, p.title_en, p.summary_es, p.summary_en, p.submitter_kind, \
         COALESCE(p.country_iso2, p.organisation_code, ''), \
         COALESCE(c.name_es, o.name_es, ''), COALESCE(c.name_en, o.name_en, ''), p.year, p.is_example \
         FROM practices p LEFT JOIN countries c ON c.iso2 = p.country_iso2 \
         LEFT JOIN organisations o ON o.code = p.organisation_code WHERE p.id IN ({list})"
    );
    let rows: Vec<SummaryRow> = on_db!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
    let mut themes: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    for (p, t) in themes_of(db, ids).await? {
        themes.entry(p).or_default().push(t);
    }
    let mut by_id: std::collections::HashMap<i64, PracticeSummary> = rows
        .into_iter()
        .map(
            |(id, title_es, title_en, summary_es, summary_en, kind, code, s_es, s_en, y, ex)| {
                (
                    id,
                    PracticeSummary {
                        id,
                        title_es,
                        title_en,
                        summary_es,
                        summary_en,
                        submitter_kind: kind,
                        submitter_code: code,
                        submitter_es: s_es,
                        submitter_en: s_en,
                        year: y,
                        themes: themes.remove(&id).unwrap_or_default(),
                        is_example: ex,
                    },
                )
            },
        )
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

async fn themes_of(db: &Db, ids: &[i64]) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT practice_id, theme_code FROM practice_themes WHERE practice_id IN ({list}) \
         ORDER BY practice_id, theme_code"
    );
    on_db!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await)
}

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
    let named = |rows: Vec<(String, String, String)>| -> Vec<Named> {
        rows.into_iter()
            .map(|(code, name_es, name_en)| Named {
                code,
                name_es,
                name_en,
            })
            .collect()
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

type GapRow = (i64, String, String, String, Option<String>);
type NamedTriple = (String, String, String);

fn gap_ref((id, country_iso2, title_es, title_en, severity): GapRow) -> GapRef {
    GapRef {
        id,
        country_iso2,
        title_es,
        title_en,
        severity: severity.as_deref().and_then(Severity::from_code),
    }
}

/// `2026-11-26 10:15` from whatever timestamp text the engine gives.
fn short_time(t: &str) -> String {
    t.replace('T', " ").chars().take(16).collect()
}

/// Rewrites a draft or returned practice (published ones go back to review first), if nobody
/// changed it since `version`. The submitter stays.
pub async fn update(
    db: &Db,
    actor: &Actor,
    id: i64,
    version: i64,
    p: &NewPractice,
) -> Result<(), AppError> {
    let before = get(db, id).await?.ok_or(AppError::NotFound)?;
    if !matches!(
        before.status,
        PracticeStatus::Draft | PracticeStatus::Returned
    ) {
        return Err(AppError::Conflict);
    }
    if before.country_iso2 != p.country_iso2 || before.organisation_code != p.organisation_code {
        return Err(AppError::invalid("submitter", Problem::NotAllowed));
    }
    let now = Utc::now();
    let text = p.search_text();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE practices SET title_es = $1, title_en = $2, summary_es = $3, summary_en = $4, \
             body_es = $5, body_en = $6, results_es = $7, results_en = $8, contacts = $9, \
             links = $10, year = $11, search_text = $12, updated_at = $13, version = version + 1, \
             period_start = $16, period_end = $17 WHERE id = $14 AND version = $15 AND status IN ('draft', 'returned') \
             AND withdrawn_at IS NULL",
        )
        .bind(&p.title_es)
        .bind(&p.title_en)
        .bind(&p.summary_es)
        .bind(&p.summary_en)
        .bind(&p.body_es)
        .bind(&p.body_en)
        .bind(&p.results_es)
        .bind(&p.results_en)
        .bind(&p.contacts)
        .bind(&p.links)
        .bind(p.year)
        .bind(&text)
        .bind(now)
        .bind(id)
        .bind(version)
        .bind(p.period_start)
        .bind(p.period_end)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(AppError::Conflict);
        }
        write_links!(tx, id, p);
        let entry = NewAudit::new(Some(actor), "update", "practice", id)
            .before(json!({
                "title_es": before.title_es, "title_en": before.title_en,
                "summary_es": before.summary_es, "summary_en": before.summary_en,
                "body_es": before.body_es, "body_en": before.body_en,
                "results_es": before.results_es, "results_en": before.results_en,
                "contacts": before.contacts, "links": before.links, "year": before.year,
                "period_start": before.period_start, "period_end": before.period_end,
                "themes": before.themes.iter().map(|t| &t.code).collect::<Vec<_>>(),
                "populations": before.populations.iter().map(|t| &t.code).collect::<Vec<_>>(),
                "gaps": before.gaps.iter().map(|g| g.id).collect::<Vec<_>>(),
            }))
            .after(json!({
                "title_es": p.title_es, "title_en": p.title_en,
                "summary_es": p.summary_es, "summary_en": p.summary_en,
                "body_es": p.body_es, "body_en": p.body_en,
                "results_es": p.results_es, "results_en": p.results_en,
                "contacts": p.contacts, "links": p.links, "year": p.year,
                "period_start": p.period_start, "period_end": p.period_end,
                "themes": p.themes, "populations": p.populations, "gaps": p.gaps,
            }));
        write_audit!(&mut *tx, &entry)?;
        crate::bump_version!(tx, Dataset::Practices);
        tx.commit().await?;
    });
    Ok(())
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

type CacheKey = (i64, PracticeQuery, u32, u32);

/// The public search at the current `practices_version` (one indexed lookup per request tells
/// whether anything changed): filters and facet counts come from an in-memory index of the
/// published practices (see `practice_index`), and answers are kept, so a repeated search — the
/// common case on a public page — costs a map lookup.
#[derive(Debug, Default)]
pub struct SearchCache {
    index: std::sync::RwLock<Option<std::sync::Arc<Index>>>,
    /// Serialises rebuilds, so that a burst of searches after a change builds the index once.
    loading: tokio::sync::Mutex<()>,
    answers: std::sync::Mutex<std::collections::HashMap<CacheKey, std::sync::Arc<PracticeResults>>>,
}

/// Answers kept per version before the map is cleared.
const CACHE_LIMIT: usize = 4096;

impl SearchCache {
    pub async fn search(
        &self,
        db: &Db,
        q: &PracticeQuery,
        page: u32,
        per_page: u32,
    ) -> Result<std::sync::Arc<PracticeResults>, sqlx::Error> {
        let version = data_version(db).await?;
        let key = (version, q.clone(), page, per_page);
        if let Some(hit) = self.lock().get(&key) {
            return Ok(hit.clone());
        }
        let index = self.index(db, version).await?;
        let answer = std::sync::Arc::new(index.search(db, q, page, per_page.clamp(1, 100)).await?);
        let mut map = self.lock();
        if map.len() >= CACHE_LIMIT || map.keys().any(|k| k.0 != version) {
            map.retain(|k, _| k.0 == version);
            if map.len() >= CACHE_LIMIT {
                map.clear();
            }
        }
        map.insert(key, answer.clone());
        Ok(answer)
    }

    /// The index at `version`, built if the practices changed since the last one.
    pub async fn index(&self, db: &Db, version: i64) -> Result<std::sync::Arc<Index>, sqlx::Error> {
        let current = || {
            self.index
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone()
                .filter(|i| i.version == version)
        };
        if let Some(i) = current() {
            return Ok(i);
        }
        let _guard = self.loading.lock().await;
        if let Some(i) = current() {
            return Ok(i);
        }
        let fresh = std::sync::Arc::new(Index::load(db, version).await?);
        *self
            .index
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(fresh.clone());
        Ok(fresh)
    }

    fn lock(
        &self,
    ) -> std::sync::MutexGuard<
        '_,
        std::collections::HashMap<CacheKey, std::sync::Arc<PracticeResults>>,
    > {
        self.answers
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Moves whenever a practice is created, changed or moved through the workflow.
pub async fn data_version(db: &Db) -> Result<i64, sqlx::Error> {
    versions::current(db, Dataset::Practices).await
}
