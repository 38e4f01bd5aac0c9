//! Server functions of offers and matching: the public list and page of an offer; members (and
//! the secretariat for partners) record and withdraw offers; a country's focal points (and the
//! secretariat) see the offers suggested for a line and propose one; the offeror accepts (which
//! records the pledge) or declines.

use crate::error::AppError;
use crate::model::{
    AnswerInput, OfferForm, OfferInput, OfferQuery, OfferView, OffersPage, ProposalInput,
};
#[cfg(feature = "ssr")]
use crate::server::{
    auth::{self, authorize, Action},
    state::app_state,
    store::{offers, plans},
};
use leptos::prelude::*;

/// The offers the query asks for (anyone; no contact details).
#[server(prefix = "/rpc", endpoint = "offers")]
pub async fn fetch_offers(query: OfferQuery) -> Result<OffersPage, AppError> {
    super::respond(
        async {
            let state = app_state()?;
            let vocabulary = state.vocabulary.get(&state.db).await?;
            let user = auth::current_user().await?;
            Ok(OffersPage {
                offers: offers::offers(&state.db, &query).await?,
                countries: vocabulary.country_names(),
                themes: vocabulary.themes.clone(),
                can_offer: authorize(user.as_ref(), &Action::RecordContributions).is_ok(),
            })
        }
        .await,
    )
}

