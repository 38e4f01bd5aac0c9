//! Server functions of local integration: the inventory (public matrix and country pages; focal
//! points keep their own country's entries, the secretariat all) and the good-practices
//! repository (public search of published practices; authors write and submit, the secretariat
//! reviews, returns and publishes), plus the ranking of learning topics for the secretariat.

use crate::error::AppError;
use crate::model::{
    EntryInput, GapRef, InventoryEntry, InventoryMatrix, Named, PracticeDetail, PracticeInput,
    PracticeQuery, PracticeRef, PracticeResults, ReviewStep, TopicSuggestion,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Results per page of the practice search.
pub const PRACTICES_PER_PAGE: u32 = 20;

/// Published practices matching a search, with facet counts (anyone).
#[server(prefix = "/rpc", endpoint = "practices")]
pub async fn search_practices(
    #[server(default)] query: PracticeQuery,
    page: u32,
) -> Result<PracticeResults, AppError> {
    use crate::server::state::app_state;
    super::respond(
        async {
            // The same checks as the query string of the page and the API.
            let query = query.checked()?;
            let state = app_state()?;
            let page = page.clamp(1, 100_000);
            let answer = state
                .practice_search
                .search(&state.db, &query, page, PRACTICES_PER_PAGE)
                .await?;
            Ok(answer.as_ref().clone())
        }
        .await,
    )
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

/// The action that lets someone write for the practice's submitter.
#[cfg(feature = "ssr")]
fn scope_action(d: &PracticeDetail) -> crate::server::auth::Action<'_> {
    use crate::server::auth::Action;
    match (&d.country_iso2, &d.organisation_code) {
        (Some(c), _) => Action::EditCountry(c),
        (None, Some(o)) => Action::EditOrganisation(o),
        // Unreachable by the table's CHECK; nobody but the secretariat may touch such a row.
        _ => Action::ManagePlatformData,
    }
}

/// A practice by id: published ones for anyone; others only for their author's side and the
/// secretariat (for everybody else they do not exist).
#[server(prefix = "/rpc", endpoint = "practice")]
pub async fn fetch_practice(id: i64) -> Result<PracticeView, AppError> {
    use crate::model::PracticeStatus;
    use crate::server::auth::{self, authorize, Action};
    use crate::server::markdown::render;
    use crate::server::{state::app_state, store::practices};
    super::respond(
        async {
            let state = app_state()?;
            let d = practices::get(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let user = auth::current_user().await?;
            let author_side = authorize(user.as_ref(), &scope_action(&d)).is_ok();
            let reviewer = authorize(user.as_ref(), &Action::ReviewSubmissions).is_ok();
            if d.status != PracticeStatus::Published && !author_side && !reviewer {
                return Err(AppError::NotFound);
            }
            let history = if author_side || reviewer {
                practices::history(&state.db, id).await?
            } else {
                Vec::new()
            };
            let can_edit =
                author_side && matches!(d.status, PracticeStatus::Draft | PracticeStatus::Returned);
            let can_review = reviewer
                && matches!(
                    d.status,
                    PracticeStatus::Submitted
                        | PracticeStatus::InReview
                        | PracticeStatus::Published
                );
            Ok(PracticeView {
                body_html_es: render(&d.body_es),
                body_html_en: render(&d.body_en),
                results_html_es: render(&d.results_es),
                results_html_en: render(&d.results_en),
                detail: d,
                history,
                can_edit,
                can_review,
            })
        }
        .await,
    )
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

/// Reference lists a form is checked against.
#[cfg(feature = "ssr")]
pub(crate) struct Vocabulary {
    pub countries: Vec<Named>,
    pub members: Vec<Named>,
    pub themes: Vec<Named>,
    pub populations: Vec<Named>,
}

#[cfg(feature = "ssr")]
impl Vocabulary {
    pub(crate) async fn load(db: &crate::server::store::Db) -> Result<Self, AppError> {
        use crate::on_db;
        type Row = (String, String, String);
        let (countries, members, themes, populations): (Vec<Row>, Vec<Row>, Vec<Row>, Vec<Row>) = on_db!(db, pool => {
            let c = sqlx::query_as("SELECT iso2, name_es, name_en FROM countries ORDER BY sort_order")
                .fetch_all(pool).await?;
            let m = sqlx::query_as(
                "SELECT code, name_es, name_en FROM organisations ORDER BY sort_order, code",
            )
            .fetch_all(pool).await?;
            let t = sqlx::query_as("SELECT code, name_es, name_en FROM themes ORDER BY sort_order")
                .fetch_all(pool).await?;
            let p = sqlx::query_as("SELECT code, name_es, name_en FROM population_groups ORDER BY sort_order")
                .fetch_all(pool).await?;
            (c, m, t, p)
        });
        let named = |v: Vec<Row>| -> Vec<Named> {
            v.into_iter()
                .map(|(code, name_es, name_en)| Named {
                    code,
                    name_es,
                    name_en,
                })
                .collect()
        };
        Ok(Vocabulary {
            countries: named(countries),
            members: named(members),
            themes: named(themes),
            populations: named(populations),
        })
    }

    fn submitters_for(
        &self,
        user: &crate::server::store::users::User,
    ) -> Vec<(String, String, String)> {
        use crate::model::Role;
        let country = |c: &Named| {
            (
                format!("country:{}", c.code),
                c.name_es.clone(),
                c.name_en.clone(),
            )
        };
        let member = |m: &Named| {
            (
                format!("member:{}", m.code),
                m.name_es.clone(),
                m.name_en.clone(),
            )
        };
        match &user.role {
            Role::Secretariat => self
                .countries
                .iter()
                .map(country)
                .chain(self.members.iter().map(member))
                .collect(),
            Role::FocalPoint { country: c } => self
                .countries
                .iter()
                .filter(|x| x.code.eq_ignore_ascii_case(c))
                .map(country)
                .collect(),
            Role::Member { organisation } => self
                .members
                .iter()
                .filter(|x| &x.code == organisation)
                .map(member)
                .collect(),
        }
    }
}

/// The choices of the practice form; with `id` > 0, also the practice to edit (which the person
/// must be allowed to change).
#[server(prefix = "/rpc", endpoint = "practice_form")]
pub async fn fetch_practice_form(id: i64) -> Result<PracticeFormOptions, AppError> {
    use crate::model::PracticeStatus;
    use crate::server::auth::{self, authorize};
    use crate::server::{
        state::app_state,
        store::{inventory, practices},
    };
    super::respond(
        async {
            let user = auth::current_user().await?.ok_or(AppError::Unauthorized)?;
            let state = app_state()?;
            let vocabulary = Vocabulary::load(&state.db).await?;
            let submitters = vocabulary.submitters_for(&user);
            if submitters.is_empty() {
                return Err(AppError::Forbidden);
            }
            let current = if id > 0 {
                let d = practices::get(&state.db, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                authorize(Some(&user), &scope_action(&d))?;
                if !matches!(d.status, PracticeStatus::Draft | PracticeStatus::Returned) {
                    return Err(AppError::Conflict);
                }
                Some(d)
            } else {
                None
            };
            let gaps = inventory::list(&state.db, None, None)
                .await?
                .into_iter()
                .filter(|e| e.entry_type == crate::model::EntryType::Gap && e.status != "ended")
                .map(|e| GapRef {
                    id: e.id,
                    country_iso2: e.country_iso2,
                    title_es: e.title_es,
                    title_en: e.title_en,
                    severity: e.severity,
                })
                .collect();
            Ok(PracticeFormOptions {
                submitters,
                themes: vocabulary.themes,
                populations: vocabulary.populations,
                gaps,
                current,
            })
        }
        .await,
    )
}

/// Checks a filled practice form against the vocabularies; every problem at once.
#[cfg(feature = "ssr")]
pub(crate) fn validate_practice(
    input: &PracticeInput,
    vocabulary: &Vocabulary,
    gap_ids: &[i64],
) -> Result<crate::server::store::practices::NewPractice, AppError> {
    use crate::error::{FieldError, Problem};
    let mut errors = Vec::new();
    let mut p = crate::server::store::practices::NewPractice::default();
    match input.submitter.split_once(':') {
        Some(("country", c)) if vocabulary.countries.iter().any(|x| x.code == c) => {
            p.submitter_kind = "country".into();
            p.country_iso2 = Some(c.to_string());
        }
        Some(("member", o)) if vocabulary.members.iter().any(|x| x.code == o) => {
            p.submitter_kind = "member".into();
            p.organisation_code = Some(o.to_string());
        }
        _ => errors.push(FieldError::new("submitter", Problem::Required)),
    }
    let mut text = |field: &'static str, value: &str, max: u32, out: &mut String| {
        let v = value.trim();
        if v.chars().count() > max as usize {
            errors.push(FieldError::new(field, Problem::TooLong { max }));
        }
        *out = v.to_string();
    };
    text("title_es", &input.title_es, 300, &mut p.title_es);
    text("title_en", &input.title_en, 300, &mut p.title_en);
    text("summary_es", &input.summary_es, 2000, &mut p.summary_es);
    text("summary_en", &input.summary_en, 2000, &mut p.summary_en);
    text("body_es", &input.body_es, 50_000, &mut p.body_es);
    text("body_en", &input.body_en, 50_000, &mut p.body_en);
    text("results_es", &input.results_es, 20_000, &mut p.results_es);
    text("results_en", &input.results_en, 20_000, &mut p.results_en);
    text("contacts", &input.contacts, 2000, &mut p.contacts);
    text("links", &input.links, 4000, &mut p.links);
    if p.title_es.is_empty() && p.title_en.is_empty() {
        errors.push(FieldError::new("title_es", Problem::Required));
    }
    if p.links
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .any(|l| {
            !(l.starts_with("https://") || l.starts_with("http://"))
                || l.contains(char::is_whitespace)
        })
    {
        errors.push(FieldError::new("links", Problem::InvalidFormat));
    }
    match input.year.trim().parse::<i32>() {
        Ok(y) if (1990..=2100).contains(&y) => p.year = y,
        Ok(_) => errors.push(FieldError::new(
            "year",
            Problem::OutOfRange {
                min: 1990,
                max: 2100,
            },
        )),
        Err(_) if input.year.trim().is_empty() => {
            errors.push(FieldError::new("year", Problem::Required))
        }
        Err(_) => errors.push(FieldError::new("year", Problem::InvalidFormat)),
    }
    for (field, value, out) in [
        ("period_start", &input.period_start, &mut p.period_start),
        ("period_end", &input.period_end, &mut p.period_end),
    ] {
        let v = value.trim();
        if !v.is_empty() {
            match chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                Ok(d) => *out = Some(d),
                Err(_) => errors.push(FieldError::new(field, Problem::InvalidFormat)),
            }
        }
    }
    if let (Some(a), Some(b)) = (p.period_start, p.period_end) {
        if b < a {
            errors.push(FieldError::new("period_end", Problem::NotAllowed));
        }
    }
    p.themes = input.themes.keys().cloned().collect();
    if p.themes.is_empty() {
        errors.push(FieldError::new("themes", Problem::Required));
    } else if !p
        .themes
        .iter()
        .all(|t| vocabulary.themes.iter().any(|x| &x.code == t))
    {
        errors.push(FieldError::new("themes", Problem::UnknownChoice));
    }
    p.populations = input.populations.keys().cloned().collect();
    if !p
        .populations
        .iter()
        .all(|g| vocabulary.populations.iter().any(|x| &x.code == g))
    {
        errors.push(FieldError::new("populations", Problem::UnknownChoice));
    }
    for g in input.gaps.keys() {
        match g.parse::<i64>() {
            Ok(id) if gap_ids.contains(&id) => p.gaps.push(id),
            _ => errors.push(FieldError::new("gaps", Problem::UnknownChoice)),
        }
    }
    if errors.is_empty() {
        Ok(p)
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Saves a practice: a new draft (`input.id` 0) or changes to a draft or returned one. Goes on
/// to the practice's page.
#[server(prefix = "/rpc", endpoint = "save_practice")]
pub async fn save_practice(input: PracticeInput, lang: String) -> Result<i64, AppError> {
    use crate::i18n::{localized, Lang};
    use crate::model::PracticeStatus;
    use crate::server::auth::{self, authorize, Action};
    use crate::server::{
        state::app_state,
        store::{inventory, practices},
    };
    super::respond(
        async {
            let user = auth::current_user().await?.ok_or(AppError::Unauthorized)?;
            let state = app_state()?;
            let vocabulary = Vocabulary::load(&state.db).await?;
            let gap_ids: Vec<i64> = inventory::list(&state.db, None, None)
                .await?
                .into_iter()
                .filter(|e| e.entry_type == crate::model::EntryType::Gap)
                .map(|e| e.id)
                .collect();
            let p = validate_practice(&input, &vocabulary, &gap_ids)?;
            let action = match (&p.country_iso2, &p.organisation_code) {
                (Some(c), _) => Action::EditCountry(c),
                (None, Some(o)) => Action::EditOrganisation(o),
                _ => {
                    return Err(AppError::invalid(
                        "submitter",
                        crate::error::Problem::Required,
                    ))
                }
            };
            authorize(Some(&user), &action)?;
            let id = if input.id > 0 {
                let d = practices::get(&state.db, input.id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                authorize(Some(&user), &scope_action(&d))?;
                practices::update(&state.db, &user.actor(), input.id, input.version, &p).await?;
                input.id
            } else {
                practices::create(&state.db, Some(&user.actor()), &p, PracticeStatus::Draft).await?
            };
            let lang = Lang::from_code(&lang).unwrap_or_default();
            leptos_axum::redirect(&localized(lang, &format!("/practices/{id}")));
            Ok(id)
        }
        .await,
    )
}

/// Moves a practice through the workflow: its author's side submits; the secretariat takes it
/// into review, returns it with a comment, publishes or unpublishes it. Goes back to its page.
#[server(prefix = "/rpc", endpoint = "move_practice")]
pub async fn move_practice(
    id: i64,
    transition: String,
    comment: String,
    lang: String,
) -> Result<(), AppError> {
    use crate::model::Transition;
    use crate::server::auth::{self, authorize, Action};
    use crate::server::{state::app_state, store::practices};
    super::respond(
        async {
            let user = auth::current_user().await?.ok_or(AppError::Unauthorized)?;
            let t = Transition::from_code(&transition).ok_or_else(|| {
                AppError::invalid("transition", crate::error::Problem::UnknownChoice)
            })?;
            let state = app_state()?;
            let d = practices::get(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            if t.is_review() {
                authorize(Some(&user), &Action::ReviewSubmissions)?;
            } else {
                authorize(Some(&user), &scope_action(&d))?;
            }
            practices::transition(&state.db, &user.actor(), id, t, &comment).await?;
            // The page itself refetches; a plain form post (no JavaScript) is sent back to the
            // page it came from by the server-function handler.
            let _ = lang;
            Ok(())
        }
        .await,
    )
}

/// What waits for the signed-in person: submissions to review (secretariat) and the unpublished
/// practices of their own country or organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeQueue {
    pub review: Vec<PracticeRef>,
    pub mine: Vec<PracticeRef>,
    pub reviewer: bool,
}

#[server(prefix = "/rpc", endpoint = "practice_queue")]
pub async fn fetch_practice_queue() -> Result<PracticeQueue, AppError> {
    use crate::model::Role;
    use crate::server::auth;
    use crate::server::{
        state::app_state,
        store::practices::{self, Scope},
    };
    super::respond(
        async {
            let user = auth::current_user().await?.ok_or(AppError::Unauthorized)?;
            let db = &app_state()?.db;
            Ok(match &user.role {
                Role::Secretariat => PracticeQueue {
                    review: practices::queue(db, &Scope::Review).await?,
                    mine: Vec::new(),
                    reviewer: true,
                },
                Role::FocalPoint { country } => PracticeQueue {
                    review: Vec::new(),
                    mine: practices::queue(db, &Scope::Country(country.to_ascii_uppercase()))
                        .await?,
                    reviewer: false,
                },
                Role::Member { organisation } => PracticeQueue {
                    review: Vec::new(),
                    mine: practices::queue(db, &Scope::Organisation(organisation.clone())).await?,
                    reviewer: false,
                },
            })
        }
        .await,
    )
}

/// Candidate topics for learning events, ranked, with their reasons (the chair and secretariat).
#[server(prefix = "/rpc", endpoint = "topic_suggestions")]
pub async fn fetch_topic_suggestions() -> Result<Vec<TopicSuggestion>, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::practices};
    super::respond(
        async {
            auth::require(Action::ManageEvents).await?;
            Ok(practices::topic_suggestions(&app_state()?.db).await?)
        }
        .await,
    )
}

/// The regional matrix of the inventory (anyone).
#[server(prefix = "/rpc", endpoint = "inventory_matrix")]
pub async fn fetch_inventory_matrix() -> Result<InventoryMatrix, AppError> {
    use crate::server::{state::app_state, store::inventory};
    super::respond(async { Ok(inventory::matrix(&app_state()?.db).await?) }.await)
}

/// A country's inventory as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryInventory {
    pub country: Named,
    pub themes: Vec<Named>,
    pub populations: Vec<Named>,
    pub entries: Vec<InventoryEntry>,
    /// Published practices that address each gap: (gap id, practice).
    pub practices: Vec<(i64, PracticeRef)>,
    /// The reader keeps this country's inventory (its focal points, the secretariat).
    pub can_edit: bool,
}

/// A country's services, programmes and gaps (anyone); says whether the reader may edit them.
#[server(prefix = "/rpc", endpoint = "country_inventory")]
pub async fn fetch_country_inventory(country: String) -> Result<CountryInventory, AppError> {
    use crate::on_db;
    use crate::server::auth::{self, authorize, Action};
    use crate::server::{state::app_state, store::inventory};
    super::respond(
        async {
            let code = country.trim().to_ascii_uppercase();
            let state = app_state()?;
            let vocabulary = Vocabulary::load(&state.db).await?;
            let named = vocabulary
                .countries
                .iter()
                .find(|c| c.code == code)
                .cloned()
                .ok_or(AppError::NotFound)?;
            let user = auth::current_user().await?;
            let can_edit = authorize(user.as_ref(), &Action::EditCountry(&code)).is_ok();
            let entries = inventory::list(&state.db, Some(&code), None).await?;
            type Row = (i64, i64, String, String, String, String);
            let rows: Vec<Row> = on_db!(&state.db, pool => sqlx::query_as(
                "SELECT g.entry_id, p.id, p.title_es, p.title_en, COALESCE(c.name_es, o.name_es, ''), \
                 COALESCE(c.name_en, o.name_en, '') FROM practice_gaps g \
                 JOIN practices p ON p.id = g.practice_id \
                 JOIN inventory_entries e ON e.id = g.entry_id \
                 LEFT JOIN countries c ON c.iso2 = p.country_iso2 \
                 LEFT JOIN organisations o ON o.code = p.organisation_code \
                 WHERE e.country_iso2 = $1 AND p.status = 'published' AND p.withdrawn_at IS NULL \
                 ORDER BY g.entry_id, p.id",
            )
            .bind(&code)
            .fetch_all(pool)
            .await)?;
            Ok(CountryInventory {
                country: named,
                themes: vocabulary.themes,
                populations: vocabulary.populations,
                entries,
                practices: rows
                    .into_iter()
                    .map(|r| {
                        (
                            r.0,
                            PracticeRef {
                                id: r.1,
                                title_es: r.2,
                                title_en: r.3,
                                submitter_es: r.4,
                                submitter_en: r.5,
                                status: crate::model::PracticeStatus::Published,
                                updated_at: String::new(),
                            },
                        )
                    })
                    .collect(),
                can_edit,
            })
        }
        .await,
    )
}

/// A country's inventory for its entry form: only for those who keep it.
#[server(prefix = "/rpc", endpoint = "entry_form")]
pub async fn fetch_entry_form(country: String) -> Result<CountryInventory, AppError> {
    use crate::server::auth::{self, Action};
    let code = country.trim().to_ascii_uppercase();
    super::respond(auth::require(Action::EditCountry(&code)).await.map(|_| ()))?;
    fetch_country_inventory(code).await
}

/// Checks a filled inventory form; every problem at once.
#[cfg(feature = "ssr")]
pub(crate) fn validate_entry(
    input: &EntryInput,
    vocabulary: &Vocabulary,
) -> Result<crate::server::store::inventory::NewEntry, AppError> {
    use crate::error::{FieldError, Problem};
    use crate::model::{EntryType, Severity};
    let mut errors = Vec::new();
    let mut e = crate::server::store::inventory::NewEntry {
        country_iso2: input.country.trim().to_ascii_uppercase(),
        ..Default::default()
    };
    if !vocabulary
        .countries
        .iter()
        .any(|c| c.code == e.country_iso2)
    {
        errors.push(FieldError::new("country", Problem::UnknownChoice));
    }
    e.entry_type = EntryType::from_code(input.entry_type.trim());
    if e.entry_type.is_none() {
        errors.push(FieldError::new("entry_type", Problem::Required));
    }
    e.theme_code = input.theme.trim().to_string();
    if !vocabulary.themes.iter().any(|t| t.code == e.theme_code) {
        errors.push(FieldError::new("theme", Problem::Required));
    }
    let mut text = |field: &'static str, value: &str, max: u32, out: &mut String| {
        let v = value.trim();
        if v.chars().count() > max as usize {
            errors.push(FieldError::new(field, Problem::TooLong { max }));
        }
        *out = v.to_string();
    };
    text("title_es", &input.title_es, 300, &mut e.title_es);
    text("title_en", &input.title_en, 300, &mut e.title_en);
    text(
        "description_es",
        &input.description_es,
        5000,
        &mut e.description_es,
    );
    text(
        "description_en",
        &input.description_en,
        5000,
        &mut e.description_en,
    );
    text("admin1", &input.admin1, 200, &mut e.admin1);
    text("provider", &input.provider, 300, &mut e.provider);
    let date = |field: &'static str, v: &str, errors: &mut Vec<FieldError>| {
        let v = v.trim();
        if v.is_empty() {
            return None;
        }
        match chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(FieldError::new(field, Problem::InvalidFormat));
                None
            }
        }
    };
    e.period_start = date("period_start", &input.period_start, &mut errors);
    e.period_end = date("period_end", &input.period_end, &mut errors);
    e.status = input.status.trim().to_string();
    if input.severity.trim().is_empty() {
        e.severity = None;
    } else {
        e.severity = Severity::from_code(input.severity.trim());
        if e.severity.is_none() {
            errors.push(FieldError::new("severity", Problem::UnknownChoice));
        }
    }
    if !input.priority.trim().is_empty() {
        match input.priority.trim().parse::<i32>() {
            Ok(p) => e.priority = Some(p),
            Err(_) => errors.push(FieldError::new("priority", Problem::InvalidFormat)),
        }
    }
    // A service or programme form may carry the gap fields' empty defaults; only gaps keep them.
    if e.entry_type.is_some_and(|t| t != EntryType::Gap) {
        e.severity = None;
        e.priority = None;
    }
    e.populations = input.populations.keys().cloned().collect();
    if !e
        .populations
        .iter()
        .all(|g| vocabulary.populations.iter().any(|x| &x.code == g))
    {
        errors.push(FieldError::new("populations", Problem::UnknownChoice));
    }
    if errors.is_empty() {
        Ok(e)
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Records a new inventory entry (`input.id` 0) or changes one, for a country the person keeps.
/// Goes back to the country's page.
#[server(prefix = "/rpc", endpoint = "save_inventory_entry")]
pub async fn save_inventory_entry(input: EntryInput, lang: String) -> Result<i64, AppError> {
    use crate::i18n::{localized, Lang};
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::inventory};
    super::respond(
        async {
            let country = input.country.trim().to_ascii_uppercase();
            let user = auth::require(Action::EditCountry(&country)).await?;
            let state = app_state()?;
            let vocabulary = Vocabulary::load(&state.db).await?;
            let e = validate_entry(&input, &vocabulary)?;
            let id = if input.id > 0 {
                let before = inventory::get(&state.db, input.id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                // The entry's own country decides, not the one the form claims.
                auth::require(Action::EditCountry(&before.country_iso2)).await?;
                inventory::update(&state.db, &user.actor(), input.id, input.version, &e).await?;
                input.id
            } else {
                inventory::create(&state.db, Some(&user.actor()), &e).await?
            };
            let lang = Lang::from_code(&lang).unwrap_or_default();
            leptos_axum::redirect(&localized(
                lang,
                &format!("/inventory/{country}#entry-{id}"),
            ));
            Ok(id)
        }
        .await,
    )
}

/// Takes an entry off a country's inventory, with the reason (kept in the audit trail).
#[server(prefix = "/rpc", endpoint = "withdraw_inventory_entry")]
pub async fn withdraw_inventory_entry(
    id: i64,
    version: i64,
    reason: String,
    lang: String,
) -> Result<(), AppError> {
    use crate::i18n::{localized, Lang};
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::inventory};
    super::respond(
        async {
            // Signed in first, so that a stranger learns nothing about which ids exist.
            auth::current_user().await?.ok_or(AppError::Unauthorized)?;
            let state = app_state()?;
            let before = inventory::get(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let user = auth::require(Action::EditCountry(&before.country_iso2)).await?;
            inventory::withdraw(&state.db, &user.actor(), id, version, &reason).await?;
            let lang = Lang::from_code(&lang).unwrap_or_default();
            leptos_axum::redirect(&localized(
                lang,
                &format!("/inventory/{}", before.country_iso2),
            ));
            Ok(())
        }
        .await,
    )
}
