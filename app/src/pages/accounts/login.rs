//! Sign-in page. A plain form post without JavaScript; with it, the same server function runs
//! in place and the router follows its redirect.

use crate::components::auth::{field_error, form_error, use_auth};
use crate::components::field::Field;
use crate::components::PageTitle;
use crate::i18n::use_lang;
use crate::pages::accounts::text::texts;
use crate::rpc::accounts::Login;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let auth = use_auth();
    let login = ServerAction::<Login>::new();
    auth.follow(login.version());
    let lang = use_lang();
    let x = move || texts(lang.get());
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let result = login.value();
    let err = move |field: &'static str| {
        Signal::derive(move || field_error(&result.get(), field, lang.get()))
    };
    let general = move || {
        form_error(
            &result.get(),
            &["email", "password", "credentials"],
            lang.get(),
        )
    };
    view! {
        <PageTitle text=|l| texts(l).login_title />
        <section class="page page--narrow">
            <h1>{move || x().login_title}</h1>
            <p>{move || x().login_lead}</p>
            <ActionForm action=login attr:class="stack" attr:data-test-id="login-form">
                <input type="hidden" name="lang" value=move || lang.get().code() />
                <input type="hidden" name="next" value=next />
                {move || {
                    err("credentials")
                        .get()
                        .or_else(general)
                        .map(|e| {
                            view! {
                                <p class="form-error" role="alert" data-test-id="login-error">
                                    {e}
                                </p>
                            }
                        })
                }}
                <Field
                    name="email"
                    label=Signal::derive(move || x().field_email)
                    kind="email"
                    autocomplete="username"
                    required=true
                    error=err("email")
                />
                <Field
                    name="password"
                    label=Signal::derive(move || x().field_password)
                    kind="password"
                    autocomplete="current-password"
                    required=true
                    error=err("password")
                />
                <button type="submit" class="button" data-test-id="login-submit">
                    {move || x().login_submit}
                </button>
            </ActionForm>
            <p class="muted">{move || x().login_no_account}</p>
        </section>
    }
}
