//! The search over published practices: the SQL reference search (FTS5 / tsvector) and the
//! cache that answers from the in-memory index per data version.

#[allow(unused_imports)]
use super::*;

/// Each term as a prefix (in the engine's syntax), all joined by the engine's "and".
fn prefix_query(terms: &[String], prefix: impl Fn(&str) -> String, and: &str) -> String {
    terms
        .iter()
        .map(|t| prefix(t))
        .collect::<Vec<_>>()
        .join(and)
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
                let expr = prefix_query(&terms, |t| format!("\"{t}\"*"), " AND ");
                add(
                    "p.id IN (SELECT rowid FROM practices_fts WHERE practices_fts MATCH ?)",
                    Param::Text(expr),
                    &mut parts,
                );
            }
            Db::Postgres(_) => {
                let expr = prefix_query(&terms, |t| format!("{t}:*"), " & ");
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
    let offset = crate::model::query::page_offset(i64::from(page), i64::from(per_page));
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

/// `ids` written out for an `IN (...)` list (numbers only, so nothing to escape).
fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The result-list entries of `ids`, in that order.
pub(super) async fn summaries(db: &Db, ids: &[i64]) -> Result<Vec<PracticeSummary>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = id_list(ids);
    let sql = format!(
        "SELECT p.id, p.title_es, p.title_en, p.summary_es, p.summary_en, p.submitter_kind, \
         COALESCE(p.country_iso2, p.organisation_code, '') AS submitter_code, \
         COALESCE(c.name_es, o.name_es, '') AS submitter_es, \
         COALESCE(c.name_en, o.name_en, '') AS submitter_en, p.year, p.is_example \
         FROM practices p LEFT JOIN countries c ON c.iso2 = p.country_iso2 \
         LEFT JOIN organisations o ON o.code = p.organisation_code WHERE p.id IN ({list})"
    );
    let rows: Vec<PracticeSummary> =
        on_db!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
    let mut themes: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    for (p, t) in themes_of(db, ids).await? {
        themes.entry(p).or_default().push(t);
    }
    let mut by_id: std::collections::HashMap<i64, PracticeSummary> = rows
        .into_iter()
        .map(|mut p| {
            p.themes = themes.remove(&p.id).unwrap_or_default();
            (p.id, p)
        })
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

async fn themes_of(db: &Db, ids: &[i64]) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = id_list(ids);
    let sql = format!(
        "SELECT practice_id, theme_code FROM practice_themes WHERE practice_id IN ({list}) \
         ORDER BY practice_id, theme_code"
    );
    on_db!(db, pool => sqlx::query_as(&sql).fetch_all(pool).await)
}

type CacheKey = (i64, PracticeQuery, u32, u32);

/// The public search at the current `practices_version` (one indexed lookup per request tells
/// whether anything changed): filters and facet counts come from an in-memory index of the
/// published practices (see [`super::index`]), and answers are kept, so a repeated search — the
/// common case on a public page — costs a map lookup.
#[derive(Debug, Default)]
pub struct SearchCache {
    index: std::sync::RwLock<Option<std::sync::Arc<Index>>>,
    /// Serialises rebuilds, so that a burst of searches after a change builds the index once.
    loading: tokio::sync::Mutex<()>,
    answers: std::sync::Mutex<std::collections::HashMap<CacheKey, std::sync::Arc<PracticeResults>>>,
}

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

/// Answers kept per version before the map is cleared.
const CACHE_LIMIT: usize = 4096;
