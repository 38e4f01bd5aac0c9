//! The country page: everything the platform holds about one MIRPS country, in short, with the
//! way to each full list.

use super::{
    ContributionSummary, CountryProfile, EventSummaryItem, InventoryEntry, Named, Offer, PlanLine,
    PlanSummary, PracticeSummary, Totals,
};
use serde::{Deserialize, Serialize};

/// How many items each section of the country page shows before "see all".
pub const COUNTRY_PAGE_ITEMS: usize = 5;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryPage {
    pub profile: CountryProfile,
    /// The country's National Action Plan, when it has one on record.
    pub plan: Option<CountryPlan>,
    /// What the ledger holds for the country (all years, withdrawn records left out).
    pub received: Totals,
    /// The latest contributions by decision date.
    pub recent: Vec<ContributionSummary>,
    /// Services, programmes and gaps of its inventory.
    pub inventory: InventoryCounts,
    /// Its open gaps, the most severe first.
    pub gaps: Vec<InventoryEntry>,
    /// Its published good practices, newest first, and how many there are.
    pub practices: Vec<PracticeSummary>,
    pub practices_total: u32,
    /// Upcoming events it hosts or takes part in.
    pub events: Vec<EventSummaryItem>,
    /// Offers still available to it (naming it, or the whole region) and how many there are.
    pub offers: Vec<Offer>,
    pub offers_total: usize,
    /// Names of the countries and themes the items use.
    pub countries: Vec<Named>,
    pub themes: Vec<Named>,
}

/// A plan in short: its header, its totals and the lines that miss the most.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryPlan {
    pub summary: PlanSummary,
    /// Sums over every line (USD cents), and the offers in discussion over every line.
    pub required_usd: i64,
    pub funded_usd: i64,
    pub pledged_usd: i64,
    pub offered_usd: i64,
    pub offers_in_discussion: i64,
    /// Funded to the country without naming a line (USD cents).
    pub unlinked_funded_usd: i64,
    /// The lines with the most still missing.
    pub top_lines: Vec<PlanLine>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InventoryCounts {
    pub services: u32,
    pub programmes: u32,
    pub gaps: u32,
    pub open_gaps: u32,
}
