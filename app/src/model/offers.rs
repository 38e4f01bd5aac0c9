//! Offers of support and the matches proposed between an offer and a plan line that still lacks
//! money (types shared by the browser and the server).

use super::Named;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

coded_enum!(
    /// The kind of support an offer brings.
    OfferKind {
        Financial => "financial", "Financiera", "Financial";
        Technical => "technical", "Asistencia técnica", "Technical assistance";
        InKind => "in_kind", "Material o en especie", "Material / in kind";
        Training => "training", "Formación", "Training";
        Secondment => "secondment", "Personal en comisión de servicio", "Secondment of staff";
    }
);

impl OfferKind {
    /// The kind of contribution the ledger records when a match of this offer is accepted.
    pub fn contribution_kind(self) -> super::ContributionKind {
        use super::ContributionKind as K;
        match self {
            OfferKind::Financial => K::Financial,
            OfferKind::InKind => K::InKind,
            OfferKind::Technical | OfferKind::Training | OfferKind::Secondment => K::Technical,
        }
    }
}

coded_enum!(
    /// Where an offer stands.
    OfferStatus {
        Open => "open", "Abierta", "Open";
        InDiscussion => "in_discussion", "En conversación", "In discussion";
        Matched => "matched", "Emparejada", "Matched";
        Withdrawn => "withdrawn", "Retirada", "Withdrawn";
        Expired => "expired", "Vencida", "Expired";
    }
);

impl OfferStatus {
    /// Whether the offer can still be put towards a line.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            OfferStatus::Open | OfferStatus::InDiscussion | OfferStatus::Matched
        )
    }
}

coded_enum!(
    /// Where a proposed match stands.
    MatchStatus {
        Proposed => "proposed", "Propuesto", "Proposed";
        Accepted => "accepted", "Aceptado", "Accepted";
        Declined => "declined", "Rechazado", "Declined";
        Withdrawn => "withdrawn", "Retirado", "Withdrawn";
        Expired => "expired", "Vencido", "Expired";
    }
);

/// An offer as everyone may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Offer {
    pub id: i64,
    pub offeror: Named,
    pub kind: OfferKind,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    /// Offered to the whole region rather than to the countries named.
    pub regional: bool,
    /// ISO 3166-1 alpha-2 codes of the countries named.
    pub countries: Vec<String>,
    pub themes: Vec<String>,
    pub pillars: Vec<i32>,
    /// ISO 4217 code of the amount.
    pub currency: String,
    /// The amount in minor units of `currency`; none for support given as capacity only.
    pub amount_minor: Option<i64>,
    pub fx_rate: Option<String>,
    /// The amount in USD cents.
    pub amount_usd: Option<i64>,
    /// What is still free of the amount after accepted matches, USD cents.
    pub remaining_usd: Option<i64>,
    /// What the offer brings besides money ("two experts for six months").
    pub capacity_es: String,
    pub capacity_en: String,
    /// `YYYY-MM-DD`.
    pub available_from: String,
    pub available_until: String,
    pub status: OfferStatus,
    /// Proposals waiting for the offeror's answer.
    pub in_discussion: i64,
    pub is_example: bool,
    pub updated_at: String,
    pub version: i64,
}

impl Offer {
    pub fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.title_es, &self.title_en)
    }
}

/// Who to talk to about an offer: only for people signed in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferContact {
    pub name: String,
    pub email: String,
}

/// A proposed match as the offer's and the line's pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OfferMatch {
    pub id: i64,
    pub offer_id: i64,
    pub offer_title_es: String,
    pub offer_title_en: String,
    pub offeror: Named,
    pub line_id: i64,
    pub line_code: String,
    pub line_title_es: String,
    pub line_title_en: String,
    pub country_iso2: String,
    pub currency: String,
    pub amount_minor: Option<i64>,
    pub amount_usd: Option<i64>,
    pub score: i32,
    pub status: MatchStatus,
    /// Why it was declined (or what was said on accepting).
    pub answer_reason: String,
    /// The pledge an accepted match made in the ledger.
    pub contribution_id: Option<i64>,
    /// `YYYY-MM-DD`: a proposal not answered by then expires.
    pub expires_on: String,
    pub proposed_at: String,
    pub version: i64,
}

/// One offer with its matches, as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferView {
    pub offer: Offer,
    /// Only for people signed in.
    pub contact: Option<OfferContact>,
    /// The proposer's note of each match, for the offeror and the line's keepers (by match id).
    pub notes: Vec<(i64, String)>,
    pub matches: Vec<OfferMatch>,
    pub countries: Vec<Named>,
    pub themes: Vec<Named>,
    pub pillars: Vec<Named>,
    /// Whether the reader speaks for the offeror: may answer proposals and withdraw the offer.
    pub can_answer: bool,
}

/// The offers, for the public list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffersPage {
    pub offers: Vec<Offer>,
    pub countries: Vec<Named>,
    pub themes: Vec<Named>,
    /// Whether the reader may record an offer.
    pub can_offer: bool,
}

