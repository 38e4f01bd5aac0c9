//! The commitments register: what MIRPS states, Support Platform members, companies, civil
//! society and local governments commit to, where it was announced, who reports on it and the
//! progress reported (types shared by the browser and the server).

use super::{FacetCount, Named};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

coded_enum!(
    /// What a commitment promises.
    CommitmentKind {
        Political => "political", "Política o normativa", "Political / policy";
        Financial => "financial", "Financiera", "Financial";
        Technical => "technical", "Técnica", "Technical";
        Material => "material", "Material", "Material";
        Resettlement => "resettlement", "Reasentamiento y vías complementarias", "Resettlement and complementary pathways";
        Employment => "employment", "Empleo y contratación", "Employment and hiring";
    }
);

coded_enum!(
    /// Where a commitment stands, as its reporter says.
    CommitmentStage {
        Planning => "planning", "En planificación", "Planning";
        InProgress => "in_progress", "En curso", "In progress";
        Fulfilled => "fulfilled", "Cumplido", "Fulfilled";
        Withdrawn => "withdrawn", "Retirado", "Withdrawn";
    }
);

coded_enum!(
    /// Where a commitment's text stands before it is public: written, reviewed by the
    /// secretariat (pre-articulated) and announced.
    CommitmentReview {
        Draft => "draft", "Borrador", "Draft";
        Submitted => "submitted", "Enviado a revisión", "Submitted for review";
        Returned => "returned", "Devuelto con comentarios", "Returned with comments";
        PreArticulated => "pre_articulated", "Preacordado", "Pre-articulated";
        Announced => "announced", "Anunciado", "Announced";
    }
);

coded_enum!(
    /// Where a commitment was announced.
    Occasion {
        Grf2019 => "grf2019", "Foro Mundial sobre los Refugiados 2019", "Global Refugee Forum 2019";
        Grf2023 => "grf2023", "Foro Mundial sobre los Refugiados 2023", "Global Refugee Forum 2023";
        SolidarityEvent => "solidarity_event", "Evento de solidaridad", "Solidarity event";
        Other => "other", "Por su cuenta", "On its own";
    }
);

coded_enum!(
    /// A move of a commitment's review: its makers submit and announce; the secretariat (or the
    /// chair) returns it with comments or pre-articulates it.
    CommitmentMove {
        Submit => "submit", "Enviar a revisión", "Submit for review";
        Return => "return", "Devolver con comentarios", "Return with comments";
        PreArticulate => "pre_articulate", "Preacordar", "Pre-articulate";
        Announce => "announce", "Anunciar (hacer público)", "Announce (make public)";
    }
);

impl CommitmentMove {
    /// Where the move leads from `from`, or `None` when it is not a move from there.
    pub fn target(self, from: CommitmentReview) -> Option<CommitmentReview> {
        use CommitmentReview::*;
        match (self, from) {
            (CommitmentMove::Submit, Draft | Returned) => Some(Submitted),
            (CommitmentMove::Return, Submitted | PreArticulated) => Some(Returned),
            (CommitmentMove::PreArticulate, Submitted) => Some(PreArticulated),
            (CommitmentMove::Announce, PreArticulated) => Some(Announced),
            _ => None,
        }
    }

    /// Moves only a reviewer makes; the makers submit and announce.
    pub fn is_review(self) -> bool {
        matches!(self, CommitmentMove::Return | CommitmentMove::PreArticulate)
    }
}

coded_enum!(
    /// Whether progress has been reported as it should.
    Reporting {
        Reported => "reported", "Con avances", "Reported";
        Overdue => "overdue", "Vencido sin informe", "Overdue";
        NoData => "no_data", "Sin datos", "No data";
    }
);

/// Units a counted commitment (its target and its figures) may use.
pub const COUNT_UNITS: &[&str] = &["jobs", "people", "companies", "places", "municipalities"];

/// What a counted commitment promises: how many of what, for whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Target {
    pub what_es: String,
    pub what_en: String,
    pub target: i64,
    /// `jobs`, `people`, `companies`...
    pub unit: String,
    /// `refugees`, `asylum_seekers`... or empty.
    pub population: String,
}

