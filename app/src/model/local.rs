//! Local integration: the inventory of services, programmes and gaps per country, and the good
//! practices repository (types shared by the browser and the server).

use crate::error::{AppError, FieldError, Problem};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A reference entry with its names (themes, population groups).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Named {
    pub code: String,
    pub name_es: String,
    pub name_en: String,
}

impl Named {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_es, &self.name_en)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PracticeStatus {
    Draft,
    Submitted,
    InReview,
    Returned,
    Published,
}

impl PracticeStatus {
    pub const ALL: [PracticeStatus; 5] = [
        PracticeStatus::Draft,
        PracticeStatus::Submitted,
        PracticeStatus::InReview,
        PracticeStatus::Returned,
        PracticeStatus::Published,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PracticeStatus::Draft => "draft",
            PracticeStatus::Submitted => "submitted",
            PracticeStatus::InReview => "in_review",
            PracticeStatus::Returned => "returned",
            PracticeStatus::Published => "published",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PracticeStatus::Draft, Lang::Es) => "Borrador",
            (PracticeStatus::Draft, Lang::En) => "Draft",
            (PracticeStatus::Submitted, Lang::Es) => "Enviada",
            (PracticeStatus::Submitted, Lang::En) => "Submitted",
            (PracticeStatus::InReview, Lang::Es) => "En revisión",
            (PracticeStatus::InReview, Lang::En) => "In review",
            (PracticeStatus::Returned, Lang::Es) => "Devuelta",
            (PracticeStatus::Returned, Lang::En) => "Returned",
            (PracticeStatus::Published, Lang::Es) => "Publicada",
            (PracticeStatus::Published, Lang::En) => "Published",
        }
    }
}

/// The moves of the review workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Transition {
    /// The author sends a draft (or a returned practice) for review.
    Submit,
    /// The secretariat takes a submitted practice into review.
    StartReview,
    /// The secretariat sends it back to the author with comments.
    Return,
    /// The secretariat publishes it.
    Publish,
    /// The secretariat takes a published practice down (it goes back to review).
    Unpublish,
}

impl Transition {
    pub fn code(self) -> &'static str {
        match self {
            Transition::Submit => "submit",
            Transition::StartReview => "start_review",
            Transition::Return => "return",
            Transition::Publish => "publish",
            Transition::Unpublish => "unpublish",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [
            Transition::Submit,
            Transition::StartReview,
            Transition::Return,
            Transition::Publish,
            Transition::Unpublish,
        ]
        .into_iter()
        .find(|t| t.code() == code)
    }

    /// Where the move leads from `from`, or `None` when it is not a move from there.
    pub fn target(self, from: PracticeStatus) -> Option<PracticeStatus> {
        use PracticeStatus::*;
        match (self, from) {
            (Transition::Submit, Draft | Returned) => Some(Submitted),
            (Transition::StartReview, Submitted) => Some(InReview),
            (Transition::Return, Submitted | InReview) => Some(Returned),
            (Transition::Publish, Submitted | InReview) => Some(Published),
            (Transition::Unpublish, Published) => Some(InReview),
            _ => None,
        }
    }

    /// Moves only the secretariat makes; the author submits.
    pub fn is_review(self) -> bool {
        !matches!(self, Transition::Submit)
    }
}

/// The search over published practices: free text and one value per facet, all in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct PracticeQuery {
    pub q: String,
    pub country: Option<String>,
    pub theme: Option<String>,
    pub population: Option<String>,
    /// `country` (a MIRPS state) or `member` (a Support Platform member).
    pub submitter: Option<String>,
    pub year: Option<i32>,
}