/// What a new offer's form needs: the organisations the person may offer for and the lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferForm {
    pub offerors: Vec<Named>,
    pub countries: Vec<Named>,
    pub themes: Vec<Named>,
    pub pillars: Vec<Named>,
    pub currencies: Vec<String>,
}

/// Why an offer is suggested for a line: each reason adds to the score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MatchReason {
    /// The offer names the line's country.
    Country(Named),
    /// The offer is for the whole region.
    Regional,
    /// Themes the offer and the line share.
    Themes(Vec<Named>),
    /// The offer names the line's pillar.
    Pillar(Named),
    /// The share of what the line still lacks the offer's free amount covers (whole percent).
    Covers(i64),
    /// Support without an amount, of this kind.
    Kind(OfferKind),
    /// The offer's dates fall within the line's years.
    PeriodOverlaps,
}

impl MatchReason {
    /// The reason in words.
    pub fn text(&self, lang: Lang) -> String {
        let es = lang == Lang::Es;
        let names = |list: &[Named]| {
            list.iter()
                .map(|n| n.name(lang).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            MatchReason::Country(c) if es => format!("nombra a {}", c.name(lang)),
            MatchReason::Country(c) => format!("{} is named", c.name(lang)),
            MatchReason::Regional if es => "oferta regional".into(),
            MatchReason::Regional => "regional offer".into(),
            MatchReason::Themes(t) if es => format!("mismo tema: {}", names(t)),
            MatchReason::Themes(t) => format!("same theme: {}", names(t)),
            MatchReason::Pillar(p) if es => format!("mismo pilar: {}", p.name(lang)),
            MatchReason::Pillar(p) => format!("same pillar: {}", p.name(lang)),
            MatchReason::Covers(n) if es => format!("cubre el {n} % de lo que aún falta"),
            MatchReason::Covers(n) => format!("covers {n}% of what is still missing"),
            MatchReason::Kind(k) if es => format!("apoyo sin monto: {}", k.name(lang)),
            MatchReason::Kind(k) => format!("support without an amount: {}", k.name(lang)),
            MatchReason::PeriodOverlaps if es => "los periodos coinciden".into(),
            MatchReason::PeriodOverlaps => "period overlaps".into(),
        }
    }
}

/// An offer suggested for a line, with its score (0 to 100) and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub offer: Offer,
    pub score: i32,
    pub reasons: Vec<MatchReason>,
    /// What the proposal form starts with: the smaller of the offer's free amount and what the
    /// line lacks, in the offer's currency (a decimal number), or empty.
    pub proposed_amount: String,
}

impl Suggestion {
    /// Every reason, in words, in one sentence.
    pub fn why(&self, lang: Lang) -> String {
        self.reasons
            .iter()
            .map(|r| r.text(lang))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// What a line's page shows about offers: the proposals made for it, and for those who keep the
/// plan, the offers suggested.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineOffers {
    pub matches: Vec<OfferMatch>,
    pub suggestions: Vec<Suggestion>,
}

/// The offer form as the browser sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OfferInput {
    pub offeror: String,
    pub kind: String,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    /// A ticked box: "on".
    pub regional: String,
    pub countries: std::collections::BTreeMap<String, String>,
    pub themes: std::collections::BTreeMap<String, String>,
    pub pillars: std::collections::BTreeMap<String, String>,
    pub currency: String,
    pub amount: String,
    pub fx_rate: String,
    pub capacity_es: String,
    pub capacity_en: String,
    pub available_from: String,
    pub available_until: String,
    pub contact_name: String,
    pub contact_email: String,
}

/// A proposal to put an offer towards a line, as the browser sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProposalInput {
    pub offer_id: i64,
    pub line_id: i64,
    /// In the offer's currency; empty for support without an amount.
    pub amount: String,
    pub note: String,
}

/// The offeror's answer to a proposal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnswerInput {
    pub match_id: i64,
    pub version: i64,
    /// `accept` or `decline`.
    pub answer: String,
    /// Required to decline.
    pub reason: String,
}

/// Filter of the offers' list and open data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
#[serde(default)]
pub struct OfferQuery {
    /// ISO 3166-1 alpha-2 code: offers naming the country, or regional ones.
    pub country: String,
    /// `financial`, `technical`, `in_kind`, `training` or `secondment`.
    pub kind: String,
    /// `open`, `in_discussion`, `matched`, `withdrawn` or `expired`; by default the active ones.
    pub status: String,
}

impl super::query::Filter for OfferQuery {
    const KEYS: &'static [&'static str] = &["country", "kind", "status"];

    fn read(&mut self, key: &str, v: &str, r: &mut super::query::QueryReader) {
        match key {
            "country" => self.country = r.country(key, v).unwrap_or_default(),
            "kind" => {
                self.kind = r
                    .choice(key, v, OfferKind::from_code)
                    .map(|k| k.code().to_string())
                    .unwrap_or_default()
            }
            "status" => {
                self.status = r
                    .choice(key, v, OfferStatus::from_code)
                    .map(|k| k.code().to_string())
                    .unwrap_or_default()
            }
            _ => {}
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("country", &self.country),
            ("kind", &self.kind),
            ("status", &self.status),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.clone()))
        .collect()
    }
}
