//! The published practices as a compact in-memory index (one per `practices_version`), so that a
//! search with facets touches the database only for the one page of results it shows: the words
//! (each a prefix, all required, over the same folded text the engines' full-text indexes hold),
//! the filters, the facet counts over every match and the order all come from memory: a term
//! dictionary with posting lists, and a few bytes per practice.

use super::summaries;
use crate::model::{named, FacetCount, Facets, Named, PracticeQuery, PracticeResults};
use crate::on_db;
use crate::server::store::Db;
use crate::server::text::search_terms;
use std::collections::BTreeMap;

/// One published practice, reduced to what filters and facets need.
#[derive(Clone, Copy, Debug)]
struct Doc {
    id: i64,
    year: i32,
    member: bool,
    /// Index into `Index::countries`, or `u8::MAX` for a member's practice.
    country: u8,
    /// Bit `i` set: theme `Index::themes[i]`.
    themes: u64,
    /// Bit `i` set: population group `Index::populations[i]`.
    populations: u64,
}

/// Every published practice at one version, newest first (year, then id).
#[derive(Debug)]
pub struct Index {
    pub version: i64,
    docs: Vec<Doc>,
    countries: Vec<Named>,
    themes: Vec<Named>,
    populations: Vec<Named>,
    /// Every folded word of the published texts, with the positions (in `docs`) of the practices
    /// that contain it, ascending.
    terms: BTreeMap<Box<str>, Vec<u32>>,
}

type NamedRow = (String, String, String);

/// What `Index::load` reads: the vocabularies, the practices, their theme and population links.
type Loaded = (
    Vec<NamedRow>,
    Vec<NamedRow>,
    Vec<NamedRow>,
    Vec<(i64, i32, String, Option<String>, String)>,
    Vec<(i64, String)>,
    Vec<(i64, String)>,
);

impl Index {
    /// Reads the published practices of the database at `version`.
    pub async fn load(db: &Db, version: i64) -> Result<Index, sqlx::Error> {
        let (countries, themes, populations, rows, theme_links, population_links): Loaded = on_db!(db, pool => {
            let countries = sqlx::query_as("SELECT iso2, name_es, name_en FROM countries ORDER BY sort_order")
                .fetch_all(pool).await?;
            let themes = sqlx::query_as("SELECT code, name_es, name_en FROM themes ORDER BY sort_order")
                .fetch_all(pool).await?;
            let populations = sqlx::query_as("SELECT code, name_es, name_en FROM population_groups ORDER BY sort_order")
                .fetch_all(pool).await?;
            let rows = sqlx::query_as(
                "SELECT id, year, submitter_kind, country_iso2, search_text FROM practices \
                 WHERE status = 'published' AND withdrawn_at IS NULL ORDER BY year DESC, id DESC",
            )
            .fetch_all(pool).await?;
            let theme_links = sqlx::query_as(
                "SELECT pt.practice_id, pt.theme_code FROM practice_themes pt \
                 JOIN practices p ON p.id = pt.practice_id \
                 WHERE p.status = 'published' AND p.withdrawn_at IS NULL",
            )
            .fetch_all(pool).await?;
            let population_links = sqlx::query_as(
                "SELECT pp.practice_id, pp.population_code FROM practice_populations pp \
                 JOIN practices p ON p.id = pp.practice_id \
                 WHERE p.status = 'published' AND p.withdrawn_at IS NULL",
            )
            .fetch_all(pool).await?;
            (countries, themes, populations, rows, theme_links, population_links)
        });
        let countries = named(countries);
        let themes = named(themes);
        let populations = named(populations);
        let mut terms: BTreeMap<Box<str>, Vec<u32>> = BTreeMap::new();
        for (pos, row) in rows.iter().enumerate() {
            for word in row.4.split(' ').filter(|w| !w.is_empty()) {
                let list = terms.entry(word.into()).or_default();
                if list.last() != Some(&(pos as u32)) {
                    list.push(pos as u32);
                }
            }
        }
        let mut docs: Vec<Doc> = rows
            .into_iter()
            .map(|(id, year, kind, country, _)| Doc {
                id,
                year,
                member: kind == "member",
                country: country
                    .and_then(|c| countries.iter().position(|x| x.code == c))
                    .map_or(u8::MAX, |i| i as u8),
                themes: 0,
                populations: 0,
            })
            .collect();
        // Rows are ordered newest first, not by id: find each practice by a sorted id list.
        let mut by_id: Vec<(i64, usize)> =
            docs.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
        by_id.sort_unstable();
        let slot = |id: i64| {
            by_id
                .binary_search_by_key(&id, |(k, _)| *k)
                .ok()
                .map(|i| by_id[i].1)
        };
        for (id, code) in theme_links {
            if let (Some(i), Some(bit)) = (slot(id), themes.iter().position(|t| t.code == code)) {
                docs[i].themes |= 1 << bit;
            }
        }
        for (id, code) in population_links {
            if let (Some(i), Some(bit)) =
                (slot(id), populations.iter().position(|t| t.code == code))
            {
                docs[i].populations |= 1 << bit;
            }
        }
        Ok(Index {
            version,
            docs,
            countries,
            themes,
            populations,
            terms,
        })
    }