impl PracticeQuery {
    pub const KEYS: [&'static str; 6] =
        ["q", "country", "theme", "population", "submitter", "year"];

    /// Reads query-string pairs; unknown keys and bad values are reported, never ignored.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<PracticeQuery, AppError> {
        let mut out = PracticeQuery::default();
        let mut errors = Vec::new();
        for (k, v) in pairs {
            let v = v.trim();
            let code = || {
                (!v.is_empty()).then(|| v.to_string()).filter(|c| {
                    c.len() <= 40 && c.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                })
            };
            match k {
                "q" => {
                    if v.chars().count() > 200 {
                        errors.push(FieldError::new("q", Problem::TooLong { max: 200 }));
                    } else {
                        out.q = v.to_string();
                    }
                }
                "country" | "theme" | "population" | "submitter" if v.is_empty() => {}
                "country" => match code() {
                    Some(c) if c.len() == 2 => out.country = Some(c.to_ascii_uppercase()),
                    _ => errors.push(FieldError::new("country", Problem::InvalidFormat)),
                },
                "theme" => match code() {
                    Some(c) => out.theme = Some(c),
                    None => errors.push(FieldError::new("theme", Problem::InvalidFormat)),
                },
                "population" => match code() {
                    Some(c) => out.population = Some(c),
                    None => errors.push(FieldError::new("population", Problem::InvalidFormat)),
                },
                "submitter" => match v {
                    "country" | "member" => out.submitter = Some(v.to_string()),
                    _ => errors.push(FieldError::new("submitter", Problem::UnknownChoice)),
                },
                "year" if v.is_empty() => {}
                "year" => match v.parse::<i32>() {
                    Ok(y) if (1990..=2100).contains(&y) => out.year = Some(y),
                    _ => errors.push(FieldError::new(
                        "year",
                        Problem::OutOfRange {
                            min: 1990,
                            max: 2100,
                        },
                    )),
                },
                "page" | "per_page" | "lang" => {}
                other => errors.push(FieldError::new(other, Problem::UnknownChoice)),
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(AppError::Validation(errors))
        }
    }

    /// The same checks as a query string gets, for a query that arrived as a struct (a
    /// server-function argument).
    pub fn checked(&self) -> Result<PracticeQuery, AppError> {
        let year = self.year.map(|y| y.to_string());
        let pairs = [
            ("q", Some(self.q.as_str())),
            ("country", self.country.as_deref()),
            ("theme", self.theme.as_deref()),
            ("population", self.population.as_deref()),
            ("submitter", self.submitter.as_deref()),
            ("year", year.as_deref()),
        ];
        PracticeQuery::from_pairs(pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))))
    }

    pub fn to_query(&self) -> String {
        let enc = |s: &str| -> String {
            s.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                        (b as char).to_string()
                    }
                    b' ' => "+".to_string(),
                    _ => format!("%{b:02X}"),
                })
                .collect()
        };
        let mut parts = Vec::new();
        if !self.q.trim().is_empty() {
            parts.push(format!("q={}", enc(self.q.trim())));
        }
        for (k, v) in [
            ("country", &self.country),
            ("theme", &self.theme),
            ("population", &self.population),
            ("submitter", &self.submitter),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k}={}", enc(v)));
            }
        }
        if let Some(y) = self.year {
            parts.push(format!("year={y}"));
        }
        parts.join("&")
    }
}

/// One value of a facet with how many results have it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FacetCount {
    pub code: String,
    pub name_es: String,
    pub name_en: String,
    pub count: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Facets {
    pub country: Vec<FacetCount>,
    pub theme: Vec<FacetCount>,
    pub population: Vec<FacetCount>,
    pub submitter: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
}

/// A practice in a result list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PracticeSummary {
    pub id: i64,
    pub title_es: String,
    pub title_en: String,
    pub summary_es: String,
    pub summary_en: String,
    pub submitter_kind: String,
    pub submitter_code: String,
    pub submitter_es: String,
    pub submitter_en: String,
    pub year: i32,
    pub themes: Vec<String>,
    pub is_example: bool,
}

impl PracticeSummary {
    /// The title in `lang`, else in the other language (and whether it fell back).
    pub fn title(&self, lang: Lang) -> (&str, bool) {
        fallback(&self.title_es, &self.title_en, lang)
    }
}

/// The text in `lang`, or in the other language when it is missing (second value: fell back).
pub fn fallback<'a>(es: &'a str, en: &'a str, lang: Lang) -> (&'a str, bool) {
    let (want, other) = match lang {
        Lang::Es => (es, en),
        Lang::En => (en, es),
    };
    if want.trim().is_empty() && !other.trim().is_empty() {
        (other, true)
    } else {
        (want, false)
    }
}

/// A page of search results with the facets of the whole result set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PracticeResults {
    pub items: Vec<PracticeSummary>,
    pub total: u32,
    pub page: u32,
    pub per_page: u32,
    pub facets: Facets,
}

