//! Public reads of the reference data and the home page's figures. Anyone may call these: they
//! return only published reference data.

use crate::error::AppError;
use crate::model::{CountryProfile, HeadlineFigures, ReferenceData};
use leptos::prelude::*;

/// Live counts for the home page: countries, Support Platform members, upcoming events.
#[server(prefix = "/rpc", endpoint = "headline_figures")]
pub async fn fetch_headline_figures() -> Result<HeadlineFigures, AppError> {
    use crate::server::{state::app_state, store::reference};
    super::respond(
        async {
            let state = app_state()?;
            Ok(reference::headline_figures(&state.db, chrono::Utc::now()).await?)
        }
        .await,
    )
}

/// One MIRPS country with the working groups it leads. `iso2` must be a MIRPS country code.
#[server(prefix = "/rpc", endpoint = "country_profile")]
pub async fn fetch_country_profile(iso2: String) -> Result<CountryProfile, AppError> {
    use crate::error::Problem;
    use crate::server::{state::app_state, store::reference};
    super::respond(
        async {
            let code = iso2.trim().to_ascii_uppercase();
            if code.len() != 2 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(AppError::invalid("country", Problem::InvalidFormat));
            }
            let state = app_state()?;
            reference::country_profile(&state.db, &code)
                .await?
                .ok_or_else(|| AppError::invalid("country", Problem::UnknownChoice))
        }
        .await,
    )
}

/// Everything the "about" page lists, in one round trip.
#[server(prefix = "/rpc", endpoint = "reference_data")]
pub async fn fetch_reference_data() -> Result<ReferenceData, AppError> {
    use crate::model::OrgRole;
    use crate::server::{state::app_state, store::reference as r};
    super::respond(
        async {
            let state = app_state()?;
            let db = &state.db;
            Ok(ReferenceData {
                countries: r::countries(db).await?,
                members: r::organisations(db, OrgRole::Member).await?,
                secretariat: r::organisations(db, OrgRole::Secretariat).await?,
                pillars: r::pillars(db).await?,
                sectors: r::sectors(db).await?,
                working_groups: r::working_groups(db).await?,
                chairs: r::chairs(db).await?,
                framework: r::framework(db).await?,
                calendar: r::calendar(db).await?,
            })
        }
        .await,
    )
}

/// The MIRPS countries, in the strategy's order.
#[server(prefix = "/rpc", endpoint = "countries")]
pub async fn fetch_countries() -> Result<Vec<crate::model::Country>, AppError> {
    use crate::server::{state::app_state, store::reference};
    super::respond(
        async {
            let state = app_state()?;
            Ok(reference::countries(&state.db).await?)
        }
        .await,
    )
}
