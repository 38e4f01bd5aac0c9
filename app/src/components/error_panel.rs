//! What people see when a page cannot load its data: a translated sentence, never internals.
//! Sign-in and permission problems say what to do instead. On the server it also sets the
//! response's HTTP status from the error (401, 403, 404, 500...).

use crate::auth_context::use_auth;
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

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
    let first = errors
        .get_untracked()
        .into_iter()
        .next()
        .map(|(_, e)| {
            e.downcast_ref::<AppError>()
                .cloned()
                .unwrap_or(AppError::Internal)
        })
        .unwrap_or(AppError::Internal);
    set_page_status(first.status_code());
    match first {
        AppError::Unauthorized => view! { <SignInNeeded /> }.into_any(),
        AppError::Forbidden => view! { <NotAllowed /> }.into_any(),
        other => view! { <GenericError error=other /> }.into_any(),
    }
}

#[component]
fn GenericError(error: AppError) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="error-panel" role="alert" data-test-id="error-panel">
            <h2>{move || lang.get().t().error_title}</h2>
            <p>{move || error.message(lang.get())}</p>
            <p>
                <a href=move || localized(lang.get(), "/")>{move || lang.get().t().back_home}</a>
            </p>
        </section>
    }
}

#[component]
fn SignInNeeded() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let t = move || lang.get().t();
    let href = move || {
        format!(
            "{}?next={}",
            localized(lang.get(), "/login"),
            location.pathname.get()
        )
    };
    view! {
        <section class="error-panel error-panel--info" data-test-id="signin-needed">
            <h2>{move || t().signin_title}</h2>
            <p>{move || t().signin_body}</p>
            <p>
                <a class="button" href=href>{move || t().nav_sign_in}</a>
            </p>
        </section>
    }
}

/// The 403 panel: says so, and says what this account may do instead.
#[component]
fn NotAllowed() -> impl IntoView {
    let lang = use_lang();
    let auth = use_auth();
    let t = move || lang.get().t();
    view! {
        <section class="error-panel" role="alert" data-test-id="forbidden">
            <h2>{move || t().forbidden_title}</h2>
            <p>{move || t().err_forbidden}</p>
            <p>{move || t().forbidden_instead}</p>
            // The page awaited the account before it could be refused, so it is already here.
            <ul>
                {move || {
                    auth.user
                        .get()
                        .and_then(Result::ok)
                        .flatten()
                        .map(|u| view! { <li data-test-id="forbidden-may">{u.may_do(lang.get())}</li> })
                }}
                <li>
                    <a href=move || localized(lang.get(), "/account")>{move || t().nav_account}</a>
                </li>
                <li>
                    <a href=move || localized(lang.get(), "/")>{move || t().back_home}</a>
                </li>
            </ul>
        </section>
    }
}

/// The fallback for an `ErrorBoundary`, to be created where the page is built. On the server the
/// fallback may be drawn after the page's future resumed elsewhere, with no reactive owner of the
/// page current: then the response status, the router and the account could not be found (a 401
/// came out as 200, or the panel panicked into a 500). It runs under the owner it was made in.
pub fn error_fallback() -> impl Fn(ArcRwSignal<Errors>) -> AnyView + Clone + Send + Sync + 'static {
    let owner = Owner::current();
    move |errors| match &owner {
        Some(owner) => owner.with(|| view! { <ErrorPanel errors /> }.into_any()),
        None => view! { <ErrorPanel errors /> }.into_any(),
    }
}
