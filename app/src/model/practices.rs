//! Good practices: the repository's search, a practice with its review history, the author's form
//! and the topics they suggest for learning events (types shared by the browser and the server).

use super::query::{Filter, QueryReader, MAX_SEARCH};
use super::{GapRef, Named};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

coded_enum!(
    /// Where a practice stands in the review workflow.
    PracticeStatus {
        Draft => "draft", "Borrador", "Draft";
        Submitted => "submitted", "Enviada", "Submitted";
        InReview => "in_review", "En revisión", "In review";
        Returned => "returned", "Devuelta", "Returned";
        Published => "published", "Publicada", "Published";
    }
);

coded_enum!(
    /// The moves of the review workflow: the author submits (a draft or a returned practice);
    /// the secretariat takes a submitted practice into review, returns it with comments,
    /// publishes it, or takes a published one down (back to review).
    Transition {
        Submit => "submit", "Enviar a revisión", "Submit for review";
        StartReview => "start_review", "Empezar la revisión", "Start the review";
        Return => "return", "Devolver", "Return";
        Publish => "publish", "Publicar", "Publish";
        Unpublish => "unpublish", "Retirar la publicación", "Unpublish";
    }
);

impl Transition {
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
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "ssr", into_params(parameter_in = Query))]
#[serde(default)]
pub struct PracticeQuery {
    /// Words to find (accents and case ignored; each a prefix, all required); at most 200
    /// characters.
    pub q: String,
    /// ISO alpha-2 code of the submitting country.
    pub country: Option<String>,
    /// Theme code.
    pub theme: Option<String>,
    /// Population group code.
    pub population: Option<String>,
    /// `country` (a MIRPS state) or `member` (a Support Platform member).
    pub submitter: Option<String>,
    /// Year of the practice, 1990 to 2100.
    pub year: Option<i32>,
}

impl Filter for PracticeQuery {
    const KEYS: &'static [&'static str] =
        &["q", "country", "theme", "population", "submitter", "year"];

    fn read(&mut self, key: &str, v: &str, r: &mut QueryReader) {
        match key {
            "q" => self.q = r.text(key, v, MAX_SEARCH).unwrap_or_default(),
            "country" => self.country = r.country(key, v),
            "theme" => self.theme = r.code(key, v),
            "population" => self.population = r.code(key, v),
            "submitter" => {
                self.submitter = r.choice(key, v, |s| {
                    ["country", "member"].contains(&s).then(|| s.to_string())
                })
            }
            "year" => self.year = r.year(key, v),
            _ => {}
        }
    }

    fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            (
                "q",
                Some(self.q.trim().to_string()).filter(|q| !q.is_empty()),
            ),
            ("country", self.country.clone()),
            ("theme", self.theme.clone()),
            ("population", self.population.clone()),
            ("submitter", self.submitter.clone()),
            ("year", self.year.map(|y| y.to_string())),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
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
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, sqlx::FromRow))]
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
    /// Theme codes (read apart from the row).
    #[cfg_attr(feature = "ssr", sqlx(skip))]
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

/// One practice as a page shows it: the record, its Markdown texts as sanitised HTML, its review
/// history (for those who may follow it) and what the reader may do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeView {
    pub detail: PracticeDetail,
    pub body_html_es: String,
    pub body_html_en: String,
    pub results_html_es: String,
    pub results_html_en: String,
    pub history: Vec<ReviewStep>,
    /// The author's side may change it (draft or returned) and submit it.
    pub can_edit: bool,
    /// The secretariat may review it (take into review, return, publish, unpublish).
    pub can_review: bool,
}

/// What the practice form offers the person filling it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeFormOptions {
    /// (`country:GT` / `member:EU`, Spanish name, English name) the person may write for.
    pub submitters: Vec<(String, String, String)>,
    pub themes: Vec<Named>,
    pub populations: Vec<Named>,
    /// Open gaps of the inventory a practice may say it addresses.
    pub gaps: Vec<GapRef>,
    /// The practice being edited (`None` for a new one).
    pub current: Option<PracticeDetail>,
}

/// What waits for the signed-in person: submissions to review (secretariat) and the unpublished
/// practices of their own country or organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeQueue {
    pub review: Vec<PracticeRef>,
    pub mine: Vec<PracticeRef>,
    pub reviewer: bool,
}
