//! What people see when a page cannot load its data: a translated sentence, never internals.
//! Sign-in and permission problems say what to do instead. On the server it also sets the
//! response's HTTP status from the error (401, 403, 404, 500...).

use crate::components::auth::use_auth;
use crate::error::{set_page_status, AppError};
use crate::i18n::{localized, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// What a page's data section shows once its data has loaded: the view, or the error panel.
///
/// Errors are shown here rather than thrown to an `ErrorBoundary`: on the server a boundary
/// hears of an error through a per-thread hook, and a page's future may resume on another thread
/// of the runtime, serving other requests. Under concurrent load an error then went to another
/// page's boundary, and an anonymous visitor got a 200 and an empty section instead of the 401
/// sign-in panel. The panel is made inside the page's own future, under the page's reactive owner.
pub async fn or_error_panel<V>(
    load: impl std::future::Future<Output = Result<V, AppError>>,
) -> AnyView
where
    V: IntoAny,
{
    match load.await {
        Ok(view) => view.into_any(),
        Err(error) => view! { <ErrorPanel error /> }.into_any(),
    }
}

/// The panel for a page whose data could not be loaded; sets the response's status on the server.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    set_page_status(error.status_code());
    match error {
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