/// One offer with its matches (anyone). Contact details for people signed in; the proposers'
/// notes for the offeror and for the keepers of each line's plan.
#[server(prefix = "/rpc", endpoint = "offer")]
pub async fn fetch_offer(id: i64) -> Result<OfferView, AppError> {
    super::respond(
        async {
            let state = app_state()?;
            let (offer, contact) = offers::offer(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let user = auth::current_user().await?;
            let can_answer = authorize(
                user.as_ref(),
                &Action::EditOrganisation(&offer.offeror.code),
            )
            .is_ok();
            let found = offers::matches(&state.db, offers::MatchesOf::Offer(id)).await?;
            let notes = found
                .iter()
                .filter(|(m, _)| {
                    can_answer
                        || authorize(user.as_ref(), &Action::EditCountry(&m.country_iso2)).is_ok()
                })
                .map(|(m, note)| (m.id, note.clone()))
                .collect();
            let vocabulary = state.vocabulary.get(&state.db).await?;
            Ok(OfferView {
                contact: user.is_some().then_some(contact),
                notes,
                matches: found.into_iter().map(|(m, _)| m).collect(),
                countries: vocabulary.country_names(),
                themes: vocabulary.themes.clone(),
                pillars: vocabulary.pillars.clone(),
                can_answer,
                offer,
            })
        }
        .await,
    )
}

/// What the offer form needs: the organisations the caller may offer for (their own; any for the
/// secretariat) and the lists.
#[server(prefix = "/rpc", endpoint = "offer_form")]
pub async fn fetch_offer_form() -> Result<OfferForm, AppError> {
    super::respond(
        async {
            let user = auth::require(Action::RecordContributions).await?;
            let state = app_state()?;
            let vocabulary = state.vocabulary.get(&state.db).await?;
            let offerors = super::contributions::donors_for(&user)
                .await?
                .into_iter()
                .map(|(code, name_es, name_en)| crate::model::Named {
                    code,
                    name_es,
                    name_en,
                })
                .collect();
            Ok(OfferForm {
                offerors,
                countries: vocabulary.country_names(),
                themes: vocabulary.themes.clone(),
                pillars: vocabulary.pillars.clone(),
                currencies: crate::server::validate::contributions::CURRENCIES
                    .iter()
                    .map(|c| c.to_string())
                    .collect(),
            })
        }
        .await,
    )
}

/// Records an offer for an organisation the caller speaks for. Goes on to the offer's page.
#[server(prefix = "/rpc", endpoint = "save_offer")]
pub async fn save_offer(input: OfferInput, lang: String) -> Result<i64, AppError> {
    use crate::server::validate::offers::NewOffer;
    super::respond(
        async {
            let offeror = input.offeror.trim().to_string();
            let user = auth::require(if offeror.is_empty() {
                Action::RecordContributions
            } else {
                Action::EditOrganisation(&offeror)
            })
            .await?;
            let state = app_state()?;
            let vocabulary = state.vocabulary.get(&state.db).await?;
            let o = NewOffer::from_input(&input, &vocabulary, chrono::Utc::now().date_naive())?;
            let id = offers::create_offer(&state.db, Some(&user.actor()), &o).await?;
            super::go_to(&lang, &format!("/offers/{id}"));
            Ok(id)
        }
        .await,
    )
}

/// The offer `id` and the caller, if the caller speaks for its offeror.
#[cfg(feature = "ssr")]
async fn offeror_of(
    id: i64,
) -> Result<(crate::model::Offer, crate::server::store::accounts::User), AppError> {
    // Signed in first, so that a stranger learns nothing about which ids exist.
    auth::signed_in().await?;
    let state = app_state()?;
    let (offer, _) = offers::offer(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let user = auth::require(Action::EditOrganisation(&offer.offeror.code)).await?;
    Ok((offer, user))
}

/// Takes an offer back, with the reason; its open proposals go with it. Back to the offer.
#[server(prefix = "/rpc", endpoint = "withdraw_offer")]
pub async fn withdraw_offer(
    id: i64,
    version: i64,
    reason: String,
    lang: String,
) -> Result<(), AppError> {
    super::respond(
        async {
            let (_, user) = offeror_of(id).await?;
            offers::withdraw_offer(&app_state()?.db, &user.actor(), id, version, &reason).await?;
            super::go_to(&lang, &format!("/offers/{id}"));
            Ok(())
        }
        .await,
    )
}

/// How many offers a line's page suggests.
#[cfg(feature = "ssr")]
const SUGGESTIONS: usize = 10;

/// The suggestions for one stored line: its country, the line, and the ranked offers.
#[cfg(feature = "ssr")]
pub async fn suggestions_for(
    line_id: i64,
) -> Result<
    (
        String,
        crate::model::PlanLine,
        Vec<crate::model::Suggestion>,
    ),
    AppError,
> {
    use crate::server::matching::Matcher;
    let state = app_state()?;
    let (country, line) = plans::line(&state.db, line_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let vocabulary = state.vocabulary.get(&state.db).await?;
    let all = offers::offers(
        &state.db,
        &OfferQuery {
            country: country.clone(),
            ..Default::default()
        },
    )
    .await?;
    let countries = vocabulary.country_names();
    let matcher = Matcher::new(
        &all,
        &countries,
        &vocabulary.themes,
        &vocabulary.pillars,
        chrono::Utc::now().date_naive(),
    );
    let proposed: Vec<i64> = offers::matches(&state.db, offers::MatchesOf::Line(line_id))
        .await?
        .into_iter()
        .filter(|(m, _)| m.status == crate::model::MatchStatus::Proposed)
        .map(|(m, _)| m.offer_id)
        .collect();
    let missing =
        (line.required_usd() - line.funding.pledged_usd - line.funding.offered_usd).max(0);
    let found = matcher.for_line(&line, &country, missing, &proposed, SUGGESTIONS);
    Ok((country, line, found))
}

/// The proposals made for a line of `country` (anyone), and the offers suggested for it (only
/// for those who keep its plan). Read with the line's page.
#[cfg(feature = "ssr")]
pub async fn line_offers(
    line_id: i64,
    country: &str,
) -> Result<crate::model::LineOffers, AppError> {
    let state = app_state()?;
    let user = auth::current_user().await?;
    let keeper = authorize(user.as_ref(), &Action::EditCountry(country)).is_ok();
    let matches = offers::matches(&state.db, offers::MatchesOf::Line(line_id))
        .await?
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    let suggestions = if keeper {
        suggestions_for(line_id).await?.2
    } else {
        Vec::new()
    };
    Ok(crate::model::LineOffers {
        matches,
        suggestions,
    })
}

/// Proposes an offer for a line of a plan the caller keeps. The offer must be one the app
/// suggests for the line (active, fitting, not already proposed). Back to the line's page.
#[server(prefix = "/rpc", endpoint = "propose_offer")]
pub async fn propose_offer(input: ProposalInput, lang: String) -> Result<i64, AppError> {
    use crate::server::validate::offers::NewProposal;
    super::respond(
        async {
            auth::signed_in().await?;
            let state = app_state()?;
            let (country, _) = plans::line(&state.db, input.line_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let user = auth::require(Action::EditCountry(&country)).await?;
            let (_, _, found) = suggestions_for(input.line_id).await?;
            let Some(s) = found.into_iter().find(|s| s.offer.id == input.offer_id) else {
                return Err(AppError::invalid(
                    "offer",
                    crate::error::Problem::NotAllowed,
                ));
            };
            let p = NewProposal::from_input(&input, &s.offer)?;
            let until = chrono::NaiveDate::parse_from_str(&s.offer.available_until, "%Y-%m-%d")
                .map_err(|_| AppError::Internal)?;
            let id = offers::propose(
                &state.db,
                Some(&user.actor()),
                &p,
                s.score,
                chrono::Utc::now().date_naive(),
                until,
            )
            .await?;
            super::go_to(&lang, &format!("/plans/{country}/lines/{}", input.line_id));
            Ok(id)
        }
        .await,
    )
}

/// The offeror's answer to a proposal: accepting records the pledge in the ledger, linked to the
/// line; declining needs a reason. Back to the offer (or on to the new pledge).
#[server(prefix = "/rpc", endpoint = "answer_offer_match")]
pub async fn answer_offer_match(input: AnswerInput, lang: String) -> Result<(), AppError> {
    use crate::server::store::contributions::{self, AcceptedMatch};
    use crate::server::validate::offers::NewAnswer;
    super::respond(
        async {
            auth::signed_in().await?;
            let state = app_state()?;
            let (m, _) = offers::matches(&state.db, offers::MatchesOf::One(input.match_id))
                .await?
                .into_iter()
                .next()
                .ok_or(AppError::NotFound)?;
            let (offer, user) = offeror_of(m.offer_id).await?;
            let a = NewAnswer::from_input(&input)?;
            if !a.accept {
                offers::decline(&state.db, &user.actor(), &a, offer.id).await?;
                super::go_to(&lang, &format!("/offers/{}", offer.id));
                return Ok(());
            }
            let (_, line) = plans::line(&state.db, m.line_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let today = chrono::Utc::now().date_naive();
            let pledge =
                crate::server::validate::offers::pledge_input(&offer, &m, &line, &a.reason, today);
            let lookups = crate::server::validate::contributions::Lookups::load(
                &state.db,
                Some(&state.vocabulary),
            )
            .await?;
            let valid = crate::server::validate::contributions::validate_contribution(
                &pledge, &lookups, today,
            )
            .map_err(AppError::Validation)?;
            let accepted = AcceptedMatch {
                match_id: m.id,
                version: a.version,
                offer_id: offer.id,
                line_id: m.line_id,
                reason: a.reason.clone(),
            };
            let id = contributions::pledge_from_match(&state.db, &user.actor(), &valid, &accepted)
                .await?;
            super::go_to(&lang, &format!("/contributions/{id}"));
            Ok(())
        }
        .await,
    )
}
