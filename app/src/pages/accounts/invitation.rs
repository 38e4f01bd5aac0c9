//! Accepting an invitation: the invited person picks a name and a password, and is signed in.

use super::password::NewPasswordFields;
use crate::components::auth::{field_error, form_error, use_auth};
use crate::components::field::Field;
use crate::components::PageTitle;
use crate::i18n::use_lang;
use crate::model::InvitationView;
use crate::pages::accounts::text::texts;
use crate::rpc::accounts::{view_invitation, AcceptInvitation};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn InvitationPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let invitation = Resource::new(token, view_invitation);
    view! {
        <PageTitle text=|l| texts(l).invite_title />
        <section class="page page--narrow">
            <h1>{move || x().invite_title}</h1>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(async move {
                    match invitation.await {
                        Ok(view) => view! { <AcceptForm view token=token() /> }.into_any(),
                        Err(_) => {
                            crate::error::set_page_status(404);
                            view! {
                                <p class="form-error" role="alert" data-test-id="invitation-invalid">
                                    {move || x().invite_invalid}
                                </p>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn AcceptForm(view: InvitationView, token: String) -> impl IntoView {
    let auth = use_auth();
    let accept = ServerAction::<AcceptInvitation>::new();
    auth.follow(accept.version());
    let lang = use_lang();
    let x = move || texts(lang.get());
    let result = accept.value();
    let err = move |field: &'static str| {
        Signal::derive(move || field_error(&result.get(), field, lang.get()))
    };
    let general = move || {
        form_error(
            &result.get(),
            &["display_name", "password", "confirm_password"],
            lang.get(),
        )
    };
    let role = view.role.clone();
    view! {
        <p>{move || x().invite_lead}</p>
        <dl class="facts">
            <dt>{move || x().account_email}</dt>
            <dd data-test-id="invitation-email">{view.email.clone()}</dd>
            <dt>{move || x().account_role}</dt>
            <dd>{move || role.name(lang.get())}</dd>
        </dl>
        <ActionForm action=accept attr:class="stack" attr:data-test-id="invitation-form">
            <input type="hidden" name="token" value=token />
            <input type="hidden" name="lang" value=move || lang.get().code() />
            {move || general().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <Field
                name="display_name"
                label=Signal::derive(move || x().field_display_name)
                autocomplete="name"
                required=true
                error=err("display_name")
            />
            <NewPasswordFields name="password" error=err />
            <button type="submit" class="button" data-test-id="invitation-submit">
                {move || x().invite_submit}
            </button>
        </ActionForm>
    }
}
