//! Server functions of the commitments register: the public list (with its counts) and the page
//! of a commitment; its makers (a country's focal points, a member's people; the secretariat for
//! anyone) write it as a draft, submit it, and announce it once the secretariat has
//! pre-articulated it (or returned it with comments); progress is reported on announced ones.

use crate::error::AppError;
use crate::model::{
    CommitmentFormOptions, CommitmentInput, CommitmentQuery, CommitmentQueue, CommitmentView,
    CommitmentsPage, ProgressInput,
};
#[cfg(feature = "ssr")]
use crate::{
    i18n::Lang,
    model::{
        Commitment, CommitmentKind, CommitmentMove, CommitmentReview, CommitmentStage, FacetCount,
        Filter, Named, Occasion,
    },
    server::{
        auth::{self, authorize, Action},
        state::app_state,
        store::{accounts::User, commitments},
    },
};
use leptos::prelude::*;

/// The action that lets a person act for a maker (`country:XX` or an organisation's code).
#[cfg(feature = "ssr")]
fn maker_action(code: &str) -> Action<'_> {
    match code.strip_prefix("country:") {
        Some(iso2) => Action::EditCountry(iso2),
        None => Action::EditOrganisation(code),
    }
}

/// Whether the person acts for at least one of the commitment's makers (the secretariat always).
#[cfg(feature = "ssr")]
fn on_makers_side(user: Option<&User>, makers: &[Named]) -> bool {
    makers
        .iter()
        .any(|m| authorize(user, &maker_action(&m.code)).is_ok())
}

