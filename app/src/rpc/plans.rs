//! Server functions of the National Action Plans: the public overview, a country's plan and one
//! line with its history; a country's focal points keep their own plan's lines, requirements and
//! statuses, the secretariat every plan's.

use crate::error::AppError;
use crate::model::{LineInput, LineView, PlanView, PlansOverview, RequirementInput, StatusInput};
#[cfg(feature = "ssr")]
use crate::server::{
    auth::{self, authorize, Action},
    state::app_state,
    store::{inventory, plans},
};
use leptos::prelude::*;

/// Every country's plan with its declared commitments and costed requirements (anyone).
#[server(prefix = "/rpc", endpoint = "plans")]
pub async fn fetch_plans() -> Result<PlansOverview, AppError> {
    super::respond(
        async {
            let state = app_state()?;
            Ok(PlansOverview {
                plans: plans::plans(&state.db, None).await?,
            })
        }
        .await,
    )
}

/// A country's plan and its lines (anyone); says whether the reader may change it.
#[cfg(feature = "ssr")]
async fn plan_view(country: &str) -> Result<PlanView, AppError> {
    let code = country.trim().to_ascii_uppercase();
    let state = app_state()?;
    let plan = plans::plans(&state.db, Some(&code))
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    let vocabulary = state.vocabulary.get(&state.db).await?;
    let user = auth::current_user().await?;
    Ok(PlanView {
        lines: plans::lines(&state.db, Some(&code))
            .await?
            .into_iter()
            .map(|(_, l)| l)
            .collect(),
        pillars: vocabulary.pillars.clone(),
        sectors: vocabulary.sectors.clone(),
        themes: vocabulary.themes.clone(),
        gaps: inventory::open_gaps(&state.db)
            .await?
            .into_iter()
            .filter(|g| g.country_iso2 == code)
            .collect(),
        can_edit: authorize(user.as_ref(), &Action::EditCountry(&code)).is_ok(),
        unlinked_funded_usd: unlinked_funded(&code).await?,
        plan,
    })
}

/// What the country received (funded, all years) that names no line of its plan.
#[cfg(feature = "ssr")]
async fn unlinked_funded(country: &str) -> Result<i64, AppError> {
    let state = app_state()?;
    let filter = crate::model::ContributionFilter {
        country: Some(country.to_string()),
        ..Default::default()
    };
    let funded = state
        .aggregates
        .totals(&state.db, &filter)
        .await?
        .funded_usd;
    let linked = plans::links::linked_funded_of_country(&state.db, country).await?;
    Ok((funded - linked).max(0))
}

/// A country's plan in short, for its country page: totals over every line and the lines that
/// miss the most; `None` when the country has no plan on record.
#[cfg(feature = "ssr")]
pub(crate) async fn country_plan(
    code: &str,
) -> Result<Option<crate::model::CountryPlan>, AppError> {
    use crate::model::COUNTRY_PAGE_ITEMS;
    let state = app_state()?;
    let Some(summary) = plans::plans(&state.db, Some(code))
        .await?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let mut lines: Vec<_> = plans::lines(&state.db, Some(code))
        .await?
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    let sum = |f: fn(&crate::model::PlanLine) -> i64| crate::model::sum_money(lines.iter().map(f));
    let (required_usd, funded_usd) = (sum(|l| l.required_usd()), sum(|l| l.funding.funded_usd));
    let (pledged_usd, offered_usd) = (
        sum(|l| l.funding.pledged_usd),
        sum(|l| l.funding.offered_usd),
    );
    let offers_in_discussion = sum(|l| l.funding.offers_in_discussion);
    crate::model::PlanLine::sort_by_missing(&mut lines);
    lines.truncate(COUNTRY_PAGE_ITEMS);
    Ok(Some(crate::model::CountryPlan {
        summary,
        required_usd,
        funded_usd,
        pledged_usd,
        offered_usd,
        offers_in_discussion,
        unlinked_funded_usd: unlinked_funded(code).await?,
        top_lines: lines,
    }))
}

/// A country's plan with its lines (anyone).
#[server(prefix = "/rpc", endpoint = "plan")]
pub async fn fetch_plan(country: String) -> Result<PlanView, AppError> {
    super::respond(plan_view(&country).await)
}

/// A country's plan for its line form: only for those who keep it.
#[server(prefix = "/rpc", endpoint = "plan_form")]
pub async fn fetch_plan_form(country: String) -> Result<PlanView, AppError> {
    let code = country.trim().to_ascii_uppercase();
    super::respond(auth::require(Action::EditCountry(&code)).await.map(|_| ()))?;
    super::respond(plan_view(&code).await)
}