/// What an inventory entry records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum EntryType {
    Service,
    Programme,
    Gap,
}

impl EntryType {
    pub const ALL: [EntryType; 3] = [EntryType::Service, EntryType::Programme, EntryType::Gap];

    pub fn code(self) -> &'static str {
        match self {
            EntryType::Service => "service",
            EntryType::Programme => "programme",
            EntryType::Gap => "gap",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (EntryType::Service, Lang::Es) => "Servicio",
            (EntryType::Service, Lang::En) => "Service",
            (EntryType::Programme, Lang::Es) => "Programa",
            (EntryType::Programme, Lang::En) => "Programme",
            (EntryType::Gap, Lang::Es) => "Brecha",
            (EntryType::Gap, Lang::En) => "Gap",
        }
    }
}

/// How serious a gap is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Low, Lang::Es) => "Baja",
            (Severity::Low, Lang::En) => "Low",
            (Severity::Medium, Lang::Es) => "Media",
            (Severity::Medium, Lang::En) => "Medium",
            (Severity::High, Lang::Es) => "Alta",
            (Severity::High, Lang::En) => "High",
            (Severity::Critical, Lang::Es) => "Crítica",
            (Severity::Critical, Lang::En) => "Critical",
        }
    }
}

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

/// A practice as a reference (in topic suggestions, review queues).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeRef {
    pub id: i64,
    pub title_es: String,
    pub title_en: String,
    pub submitter_es: String,
    pub submitter_en: String,
    pub status: PracticeStatus,
    pub updated_at: String,
}

/// Everything recorded about one practice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeDetail {
    pub id: i64,
    pub submitter_kind: String,
    pub country_iso2: Option<String>,
    pub organisation_code: Option<String>,
    pub submitter_es: String,
    pub submitter_en: String,
    pub title_es: String,
    pub title_en: String,
    pub summary_es: String,
    pub summary_en: String,
    pub body_es: String,
    pub body_en: String,
    pub results_es: String,
    pub results_en: String,
    pub contacts: String,
    pub links: String,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub year: i32,
    pub status: PracticeStatus,
    pub themes: Vec<Named>,
    pub populations: Vec<Named>,
    pub gaps: Vec<GapRef>,
    pub author_id: Option<i64>,
    pub published_at: Option<String>,
    pub updated_at: String,
    pub is_example: bool,
    pub version: i64,
}

impl PracticeDetail {
    /// The scope whose people may edit and submit it: `country:GT` or `member:EU`.
    pub fn submitter(&self) -> String {
        match (&self.country_iso2, &self.organisation_code) {
            (Some(c), _) => format!("country:{c}"),
            (None, Some(o)) => format!("member:{o}"),
            _ => String::new(),
        }
    }
}

/// One move through the review workflow, with its comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewStep {
    pub from: PracticeStatus,
    pub to: PracticeStatus,
    pub comment: String,
    pub actor: String,
    pub at: String,
}

/// A practice as its author fills the form. Checkbox groups arrive as `code -> "on"` maps, which
/// encode the same with and without JavaScript.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PracticeInput {
    /// 0 for a new practice.
    pub id: i64,
    pub version: i64,
    /// `country:GT` or `member:EU`.
    pub submitter: String,
    pub title_es: String,
    pub title_en: String,
    pub summary_es: String,
    pub summary_en: String,
    pub body_es: String,
    pub body_en: String,
    pub results_es: String,
    pub results_en: String,
    pub contacts: String,
    pub links: String,
    pub year: String,
    /// `YYYY-MM-DD`, optional.
    pub period_start: String,
    pub period_end: String,
    pub themes: std::collections::BTreeMap<String, String>,
    pub populations: std::collections::BTreeMap<String, String>,
    pub gaps: std::collections::BTreeMap<String, String>,
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

/// A candidate topic for a learning event, with the reasons for its rank.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicSuggestion {
    pub theme: Named,
    pub score: u32,
    /// Countries reporting an open gap in the theme.
    pub countries: Vec<Named>,
    pub gaps: Vec<GapRef>,
    /// Published practices on the theme from other countries or from members.
    pub practices: Vec<PracticeRef>,
}
