//! Server functions of the local-integration inventory: the public regional matrix and country
//! pages; a country's focal points keep their own country's entries, the secretariat all.

use crate::error::AppError;
use crate::model::{CountryInventory, EntryInput, InventoryMatrix};
use leptos::prelude::*;

/// The regional matrix of the inventory (anyone).
#[server(prefix = "/rpc", endpoint = "inventory_matrix")]
pub async fn fetch_inventory_matrix() -> Result<InventoryMatrix, AppError> {
    use crate::server::{state::app_state, store::inventory};
    super::respond(async { Ok(inventory::matrix(&app_state()?.db).await?) }.await)
}

/// A country's services, programmes and gaps (anyone); says whether the reader may edit them.
#[server(prefix = "/rpc", endpoint = "country_inventory")]
pub async fn fetch_country_inventory(country: String) -> Result<CountryInventory, AppError> {
    use crate::model::Named;
    use crate::server::auth::{self, authorize, Action};
    use crate::server::{state::app_state, store::inventory};
    super::respond(
        async {
            let code = country.trim().to_ascii_uppercase();
            let state = app_state()?;
            let vocabulary = state.vocabulary.get(&state.db).await?;
            let named = vocabulary
                .country(&code)
                .map(|c| Named {
                    code: c.iso2.clone(),
                    name_es: c.name_es.clone(),
                    name_en: c.name_en.clone(),
                })
                .ok_or(AppError::NotFound)?;
            let user = auth::current_user().await?;
            let can_edit = authorize(user.as_ref(), &Action::EditCountry(&code)).is_ok();
            Ok(CountryInventory {
                country: named,
                themes: vocabulary.themes.clone(),
                populations: vocabulary.populations.clone(),
                entries: inventory::list(&state.db, Some(&code), None).await?,
                practices: inventory::practices_for_gaps(&state.db, &code).await?,
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

/// Records a new inventory entry (`input.id` 0) or changes one, for a country the person keeps.
/// Goes back to the country's page.
#[server(prefix = "/rpc", endpoint = "save_inventory_entry")]
pub async fn save_inventory_entry(input: EntryInput, lang: String) -> Result<i64, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::validate::inventory::NewEntry;
    use crate::server::{state::app_state, store::inventory};
    super::respond(
        async {
            let country = input.country.trim().to_ascii_uppercase();
            let user = auth::require(Action::EditCountry(&country)).await?;
            let state = app_state()?;
            let vocabulary = state.vocabulary.get(&state.db).await?;
            let e = NewEntry::from_input(&input, &vocabulary)?;
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
            super::go_to(&lang, &format!("/inventory/{country}#entry-{id}"));
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
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::inventory};
    super::respond(
        async {
            // Signed in first, so that a stranger learns nothing about which ids exist.
            auth::signed_in().await?;
            let state = app_state()?;
            let before = inventory::get(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let user = auth::require(Action::EditCountry(&before.country_iso2)).await?;
            inventory::withdraw(&state.db, &user.actor(), id, version, &reason).await?;
            super::go_to(&lang, &format!("/inventory/{}", before.country_iso2));
            Ok(())
        }
        .await,
    )
}