/// A commitment as everyone may see it once announced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Commitment {
    pub id: i64,
    pub kind: CommitmentKind,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    /// Who makes it: a country's code is `country:XX`, an organisation's its own code.
    pub makers: Vec<Named>,
    /// The maker that reports on it, when one is named.
    pub reporter: Option<Named>,
    /// ISO 3166-1 alpha-2 codes of the countries it is for.
    pub countries: Vec<String>,
    pub themes: Vec<String>,
    pub occasion: Occasion,
    /// `YYYY-MM` or `YYYY-MM-DD`, as precise as the source.
    pub announced_on: String,
    /// `YYYY` or `YYYY-MM-DD`; empty when none was set.
    pub deadline: String,
    pub stage: CommitmentStage,
    pub review: CommitmentReview,
    pub target: Option<Target>,
    /// The latest progress report (`YYYY-MM` or `YYYY-MM-DD`), if any.
    pub last_update: String,
    pub reporting: Reporting,
    /// MIRPS countries with a reported figure (for counted commitments).
    pub countries_with_figures: Vec<String>,
    pub source_url: String,
    pub is_example: bool,
    pub updated_at: String,
    pub version: i64,
}

impl Commitment {
    pub fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.title_es, &self.title_en)
    }

    /// The form that would give this commitment (to edit it).
    pub fn to_input(&self) -> CommitmentInput {
        let ticks = |codes: &mut dyn Iterator<Item = &String>| {
            codes.map(|c| (c.clone(), "on".to_string())).collect()
        };
        let t = self.target.as_ref();
        CommitmentInput {
            kind: self.kind.code().into(),
            title_es: self.title_es.clone(),
            title_en: self.title_en.clone(),
            description_es: self.description_es.clone(),
            description_en: self.description_en.clone(),
            makers: ticks(&mut self.makers.iter().map(|m| &m.code)),
            reporter: self
                .reporter
                .as_ref()
                .map(|r| r.code.clone())
                .unwrap_or_default(),
            countries: ticks(&mut self.countries.iter()),
            themes: ticks(&mut self.themes.iter()),
            occasion: self.occasion.code().into(),
            announced_on: self.announced_on.clone(),
            deadline: self.deadline.clone(),
            stage: self.stage.code().into(),
            target_what_es: t.map(|t| t.what_es.clone()).unwrap_or_default(),
            target_what_en: t.map(|t| t.what_en.clone()).unwrap_or_default(),
            target: t.map(|t| t.target.to_string()).unwrap_or_default(),
            target_unit: t.map(|t| t.unit.clone()).unwrap_or_default(),
            target_population: t.map(|t| t.population.clone()).unwrap_or_default(),
            source_url: self.source_url.clone(),
        }
    }

    /// The makers' names, joined.
    pub fn makers_label(&self, lang: Lang) -> String {
        self.makers
            .iter()
            .map(|m| m.name(lang).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A dated progress report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CommitmentUpdate {
    pub id: i64,
    /// `YYYY-MM` or `YYYY-MM-DD`.
    pub reported_on: String,
    /// The country a figure is for, if any.
    pub country: String,
    pub value: Option<i64>,
    pub unit: String,
    pub text_es: String,
    pub text_en: String,
    pub evidence_url: String,
}

/// A move of a commitment's review, with its comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentStep {
    pub at: String,
    pub actor: String,
    pub from: CommitmentReview,
    pub to: CommitmentReview,
    pub comment: String,
}

/// One commitment with its progress, as its page shows it; for its makers and reviewers also
/// its review history and what they may do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentView {
    pub commitment: Commitment,
    pub updates: Vec<CommitmentUpdate>,
    pub countries: Vec<Named>,
    pub themes: Vec<Named>,
    pub history: Vec<CommitmentStep>,
    /// The moves the person may make now.
    pub moves: Vec<CommitmentMove>,
    /// Whether the person may change its text (a draft or a returned one, on the makers' side).
    pub can_edit: bool,
    /// Whether the person may report progress (an announced one, makers' side or reviewers).
    pub can_report: bool,
}

