//! Contributions as OCHA's Financial Tracking Service and IATI see them, beyond the pledge:
//! pledge -> commitment -> disbursement(s) -> implementation (or cancellation), each a dated step
//! with its amount in the original currency, the exchange rate at that date and the USD value.
//! Money crosses the wire as integer cents (`*_usd` fields) or minor units: never floating point.

use super::query::{Filter, QueryReader};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

coded_enum!(
    /// What was given.
    ContributionKind {
        Financial => "financial", "Financiera", "Financial";
        InKind => "in_kind", "En especie o material", "In kind or material";
        Technical => "technical", "Asistencia técnica", "Technical assistance";
        Policy => "policy", "Política o normativa", "Political or policy";
    }
);

coded_enum!(
    /// How a contribution is financed (strategy Result 1.1.1: the public sees "los diversos
    /// mecanismos de financiación"). A record that does not say has none.
    FinancingMechanism {
        Grant => "grant", "Donación", "Grant";
        ConcessionalLoan => "concessional_loan", "Préstamo concesional", "Concessional loan";
        NonConcessionalLoan => "non_concessional_loan", "Préstamo no concesional", "Non-concessional loan";
        Guarantee => "guarantee", "Garantía", "Guarantee";
        PooledFund => "pooled_fund", "Fondo común o fiduciario", "Pooled or trust fund";
        InKind => "in_kind", "En especie", "In kind";
        TechnicalCooperation => "technical_cooperation", "Cooperación técnica", "Technical cooperation";
    }
);

coded_enum!(
    /// A step of the money's life. The first four move a contribution forward; `Cancellation`
    /// ends it.
    Stage {
        Pledge => "pledge", "Promesa", "Pledge";
        Commitment => "commitment", "Compromiso", "Commitment";
        Disbursement => "disbursement", "Desembolso", "Disbursement";
        Implementation => "implementation", "Ejecución", "Implementation";
        Cancellation => "cancellation", "Cancelación", "Cancellation";
    }
);

impl Stage {
    /// The IATI transaction type this step corresponds to (IATI-Codelists TransactionType).
    pub fn iati_transaction_type(self) -> Option<u8> {
        match self {
            Stage::Pledge => Some(12),
            Stage::Commitment => Some(2),
            Stage::Disbursement => Some(3),
            Stage::Implementation => Some(4),
            Stage::Cancellation => None,
        }
    }
}

coded_enum!(
    /// Where a contribution stands: the furthest step it reached, or cancelled.
    Status {
        Pledged => "pledged", "Prometida", "Pledged";
        Committed => "committed", "Comprometida", "Committed";
        Disbursed => "disbursed", "Desembolsada", "Disbursed";
        Implemented => "implemented", "Ejecutada", "Implemented";
        Cancelled => "cancelled", "Cancelada", "Cancelled";
    }
);

/// One dated step with its money.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Step {
    pub id: i64,
    pub stage: Stage,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Amount in the original currency's minor units (cents); `None` for a step without money.
    pub amount_minor: Option<i64>,
    pub currency: String,
    /// US dollars per one unit of `currency` at the step's date, as an exact decimal string.
    pub fx_rate: Option<String>,
    /// The USD value in cents; `None` when no value is known (policy, some technical support).
    pub usd: Option<i64>,
    pub note: String,
}

/// A contribution as lists, exports and the API show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ContributionSummary {
    pub id: i64,
    pub donor_code: String,
    pub donor_es: String,
    pub donor_en: String,
    /// ISO alpha-2, or `None` for regional.
    pub recipient_iso2: Option<String>,
    pub recipient_iso3: Option<String>,
    pub recipient_es: String,
    pub recipient_en: String,
    pub channel_code: Option<String>,
    pub channel_es: String,
    pub channel_en: String,
    pub kind: ContributionKind,
    /// How it is financed, when the record says.
    pub mechanism: Option<FinancingMechanism>,
    pub pillar: Option<i32>,
    pub sector_code: Option<String>,
    pub working_group_code: Option<String>,
    pub status: Status,
    /// Date of the first step, `YYYY-MM-DD`.
    pub decision_date: String,
    pub year: i32,
    pub currency: String,
    pub title_es: String,
    pub title_en: String,
    pub pledged_usd: i64,
    pub committed_usd: i64,
    pub disbursed_usd: i64,
    pub implemented_usd: i64,
    /// Whether any USD value is known (policy contributions often have none).
    pub has_usd: bool,
    pub parent_id: Option<i64>,
    pub is_example: bool,
    pub withdrawn: bool,
}