    /// Which practices contain every word of `text` (each as a prefix), as a bit set over
    /// `docs`; `None` when there are no words (everything matches).
    fn text_matches(&self, text: &str) -> Option<Vec<u64>> {
        let words = search_terms(text);
        if words.is_empty() {
            return None;
        }
        let blocks = self.docs.len().div_ceil(64);
        let mut all: Option<Vec<u64>> = None;
        for w in words {
            let mut these = vec![0u64; blocks];
            for (_, list) in self
                .terms
                .range::<str, _>((
                    std::ops::Bound::Included(w.as_str()),
                    std::ops::Bound::Unbounded,
                ))
                .take_while(|(k, _)| k.starts_with(w.as_str()))
            {
                for &pos in list {
                    these[pos as usize / 64] |= 1 << (pos % 64);
                }
            }
            all = Some(match all {
                None => these,
                Some(mut acc) => {
                    acc.iter_mut().zip(&these).for_each(|(a, b)| *a &= b);
                    acc
                }
            });
        }
        all
    }

    /// How many practices the index holds.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// A page of matches (newest first) with facet counts over all matches.
    pub async fn search(
        &self,
        db: &Db,
        q: &PracticeQuery,
        page: u32,
        per_page: u32,
    ) -> Result<PracticeResults, sqlx::Error> {
        let words = self.text_matches(&q.q);
        // A filter on a code nobody uses matches nothing (rather than everything).
        let want_country = q.country.as_ref().map(|c| {
            self.countries
                .iter()
                .position(|x| &x.code == c)
                .map_or(u8::MAX - 1, |i| i as u8)
        });
        let bit_of = |list: &[Named], code: &Option<String>| -> Option<u64> {
            code.as_ref()
                .map(|c| list.iter().position(|x| &x.code == c).map_or(0, |i| 1 << i))
        };
        let want_theme = bit_of(&self.themes, &q.theme);
        let want_population = bit_of(&self.populations, &q.population);
        let want_member = q.submitter.as_deref().map(|s| s == "member");
        let mut country = vec![0u32; self.countries.len()];
        let mut theme = vec![0u32; self.themes.len()];
        let mut population = vec![0u32; self.populations.len()];
        let mut members = 0u32;
        let mut years: Vec<(i32, u32)> = Vec::new();
        let mut total = 0u32;
        let per_page = per_page.max(1);
        let skip = (page.max(1) - 1) as usize * per_page as usize;
        let mut ids = Vec::with_capacity(per_page as usize);
        for (pos, d) in self.docs.iter().enumerate() {
            if want_country.is_some_and(|c| d.country != c)
                || want_theme.is_some_and(|b| d.themes & b == 0)
                || want_population.is_some_and(|b| d.populations & b == 0)
                || want_member.is_some_and(|m| d.member != m)
                || q.year.is_some_and(|y| d.year != y)
                || words
                    .as_ref()
                    .is_some_and(|w| w[pos / 64] & (1 << (pos % 64)) == 0)
            {
                continue;
            }
            if (total as usize) >= skip && ids.len() < per_page as usize {
                ids.push(d.id);
            }
            total += 1;
            if d.member {
                members += 1;
            } else if let Some(n) = country.get_mut(d.country as usize) {
                *n += 1;
            }
            let mut bits = d.themes;
            while bits != 0 {
                let i = bits.trailing_zeros() as usize;
                theme[i] += 1;
                bits &= bits - 1;
            }
            let mut bits = d.populations;
            while bits != 0 {
                let i = bits.trailing_zeros() as usize;
                population[i] += 1;
                bits &= bits - 1;
            }
            // Docs come newest first, so equal years are adjacent.
            match years.last_mut() {
                Some((y, n)) if *y == d.year => *n += 1,
                _ => years.push((d.year, 1)),
            }
        }
        let counts = |list: &[Named], n: &[u32]| -> Vec<FacetCount> {
            let mut v: Vec<FacetCount> = list
                .iter()
                .zip(n)
                .filter(|(_, n)| **n > 0)
                .map(|(x, n)| FacetCount {
                    code: x.code.clone(),
                    name_es: x.name_es.clone(),
                    name_en: x.name_en.clone(),
                    count: *n,
                })
                .collect();
            v.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
            v
        };
        let plain = |code: &str, count: u32| FacetCount {
            code: code.to_string(),
            name_es: String::new(),
            name_en: String::new(),
            count,
        };
        let mut submitter = Vec::new();
        if total > members {
            submitter.push(plain("country", total - members));
        }
        if members > 0 {
            submitter.push(plain("member", members));
        }
        submitter.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(&b.code)));
        // Several years can repeat out of order only if ties break oddly; merge to be sure.
        years.sort_by_key(|y| std::cmp::Reverse(y.0));
        years.dedup_by(|a, b| {
            if a.0 == b.0 {
                b.1 += a.1;
                true
            } else {
                false
            }
        });
        let items = summaries(db, &ids).await?;
        Ok(PracticeResults {
            items,
            total,
            page: page.max(1),
            per_page,
            facets: Facets {
                country: counts(&self.countries, &country),
                theme: counts(&self.themes, &theme),
                population: counts(&self.populations, &population),
                submitter,
                year: years
                    .into_iter()
                    .map(|(y, n)| plain(&y.to_string(), n))
                    .collect(),
            },
        })
    }
}
