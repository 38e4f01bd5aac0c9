//! The signed-in person's page: who they are, what they may do, and changing their password.

use super::password::NewPasswordFields;
use crate::components::auth::{field_error, form_error, use_auth};
use crate::components::PageTitle;
use crate::components::{error_panel::or_error_panel, field::Field};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::{CurrentUser, Role};
use crate::pages::accounts::text::texts;
use crate::rpc::accounts::ChangePassword;
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    let auth = use_auth();
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    view! {
        <PageTitle text=|l| texts(l).account_title />
        <section class="page page--narrow">
            <h1>{move || x().account_title}</h1>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let user = auth.user.await?.ok_or(AppError::Unauthorized)?;
                    Ok::<_, AppError>(view! { <AccountBody user /> })
                }))}
            </Suspense>
        </section>
    }
}

#[component]
fn AccountBody(user: CurrentUser) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let change = ServerAction::<ChangePassword>::new();
    let result = change.value();
    let err = move |field: &'static str| {
        Signal::derive(move || field_error(&result.get(), field, lang.get()))
    };
    let fields = ["current_password", "new_password", "confirm_password"];
    let role = user.role.clone();
    let may = user.clone();
    let scoped = user.clone();
    view! {
        <dl class="facts" data-test-id="account-facts">
            <dt>{move || x().account_name}</dt>
            <dd>{user.display_name.clone()}</dd>
            <dt>{move || x().account_email}</dt>
            <dd>{user.email.clone()}</dd>
            <dt>{move || x().account_role}</dt>
            <dd data-test-id="account-role">{move || role.name(lang.get())}</dd>
            {(user.role != Role::Secretariat)
                .then(|| {
                    view! {
                        <dt>{move || x().account_scope}</dt>
                        <dd data-test-id="account-scope">{move || scoped.scope(lang.get()).to_string()}</dd>
                    }
                })}
        </dl>
        <h2>{move || x().account_may}</h2>
        <p data-test-id="account-may">{move || may.may_do(lang.get())}</p>
        <h2 id="password-title">{move || x().password_title}</h2>
        <ActionForm action=change attr:class="stack" attr:aria-labelledby="password-title" attr:data-test-id="password-form">
            {move || {
                match result.get() {
                    Some(Ok(())) => {
                        Some(view! { <p class="form-ok" role="status" data-test-id="password-changed">{x().password_changed}</p> }.into_any())
                    }
                    ref r @ Some(Err(_)) => {
                        form_error(r, &fields, lang.get())
                            .map(|e| view! { <p class="form-error" role="alert">{e}</p> }.into_any())
                    }
                    None => None,
                }
            }}
            <Field
                name="current_password"
                label=Signal::derive(move || x().field_current_password)
                kind="password"
                autocomplete="current-password"
                required=true
                error=err("current_password")
            />
            <NewPasswordFields name="new_password" error=err />
            <button type="submit" class="button" data-test-id="password-submit">
                {move || x().password_submit}
            </button>
        </ActionForm>
    }
}
