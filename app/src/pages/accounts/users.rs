//! The secretariat's users page: invite people, change roles and scopes, deactivate accounts.

use crate::components::auth::{field_error, form_error, use_auth};
use crate::components::data_table::{col, DataTable};
use crate::components::field::Select;
use crate::components::PageTitle;
use crate::components::{error_panel::or_error_panel, field::Field};
use crate::error::AppError;
use crate::i18n::{localized, use_lang, Lang};
use crate::model::{
    format_date, InvitationStatus, InvitationSummary, ReferenceData, Role, UserSummary,
};
use crate::pages::accounts::text::texts;
use crate::rpc::accounts::{
    list_invitations, list_users, InviteUser, RevokeInvitation, SetUserActive, UpdateUserRole,
};
use crate::rpc::reference::fetch_reference_data;
use leptos::prelude::*;

/// The name of a role's scope (country or organisation), empty for the secretariat.
fn scope_name(role: &Role, reference: &ReferenceData, lang: Lang) -> String {
    match role {
        Role::Secretariat => String::new(),
        Role::FocalPoint { country } => reference
            .countries
            .iter()
            .find(|c| &c.iso2 == country)
            .map(|c| c.name(lang).to_string())
            .unwrap_or_else(|| country.clone()),
        Role::Member { organisation } => reference
            .members
            .iter()
            .find(|o| &o.code == organisation)
            .map(|o| o.name(lang).to_string())
            .unwrap_or_else(|| organisation.clone()),
    }
}

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let auth = use_auth();
    let invite = ServerAction::<InviteUser>::new();
    let revoke = ServerAction::<RevokeInvitation>::new();
    let update = ServerAction::<UpdateUserRole>::new();
    let set_active = ServerAction::<SetUserActive>::new();
    let users = Resource::new(
        move || (update.version().get(), set_active.version().get()),
        |_| list_users(),
    );
    let invitations = Resource::new(
        move || (invite.version().get(), revoke.version().get()),
        |_| list_invitations(),
    );
    let reference = Resource::new(|| (), |_| fetch_reference_data());
    view! {
        <PageTitle text=|l| texts(l).users_title />
        <section class="page">
            <h1>{move || x().users_title}</h1>
            <p class="lead">{move || x().users_lead}</p>
            // A transition, not a suspense: after an action made from inside it, the old view (and the
        // form that made the action) stays until the refetched data has arrived.
        <Transition fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let me = auth.user.await?.ok_or(AppError::Unauthorized)?;
                    let users = users.await?;
                    let invitations = invitations.await?;
                    let reference = reference.await?;
                    Ok::<_, AppError>(view! {
                        <InviteForm invite reference=reference.clone() />
                        <Invitations invitations revoke />
                        <Accounts users me_id=me.id reference update set_active />
                    })
                }))}
            </Transition>
        </section>
    }
}

/// Role, country and organisation selects shared by the invite and change-role forms.
#[component]
fn RoleFields(
    reference: ReferenceData,
    #[prop(into)] form: String,
    #[prop(optional)] current: Option<Role>,
    #[prop(into)] role_error: Signal<Option<String>>,
    #[prop(into)] country_error: Signal<Option<String>>,
    #[prop(into)] org_error: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let current_code = current
        .as_ref()
        .map(|r| r.code().to_string())
        .unwrap_or_default();
    let current_country = current
        .as_ref()
        .and_then(|r| r.country().map(str::to_owned));
    let current_org = current
        .as_ref()
        .and_then(|r| r.organisation().map(str::to_owned));
    let roles: Vec<(String, String, String)> = [
        Role::Secretariat,
        Role::FocalPoint {
            country: String::new(),
        },
        Role::Member {
            organisation: String::new(),
        },
    ]
    .iter()
    .map(|r| {
        (
            r.code().to_string(),
            r.name(Lang::Es).to_string(),
            r.name(Lang::En).to_string(),
        )
    })
    .collect();
    let countries = reference
        .countries
        .iter()
        .map(|c| (c.iso2.clone(), c.name_es.clone(), c.name_en.clone()))
        .collect();
    let members = reference
        .members
        .iter()
        .map(|o| (o.code.clone(), o.name_es.clone(), o.name_en.clone()))
        .collect();
    let choose_one: Signal<&'static str> = Signal::derive(move || t().choose_one);
    let none: Signal<&'static str> = Signal::derive(|| "—");
    let selects: [(&'static str, Signal<&'static str>, _, _, _, _); 3] = [
        (
            "role",
            Signal::derive(move || x().field_role),
            roles,
            current_code,
            choose_one,
            role_error,
        ),
        (
            "country",
            Signal::derive(move || x().field_country),
            countries,
            current_country.unwrap_or_default(),
            none,
            country_error,
        ),
        (
            "organisation",
            Signal::derive(move || x().field_organisation),
            members,
            current_org.unwrap_or_default(),
            none,
            org_error,
        ),
    ];
    selects
        .into_iter()
        .map(|(field, label, choices, selected, empty, error)| {
            view! { <Select name=field field id=format!("{form}-{field}") label choices selected empty error /> }
        })
        .collect_view()
}

