//! Good practices: drafts, the review workflow (every move in `practice_reviews` and the audit
//! trail, in one transaction), and the public search over published practices with facets.
//! Search text is folded (lower case, no accents) by the application so that both engines match
//! "educacion" to "educación"; SQLite searches it with FTS5, PostgreSQL with a GIN-indexed
//! `tsvector`.

use super::audit::{Actor, NewAudit};
use super::Db;
use crate::error::{AppError, FieldError, Problem};
use crate::model::{
    FacetCount, Facets, PracticeQuery, PracticeResults, PracticeStatus, PracticeSummary, Transition,
};
use crate::server::text::{fold, search_terms};
use crate::{on_db, write_audit};
use chrono::Utc;
use serde_json::json;

/// A practice as its author writes it.
#[derive(Clone, Debug, Default)]
pub struct NewPractice {
    /// `country` or `member`.
    pub submitter_kind: String,
    pub country_iso2: Option<String>,
    pub organisation_code: Option<String>,
    pub title_es: String,
    pub title_en: String,
    pub summary_es: String,
    pub summary_en: String,
    pub body_es: String,
    pub body_en: String,
    pub results_es: String,
    pub results_en: String,
    pub contacts: String,
    pub links: String,
    pub year: i32,
    pub themes: Vec<String>,
    pub populations: Vec<String>,
    pub gaps: Vec<i64>,
    pub is_example: bool,
}

impl NewPractice {
    /// Everything a reader could search for, folded.
    pub fn search_text(&self) -> String {
        fold(
            &[
                &self.title_es,
                &self.title_en,
                &self.summary_es,
                &self.summary_en,
                &self.body_es,
                &self.body_en,
                &self.results_es,
                &self.results_en,
            ]
            .map(|s| s.as_str())
            .join(" "),
        )
    }

    fn check(&self) -> Result<(), AppError> {
        let mut errors = Vec::new();
        if self.title_es.trim().is_empty() && self.title_en.trim().is_empty() {
            errors.push(FieldError::new("title_es", Problem::Required));
        }
        match (
            self.submitter_kind.as_str(),
            &self.country_iso2,
            &self.organisation_code,
        ) {
            ("country", Some(_), None) | ("member", None, Some(_)) => {}
            _ => errors.push(FieldError::new("submitter", Problem::Required)),
        }
        if !(1990..=2100).contains(&self.year) {
            errors.push(FieldError::new(
                "year",
                Problem::OutOfRange {
                    min: 1990,
                    max: 2100,
                },
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(errors))
        }
    }
}

macro_rules! bump_practices {
    ($conn:expr) => {{
        sqlx::query(
            "UPDATE app_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) \
             WHERE key = 'practices_version'",
        )
        .execute(&mut *$conn)
        .await?;
    }};
}

/// Writes a new practice as a draft (or, for seeding, directly in `status`).
pub async fn create(
    db: &Db,
    actor: Option<&Actor>,
    p: &NewPractice,
    status: PracticeStatus,
) -> Result<i64, AppError> {
    p.check()?;
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
             updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, \
             $16, $17, $18, $19, $20, $20) RETURNING id",
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
        .fetch_one(&mut *tx)
        .await?;
        for t in &p.themes {
            sqlx::query("INSERT INTO practice_themes (practice_id, theme_code) VALUES ($1, $2)")
                .bind(id)
                .bind(t)
                .execute(&mut *tx)
                .await?;
        }
        for g in &p.populations {
            sqlx::query("INSERT INTO practice_populations (practice_id, population_code) VALUES ($1, $2)")
                .bind(id)
                .bind(g)
                .execute(&mut *tx)
                .await?;
        }
        for e in &p.gaps {
            sqlx::query("INSERT INTO practice_gaps (practice_id, entry_id) VALUES ($1, $2)")
                .bind(id)
                .bind(e)
                .execute(&mut *tx)
                .await?;
        }
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
        bump_practices!(tx);
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
        bump_practices!(tx);
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

enum Param {
    Int(i64),
    Text(String),
}

macro_rules! bind_params {
    ($q:expr, $params:expr) => {{
        let mut q = $q;
        for p in $params {
            q = match p {
                Param::Int(v) => q.bind(*v),
                Param::Text(v) => q.bind(v.clone()),
            };
        }
        q
    }};
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
        add("p.year = ?", Param::Int(i64::from(y)), &mut parts);
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
    let (clause, params) = search_clause(db, q);
    let per_page = per_page.clamp(1, 100);
    let page = page.max(1);
    let offset = i64::from(page - 1) * i64::from(per_page);
    let total_sql = format!("SELECT COUNT(*) FROM practices p{clause}");
    let page_sql = format!(
        "SELECT p.id, p.title_es, p.title_en, p.summary_es, p.summary_en, p.submitter_kind, \
         COALESCE(p.country_iso2, p.organisation_code, ''), \
         COALESCE(c.name_es, o.name_es, ''), COALESCE(c.name_en, o.name_en, ''), p.year, p.is_example \
         FROM practices p LEFT JOIN countries c ON c.iso2 = p.country_iso2 \
         LEFT JOIN organisations o ON o.code = p.organisation_code{clause} \
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
        let total: i64 = bind_params!(sqlx::query_scalar(&total_sql), &params).fetch_one(pool).await?;
        let rows: Vec<SummaryRow> = bind_params!(sqlx::query_as(&page_sql), &params).fetch_all(pool).await?;
        let country: Vec<FacetRow> = bind_params!(sqlx::query_as(&country_sql), &params).fetch_all(pool).await?;
        let theme: Vec<FacetRow> = bind_params!(sqlx::query_as(&theme_sql), &params).fetch_all(pool).await?;
        let population: Vec<FacetRow> = bind_params!(sqlx::query_as(&population_sql), &params).fetch_all(pool).await?;
        let submitter: Vec<FacetRow> = bind_params!(sqlx::query_as(&submitter_sql), &params).fetch_all(pool).await?;
        let year: Vec<FacetRow> = bind_params!(sqlx::query_as(&year_sql), &params).fetch_all(pool).await?;
        (total, rows, country, theme, population, submitter, year)
    });
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let themes = themes_of(db, &ids).await?;
    let items = rows
        .into_iter()
        .map(
            |(id, title_es, title_en, summary_es, summary_en, kind, code, s_es, s_en, y, ex)| {
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
                    themes: themes
                        .iter()
                        .filter(|(p, _)| *p == id)
                        .map(|(_, t)| t.clone())
                        .collect(),
                    is_example: ex,
                }
            },
        )
        .collect();
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
