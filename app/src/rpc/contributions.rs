//! Server functions of the contribution ledger: public reads (dashboard, list, one record) and
//! the writes members and the secretariat make (record, add a step, edit, withdraw, restore).
//! A member may only touch its own organisation's contributions; the secretariat any.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::model::Filter;
use crate::model::{
    ContributionFilter, ContributionFormChoices, ContributionInput, ContributionList,
    ContributionView, DashboardData, StepInput,
};
use leptos::prelude::*;

/// How many months a pledge may wait for its commitment before the dashboard lists it as stale.
pub const STALE_MONTHS: u32 = 12;

/// Everything the public dashboard draws for a filter.
#[server(prefix = "/rpc", endpoint = "dashboard")]
pub async fn fetch_dashboard(
    #[server(default)] filter: ContributionFilter,
) -> Result<DashboardData, AppError> {
    use crate::server::state::app_state;
    super::respond(
        async {
            let filter = filter.checked()?;
            let state = app_state()?;
            let data = state
                .aggregates
                .dashboard(
                    &state.db,
                    &filter,
                    chrono::Utc::now().date_naive(),
                    STALE_MONTHS,
                )
                .await?;
            Ok(data.as_ref().clone())
        }
        .await,
    )
}

pub const LIST_PAGE_SIZE: i64 = 25;

#[server(prefix = "/rpc", endpoint = "list_contributions")]
pub async fn list_contributions(
    #[server(default)] filter: ContributionFilter,
    page: i64,
) -> Result<ContributionList, AppError> {
    use crate::server::{state::app_state, store::contributions};
    super::respond(
        async {
            let filter = filter.checked()?;
            let page = page.clamp(1, 1_000_000);
            let (items, total) =
                contributions::list(&app_state()?.db, &filter, page, LIST_PAGE_SIZE).await?;
            Ok(ContributionList {
                items,
                total,
                page,
                per_page: LIST_PAGE_SIZE,
            })
        }
        .await,
    )
}

#[server(prefix = "/rpc", endpoint = "contribution")]
pub async fn fetch_contribution(id: i64) -> Result<ContributionView, AppError> {
    use crate::server::auth::{self, authorize, Action};
    use crate::server::{
        state::app_state,
        store::{contributions, plans},
    };
    super::respond(
        async {
            let user = auth::current_user().await?;
            let state = app_state()?;
            // Withdrawn records are visible to those who may restore them, nobody else.
            let any = contributions::get(&state.db, id, true)
                .await?
                .ok_or(AppError::NotFound)?;
            let can_edit = authorize(
                user.as_ref(),
                &Action::EditOrganisation(&any.summary.donor_code),
            )
            .is_ok();
            if any.summary.withdrawn && !can_edit {
                return Err(AppError::NotFound);
            }
            let can_audit = authorize(user.as_ref(), &Action::ViewAudit).is_ok();
            let lines = plans::links::lines_of_contribution(&state.db, id).await?;
            // Lines it may name: its country's plan, or every plan for a regional contribution.
            let line_choices =
                if can_edit && !any.summary.withdrawn && any.summary.parent_id.is_none() {
                    plans::lines(&state.db, any.summary.recipient_iso2.as_deref())
                        .await?
                        .into_iter()
                        .map(|(country, l)| {
                            let es = if l.title_es.is_empty() {
                                &l.title_en
                            } else {
                                &l.title_es
                            };
                            let en = if l.title_en.is_empty() {
                                &l.title_es
                            } else {
                                &l.title_en
                            };
                            (
                                l.id.to_string(),
                                format!("{country} · {} · {es}", l.code),
                                format!("{country} · {} · {en}", l.code),
                            )
                        })
                        .collect()
                } else {
                    Vec::new()
                };
            let v = state.vocabulary.get(&state.db).await?;
            let named = |list: &[crate::model::Named], code: Option<&str>| {
                code.and_then(|c| list.iter().find(|n| n.code == c).cloned())
            };
            Ok(ContributionView {
                sector: named(&v.sectors, any.summary.sector_code.as_deref()),
                working_group: named(&v.working_groups, any.working_group_code.as_deref()),
                detail: any,
                can_edit,
                can_audit,
                lines,
                line_choices,
            })
        }
        .await,
    )
}

