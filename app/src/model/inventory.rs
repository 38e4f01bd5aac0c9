//! The local-integration inventory: services, programmes and gaps per country and theme, and
//! the regional matrix (types shared by the browser and the server).

use super::Named;
use serde::{Deserialize, Serialize};

coded_enum!(
    /// What an inventory entry records.
    EntryType {
        Service => "service", "Servicio", "Service";
        Programme => "programme", "Programa", "Programme";
        Gap => "gap", "Brecha", "Gap";
    }
);

coded_enum!(
    /// Where an inventory entry stands.
    EntryStatus {
        Planned => "planned", "Planificado", "Planned";
        Active => "active", "Vigente", "Active";
        Ended => "ended", "Terminado", "Ended";
    }
);

coded_enum!(
    /// How serious a gap is.
    Severity {
        Low => "low", "Baja", "Low";
        Medium => "medium", "Media", "Medium";
        High => "high", "Alta", "High";
        Critical => "critical", "Crítica", "Critical";
    }
);

/// One service, programme or gap in a country.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InventoryEntry {
    pub id: i64,
    pub country_iso2: String,
    pub entry_type: EntryType,
    pub theme_code: String,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    pub admin1: String,
    pub provider: String,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub status: String,
    pub severity: Option<Severity>,
    pub priority: Option<i32>,
    pub populations: Vec<String>,
    pub is_example: bool,
    /// Moves on every change; an edit made from an older version is refused.
    pub version: i64,
}

/// One country x theme cell of the regional matrix (entries still planned or active).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MatrixCell {
    pub country: String,
    pub theme: String,
    pub services: u32,
    pub programmes: u32,
    pub gaps: u32,
    pub worst_gap: Option<Severity>,
}

/// Where services exist and where gaps are, across the region.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InventoryMatrix {
    pub countries: Vec<Named>,
    pub themes: Vec<Named>,
    pub cells: Vec<MatrixCell>,
}

impl InventoryMatrix {
    pub fn cell(&self, country: &str, theme: &str) -> Option<&MatrixCell> {
        self.cells
            .iter()
            .find(|c| c.country == country && c.theme == theme)
    }
}

/// A gap of the inventory as a practice or a topic refers to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapRef {
    pub id: i64,
    pub country_iso2: String,
    pub title_es: String,
    pub title_en: String,
    pub severity: Option<Severity>,
}

/// An inventory entry as a focal point fills the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntryInput {
    /// 0 for a new entry.
    pub id: i64,
    pub version: i64,
    pub country: String,
    pub entry_type: String,
    pub theme: String,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    pub admin1: String,
    pub provider: String,
    pub period_start: String,
    pub period_end: String,
    pub status: String,
    pub severity: String,
    pub priority: String,
    pub populations: std::collections::BTreeMap<String, String>,
}

/// A country's inventory as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryInventory {
    pub country: Named,
    pub themes: Vec<Named>,
    pub populations: Vec<Named>,
    pub entries: Vec<InventoryEntry>,
    /// Published practices that address each gap: (gap id, practice).
    pub practices: Vec<(i64, super::PracticeRef)>,
    /// The reader keeps this country's inventory (its focal points, the secretariat).
    pub can_edit: bool,
}

/// Filters of the inventory's open data (both optional): one country, one theme.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
#[serde(default)]
pub struct InventoryQuery {
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// Theme code.
    pub theme: String,
}

impl super::query::Filter for InventoryQuery {
    const KEYS: &'static [&'static str] = &["country", "theme"];

    fn read(&mut self, key: &str, v: &str, r: &mut super::query::QueryReader) {
        match key {
            "country" => self.country = r.country(key, v).unwrap_or_default(),
            "theme" => self.theme = r.code(key, v).unwrap_or_default(),
            _ => {}
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        [("country", &self.country), ("theme", &self.theme)]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k, v.clone()))
            .collect()
    }
}
