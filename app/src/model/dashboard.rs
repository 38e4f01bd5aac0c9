//! The dashboard's figures: aggregates by dimension, totals with coverage and gap, the
//! donor -> country -> pillar flows and coverage per country, with the money formats they use.

use super::ContributionSummary;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A group of an aggregate: its key, name and money, in USD cents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AggregateRow {
    pub key: String,
    pub name_es: String,
    pub name_en: String,
    pub count: i64,
    pub pledged_usd: i64,
    pub committed_usd: i64,
    pub disbursed_usd: i64,
    pub implemented_usd: i64,
    pub funded_usd: i64,
}

/// Headline money of a view, in USD cents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Totals {
    pub count: i64,
    pub pledged_usd: i64,
    pub committed_usd: i64,
    pub disbursed_usd: i64,
    pub implemented_usd: i64,
    pub funded_usd: i64,
    pub required_usd: i64,
    pub example_count: i64,
}

impl Totals {
    /// Coverage = funded / required, in basis points (10000 = 100%); `None` with no requirement.
    pub fn coverage_bp(&self) -> Option<i64> {
        (self.required_usd > 0)
            .then(|| (self.funded_usd as i128 * 10_000 / self.required_usd as i128) as i64)
    }

    /// Gap = required - funded (never negative).
    pub fn gap_usd(&self) -> i64 {
        (self.required_usd - self.funded_usd).max(0)
    }
}

/// Formats USD cents for people: "USD 6.3 M", "USD 950 k", "USD 12,345".
pub fn format_usd(cents: i64, lang: Lang) -> String {
    let dollars = cents / 100;
    let abs = dollars.unsigned_abs();
    let (dec_sep, _) = match lang {
        Lang::Es => (',', '.'),
        Lang::En => ('.', ','),
    };
    if abs >= 1_000_000_000 {
        let tenths = (abs + 50_000_000) / 100_000_000;
        format!(
            "USD {}{}{} {}",
            tenths / 10,
            dec_sep,
            tenths % 10,
            if lang == Lang::Es { "mil M" } else { "bn" }
        )
    } else if abs >= 1_000_000 {
        let tenths = (abs + 50_000) / 100_000;
        format!("USD {}{}{} M", tenths / 10, dec_sep, tenths % 10)
    } else {
        format!("USD {}", lang.format_int(dollars))
    }
}

/// Formats basis points as a percentage with one decimal: 2345 -> "23.5%" / "23,5 %".
pub fn format_bp(bp: i64, lang: Lang) -> String {
    let tenths = (bp + 5) / 10;
    match lang {
        Lang::Es => format!("{},{} %", tenths / 10, tenths % 10),
        Lang::En => format!("{}.{}%", tenths / 10, tenths % 10),
    }
}

coded_enum!(
    /// How an aggregate groups contributions.
    GroupBy {
        Donor => "donor", "Donante", "Donor";
        Country => "country", "País", "Country";
        Pillar => "pillar", "Pilar", "Pillar";
        Kind => "kind", "Tipo", "Kind";
        Mechanism => "mechanism", "Mecanismo de financiación", "Financing mechanism";
        Status => "status", "Estado", "Status";
        Year => "year", "Año", "Year";
    }
);

/// One link of the donor -> country -> pillar flow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    pub source_es: String,
    pub source_en: String,
    pub target_es: String,
    pub target_en: String,
    pub usd: i64,
}

/// Requirements against funding for one country.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryCoverage {
    pub iso2: String,
    pub iso3: String,
    pub name_es: String,
    pub name_en: String,
    pub required_usd: i64,
    pub funded_usd: i64,
    pub requirement_is_example: bool,
    /// Some of the requirement is the sum of the country's costed plan lines.
    pub requirement_from_plan: bool,
    /// Some of it is a figure entered directly (where no line carries one).
    pub requirement_direct: bool,
    /// When a figure of it last changed (`YYYY-MM-DD`), where known.
    pub requirement_updated: Option<String>,
}

/// Everything the public dashboard shows for one filter, in one round trip.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardData {
    pub totals: Totals,
    pub by_donor: Vec<AggregateRow>,
    pub by_country: Vec<AggregateRow>,
    pub by_pillar: Vec<AggregateRow>,
    pub by_kind: Vec<AggregateRow>,
    pub by_mechanism: Vec<AggregateRow>,
    pub by_status: Vec<AggregateRow>,
    pub by_year: Vec<AggregateRow>,
    pub flows: Vec<Flow>,
    pub coverage: Vec<CountryCoverage>,
    pub stale: Vec<ContributionSummary>,
    pub stale_months: u32,
    /// Options for the filter form: every donor and year present in the ledger.
    pub donors: Vec<(String, String, String)>,
    pub years: Vec<i32>,
    /// (code, Spanish, English) of every sector and working group, for the filter form.
    pub sectors: Vec<(String, String, String)>,
    pub working_groups: Vec<(String, String, String)>,
}