/// The donors the caller may record contributions for: (code, Spanish, English) of each member
/// or partner organisation the caller may edit.
#[cfg(feature = "ssr")]
pub(crate) async fn donors_for(
    user: &crate::server::store::accounts::User,
) -> Result<Vec<(String, String, String)>, AppError> {
    use crate::model::OrgRole;
    use crate::server::auth::{authorize, Action};
    use crate::server::state::app_state;
    let state = app_state()?;
    let v = state.vocabulary.get(&state.db).await?;
    let donors: Vec<(String, String, String)> = v
        .organisation_names(&[OrgRole::Member, OrgRole::Partner])
        .into_iter()
        .filter(|o| authorize(Some(user), &Action::EditOrganisation(&o.code)).is_ok())
        .map(|o| (o.code, o.name_es, o.name_en))
        .collect();
    if donors.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(donors)
}

/// The donors the caller may record contributions for: their organisation, or all (secretariat).
#[server(prefix = "/rpc", endpoint = "recordable_donors")]
pub async fn recordable_donors() -> Result<Vec<(String, String, String)>, AppError> {
    use crate::server::auth;
    super::respond(
        async {
            let user = auth::signed_in().await?;
            donors_for(&user).await
        }
        .await,
    )
}

/// Records a new contribution with its first step. Members: only their own organisation's.
#[server(prefix = "/rpc", endpoint = "create_contribution")]
pub async fn create_contribution(input: ContributionInput, lang: String) -> Result<i64, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::validate::contributions::{validate_contribution, Lookups};
    use crate::server::{state::app_state, store::contributions};
    super::respond(
        async {
            let donor = input.donor.trim().to_ascii_uppercase();
            let user = auth::require(Action::EditOrganisation(&donor)).await?;
            let state = app_state()?;
            let lookups = Lookups::load(&state.db, Some(&state.vocabulary)).await?;
            let valid = validate_contribution(&input, &lookups, chrono::Utc::now().date_naive())
                .map_err(AppError::Validation)?;
            let id = contributions::create(&state.db, Some(&user.actor()), &valid).await?;
            super::go_to(&lang, &format!("/contributions/{id}"));
            Ok(id)
        }
        .await,
    )
}

/// The donor of an existing contribution (for authorising changes to it).
#[cfg(feature = "ssr")]
async fn donor_of(db: &crate::server::store::Db, id: i64) -> Result<String, AppError> {
    use crate::server::store::contributions;
    Ok(contributions::get(db, id, true)
        .await?
        .ok_or(AppError::NotFound)?
        .summary
        .donor_code)
}

/// The state and the caller, if the caller may change contribution `id` (its donor's accounts or
/// the secretariat).
#[cfg(feature = "ssr")]
async fn editor_of(
    id: i64,
) -> Result<
    (
        crate::server::AppState,
        crate::server::store::accounts::User,
    ),
    AppError,
> {
    use crate::server::auth::{self, Action};
    let state = crate::server::state::app_state()?;
    let donor = donor_of(&state.db, id).await?;
    let user = auth::require(Action::EditOrganisation(&donor)).await?;
    Ok((state, user))
}

/// Adds a step: a commitment, a (partial) disbursement, implementation, or cancellation.
/// `version` is the version the person saw; if someone changed it meanwhile, nothing changes.
#[server(prefix = "/rpc", endpoint = "add_contribution_step")]
pub async fn add_contribution_step(id: i64, version: i64, step: StepInput) -> Result<(), AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::validate::contributions::validate_step;
    use crate::server::{state::app_state, store::contributions};
    super::respond(
        async {
            let state = app_state()?;
            let donor = donor_of(&state.db, id).await?;
            let user = auth::require(Action::EditOrganisation(&donor)).await?;
            let detail = contributions::get(&state.db, id, true)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut errors = Vec::new();
            let s = validate_step(
                &step,
                detail.summary.kind,
                &detail.summary.currency,
                chrono::Utc::now().date_naive(),
                &mut errors,
            )
            .ok_or(AppError::Validation(errors))?;
            contributions::add_step(&state.db, Some(&user.actor()), id, version, &s).await
        }
        .await,
    )
}

