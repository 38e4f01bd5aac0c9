//! The audit trail for the secretariat: filterable, paginated, exportable.

use crate::error::AppError;
use crate::model::{AuditFilter, AuditPage};
use leptos::prelude::*;

pub const AUDIT_PAGE_SIZE: i64 = 50;

#[server(prefix = "/rpc", endpoint = "list_audit")]
pub async fn list_audit(
    #[server(default)] filter: AuditFilter,
    page: i64,
) -> Result<AuditPage, AppError> {
    use crate::server::auth::{self, Action};
    use crate::server::{state::app_state, store::audit};
    super::respond(
        async {
            auth::require(Action::ViewAudit).await?;
            use crate::model::Filter;
            let filter = filter.checked()?;
            Ok(audit::list(&app_state()?.db, &filter, page, AUDIT_PAGE_SIZE).await?)
        }
        .await,
    )
}
