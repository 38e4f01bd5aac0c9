//! What people see when a page cannot load its data: a translated sentence, never internals.
//! On the server it also sets the response's HTTP status from the error.

use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use leptos::prelude::*;

/// Sets the HTTP status of the page being rendered (no-op in the browser).
pub fn set_page_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = http::StatusCode::from_u16(status) {
            res.set_status(code);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// The fallback of every `ErrorBoundary`.
#[component]
pub fn ErrorPanel(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let lang = use_lang();
    let first = move || {
        errors
            .get()
            .into_iter()
            .next()
            .map(|(_, e)| {
                e.downcast_ref::<AppError>()
                    .cloned()
                    .unwrap_or(AppError::Internal)
            })
            .unwrap_or(AppError::Internal)
    };
    set_page_status(first().status_code());
    view! {
        <section class="error-panel" role="alert" data-test-id="error-panel">
            <h2>{move || lang.get().t().error_title}</h2>
            <p>{move || first().message(lang.get())}</p>
            <p>
                <a href=move || localized(lang.get(), "/")>{move || lang.get().t().back_home}</a>
            </p>
        </section>
    }
}
