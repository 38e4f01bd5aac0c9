//! `/{lang}/events/{id}/participants`: the organiser's list: filter by status and name, approve
//! or turn down requests to moderated events, withdraw people, add invited guests, export CSV.

use super::text::et;
use crate::components::auth::{field_error, form_error};
use crate::components::data_table::{col, DataTable};
use crate::components::field::Field;
use crate::components::{error_panel::or_error_panel, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::ParticipantsView;
use crate::model::RegistrationStatus;
use crate::rpc::events::{
    fetch_participants, AddEventGuest, ModerateRegistration, WithdrawRegistration,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Copy)]
struct Actions {
    moderate: ServerAction<ModerateRegistration>,
    withdraw: ServerAction<WithdrawRegistration>,
    guest: ServerAction<AddEventGuest>,
}

/// The route: `/{lang}/events/{id}/participants`
#[component]
pub fn ParticipantsRoutePage() -> impl IntoView {
    match crate::pages::route_id_once("id") {
        Some(id) => view! { <ParticipantsPage id /> }.into_any(),
        None => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    }
}

#[component]
pub fn ParticipantsPage(id: i64) -> impl IntoView {
    let lang = use_lang();
    let actions = Actions {
        moderate: ServerAction::new(),
        withdraw: ServerAction::new(),
        guest: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            (
                actions.moderate.version().get(),
                actions.withdraw.version().get(),
                actions.guest.version().get(),
            )
        },
        move |_| fetch_participants(id),
    );
    view! {
        <PageTitle text=|l| et(l).participants />
        <section class="page participants" data-test-id="participants-page">
            <Transition fallback=move || view! { <p>{move || lang.get().t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let v = data.await?;
                    Ok::<_, AppError>(view! { <Participants v actions /> })
                }))}
            </Transition>
        </section>
    }
}