#[component]
fn InviteForm(invite: ServerAction<InviteUser>, reference: ReferenceData) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let result = invite.value();
    let err = move |field: &'static str| {
        Signal::derive(move || field_error(&result.get(), field, lang.get()))
    };
    let general = move || {
        form_error(
            &result.get(),
            &["email", "role", "country", "organisation"],
            lang.get(),
        )
    };
    view! {
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">{move || x().users_invite_title}</h2>
            <ActionForm action=invite attr:class="form-grid" attr:data-test-id="invite-form">
                <input type="hidden" name="lang" value=move || lang.get().code() />
                <Field
                    name="email"
                    form="invite"
                    label=Signal::derive(move || x().field_email)
                    kind="email"
                    required=true
                    error=err("email")
                />
                <RoleFields
                    reference
                    form="invite"
                    role_error=err("role")
                    country_error=err("country")
                    org_error=err("organisation")
                />
                <div class="form-actions">
                    <button type="submit" class="button" data-test-id="invite-submit">
                        {move || x().users_invite_submit}
                    </button>
                </div>
            </ActionForm>
            {move || general().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {move || {
                result
                    .get()
                    .and_then(Result::ok)
                    .map(|created| {
                        view! {
                            <div class="notice" role="status">
                                <p>{move || x().users_invite_created}</p>
                                <p>
                                    <code class="invite-link" data-test-id="invite-link">{created.link.clone()}</code>
                                </p>
                            </div>
                        }
                    })
            }}
        </section>
    }
}

