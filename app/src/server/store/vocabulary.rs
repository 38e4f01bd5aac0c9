//! The reference lists every form, check and figure draws on (countries, organisations, pillars,
//! sectors, working groups, themes, population groups), read in one go and kept in memory per
//! `reference_version`: the one way the application reads them. Forms offer these lists, the
//! validators check codes against them and the aggregates take their names from them.

use super::versions::{self, Dataset};
use crate::model::{named, Country, Named, OrgRole, Organisation};
use crate::on_db;
use crate::server::store::Db;
use std::sync::{Arc, RwLock};

/// Every reference list, in its display order.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    pub version: i64,
    pub countries: Vec<Country>,
    pub organisations: Vec<Organisation>,
    pub pillars: Vec<Named>,
    pub sectors: Vec<Named>,
    pub working_groups: Vec<Named>,
    pub themes: Vec<Named>,
    pub populations: Vec<Named>,
}

fn has(list: &[Named], code: &str) -> bool {
    list.iter().any(|n| n.code == code)
}

impl Vocabulary {
    /// Reads every list from the database.
    pub async fn load(db: &Db) -> Result<Vocabulary, sqlx::Error> {
        let version = versions::current(db, Dataset::Reference).await?;
        let countries = super::reference::countries(db).await?;
        let organisations = super::reference::all_organisations(db).await?;
        type Rows = Vec<(String, String, String)>;
        let (pillars, sectors, groups, themes, populations): (Rows, Rows, Rows, Rows, Rows) = on_db!(db, pool => {
            let p = sqlx::query_as("SELECT CAST(code AS TEXT), name_es, name_en FROM pillars ORDER BY code")
                .fetch_all(pool).await?;
            let s = sqlx::query_as("SELECT code, name_es, name_en FROM sectors ORDER BY sort_order")
                .fetch_all(pool).await?;
            let w = sqlx::query_as("SELECT code, name_es, name_en FROM working_groups ORDER BY sort_order")
                .fetch_all(pool).await?;
            let t = sqlx::query_as("SELECT code, name_es, name_en FROM themes ORDER BY sort_order")
                .fetch_all(pool).await?;
            let g = sqlx::query_as("SELECT code, name_es, name_en FROM population_groups ORDER BY sort_order")
                .fetch_all(pool).await?;
            (p, s, w, t, g)
        });
        Ok(Vocabulary {
            version,
            countries,
            organisations,
            pillars: named(pillars),
            sectors: named(sectors),
            working_groups: named(groups),
            themes: named(themes),
            populations: named(populations),
        })
    }

    /// The MIRPS countries as (code, names).
    pub fn country_names(&self) -> Vec<Named> {
        self.countries
            .iter()
            .map(|c| Named {
                code: c.iso2.clone(),
                name_es: c.name_es.clone(),
                name_en: c.name_en.clone(),
            })
            .collect()
    }

    /// The organisations playing `role`, as (code, names).
    pub fn organisation_names(&self, roles: &[OrgRole]) -> Vec<Named> {
        self.organisations
            .iter()
            .filter(|o| roles.contains(&o.role))
            .map(|o| Named {
                code: o.code.clone(),
                name_es: o.name_es.clone(),
                name_en: o.name_en.clone(),
            })
            .collect()
    }

    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso2 == iso2)
    }

    /// The ISO alpha-2 code of a country given by its alpha-2 or alpha-3 code (any case).
    pub fn country_code(&self, code: &str) -> Option<&str> {
        let code = code.trim().to_ascii_uppercase();
        self.countries
            .iter()
            .find(|c| c.iso2 == code || c.iso3 == code)
            .map(|c| c.iso2.as_str())
    }

    pub fn organisation(&self, code: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.code == code)
    }

    pub fn has_sector(&self, code: &str) -> bool {
        has(&self.sectors, code)
    }

    pub fn has_working_group(&self, code: &str) -> bool {
        has(&self.working_groups, code)
    }

    pub fn has_theme(&self, code: &str) -> bool {
        has(&self.themes, code)
    }

    pub fn has_population(&self, code: &str) -> bool {
        has(&self.populations, code)
    }
}

/// Shared by every request (in `AppState`): the vocabulary at the current reference version.
#[derive(Debug, Default)]
pub struct VocabularyCache {
    current: RwLock<Option<Arc<Vocabulary>>>,
}

impl VocabularyCache {
    /// The lists at the database's current reference version, read again when they changed.
    pub async fn get(&self, db: &Db) -> Result<Arc<Vocabulary>, sqlx::Error> {
        let version = versions::current(db, Dataset::Reference).await?;
        if let Some(v) = self
            .current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
        {
            if v.version == version {
                return Ok(v.clone());
            }
        }
        let fresh = Arc::new(Vocabulary::load(db).await?);
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Some(fresh.clone());
        Ok(fresh)
    }
}

#[cfg(test)]
impl Vocabulary {
    /// A vocabulary of bare codes (names repeat the code), for unit tests of the checks.
    pub fn of_codes(
        countries: &[(&str, &str)],
        organisations: &[&str],
        sectors: &[&str],
        themes: &[&str],
    ) -> Vocabulary {
        let named = |codes: &[&str]| -> Vec<Named> {
            codes
                .iter()
                .map(|c| Named {
                    code: c.to_string(),
                    name_es: c.to_string(),
                    name_en: c.to_string(),
                })
                .collect()
        };
        Vocabulary {
            countries: countries
                .iter()
                .map(|(iso2, iso3)| Country {
                    iso2: iso2.to_string(),
                    iso3: iso3.to_string(),
                    name_es: iso2.to_string(),
                    name_en: iso2.to_string(),
                    joined_year: 2017,
                })
                .collect(),
            organisations: organisations
                .iter()
                .map(|c| Organisation {
                    code: c.to_string(),
                    name_es: c.to_string(),
                    name_en: c.to_string(),
                    short_es: c.to_string(),
                    short_en: c.to_string(),
                    iati_type: 10,
                    role: OrgRole::Member,
                    is_example: false,
                })
                .collect(),
            sectors: named(sectors),
            themes: named(themes),
            ..Vocabulary::default()
        }
    }
}