/// Names a facet's (code, count) pairs with the vocabulary of `name`.
#[cfg(feature = "ssr")]
fn facet<T: Copy>(
    counts: &[(&'static str, u32)],
    from: fn(&str) -> Option<T>,
    name: fn(T, Lang) -> &'static str,
) -> Vec<FacetCount> {
    counts
        .iter()
        .filter_map(|(code, count)| {
            from(code).map(|v| FacetCount {
                code: code.to_string(),
                name_es: name(v, Lang::Es).to_string(),
                name_en: name(v, Lang::En).to_string(),
                count: *count,
            })
        })
        .collect()
}

/// The announced commitments the query asks for, with the counts per kind, stage and occasion
/// and the Result 2.1.3 count (anyone).
#[server(prefix = "/rpc", endpoint = "commitments")]
pub async fn fetch_commitments(query: CommitmentQuery) -> Result<CommitmentsPage, AppError> {
    super::respond(
        async {
            let query = query.checked()?;
            let state = app_state()?;
            let vocabulary = state.vocabulary.get(&state.db).await?;
            let today = chrono::Utc::now().date_naive();
            let (list, counts) = commitments::register(&state.db, &query, today).await?;
            let user = auth::current_user().await?;
            let can_record = user.as_ref().is_some_and(|u| {
                has_a_side(u) || authorize(Some(u), &Action::ReviewSubmissions).is_ok()
            });
            Ok(CommitmentsPage {
                can_record,
                commitments: list,
                countries: vocabulary.country_names(),
                makers: commitments::makers(&state.db).await?,
                by_kind: facet(
                    &counts.kind,
                    CommitmentKind::from_code,
                    CommitmentKind::name,
                ),
                by_stage: facet(
                    &counts.stage,
                    CommitmentStage::from_code,
                    CommitmentStage::name,
                ),
                by_occasion: facet(&counts.occasion, Occasion::from_code, Occasion::name),
                hiring_in_two_countries: commitments::hiring_in_two_countries(&state.db).await?,
            })
        }
        .await,
    )
}

/// The moves `user` may make on `c` now.
#[cfg(feature = "ssr")]
fn moves_for(user: Option<&User>, c: &Commitment) -> Vec<CommitmentMove> {
    let makers_side = on_makers_side(user, &c.makers);
    let reviewer = authorize(user, &Action::ReviewSubmissions).is_ok();
    CommitmentMove::ALL
        .iter()
        .copied()
        .filter(|m| m.target(c.review).is_some())
        .filter(|m| if m.is_review() { reviewer } else { makers_side })
        .collect()
}

/// One commitment with its progress reports: an announced one for anyone; one not yet public
/// only for its makers' side and reviewers (not found for others), with its review history and
/// what the person may do.
#[server(prefix = "/rpc", endpoint = "commitment")]
pub async fn fetch_commitment(id: i64) -> Result<CommitmentView, AppError> {
    super::respond(
        async {
            let state = app_state()?;
            let today = chrono::Utc::now().date_naive();
            let (commitment, updates) = commitments::any_commitment(&state.db, id, today)
                .await?
                .ok_or(AppError::NotFound)?;
            let user = auth::current_user().await?;
            let makers_side = on_makers_side(user.as_ref(), &commitment.makers);
            let reviewer = authorize(user.as_ref(), &Action::ReviewSubmissions).is_ok();
            let public = commitment.review == CommitmentReview::Announced;
            if !public && !makers_side && !reviewer {
                return Err(AppError::NotFound);
            }
            let history = if makers_side || reviewer {
                commitments::history(&state.db, id).await?
            } else {
                Vec::new()
            };
            let vocabulary = state.vocabulary.get(&state.db).await?;
            Ok(CommitmentView {
                countries: vocabulary.country_names(),
                themes: vocabulary.themes.clone(),
                history,
                moves: moves_for(user.as_ref(), &commitment),
                can_edit: makers_side
                    && matches!(
                        commitment.review,
                        CommitmentReview::Draft | CommitmentReview::Returned
                    ),
                can_report: public && (makers_side || reviewer),
                commitment,
                updates,
            })
        }
        .await,
    )
}

/// The choices of the commitment form; with `id` > 0 also the commitment to edit (a draft or a
/// returned one the person acts for).
#[server(prefix = "/rpc", endpoint = "commitment_form")]
pub async fn fetch_commitment_form(id: i64) -> Result<CommitmentFormOptions, AppError> {
    use crate::model::OrgRole;
    super::respond(
        async {
            let user = auth::signed_in().await?;
            let state = app_state()?;
            let vocabulary = state.vocabulary.get(&state.db).await?;
            let countries = vocabulary.country_names();
            let makers: Vec<Named> = countries
                .iter()
                .map(|c| Named {
                    code: format!("country:{}", c.code),
                    ..c.clone()
                })
                .chain(vocabulary.organisation_names(&[
                    OrgRole::Member,
                    OrgRole::Secretariat,
                    OrgRole::Partner,
                ]))
                .collect();
            let all = authorize(Some(&user), &Action::ReviewSubmissions).is_ok();
            let own: Vec<String> = if all {
                Vec::new()
            } else {
                makers
                    .iter()
                    .filter(|m| authorize(Some(&user), &maker_action(&m.code)).is_ok())
                    .map(|m| m.code.clone())
                    .collect()
            };
            if !all && own.is_empty() {
                return Err(AppError::Forbidden);
            }
            let current = if id > 0 {
                let today = chrono::Utc::now().date_naive();
                let (c, _) = commitments::any_commitment(&state.db, id, today)
                    .await?
                    .ok_or(AppError::NotFound)?;
                if !on_makers_side(Some(&user), &c.makers) {
                    return Err(AppError::Forbidden);
                }
                if !matches!(
                    c.review,
                    CommitmentReview::Draft | CommitmentReview::Returned
                ) {
                    return Err(AppError::Conflict);
                }
                Some((c.id, c.version, c.to_input()))
            } else {
                None
            };
            Ok(CommitmentFormOptions {
                makers,
                own,
                countries,
                themes: vocabulary.themes.clone(),
                current,
            })
        }
        .await,
    )
}

/// Saves a commitment: a new draft (`id` 0) or changes to a draft or returned one (the `version`
/// the person saw). The person must act for one of its makers. Goes on to its page.
#[server(prefix = "/rpc", endpoint = "save_commitment")]
pub async fn save_commitment(
    input: CommitmentInput,
    #[server(default)] id: i64,
    #[server(default)] version: i64,
    lang: String,
) -> Result<i64, AppError> {
    use crate::server::validate::commitments::NewCommitment;
    super::respond(
        async {
            let user = auth::signed_in().await?;
            let state = app_state()?;
            let vocabulary = state.vocabulary.get(&state.db).await?;
            let c = NewCommitment::from_input(&input, &vocabulary)?;
            let own = c
                .makers
                .iter()
                .any(|m| authorize(Some(&user), &maker_action(&m.code())).is_ok());
            if !own {
                return Err(AppError::invalid(
                    "makers",
                    crate::error::Problem::NotAllowed,
                ));
            }
            let id = if id > 0 {
                let today = chrono::Utc::now().date_naive();
                let (old, _) = commitments::any_commitment(&state.db, id, today)
                    .await?
                    .ok_or(AppError::NotFound)?;
                if !on_makers_side(Some(&user), &old.makers) {
                    return Err(AppError::Forbidden);
                }
                commitments::update(&state.db, &user.actor(), id, version, &c, today).await?;
                id
            } else {
                commitments::create(
                    &state.db,
                    Some(&user.actor()),
                    &c,
                    CommitmentReview::Draft,
                    None,
                )
                .await?
            };
            super::go_to(&lang, &format!("/commitments/{id}"));
            Ok(id)
        }
        .await,
    )
}

/// Moves a commitment's review: its makers' side submits it and announces it once
/// pre-articulated; the secretariat returns it with a comment or pre-articulates it.
#[server(prefix = "/rpc", endpoint = "move_commitment")]
pub async fn move_commitment(
    id: i64,
    transition: String,
    #[server(default)] comment: String,
    lang: String,
) -> Result<(), AppError> {
    super::respond(
        async {
            let user = auth::signed_in().await?;
            let mv = CommitmentMove::from_code(&transition).ok_or_else(|| {
                AppError::invalid("transition", crate::error::Problem::UnknownChoice)
            })?;
            let state = app_state()?;
            let today = chrono::Utc::now().date_naive();
            let (c, _) = commitments::any_commitment(&state.db, id, today)
                .await?
                .ok_or(AppError::NotFound)?;
            if mv.is_review() {
                authorize(Some(&user), &Action::ReviewSubmissions)?;
            } else if !on_makers_side(Some(&user), &c.makers) {
                return Err(if c.review == CommitmentReview::Announced {
                    AppError::Forbidden
                } else {
                    AppError::NotFound
                });
            }
            commitments::transition(&state.db, &user.actor(), id, mv, &comment).await?;
            // The page refetches; a plain form post (no JavaScript) is sent back to the page it
            // came from by the server-function handler.
            let _ = lang;
            Ok(())
        }
        .await,
    )
}

/// Reports progress on an announced commitment (its makers' side and the secretariat): dated
/// words, a figure for a country where it counts something, evidence, and the stage it is at
/// now.
#[server(prefix = "/rpc", endpoint = "report_commitment_progress")]
pub async fn report_commitment_progress(
    id: i64,
    input: ProgressInput,
    lang: String,
) -> Result<i64, AppError> {
    use crate::server::validate::commitments::NewProgress;
    super::respond(
        async {
            let user = auth::signed_in().await?;
            let state = app_state()?;
            let today = chrono::Utc::now().date_naive();
            let (c, _) = commitments::commitment(&state.db, id, today)
                .await?
                .ok_or(AppError::NotFound)?;
            let reviewer = authorize(Some(&user), &Action::ReviewSubmissions).is_ok();
            if !reviewer && !on_makers_side(Some(&user), &c.makers) {
                return Err(AppError::Forbidden);
            }
            let vocabulary = state.vocabulary.get(&state.db).await?;
            let p = NewProgress::from_input(&input, &vocabulary, today)?;
            let report = commitments::add_progress(&state.db, Some(&user.actor()), id, &p).await?;
            let _ = lang;
            Ok(report)
        }
        .await,
    )
}

/// Commitments not yet public: for reviewers those submitted or pre-articulated; for the others
/// the ones they make (drafts, returned, waiting).
#[server(prefix = "/rpc", endpoint = "commitment_queue")]
pub async fn fetch_commitment_queue() -> Result<CommitmentQueue, AppError> {
    super::respond(
        async {
            let user = auth::signed_in().await?;
            let state = app_state()?;
            let today = chrono::Utc::now().date_naive();
            let reviewer = authorize(Some(&user), &Action::ReviewSubmissions).is_ok();
            let all = commitments::unannounced(&state.db, today).await?;
            let waits = |c: &Commitment| {
                matches!(
                    c.review,
                    CommitmentReview::Submitted | CommitmentReview::PreArticulated
                )
            };
            if !reviewer && !has_a_side(&user) {
                return Err(AppError::Forbidden);
            }
            let (review, mine): (Vec<Commitment>, Vec<Commitment>) = all
                .into_iter()
                .filter(|c| (reviewer && waits(c)) || on_makers_side(Some(&user), &c.makers))
                .partition(|c| reviewer && waits(c));
            Ok(CommitmentQueue {
                review,
                mine,
                reviewer,
            })
        }
        .await,
    )
}

/// Whether the person acts for a country or an organisation at all.
#[cfg(feature = "ssr")]
fn has_a_side(user: &User) -> bool {
    user.role.country().is_some() || user.role.organisation().is_some()
}