#[component]
fn Invitations(
    invitations: Vec<InvitationSummary>,
    revoke: ServerAction<RevokeInvitation>,
) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    view! {
        <section class="section" aria-labelledby="invitations-title">
            <h2 id="invitations-title">{move || x().users_invitations_title}</h2>
            {if invitations.is_empty() {
                view! { <p>{move || x().users_none}</p> }.into_any()
            } else {
                view! {
                    <DataTable columns=vec![col(|l| texts(l).col_email), col(|l| texts(l).col_role), col(|l| texts(l).col_expires), col(|l| l.t().col_status), col(|l| texts(l).col_actions)] plain=true test_id="invitations-table">
                                {invitations
                                    .into_iter()
                                    .map(|i| {
                                        let role = i.role.clone();
                                        let status = i.status;
                                        let expires = i.expires_at.date_naive();
                                        view! {
                                            <tr>
                                                <th scope="row">{i.email.clone()}</th>
                                                <td>{move || role.name(lang.get())}</td>
                                                <td>{move || format_date(expires, lang.get())}</td>
                                                <td>{move || status.name(lang.get())}</td>
                                                <td>
                                                    {(status == InvitationStatus::Pending)
                                                        .then(|| {
                                                            view! {
                                                                <ActionForm action=revoke attr:class="inline">
                                                                    <input type="hidden" name="id" value=i.id />
                                                                    <button type="submit" class="button button--small button--quiet">
                                                                        {move || x().users_revoke}
                                                                    </button>
                                                                </ActionForm>
                                                            }
                                                        })}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                    </DataTable>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn Accounts(
    users: Vec<UserSummary>,
    me_id: i64,
    reference: ReferenceData,
    update: ServerAction<UpdateUserRole>,
    set_active: ServerAction<SetUserActive>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let update_result = update.value();
    let active_result = set_active.value();
    let problems = move || {
        form_error(&update_result.get(), &[], lang.get())
            .or_else(|| form_error(&active_result.get(), &[], lang.get()))
            .map(|_| {
                let mut msgs = Vec::new();
                for f in ["role", "country", "organisation"] {
                    if let Some(m) = field_error(&update_result.get(), f, lang.get()) {
                        msgs.push(m);
                    }
                }
                if let Some(m) = field_error(&active_result.get(), "active", lang.get()) {
                    msgs.push(m);
                }
                if msgs.is_empty() {
                    msgs.push(lang.get().t().err_validation.to_string());
                }
                msgs.join(" ")
            })
    };
    view! {
            <section class="section" aria-labelledby="accounts-title">
                <h2 id="accounts-title">{move || x().users_accounts_title}</h2>
                {move || problems().map(|e| view! { <p class="form-error" role="alert" data-test-id="accounts-error">{e}</p> })}
                <DataTable columns=vec![col(|l| l.t().col_name), col(|l| texts(l).col_email), col(|l| texts(l).col_role), col(|l| l.t().col_status), col(|l| texts(l).col_actions)] plain=true test_id="users-table">
                            {users
                                .into_iter()
                                .map(|u| {
                                    let role = u.role.clone();
                                    let reference_for_scope = reference.clone();
                                    let reference_for_form = reference.clone();
                                    let me = u.id == me_id;
                                    let form_id = format!("user-{}", u.id);
                                    let row_id = format!("user-row-{}", u.email);
                                    let toggle_id = format!("toggle-active-{}", u.email);
                                    let active = u.active;
                                    view! {
                                        <tr data-test-id=row_id>
                                            <th scope="row">
                                                {u.display_name.clone()}
                                                {me.then(|| view! { " " <span class="muted">{move || x().users_you}</span> })}
                                            </th>
                                            <td>{u.email.clone()}</td>
                                            <td>
                                                {move || {
                                                    let scope = scope_name(&role, &reference_for_scope, lang.get());
                                                    if scope.is_empty() {
                                                        role.name(lang.get()).to_string()
                                                    } else {
                                                        format!("{} · {}", role.name(lang.get()), scope)
                                                    }
                                                }}
                                            </td>
                                            <td>{move || if active { x().users_active } else { x().users_inactive }}</td>
                                            <td class="actions">
                                                <details>
                                                    <summary>{move || x().users_change_role}</summary>
                                                    <ActionForm action=update attr:class="stack">
                                                        <input type="hidden" name="id" value=u.id />
                                                        <RoleFields
                                                            reference=reference_for_form
                                                            form=form_id
                                                            current=u.role.clone()
                                                            role_error=Signal::derive(|| None::<String>)
                                                            country_error=Signal::derive(|| None::<String>)
                                                            org_error=Signal::derive(|| None::<String>)
                                                        />
                                                        <button type="submit" class="button button--small">
                                                            {move || x().users_save_role}
                                                        </button>
                                                    </ActionForm>
                                                </details>
                                                <a href=move || {
                                                    format!("{}?entity=user&record={}", localized(lang.get(), "/admin/audit"), u.id)
                                                }>{move || t().nav_audit}</a>
                                                {(!me).then(|| view! {
    <ActionForm action=set_active attr:class="inline">
                                                    <input type="hidden" name="id" value=u.id />
                                                    <input type="hidden" name="active" value=if u.active { "false" } else { "true" } />
                                                    <button
                                                        type="submit"
                                                        class="button button--small button--quiet"
                                                        data-test-id=toggle_id
                                                    >
                                                        {move || if active { x().users_deactivate } else { x().users_reactivate }}
                                                    </button>
                                                </ActionForm>
    })}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                </DataTable>
            </section>
        }
}
