//! Server functions of the good-practices repository: the public search of published practices;
//! authors (a country's focal points, a member's accounts, the secretariat) write drafts and
//! submit them; the secretariat reviews, returns and publishes; and the ranking of learning
//! topics for those who plan events.

use crate::error::AppError;
use crate::model::{
    PracticeFormOptions, PracticeInput, PracticeQuery, PracticeQueue, PracticeResults,
    PracticeView, TopicSuggestion,
};
#[cfg(feature = "ssr")]
use crate::{
    model::{Filter, PracticeStatus},
    server::{
        auth::{self, authorize, Action},
        state::app_state,
        store::{inventory, practices},
    },
};
use leptos::prelude::*;

/// Results per page of the practice search.
pub const PRACTICES_PER_PAGE: u32 = 20;

/// Published practices matching a search, with facet counts (anyone).
#[server(prefix = "/rpc", endpoint = "practices")]
pub async fn search_practices(
    #[server(default)] query: PracticeQuery,
    page: u32,
) -> Result<PracticeResults, AppError> {
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

/// The action that lets someone write for the practice's submitter.
#[cfg(feature = "ssr")]
fn scope_action(d: &crate::model::PracticeDetail) -> crate::server::auth::Action<'_> {
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
    use crate::server::markdown::render;
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

/// Who the person may write practices for: (`country:GT` / `member:EU`, Spanish, English).
#[cfg(feature = "ssr")]
fn submitters(
    user: &crate::server::store::accounts::User,
    v: &crate::server::store::vocabulary::Vocabulary,
) -> Vec<(String, String, String)> {
    use crate::model::OrgRole;
    let countries = v
        .country_names()
        .into_iter()
        .filter(|c| authorize(Some(user), &Action::EditCountry(&c.code)).is_ok())
        .map(|c| (format!("country:{}", c.code), c.name_es, c.name_en));
    let members = v
        .organisation_names(&[OrgRole::Member])
        .into_iter()
        .filter(|o| authorize(Some(user), &Action::EditOrganisation(&o.code)).is_ok())
        .map(|o| (format!("member:{}", o.code), o.name_es, o.name_en));
    countries.chain(members).collect()
}

/// The choices of the practice form; with `id` > 0, also the practice to edit (which the person
/// must be allowed to change).
#[server(prefix = "/rpc", endpoint = "practice_form")]
pub async fn fetch_practice_form(id: i64) -> Result<PracticeFormOptions, AppError> {
    super::respond(
        async {
            let user = auth::signed_in().await?;
            let state = app_state()?;
            let vocabulary = state.vocabulary.get(&state.db).await?;
            let submitters = submitters(&user, &vocabulary);
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
            Ok(PracticeFormOptions {
                submitters,
                themes: vocabulary.themes.clone(),
                populations: vocabulary.populations.clone(),
                gaps: inventory::open_gaps(&state.db).await?,
                current,
            })
        }
        .await,
    )
}

/// Saves a practice: a new draft (`input.id` 0) or changes to a draft or returned one. Goes on
/// to the practice's page.
#[server(prefix = "/rpc", endpoint = "save_practice")]
pub async fn save_practice(input: PracticeInput, lang: String) -> Result<i64, AppError> {
    use crate::server::validate::practices::NewPractice;
    super::respond(
        async {
            let user = auth::signed_in().await?;
            let state = app_state()?;
            let vocabulary = state.vocabulary.get(&state.db).await?;
            let gap_ids = inventory::gap_ids(&state.db).await?;
            let p = NewPractice::from_input(&input, &vocabulary, &gap_ids)?;
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
            super::go_to(&lang, &format!("/practices/{id}"));
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
    super::respond(
        async {
            let user = auth::signed_in().await?;
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

/// The review queue (for those who review) and the person's own unpublished practices.
#[server(prefix = "/rpc", endpoint = "practice_queue")]
pub async fn fetch_practice_queue() -> Result<PracticeQueue, AppError> {
    use crate::server::store::practices::Scope;
    super::respond(
        async {
            let user = auth::signed_in().await?;
            let db = &app_state()?.db;
            let reviewer = authorize(Some(&user), &Action::ReviewSubmissions).is_ok();
            let review = if reviewer {
                practices::queue(db, &Scope::Review).await?
            } else {
                Vec::new()
            };
            let own = match (user.role.country(), user.role.organisation()) {
                (Some(c), _) => Some(Scope::Country(c.to_ascii_uppercase())),
                (None, Some(o)) => Some(Scope::Organisation(o.to_string())),
                _ => None,
            };
            let mine = match own.filter(|_| !reviewer) {
                Some(scope) => practices::queue(db, &scope).await?,
                None => Vec::new(),
            };
            Ok(PracticeQueue {
                review,
                mine,
                reviewer,
            })
        }
        .await,
    )
}

/// Candidate topics for learning events, ranked, with their reasons (the chair and secretariat).
#[server(prefix = "/rpc", endpoint = "topic_suggestions")]
pub async fn fetch_topic_suggestions() -> Result<Vec<TopicSuggestion>, AppError> {
    super::respond(
        async {
            auth::require(Action::ManageEvents).await?;
            Ok(practices::topic_suggestions(&app_state()?.db).await?)
        }
        .await,
    )
}
