//! National Action Plans: a country's plan, its commitment lines with their costed requirements
//! per year (original figure and revisions) and dated status notes (types shared by the browser
//! and the server).

use super::Named;
use serde::{Deserialize, Serialize};

coded_enum!(
    /// Where a commitment line of a plan stands.
    LineStatus {
        NotStarted => "not_started", "Sin iniciar", "Not started";
        InProgress => "in_progress", "En curso", "In progress";
        Achieved => "achieved", "Logrado", "Achieved";
        Stalled => "stalled", "Estancado", "Stalled";
    }
);

/// How many commitments a public source counts in a plan for one focal area.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DeclaredArea {
    pub sector: Named,
    pub commitments: i32,
    pub source_url: String,
}

/// A country's National Action Plan, without its lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlanSummary {
    pub id: i64,
    pub country: Named,
    pub title_es: String,
    pub title_en: String,
    pub summary_es: String,
    pub summary_en: String,
    pub period_start: Option<i32>,
    pub period_end: Option<i32>,
    pub source_url: String,
    pub declared: Vec<DeclaredArea>,
    /// Commitment lines on record (not withdrawn).
    pub lines: i64,
    /// Sum of the lines' current requirements, USD cents.
    pub required_usd: i64,
    pub is_example: bool,
    pub updated_at: String,
    pub version: i64,
}

/// A line's requirement for one year: the current figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LineRequirement {
    pub year: i32,
    /// ISO 4217 code of the original figure.
    pub currency: String,
    /// The original figure in minor units (cents) of `currency`.
    pub amount_minor: i64,
    /// USD per unit of `currency`, as an exact decimal.
    pub fx_rate: String,
    pub amount_usd: i64,
    pub source: String,
    pub updated_at: String,
}

/// One figure a requirement has had; the first of a year is the original.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RequirementRevision {
    pub year: i32,
    pub currency: String,
    pub amount_minor: i64,
    pub fx_rate: String,
    pub amount_usd: i64,
    pub reason: String,
    pub created_at: String,
}

/// A dated note on a line's status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StatusNote {
    pub status: LineStatus,
    pub note_es: String,
    pub note_en: String,
    pub noted_on: String,
}

/// A commitment line of a plan with its requirements.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlanLine {
    pub id: i64,
    pub code: String,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    /// National Action Plan pillar, 1 to 4.
    pub pillar: i32,
    pub sector_code: Option<String>,
    pub themes: Vec<String>,
    pub institution: String,
    pub period_start: Option<i32>,
    pub period_end: Option<i32>,
    /// 1 (highest) to 3.
    pub priority: i32,
    pub status: LineStatus,
    /// Inventory gaps the line answers (ids).
    pub gaps: Vec<i64>,
    pub requirements: Vec<LineRequirement>,
    /// What the contributions that name the line give it.
    pub funding: LineFunding,
    pub is_example: bool,
    pub updated_at: String,
    pub version: i64,
}

impl PlanLine {
    /// The sum of its current requirements, USD cents.
    pub fn required_usd(&self) -> i64 {
        super::sum_money(self.requirements.iter().map(|r| r.amount_usd))
    }

    /// Sorts lines as the public reads a plan, as a list of needs: what is missing first, then
    /// by priority.
    pub fn sort_by_missing(lines: &mut [PlanLine]) {
        lines.sort_by_key(|l| {
            (
                std::cmp::Reverse(l.required_usd() - l.funding.funded_usd),
                l.priority,
            )
        });
    }
}

/// A plan with its lines, as its public page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    pub plan: PlanSummary,
    pub lines: Vec<PlanLine>,
    /// Names of the codes the lines use.
    pub pillars: Vec<Named>,
    pub sectors: Vec<Named>,
    pub themes: Vec<Named>,
    /// Open inventory gaps of the country a line may answer.
    pub gaps: Vec<super::GapRef>,
    /// Whether the reader may change the plan.
    pub can_edit: bool,
    /// Funded to the country by contributions, or parts of them, that name no line (USD cents).
    pub unlinked_funded_usd: i64,
}

/// One line with its history, as its own page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineView {
    pub plan: PlanView,
    pub line: PlanLine,
    pub revisions: Vec<RequirementRevision>,
    pub notes: Vec<StatusNote>,
    /// Currencies a requirement may be given in.
    pub currencies: Vec<String>,
    /// The contributions that name the line.
    pub contributions: Vec<LinkedContribution>,
    /// The offers proposed for it, and those suggested to the plan's keepers.
    pub offers: super::LineOffers,
}

/// Every plan, for the overview, with the sourced regional financing figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlansOverview {
    pub plans: Vec<PlanSummary>,
}

/// The line form as the browser sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LineInput {
    /// 0 for a new line.
    pub id: i64,
    pub version: i64,
    pub country: String,
    pub code: String,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    pub pillar: String,
    pub sector: String,
    pub institution: String,
    pub period_start: String,
    pub period_end: String,
    pub priority: String,
    /// Used for a new line only; later changes go through a dated status note.
    pub status: String,
    pub themes: std::collections::BTreeMap<String, String>,
    pub gaps: std::collections::BTreeMap<String, String>,
}

/// A requirement figure as the browser sends it: a new figure for a year, with the reason when it
/// replaces one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequirementInput {
    pub line_id: i64,
    pub year: String,
    pub currency: String,
    pub amount: String,
    pub fx_rate: String,
    pub source: String,
    pub reason: String,
}

/// A status change as the browser sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatusInput {
    pub line_id: i64,
    pub version: i64,
    pub status: String,
    pub note_es: String,
    pub note_en: String,
}

/// Filter of the plans' open data: one country (optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
#[serde(default)]
pub struct PlanQuery {
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
}

impl super::query::Filter for PlanQuery {
    const KEYS: &'static [&'static str] = &["country"];

    fn read(&mut self, key: &str, v: &str, r: &mut super::query::QueryReader) {
        if key == "country" {
            self.country = r.country(key, v).unwrap_or_default();
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        (!self.country.is_empty())
            .then(|| ("country", self.country.clone()))
            .into_iter()
            .collect()
    }
}

/// What a plan line has received from the contributions that name it, USD cents: its share of
/// each one's pledge and of what is funded (committed or further along).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LineFunding {
    pub contributions: i64,
    pub pledged_usd: i64,
    pub funded_usd: i64,
    /// Offers proposed for the line and not yet answered.
    pub offers_in_discussion: i64,
    /// What those proposals would bring, USD cents.
    pub offered_usd: i64,
}

impl LineFunding {
    /// Funded ÷ required in basis points (10000 = 100%), capped at 100%; `None` with no requirement.
    pub fn coverage_bp(&self, required_usd: i64) -> Option<i64> {
        (required_usd > 0).then(|| {
            (i128::from(self.funded_usd) * 10_000 / i128::from(required_usd)).min(10_000) as i64
        })
    }
}

/// A contribution that names a line, with the line's share of its money.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedContribution {
    pub id: i64,
    pub title_es: String,
    pub title_en: String,
    pub donor_es: String,
    pub donor_en: String,
    /// The line's share of the contribution, in basis points.
    pub share_bp: i32,
    pub pledged_usd: i64,
    pub funded_usd: i64,
    pub is_example: bool,
}

/// A plan line a contribution names, with its share.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionLine {
    pub line_id: i64,
    pub country_iso2: String,
    pub code: String,
    pub title_es: String,
    pub title_en: String,
    pub share_bp: i32,
}