impl ContributionSummary {
    pub fn donor(&self, lang: Lang) -> &str {
        lang.pick(&self.donor_es, &self.donor_en)
    }
    pub fn recipient(&self, lang: Lang) -> &str {
        lang.pick(&self.recipient_es, &self.recipient_en)
    }
    pub fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.title_es, &self.title_en)
    }
    /// Funded = committed or more: the largest of committed, disbursed and implemented.
    pub fn funded_usd(&self) -> i64 {
        if self.status == Status::Cancelled {
            0
        } else {
            self.committed_usd
                .max(self.disbursed_usd)
                .max(self.implemented_usd)
        }
    }
}

/// Everything about one contribution, with its history and its links.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionDetail {
    pub summary: ContributionSummary,
    pub description_es: String,
    pub description_en: String,
    pub source_url: Option<String>,
    pub working_group_code: Option<String>,
    pub event_id: Option<i64>,
    pub event_es: String,
    pub event_en: String,
    pub chair_es: String,
    pub chair_en: String,
    pub steps: Vec<Step>,
    /// Contributions routed through this one (counted once, here).
    pub children: Vec<ContributionSummary>,
    pub parent: Option<ContributionSummary>,
    pub withdrawn_reason: Option<String>,
    pub version: i64,
}

/// The filters every list, chart, export and API call share. All optional; with none set the
/// browser sends no field at all (`#[serde(default)]`, or the call is refused as malformed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
#[serde(default)]
pub struct ContributionFilter {
    /// First year (inclusive), by decision date.
    pub year_from: Option<i32>,
    /// Last year (inclusive).
    pub year_to: Option<i32>,
    /// Donor organisation code (e.g. `ESP`, `EU`).
    pub donor: Option<String>,
    /// Recipient country ISO alpha-2 code, or `regional`.
    pub country: Option<String>,
    /// National Action Plan pillar, 1 to 4.
    pub pillar: Option<i32>,
    /// `financial`, `in_kind`, `technical` or `policy`.
    pub kind: Option<String>,
    /// `pledged`, `committed`, `disbursed`, `implemented` or `cancelled`.
    pub status: Option<String>,
    /// Financing mechanism: `grant`, `concessional_loan`, `non_concessional_loan`, `guarantee`,
    /// `pooled_fund`, `in_kind` or `technical_cooperation`.
    pub mechanism: Option<String>,
    /// Sector code (the sectors of the reference lists).
    pub sector: Option<String>,
    /// Working group code.
    pub working_group: Option<String>,
}