/// Replaces a contribution's descriptive fields (donor, recipient, kind, titles...). The step
/// fields of `input` are ignored. A member cannot move a contribution to another donor. Goes
/// back to the contribution.
#[server(prefix = "/rpc", endpoint = "update_contribution")]
pub async fn update_contribution(
    id: i64,
    version: i64,
    input: ContributionInput,
    lang: String,
) -> Result<(), AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::validate::contributions::{validate_fields, Lookups};
    use crate::server::{state::app_state, store::contributions};
    super::respond(
        async {
            let state = app_state()?;
            let current = donor_of(&state.db, id).await?;
            let user = auth::require(Action::EditOrganisation(&current)).await?;
            let new_donor = input.donor.trim().to_ascii_uppercase();
            auth::authorize(Some(&user), &Action::EditOrganisation(&new_donor))?;
            let detail = contributions::get(&state.db, id, true)
                .await?
                .ok_or(AppError::NotFound)?;
            // The currency stays: the steps' amounts are in it.
            let mut input = input;
            input.currency = detail.summary.currency.clone();
            let lookups = Lookups::load(&state.db, Some(&state.vocabulary)).await?;
            let mut errors = Vec::new();
            let fields = validate_fields(&input, &lookups, &mut errors)
                .ok_or(AppError::Validation(errors))?;
            contributions::update_fields(&state.db, &user.actor(), id, version, &fields).await?;
            super::go_to(&lang, &format!("/contributions/{id}"));
            Ok(())
        }
        .await,
    )
}

/// Names a National Action Plan line the contribution serves, with the share of it (in percent)
/// the line gets, or changes that share. Goes back to the contribution.
#[server(prefix = "/rpc", endpoint = "link_contribution_line")]
pub async fn link_contribution_line(
    id: i64,
    line: i64,
    share: String,
    lang: String,
) -> Result<(), AppError> {
    use crate::server::store::plans::links;
    use crate::server::validate::plans::share_bp;
    super::respond(
        async {
            let (state, user) = editor_of(id).await?;
            links::link(&state.db, &user.actor(), id, line, share_bp(&share)?).await?;
            super::go_to(&lang, &format!("/contributions/{id}"));
            Ok(())
        }
        .await,
    )
}

/// Stops the contribution naming a plan line. Goes back to the contribution.
#[server(prefix = "/rpc", endpoint = "unlink_contribution_line")]
pub async fn unlink_contribution_line(id: i64, line: i64, lang: String) -> Result<(), AppError> {
    use crate::server::store::plans::links;
    super::respond(
        async {
            let (state, user) = editor_of(id).await?;
            links::unlink(&state.db, &user.actor(), id, line).await?;
            super::go_to(&lang, &format!("/contributions/{id}"));
            Ok(())
        }
        .await,
    )
}

/// Withdraws a contribution (with a reason) or restores it. Nothing is ever deleted.
#[server(prefix = "/rpc", endpoint = "set_contribution_withdrawn")]
pub async fn set_contribution_withdrawn(
    id: i64,
    withdrawn: bool,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::server::store::contributions;
    super::respond(
        async {
            let (state, user) = editor_of(id).await?;
            contributions::set_withdrawn(&state.db, &user.actor(), id, withdrawn, reason).await
        }
        .await,
    )
}

/// The choices of the contribution form, for those who may record contributions.
#[server(prefix = "/rpc", endpoint = "contribution_form_options")]
pub async fn contribution_form_options() -> Result<ContributionFormChoices, AppError> {
    use crate::model::OrgRole;
    use crate::server::auth;
    use crate::server::validate::contributions::CURRENCIES;
    use crate::server::{state::app_state, store::events};
    super::respond(
        async {
            let user = auth::signed_in().await?;
            let donors = donors_for(&user).await?;
            let state = app_state()?;
            let v = state.vocabulary.get(&state.db).await?;
            let triple = |n: crate::model::Named| (n.code, n.name_es, n.name_en);
            Ok(ContributionFormChoices {
                donors,
                organisations: v
                    .organisation_names(OrgRole::ALL)
                    .into_iter()
                    .map(triple)
                    .collect(),
                countries: v.country_names().into_iter().map(triple).collect(),
                sectors: v.sectors.iter().cloned().map(triple).collect(),
                working_groups: v.working_groups.iter().cloned().map(triple).collect(),
                events: events::titles(&state.db).await?,
                currencies: CURRENCIES.iter().map(|c| c.to_string()).collect(),
            })
        }
        .await,
    )
}