/// One line of a plan with its requirement revisions and status notes (anyone).
#[server(prefix = "/rpc", endpoint = "plan_line")]
pub async fn fetch_plan_line(id: i64) -> Result<LineView, AppError> {
    super::respond(
        async {
            let state = app_state()?;
            let (country, line) = plans::line(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let (revisions, notes) = plans::history(&state.db, id).await?;
            Ok(LineView {
                offers: super::offers::line_offers(id, &country).await?,
                plan: plan_view(&country).await?,
                line,
                revisions,
                notes,
                contributions: plans::links::contributions_of_line(&state.db, id).await?,
                currencies: crate::server::validate::contributions::CURRENCIES
                    .iter()
                    .map(|c| c.to_string())
                    .collect(),
            })
        }
        .await,
    )
}

/// The country of a stored line, for deciding who may change it.
#[cfg(feature = "ssr")]
async fn country_of_line(id: i64) -> Result<String, AppError> {
    // Signed in first, so that a stranger learns nothing about which ids exist.
    auth::signed_in().await?;
    let state = app_state()?;
    Ok(plans::line(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?
        .0)
}

/// Records a new line (`input.id` 0) or changes one, in a plan the person keeps. Goes on to the
/// line's page.
#[server(prefix = "/rpc", endpoint = "save_plan_line")]
pub async fn save_plan_line(input: LineInput, lang: String) -> Result<i64, AppError> {
    use crate::server::validate::plans::NewLine;
    super::respond(
        async {
            let country = input.country.trim().to_ascii_uppercase();
            let user = auth::require(Action::EditCountry(&country)).await?;
            let state = app_state()?;
            let vocabulary = state.vocabulary.get(&state.db).await?;
            let gap_ids: Vec<i64> = inventory::open_gaps(&state.db)
                .await?
                .into_iter()
                .filter(|g| g.country_iso2 == country)
                .map(|g| g.id)
                .collect();
            let l = NewLine::from_input(&input, &vocabulary, &gap_ids)?;
            let id = if input.id > 0 {
                // The line's own country decides, not the one the form claims.
                let stored = country_of_line(input.id).await?;
                auth::require(Action::EditCountry(&stored)).await?;
                plans::update_line(&state.db, &user.actor(), input.id, input.version, &l).await?;
                input.id
            } else {
                plans::create_line(&state.db, Some(&user.actor()), &l).await?
            };
            super::go_to(&lang, &format!("/plans/{country}/lines/{id}"));
            Ok(id)
        }
        .await,
    )
}

/// Sets a line's requirement for a year (a changed figure needs its reason). Goes back to the
/// line's page.
#[server(prefix = "/rpc", endpoint = "set_plan_requirement")]
pub async fn set_plan_requirement(input: RequirementInput, lang: String) -> Result<(), AppError> {
    use crate::server::validate::plans::NewRequirement;
    super::respond(
        async {
            let country = country_of_line(input.line_id).await?;
            let user = auth::require(Action::EditCountry(&country)).await?;
            let r = NewRequirement::from_input(&input)?;
            plans::set_requirement(&app_state()?.db, Some(&user.actor()), &r).await?;
            super::go_to(&lang, &format!("/plans/{country}/lines/{}", input.line_id));
            Ok(())
        }
        .await,
    )
}

/// Moves a line to a status with a dated note. Goes back to the line's page.
#[server(prefix = "/rpc", endpoint = "set_plan_line_status")]
pub async fn set_plan_line_status(input: StatusInput, lang: String) -> Result<(), AppError> {
    use crate::server::validate::plans::NewStatus;
    super::respond(
        async {
            let country = country_of_line(input.line_id).await?;
            let user = auth::require(Action::EditCountry(&country)).await?;
            let s = NewStatus::from_input(&input)?;
            plans::set_status(&app_state()?.db, &user.actor(), &s).await?;
            super::go_to(&lang, &format!("/plans/{country}/lines/{}", input.line_id));
            Ok(())
        }
        .await,
    )
}

/// Takes a line off its plan, with the reason (kept in the audit trail). Goes back to the plan.
#[server(prefix = "/rpc", endpoint = "withdraw_plan_line")]
pub async fn withdraw_plan_line(
    id: i64,
    version: i64,
    reason: String,
    lang: String,
) -> Result<(), AppError> {
    super::respond(
        async {
            let country = country_of_line(id).await?;
            let user = auth::require(Action::EditCountry(&country)).await?;
            plans::withdraw_line(&app_state()?.db, &user.actor(), id, version, &reason).await?;
            super::go_to(&lang, &format!("/plans/{country}"));
            Ok(())
        }
        .await,
    )
}