impl Filter for ContributionFilter {
    const KEYS: &'static [&'static str] = &[
        "year_from",
        "year_to",
        "donor",
        "country",
        "pillar",
        "kind",
        "status",
        "mechanism",
        "sector",
        "working_group",
    ];

    fn read(&mut self, key: &str, v: &str, r: &mut QueryReader) {
        match key {
            "year_from" => self.year_from = r.year(key, v),
            "year_to" => self.year_to = r.year(key, v),
            "donor" => self.donor = r.code(key, v),
            "country" if v.eq_ignore_ascii_case("regional") => {
                self.country = Some("regional".into())
            }
            "country" => self.country = r.country(key, v),
            "pillar" => self.pillar = r.int(key, v, 1, 4).map(|p| p as i32),
            "kind" => {
                self.kind = r
                    .choice(key, v, ContributionKind::from_code)
                    .map(|k| k.code().to_string())
            }
            "status" => {
                self.status = r
                    .choice(key, v, Status::from_code)
                    .map(|s| s.code().to_string())
            }
            "mechanism" => {
                self.mechanism = r
                    .choice(key, v, FinancingMechanism::from_code)
                    .map(|m| m.code().to_string())
            }
            "sector" => self.sector = r.code(key, v),
            "working_group" => self.working_group = r.code(key, v),
            _ => {}
        }
    }

    fn check(&self, r: &mut QueryReader) {
        if let (Some(a), Some(b)) = (self.year_from, self.year_to) {
            if a > b {
                r.add(
                    "year_to",
                    crate::error::Problem::OutOfRange {
                        min: i64::from(a),
                        max: i64::from(super::query::YEARS.1),
                    },
                );
            }
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        let text = |v: &Option<String>| v.clone().filter(|v| !v.is_empty());
        [
            ("year_from", self.year_from.map(|y| y.to_string())),
            ("year_to", self.year_to.map(|y| y.to_string())),
            ("donor", text(&self.donor)),
            ("country", text(&self.country)),
            ("pillar", self.pillar.map(|p| p.to_string())),
            ("kind", text(&self.kind)),
            ("status", text(&self.status)),
            ("mechanism", text(&self.mechanism)),
            ("sector", text(&self.sector)),
            ("working_group", text(&self.working_group)),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
    }
}

/// A contribution as a form or an imported row gives it: text as typed, checked on the server.
/// Field names are also the CSV/XLSX column names of the import.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContributionInput {
    pub donor: String,
    /// Country ISO alpha-2 code, or empty / `regional`.
    pub recipient: String,
    pub channel: String,
    pub kind: String,
    /// A financing mechanism code; empty when the record does not say.
    pub mechanism: String,
    pub pillar: String,
    pub sector: String,
    pub working_group: String,
    /// An event id, if the contribution was announced at one.
    pub event: String,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    pub currency: String,
    pub source_url: String,
    /// The id of the contribution this one is routed through (pass-through), if any.
    pub parent: String,
    pub is_example: bool,
    /// The first step.
    pub stage: String,
    pub date: String,
    /// In the original currency, with a dot for decimals: `6300000` or `6300000.50`.
    pub amount: String,
    /// US dollars per unit of the currency at the step's date; empty for USD.
    pub fx_rate: String,
    pub note: String,
}

/// A later step of an existing contribution (commitment, a disbursement, cancellation...).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StepInput {
    pub stage: String,
    pub date: String,
    pub amount: String,
    pub fx_rate: String,
    pub note: String,
}

/// A page of contributions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionList {
    pub items: Vec<ContributionSummary>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// One contribution, and what the caller may do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionView {
    pub detail: ContributionDetail,
    /// The caller may add steps, edit and withdraw it.
    pub can_edit: bool,
    /// The caller may read its audit trail.
    pub can_audit: bool,
    /// The National Action Plan lines it serves, with their shares.
    pub lines: Vec<super::ContributionLine>,
    /// For those who may edit it: the lines it may name, (id, Spanish, English).
    pub line_choices: Vec<(String, String, String)>,
    /// The names of its sector and working group, when it names them.
    pub sector: Option<super::Named>,
    pub working_group: Option<super::Named>,
}

/// Choices for the contribution form, in one round trip.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContributionFormChoices {
    /// (code, Spanish, English): the donors the caller may record for.
    pub donors: Vec<(String, String, String)>,
    /// Every organisation (channels): (code, Spanish, English).
    pub organisations: Vec<(String, String, String)>,
    pub countries: Vec<(String, String, String)>,
    pub sectors: Vec<(String, String, String)>,
    pub working_groups: Vec<(String, String, String)>,
    /// (id, Spanish, English) of events, newest first.
    pub events: Vec<(i64, String, String)>,
    pub currencies: Vec<String>,
}

#[cfg(test)]
#[path = "contributions_tests.rs"]
mod tests;
