//! Server functions of the contribution import: progress of an uploaded file, confirm, discard.
//! The upload itself is a plain multipart form post (`/import/contributions` on the server), so
//! it works without JavaScript too.

use crate::error::AppError;
use crate::model::ImportStatus;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
async fn importer() -> Result<crate::server::store::accounts::User, AppError> {
    use crate::server::auth::{self, Action};
    auth::require(Action::RecordContributions).await
}

/// Where an uploaded file stands: checking (with progress), ready, rejected with its problems...
#[server(prefix = "/rpc", endpoint = "import_status")]
pub async fn get_import_status(id: String) -> Result<ImportStatus, AppError> {
    use crate::server::state::app_state;
    super::respond(
        async {
            let user = importer().await?;
            let state = app_state()?;
            state.imports.status(&state.db, &id, &user).await
        }
        .await,
    )
}

/// Records every row of a checked file, in one transaction.
#[server(prefix = "/rpc", endpoint = "commit_import")]
pub async fn commit_import(id: String) -> Result<ImportStatus, AppError> {
    use crate::server::state::app_state;
    super::respond(
        async {
            let user = importer().await?;
            let state = app_state()?;
            state.imports.commit(state.db.clone(), &id, &user).await
        }
        .await,
    )
}

/// Forgets a file without recording anything.
#[server(prefix = "/rpc", endpoint = "discard_import")]
pub async fn discard_import(id: String) -> Result<(), AppError> {
    use crate::server::state::app_state;
    super::respond(
        async {
            let user = importer().await?;
            let state = app_state()?;
            state.imports.discard(&state.db, &id, &user).await
        }
        .await,
    )
}