/// The choices of the commitment form, and the commitment being edited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentFormOptions {
    /// Every possible maker: countries as `country:XX`, then organisations.
    pub makers: Vec<Named>,
    /// The makers the person acts for (one of them must be ticked).
    pub own: Vec<String>,
    pub countries: Vec<Named>,
    pub themes: Vec<Named>,
    /// The commitment to edit: its id, version and what the form shows.
    pub current: Option<(i64, i64, CommitmentInput)>,
}

/// Commitments not yet public: those waiting for review (for reviewers) and the person's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentQueue {
    pub review: Vec<Commitment>,
    pub mine: Vec<Commitment>,
    pub reviewer: bool,
}

/// The public register, with the counts the strategy's results read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitmentsPage {
    pub commitments: Vec<Commitment>,
    pub countries: Vec<Named>,
    /// Every organisation that makes an announced commitment, for the "who" filter.
    pub makers: Vec<Named>,
    /// Counts over the filtered list, per kind, stage and occasion.
    pub by_kind: Vec<FacetCount>,
    pub by_stage: Vec<FacetCount>,
    pub by_occasion: Vec<FacetCount>,
    /// Result 2.1.3: companies with hiring figures reported in at least two MIRPS countries.
    pub hiring_in_two_countries: i64,
    /// Whether the person may record commitments (for their country or organisation, or any).
    pub can_record: bool,
}

/// Filter of the register and its open data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
#[serde(default)]
pub struct CommitmentQuery {
    /// `political`, `financial`, `technical`, `material`, `resettlement` or `employment`.
    pub kind: String,
    /// `planning`, `in_progress`, `fulfilled` or `withdrawn`.
    pub stage: String,
    /// ISO 3166-1 alpha-2 code: commitments for that country.
    pub country: String,
    /// `grf2019`, `grf2023`, `solidarity_event` or `other`.
    pub occasion: String,
    /// An organisation's code: commitments it makes.
    pub maker: String,
}

impl super::query::Filter for CommitmentQuery {
    const KEYS: &'static [&'static str] = &["kind", "stage", "country", "occasion", "maker"];

    fn read(&mut self, key: &str, v: &str, r: &mut super::query::QueryReader) {
        fn coded<T: Copy>(
            r: &mut super::query::QueryReader,
            key: &str,
            v: &str,
            from: fn(&str) -> Option<T>,
            code: fn(T) -> &'static str,
        ) -> String {
            r.choice(key, v, from)
                .map(|k| code(k).to_string())
                .unwrap_or_default()
        }
        match key {
            "kind" => self.kind = coded(r, key, v, CommitmentKind::from_code, CommitmentKind::code),
            "stage" => {
                self.stage = coded(r, key, v, CommitmentStage::from_code, CommitmentStage::code)
            }
            "occasion" => self.occasion = coded(r, key, v, Occasion::from_code, Occasion::code),
            "country" => self.country = r.country(key, v).unwrap_or_default(),
            "maker" => self.maker = r.code(key, v).unwrap_or_default(),
            _ => {}
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("kind", &self.kind),
            ("stage", &self.stage),
            ("country", &self.country),
            ("occasion", &self.occasion),
            ("maker", &self.maker),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.clone()))
        .collect()
    }
}

/// A commitment as a form (or a record of the seed) gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommitmentInput {
    pub kind: String,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    /// Ticked makers: `country:XX` or an organisation's code.
    pub makers: std::collections::BTreeMap<String, String>,
    pub reporter: String,
    pub countries: std::collections::BTreeMap<String, String>,
    pub themes: std::collections::BTreeMap<String, String>,
    pub occasion: String,
    pub announced_on: String,
    pub deadline: String,
    pub stage: String,
    pub target_what_es: String,
    pub target_what_en: String,
    pub target: String,
    pub target_unit: String,
    pub target_population: String,
    pub source_url: String,
}

/// A progress report as a form (or a record) gives it; `stage` moves the commitment's stage
/// with it (empty keeps it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProgressInput {
    pub stage: String,
    pub reported_on: String,
    pub country: String,
    pub value: String,
    pub unit: String,
    pub text_es: String,
    pub text_en: String,
    pub evidence_url: String,
}