#[component]
fn Participants(v: ParticipantsView, actions: Actions) -> impl IntoView {
    let lang = use_lang();
    let x = move || et(lang.get());
    let id = v.event.summary.id;
    let (es, en) = (
        v.event.summary.title_es.clone(),
        v.event.summary.title_en.clone(),
    );
    let query = use_query_map();
    // Filters live in the address, so they work as a plain form without JavaScript too.
    let status_filter = Memo::new(move |_| query.read().get("status").unwrap_or_default());
    let text_filter = Memo::new(move |_| query.read().get("q").unwrap_or_default().to_lowercase());
    let all = v.participants.clone();
    let rows = move || {
        let s = status_filter.get();
        let q = text_filter.get();
        all.iter()
            .filter(|p| s.is_empty() || p.status.code() == s)
            .filter(|p| {
                q.is_empty()
                    || p.name.to_lowercase().contains(&q)
                    || p.email.to_lowercase().contains(&q)
                    || p.affiliation_es.to_lowercase().contains(&q)
                    || p.affiliation_en.to_lowercase().contains(&q)
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    let guest_err = move |f: &'static str| {
        Signal::derive(move || field_error(&actions.guest.value().get(), f, lang.get()))
    };
    let guest_general = move || {
        form_error(
            &actions.guest.value().get(),
            &["guest_name", "guest_email"],
            lang.get(),
        )
    };
    let moderate_error = move || form_error(&actions.moderate.value().get(), &[], lang.get());
    let csv = move || {
        let mut q = Vec::new();
        let s = status_filter.get();
        if !s.is_empty() {
            q.push(format!("status={s}"));
        }
        q.push(format!("lang={}", lang.get().code()));
        format!("/export/events/{id}/participants.csv?{}", q.join("&"))
    };
    let capacity = v.event.capacity;
    let confirmed = v.event.confirmed;
    view! {
        <p><a href=move || localized(lang.get(), &format!("/events/{id}"))>{move || x().back_to_event}</a></p>
        <h1>{move || x().participants} ": " {move || lang.get().pick(&es, &en).to_string()}</h1>
        <p data-test-id="participant-counts">
            {move || {
                let l = lang.get();
                let mut s = x().confirmed_count.of(l, confirmed);
                if let Some(c) = capacity {
                    s.push_str(&format!(" / {}", l.format_int(c)));
                }
                s
            }}
        </p>
        <form method="get" class="filters filters--row" data-test-id="participant-filters">
            <div class="field">
                <label for="pf-status">{move || x().status}</label>
                <select id="pf-status" name="status">
                    <option value="">{move || x().any}</option>
                    {RegistrationStatus::ALL.iter().map(|s| {
                        let s = *s;
                        let selected = move || status_filter.get() == s.code();
                        view! { <option value=s.code() selected=selected>{move || s.name(lang.get())}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="pf-q">{move || x().search_people}</label>
                <input id="pf-q" name="q" type="search" value=move || query.read().get("q").unwrap_or_default() />
            </div>
            <button type="submit" class="button">{move || x().apply_filters}</button>
            <a class="button button--quiet" href=csv data-test-id="participants-csv">{move || x().export_csv}</a>
        </form>
        {move || moderate_error().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        <DataTable columns=vec![col(|l| et(l).name), col(|l| et(l).email), col(|l| et(l).affiliation), col(|l| et(l).status), col(|l| et(l).actions)] test_id="participants-table">
                {move || rows().into_iter().map(|p| {
                    let pid = p.id;
                    let status = p.status;
                    let position = p.position;
                    let (aes, aen) = (p.affiliation_es.clone(), p.affiliation_en.clone());
                    view! {
                        <tr data-test-id=format!("participant-{pid}") data-status=status.code()>
                            <td>{p.name.clone()}</td>
                            <td>{p.email.clone()}</td>
                            <td>{move || lang.get().pick(&aes, &aen).to_string()}</td>
                            <td>
                                {move || status.name(lang.get())}
                                {position.map(|n| format!(" (#{n})"))}
                            </td>
                            <td>
                                {(status == RegistrationStatus::Pending).then(|| view! {
                                    <ActionForm action=actions.moderate attr:class="inline-form">
                                        <input type="hidden" name="registration_id" value=pid.to_string() />
                                        <input type="hidden" name="approve" value="true" />
                                        <button type="submit" class="button" data-test-id=format!("approve-{pid}")>{move || x().approve}</button>
                                    </ActionForm>
                                    <ActionForm action=actions.moderate attr:class="inline-form">
                                        <input type="hidden" name="registration_id" value=pid.to_string() />
                                        <input type="hidden" name="approve" value="false" />
                                        <button type="submit" class="button button--quiet" data-test-id=format!("reject-{pid}")>{move || x().reject}</button>
                                    </ActionForm>
                                })}
                                {status.is_active().then(|| view! {
                                    <ActionForm action=actions.withdraw attr:class="inline-form">
                                        <input type="hidden" name="registration_id" value=pid.to_string() />
                                        <button type="submit" class="button button--quiet button--small" data-test-id=format!("remove-{pid}")>{move || x().withdraw_person}</button>
                                    </ActionForm>
                                })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
        </DataTable>
        <h2>{move || x().add_guest}</h2>
        <ActionForm action=actions.guest attr:class="form-grid" attr:data-test-id="guest-form">
            <input type="hidden" name="event_id" value=id.to_string() />
            <Field name="guest_name" label=Signal::derive(move || x().name) error=guest_err("guest_name") />
            <Field name="guest_email" kind="email" label=Signal::derive(move || x().email) error=guest_err("guest_email") />
            <Field name="guest_affiliation" label=Signal::derive(move || x().affiliation) error=Signal::derive(|| None::<String>) />
            {move || guest_general().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <div class="form-actions field--wide">
                <button type="submit" class="button" data-test-id="add-guest">{move || x().add_guest}</button>
            </div>
        </ActionForm>
    }
}
