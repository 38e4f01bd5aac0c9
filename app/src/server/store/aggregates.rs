//! Fast aggregates over the ledger.
//!
//! The summary table `contribution_cube` (kept up to date by every write, see `contributions`)
//! has one row per (year, donor, recipient, pillar, kind, mechanism, sector, working group,
//! status) cell: tens of thousands of
//! rows even for a million contributions. Each app server keeps a copy in memory, reloaded when
//! `contributions_version` moves (one indexed lookup per request), and caches computed results
//! per (version, filter). A group-by over all rows is then a scan of the cells in memory, or a
//! cache hit.

use super::contributions::{data_version, stale_pledges};
use crate::model::{
    AggregateRow, ContributionFilter, ContributionKind, CountryCoverage, DashboardData,
    FinancingMechanism, Flow, GroupBy, Status, Totals,
};
use crate::on_db;
use crate::server::store::Db;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, RwLock};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Cell {
    pub year: i32,
    pub donor_code: String,
    pub recipient: String,
    pub pillar: i32,
    pub kind: String,
    pub mechanism: String,
    pub sector: String,
    pub working_group: String,
    pub status: String,
    pub n: i64,
    pub n_example: i64,
    pub pledged_usd: i64,
    pub committed_usd: i64,
    pub disbursed_usd: i64,
    pub implemented_usd: i64,
    pub funded_usd: i64,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Requirement {
    pub country_iso2: String,
    pub pillar: i32,
    pub year: i32,
    pub amount_usd: i64,
    pub is_example: bool,
    /// Summed from a plan's costed lines (else a figure entered directly).
    pub from_lines: bool,
    pub updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// A country's requirement under a filter, and where it comes from.
#[derive(Clone, Debug, Default)]
struct Required {
    usd: i64,
    example: bool,
    from_lines: bool,
    direct: bool,
    updated_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Names for group keys, in both languages.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub donors: HashMap<String, (String, String)>,
    /// ISO alpha-2 -> (iso3, es, en), in the strategy's order.
    pub countries: Vec<(String, String, String, String)>,
    pub pillars: HashMap<i32, (String, String)>,
    /// (code, es, en) of every sector and working group, in their lists' order.
    pub sectors: Vec<(String, String, String)>,
    pub working_groups: Vec<(String, String, String)>,
}

impl Names {
    fn country(&self, iso2: &str) -> (String, String) {
        if iso2.is_empty() {
            return ("Regional".into(), "Regional".into());
        }
        self.countries
            .iter()
            .find(|c| c.0 == iso2)
            .map(|c| (c.2.clone(), c.3.clone()))
            .unwrap_or_else(|| (iso2.to_string(), iso2.to_string()))
    }

    fn name(&self, group: GroupBy, key: &str) -> (String, String) {
        match group {
            GroupBy::Donor => self
                .donors
                .get(key)
                .cloned()
                .unwrap_or_else(|| (key.into(), key.into())),
            GroupBy::Country => self.country(key),
            GroupBy::Pillar => match key.parse::<i32>().ok().and_then(|p| self.pillars.get(&p)) {
                Some(n) => n.clone(),
                None => ("Sin pilar".into(), "No pillar".into()),
            },
            GroupBy::Kind => match ContributionKind::from_code(key) {
                Some(k) => (
                    k.name(crate::i18n::Lang::Es).into(),
                    k.name(crate::i18n::Lang::En).into(),
                ),
                None => (key.into(), key.into()),
            },
            GroupBy::Mechanism => match FinancingMechanism::from_code(key) {
                Some(m) => (
                    m.name(crate::i18n::Lang::Es).into(),
                    m.name(crate::i18n::Lang::En).into(),
                ),
                None => ("No indicado".into(), "Not stated".into()),
            },
            GroupBy::Status => match Status::from_code(key) {
                Some(s) => (
                    s.name(crate::i18n::Lang::Es).into(),
                    s.name(crate::i18n::Lang::En).into(),
                ),
                None => (key.into(), key.into()),
            },
            GroupBy::Year => (key.into(), key.into()),
        }
    }
}

/// The in-memory copy of the summary table at one data version.
#[derive(Debug)]
pub struct Cube {
    pub version: i64,
    pub cells: Vec<Cell>,
    pub requirements: Vec<Requirement>,
    pub names: Names,
}

fn matches(f: &ContributionFilter, c: &Cell) -> bool {
    f.year_from.is_none_or(|y| c.year >= y)
        && f.year_to.is_none_or(|y| c.year <= y)
        && f.donor
            .as_deref()
            .is_none_or(|d| d.is_empty() || c.donor_code == d)
        && match f.country.as_deref() {
            Some("regional") => c.recipient.is_empty(),
            Some(iso) if !iso.is_empty() => c.recipient == iso,
            _ => true,
        }
        && f.pillar.is_none_or(|p| c.pillar == p)
        && f.kind
            .as_deref()
            .is_none_or(|k| k.is_empty() || c.kind == k)
        && f.status
            .as_deref()
            .is_none_or(|s| s.is_empty() || c.status == s)
        && f.mechanism
            .as_deref()
            .is_none_or(|m| m.is_empty() || c.mechanism == m)
        && f.sector
            .as_deref()
            .is_none_or(|s| s.is_empty() || c.sector == s)
        && f.working_group
            .as_deref()
            .is_none_or(|g| g.is_empty() || c.working_group == g)
}

fn key_of(group: GroupBy, c: &Cell) -> String {
    match group {
        GroupBy::Donor => c.donor_code.clone(),
        GroupBy::Country => c.recipient.clone(),
        GroupBy::Pillar => c.pillar.to_string(),
        GroupBy::Kind => c.kind.clone(),
        GroupBy::Mechanism => c.mechanism.clone(),
        GroupBy::Status => c.status.clone(),
        GroupBy::Year => c.year.to_string(),
    }
}

/// Adds a cell's count and money to a row or to the totals (they name their sums alike). Money
/// saturates rather than wrapping: a sum can never turn negative, whatever the data.
macro_rules! add_cell {
    ($sum:expr, $c:expr) => {{
        $sum.count += $c.n;
        $sum.pledged_usd = $sum.pledged_usd.saturating_add($c.pledged_usd);
        $sum.committed_usd = $sum.committed_usd.saturating_add($c.committed_usd);
        $sum.disbursed_usd = $sum.disbursed_usd.saturating_add($c.disbursed_usd);
        $sum.implemented_usd = $sum.implemented_usd.saturating_add($c.implemented_usd);
        $sum.funded_usd = $sum.funded_usd.saturating_add($c.funded_usd);
    }};
}

fn add(row: &mut AggregateRow, c: &Cell) {
    add_cell!(row, c);
}

impl Cube {
    pub fn totals(&self, f: &ContributionFilter) -> Totals {
        let mut t = Totals::default();
        for c in self.cells.iter().filter(|c| matches(f, c)) {
            add_cell!(t, c);
            t.example_count += c.n_example;
        }
        t.required_usd = crate::model::sum_money(self.required(f).values().map(|r| r.usd));
        t
    }

    /// Requirements per country under the filter's years, country and pillar.
    fn required(&self, f: &ContributionFilter) -> BTreeMap<String, Required> {
        let mut out: BTreeMap<String, Required> = BTreeMap::new();
        for r in &self.requirements {
            let ok = f.year_from.is_none_or(|y| r.year >= y)
                && f.year_to.is_none_or(|y| r.year <= y)
                && f.pillar.is_none_or(|p| r.pillar == p)
                && match f.country.as_deref() {
                    Some("regional") => false,
                    Some(iso) if !iso.is_empty() => r.country_iso2 == iso,
                    _ => true,
                };
            if ok {
                let e = out.entry(r.country_iso2.clone()).or_default();
                e.usd = e.usd.saturating_add(r.amount_usd);
                e.example |= r.is_example;
                e.from_lines |= r.from_lines;
                e.direct |= !r.from_lines;
                e.updated_at = e.updated_at.max(r.updated_at);
            }
        }
        out
    }

    pub fn group(&self, f: &ContributionFilter, group: GroupBy) -> Vec<AggregateRow> {
        let mut map: HashMap<String, AggregateRow> = HashMap::new();
        for c in self.cells.iter().filter(|c| matches(f, c)) {
            let key = key_of(group, c);
            let row = map.entry(key.clone()).or_insert_with(|| {
                let (es, en) = self.names.name(group, &key);
                AggregateRow {
                    key,
                    name_es: es,
                    name_en: en,
                    count: 0,
                    pledged_usd: 0,
                    committed_usd: 0,
                    disbursed_usd: 0,
                    implemented_usd: 0,
                    funded_usd: 0,
                }
            });
            add(row, c);
        }
        let mut rows: Vec<AggregateRow> = map.into_values().collect();
        match group {
            GroupBy::Year | GroupBy::Pillar => rows.sort_by(|a, b| a.key.cmp(&b.key)),
            GroupBy::Status => rows.sort_by_key(|r| Status::from_code(&r.key)),
            GroupBy::Kind => rows.sort_by_key(|r| ContributionKind::from_code(&r.key)),
            // Not said (`''`) last.
            GroupBy::Mechanism => {
                rows.sort_by_key(|r| (r.key.is_empty(), FinancingMechanism::from_code(&r.key)))
            }
            _ => rows.sort_by(|a, b| {
                b.pledged_usd
                    .max(b.funded_usd)
                    .cmp(&a.pledged_usd.max(a.funded_usd))
                    .then(a.key.cmp(&b.key))
            }),
        }
        rows
    }

    /// Donor -> country and country -> pillar links, valued by what was mobilised (the larger of
    /// pledged and funded in each cell).
    pub fn flows(&self, f: &ContributionFilter) -> Vec<Flow> {
        let mut dc: BTreeMap<(String, String), i64> = BTreeMap::new();
        let mut cp: BTreeMap<(String, i32), i64> = BTreeMap::new();
        for c in self.cells.iter().filter(|c| matches(f, c)) {
            let v = c.pledged_usd.max(c.funded_usd);
            if v <= 0 {
                continue;
            }
            let d = dc
                .entry((c.donor_code.clone(), c.recipient.clone()))
                .or_default();
            *d = d.saturating_add(v);
            let p = cp.entry((c.recipient.clone(), c.pillar)).or_default();
            *p = p.saturating_add(v);
        }
        let flow = |(source_es, source_en): (String, String),
                    (target_es, target_en): (String, String),
                    usd: i64| Flow {
            source_es,
            source_en,
            target_es,
            target_en,
            usd,
        };
        let donors = dc.into_iter().map(|((d, r), v)| {
            flow(
                self.names.name(GroupBy::Donor, &d),
                self.names.country(&r),
                v,
            )
        });
        let pillars = cp.into_iter().map(|((r, p), v)| {
            flow(
                self.names.country(&r),
                self.names.name(GroupBy::Pillar, &p.to_string()),
                v,
            )
        });
        donors.chain(pillars).collect()
    }

    pub fn coverage(&self, f: &ContributionFilter) -> Vec<CountryCoverage> {
        let required = self.required(f);
        let funded: HashMap<String, i64> = self
            .group(f, GroupBy::Country)
            .into_iter()
            .map(|r| (r.key, r.funded_usd))
            .collect();
        self.names
            .countries
            .iter()
            .filter(|(iso2, ..)| match f.country.as_deref() {
                Some("regional") => false,
                Some(c) if !c.is_empty() => c == iso2,
                _ => true,
            })
            .map(|(iso2, iso3, es, en)| {
                let req = required.get(iso2).cloned().unwrap_or_default();
                CountryCoverage {
                    iso2: iso2.clone(),
                    iso3: iso3.clone(),
                    name_es: es.clone(),
                    name_en: en.clone(),
                    required_usd: req.usd,
                    funded_usd: funded.get(iso2).copied().unwrap_or(0),
                    requirement_is_example: req.example,
                    requirement_from_plan: req.from_lines,
                    requirement_direct: req.direct,
                    requirement_updated: req.updated_at.map(|t| t.date_naive().to_string()),
                }
            })
            .collect()
    }
}

type DashboardKey = (i64, ContributionFilter, NaiveDate);
type GroupKey = (i64, ContributionFilter, GroupBy);

/// Shared by every request (in `AppState`): the cube and computed results at the current version.
#[derive(Debug, Default)]
pub struct AggregateCache {
    cube: RwLock<Option<Arc<Cube>>>,
    groups: Results<GroupKey, Vec<AggregateRow>>,
    dashboards: Results<DashboardKey, DashboardData>,
}

/// Results kept per version; the maps are cleared when the version moves or they grow past this.
const MAX_CACHED: usize = 4096;

/// Computed results keyed by (data version, request...), shared between requests.
#[derive(Debug)]
struct Results<K, V>(Mutex<HashMap<K, Arc<V>>>);

impl<K, V> Default for Results<K, V> {
    fn default() -> Self {
        Results(Mutex::new(HashMap::new()))
    }
}

impl<K: std::hash::Hash + Eq, V> Results<K, V> {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<K, Arc<V>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn get(&self, key: &K) -> Option<Arc<V>> {
        self.map().get(key).cloned()
    }

    /// Keeps `value` for `key` (emptying the map first when it has grown past [`MAX_CACHED`]).
    fn put(&self, key: K, value: V) -> Arc<V> {
        let value = Arc::new(value);
        let mut map = self.map();
        if map.len() > MAX_CACHED {
            map.clear();
        }
        map.insert(key, value.clone());
        value
    }
}

impl AggregateCache {
    /// The cube at the database's current version, reloading it if the ledger changed.
    pub async fn cube(&self, db: &Db) -> Result<Arc<Cube>, sqlx::Error> {
        let version = data_version(db).await?;
        if let Some(c) = self.cube.read().unwrap_or_else(|p| p.into_inner()).as_ref() {
            if c.version == version {
                return Ok(c.clone());
            }
        }
        let cube = Arc::new(load(db, version).await?);
        *self.cube.write().unwrap_or_else(|p| p.into_inner()) = Some(cube.clone());
        self.groups.map().retain(|k, _| k.0 == version);
        self.dashboards.map().retain(|k, _| k.0 == version);
        Ok(cube)
    }

    pub async fn group(
        &self,
        db: &Db,
        f: &ContributionFilter,
        g: GroupBy,
    ) -> Result<Arc<Vec<AggregateRow>>, sqlx::Error> {
        let cube = self.cube(db).await?;
        let key = (cube.version, f.clone(), g);
        if let Some(hit) = self.groups.get(&key) {
            return Ok(hit);
        }
        Ok(self.groups.put(key, cube.group(f, g)))
    }

    pub async fn totals(&self, db: &Db, f: &ContributionFilter) -> Result<Totals, sqlx::Error> {
        Ok(self.cube(db).await?.totals(f))
    }

    /// Everything the dashboard draws, for `f`, with pledges older than `stale_months` listed.
    pub async fn dashboard(
        &self,
        db: &Db,
        f: &ContributionFilter,
        today: NaiveDate,
        stale_months: u32,
    ) -> Result<Arc<DashboardData>, sqlx::Error> {
        let cube = self.cube(db).await?;
        let key = (cube.version, f.clone(), today);
        if let Some(hit) = self.dashboards.get(&key) {
            return Ok(hit);
        }
        let stale = stale_pledges(db, f, today, stale_months, 50).await?;
        let mut donors: Vec<(String, String, String)> = cube
            .names
            .donors
            .iter()
            .filter(|(code, _)| cube.cells.iter().any(|c| &c.donor_code == *code))
            .map(|(code, (es, en))| (code.clone(), es.clone(), en.clone()))
            .collect();
        donors.sort_by(|a, b| a.2.cmp(&b.2));
        let mut years: Vec<i32> = cube.cells.iter().map(|c| c.year).collect();
        years.sort_unstable();
        years.dedup();
        let data = DashboardData {
            totals: cube.totals(f),
            by_donor: cube.group(f, GroupBy::Donor),
            by_country: cube.group(f, GroupBy::Country),
            by_pillar: cube.group(f, GroupBy::Pillar),
            by_kind: cube.group(f, GroupBy::Kind),
            by_mechanism: cube.group(f, GroupBy::Mechanism),
            by_status: cube.group(f, GroupBy::Status),
            by_year: cube.group(f, GroupBy::Year),
            flows: cube.flows(f),
            coverage: cube.coverage(f),
            stale,
            stale_months,
            donors,
            years,
            sectors: cube.names.sectors.clone(),
            working_groups: cube.names.working_groups.clone(),
        };
        Ok(self.dashboards.put(key, data))
    }
}

async fn load(db: &Db, version: i64) -> Result<Cube, sqlx::Error> {
    let cells: Vec<Cell> = on_db!(db, pool => sqlx::query_as(
        "SELECT year, donor_code, recipient, pillar, kind, mechanism, sector, working_group, status, \
         n, n_example, pledged_usd, \
         committed_usd, disbursed_usd, implemented_usd, funded_usd FROM contribution_cube WHERE n <> 0",
    )
    .fetch_all(pool)
    .await)?;
    // A plan's costed lines give a country's requirement for a pillar and year; a figure entered
    // directly stands only where no line has one.
    let requirements: Vec<Requirement> = on_db!(db, pool => sqlx::query_as(
        "SELECT r.country_iso2, r.pillar, r.year, r.amount_usd, r.is_example, \
         FALSE AS from_lines, r.updated_at FROM requirements r \
         WHERE NOT EXISTS (SELECT 1 FROM plan_requirements q JOIN plan_lines l ON l.id = q.line_id \
         JOIN plans p ON p.id = l.plan_id WHERE p.country_iso2 = r.country_iso2 \
         AND l.pillar = r.pillar AND q.year = r.year AND l.withdrawn_at IS NULL) \
         UNION ALL \
         SELECT p.country_iso2, l.pillar, q.year, CAST(SUM(q.amount_usd) AS BIGINT), l.is_example, \
         TRUE, MAX(q.updated_at) \
         FROM plan_requirements q JOIN plan_lines l ON l.id = q.line_id \
         JOIN plans p ON p.id = l.plan_id WHERE l.withdrawn_at IS NULL \
         GROUP BY p.country_iso2, l.pillar, q.year, l.is_example",
    )
    .fetch_all(pool)
    .await)?;
    let donors: Vec<(String, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT code, name_es, name_en FROM organisations",
    )
    .fetch_all(pool)
    .await)?;
    let countries: Vec<(String, String, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT iso2, iso3, name_es, name_en FROM countries ORDER BY sort_order",
    )
    .fetch_all(pool)
    .await)?;
    let pillars: Vec<(i32, String, String)> = on_db!(db, pool => sqlx::query_as("SELECT code, name_es, name_en FROM pillars").fetch_all(pool).await)?;
    let sectors: Vec<(String, String, String)> = on_db!(db, pool => sqlx::query_as("SELECT code, name_es, name_en FROM sectors ORDER BY sort_order").fetch_all(pool).await)?;
    let working_groups: Vec<(String, String, String)> = on_db!(db, pool => sqlx::query_as("SELECT code, name_es, name_en FROM working_groups ORDER BY sort_order").fetch_all(pool).await)?;
    Ok(Cube {
        version,
        cells,
        requirements,
        names: Names {
            donors: donors
                .into_iter()
                .map(|(c, es, en)| (c, (es, en)))
                .collect(),
            countries,
            pillars: pillars
                .into_iter()
                .map(|(c, es, en)| (c, (es, en)))
                .collect(),
            sectors,
            working_groups,
        },
    })
}
