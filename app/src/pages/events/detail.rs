//! `/{lang}/events/{id}`: one event: when (in the venue's zone and the reader's), where, who
//! organises and takes part, its topics with the gaps and practices behind them, registration,
//! materials and outcomes. Organisers also get the edit, participants and outcome forms.

use super::text::{et, EventTexts};
use super::{when_label, ViewerTime};
use crate::components::auth::{field_error, form_error};
use crate::components::field::TextArea;
use crate::components::{error_panel::or_error_panel, example_badge::ExampleBadge, DataTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang, Lang};
use crate::model::EventView;
use crate::model::{EventStatus, RegistrationStatus};
use crate::rpc::events::{
    fetch_event, AddEventPolicyChange, RegisterForEvent, SaveEventOutcomes,
    WithdrawEventPolicyChange, WithdrawRegistration,
};
use leptos::prelude::*;

/// The actions of the page, kept above the view so their forms survive a refetch.
#[derive(Clone, Copy)]
struct Actions {
    register: ServerAction<RegisterForEvent>,
    withdraw: ServerAction<WithdrawRegistration>,
    learned: ServerAction<SaveEventOutcomes>,
    add_change: ServerAction<AddEventPolicyChange>,
    drop_change: ServerAction<WithdrawEventPolicyChange>,
}

/// The route: `/{lang}/events/{id}`
#[component]
pub fn EventRoutePage() -> impl IntoView {
    match crate::pages::route_id_once("id") {
        Some(id) => view! { <EventPage id /> }.into_any(),
        None => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    }
}

#[component]
pub fn EventPage(id: i64) -> impl IntoView {
    let lang = use_lang();
    let actions = Actions {
        register: ServerAction::new(),
        withdraw: ServerAction::new(),
        learned: ServerAction::new(),
        add_change: ServerAction::new(),
        drop_change: ServerAction::new(),
    };
    let event = Resource::new(
        move || {
            (
                actions.register.version().get(),
                actions.withdraw.version().get(),
                actions.learned.version().get(),
                actions.add_change.version().get(),
                actions.drop_change.version().get(),
            )
        },
        move |_| fetch_event(id),
    );
    view! {
        <Transition fallback=move || view! { <p>{move || lang.get().t().loading}</p> }>
            {move || Suspend::new(or_error_panel(async move {
                let v = event.await?;
                Ok::<_, AppError>(view! { <Event v actions /> })
            }))}
        </Transition>
    }
}

fn pick(lang: Lang, es: &str, en: &str) -> String {
    lang.pick(es, en).to_string()
}

#[component]
fn Event(v: EventView, actions: Actions) -> impl IntoView {
    let lang = use_lang();
    let x = move || et(lang.get());
    let d = v.detail.clone();
    let s = d.summary.clone();
    let id = s.id;
    let (title_es, title_en) = (s.title_es.clone(), s.title_en.clone());
    let title = {
        let (es, en) = (title_es.clone(), title_en.clone());
        move || pick(lang.get(), &es, &en)
    };
    // The other language's text stands in when the reader's is missing; say so.
    let fell_back = {
        let (es, en) = (d.description_es.clone(), d.description_en.clone());
        move || {
            let l = lang.get();
            let (mine, other) = match l {
                Lang::Es => (&es, &en),
                Lang::En => (&en, &es),
            };
            mine.trim().is_empty() && !other.trim().is_empty()
        }
    };
    let description = {
        let (es, en) = (v.description_html_es.clone(), v.description_html_en.clone());
        move || pick(lang.get(), &es, &en)
    };
    let materials = {
        let (es, en) = (v.materials_html_es.clone(), v.materials_html_en.clone());
        move || pick(lang.get(), &es, &en)
    };
    let has_materials = !(d.materials_es.trim().is_empty() && d.materials_en.trim().is_empty());
    let s_when = s.clone();
    let place = {
        let (es, en) = (s.location_es.clone(), s.location_en.clone());
        move || pick(lang.get(), &es, &en)
    };
    let mode = s.mode;
    let kind = s.kind;
    let status = s.status;
    let online = d.online_url.clone();
    let countries = d.countries.clone();
    let organisers = d.organisers.clone();
    let host = d.host.clone();
    let capacity = d.capacity;
    let (confirmed, waitlisted, pending) = (d.confirmed, d.waitlisted, d.pending);
    let viewer = view! {
        <ViewerTime
            starts_ms=s.starts_at.timestamp_millis()
            ends_ms=s.ends_at.timestamp_millis()
            venue_offset_minutes=d.venue_offset_minutes
            all_day=s.all_day
        />
    };
    view! {
        <DataTitle es=title_es.clone() en=title_en.clone() />
        <article class="page event" data-test-id="event-page">
            <p><a href=move || localized(lang.get(), "/events")>{move || x().back_to_events}</a></p>
            <h1 data-test-id="event-title">
                {title}
                {s.is_example.then(|| view! { " " <ExampleBadge /> })}
            </h1>
            <p class="event-row__meta">
                <span class="tag" data-test-id="event-kind">{move || kind.name(lang.get())}</span>
                " "
                <span class=format!("status status--{}", status.code()) data-test-id="event-status">{move || status.name(lang.get())}</span>
            </p>
            <dl class="facts">
                <dt>{move || x().when}</dt>
                <dd>
                    <span data-test-id="event-when">{move || when_label(lang.get(), &s_when)}</span>
                    {viewer}
                </dd>
                <dt>{move || x().where_}</dt>
                <dd data-test-id="event-where">
                    {move || {
                        let p = place();
                        let m = mode.name(lang.get());
                        if p.is_empty() { m.to_string() } else { format!("{p} · {m}") }
                    }}
                    {(!online.is_empty()).then(|| view! {
                        " · " <a href=online.clone() rel="noopener noreferrer" data-test-id="online-link">{move || x().online_link}</a>
                    })}
                </dd>
                {host.map(|h| view! {
                    <dt>{move || x().host}</dt>
                    <dd>{move || h.name(lang.get()).to_string()}</dd>
                })}
                {(!countries.is_empty()).then(|| view! {
                    <dt>{move || x().countries_label}</dt>
                    <dd data-test-id="event-countries">
                        {move || countries.iter().map(|c| c.name(lang.get()).to_string()).collect::<Vec<_>>().join(", ")}
                    </dd>
                })}
                {(!organisers.is_empty()).then(|| view! {
                    <dt>{move || x().organisers}</dt>
                    <dd data-test-id="event-organisers">
                        {move || organisers.iter().map(|c| c.name(lang.get()).to_string()).collect::<Vec<_>>().join(", ")}
                    </dd>
                })}
            </dl>
            {v.can_manage.then(|| view! {
                <p class="manage-links" data-test-id="manage-links">
                    <a class="button button--quiet" href=move || localized(lang.get(), &format!("/events/{id}/edit")) data-test-id="edit-event">{move || x().edit_event}</a>
                    " "
                    <a class="button button--quiet" href=move || localized(lang.get(), &format!("/events/{id}/participants")) data-test-id="participants-link">{move || x().participants}</a>
                </p>
            })}
            {(!d.description_es.trim().is_empty() || !d.description_en.trim().is_empty()).then(|| view! {
                <section class="event__text">
                    {move || fell_back().then(|| view! { <p class="lang-note" data-test-id="language-note">{move || x().other_language_note}</p> })}
                    <div class="markdown" data-test-id="event-description" inner_html=description></div>
                </section>
            })}
            <Registration v=v.clone() actions capacity confirmed waitlisted pending />
            <Topics v=v.clone() />
            {has_materials.then(|| view! {
                <section>
                    <h2>{move || x().materials}</h2>
                    <div class="markdown" data-test-id="event-materials" inner_html=materials></div>
                </section>
            })}
            <Outcomes v=v.clone() actions />
            <p class="hint">
                <a href=format!("/api/v1/events/{id}.ics") data-test-id="event-ics">{move || x().add_to_calendar}</a>
            </p>
        </article>
    }
}

#[component]
fn Registration(
    v: EventView,
    actions: Actions,
    capacity: Option<i64>,
    confirmed: i64,
    waitlisted: i64,
    pending: i64,
) -> impl IntoView {
    let lang = use_lang();
    let x = move || et(lang.get());
    let id = v.detail.summary.id;
    let offered = v.detail.registration;
    let moderated = v.detail.moderated;
    let closed_reason = move |x: &'static EventTexts| -> &'static str {
        if v.detail.summary.status == EventStatus::Cancelled {
            x.registration_cancelled
        } else {
            x.registration_closed
        }
    };
    let places = move || {
        let x = x();
        let l = lang.get();
        let mut parts = Vec::new();
        if let Some(c) = capacity {
            parts.push(x.places.of(l, c));
            parts.push(x.places_left.of(l, (c - confirmed).max(0)));
        } else {
            parts.push(x.no_limit.to_string());
        }
        parts.push(x.confirmed_count.of(l, confirmed));
        if waitlisted > 0 {
            parts.push(x.waitlisted_count.of(l, waitlisted));
        }
        if pending > 0 {
            parts.push(x.pending_count.of(l, pending));
        }
        parts.join(" · ")
    };
    let register_error = move || {
        form_error(&actions.register.value().get(), &[], lang.get())
            .or_else(|| field_error(&actions.register.value().get(), "registration", lang.get()))
    };
    let body = if !offered {
        view! { <p data-test-id="no-registration">{move || x().no_registration}</p> }.into_any()
    } else if let Some(place) = v.my_place.clone() {
        let status = place.status;
        let position = place.position;
        let reg_id = place.registration_id;
        view! {
            <p class=format!("my-place my-place--{}", status.code()) data-test-id="my-status" data-status=status.code()>
                {move || status.name(lang.get())}
                {move || position.map(|p| format!(" — {}", x().position.replace("{n}", &lang.get().format_int(p))))}
            </p>
            {(status == RegistrationStatus::Waitlisted).then(|| view! { <p class="hint">{move || x().waitlist_hint}</p> })}
            <ActionForm action=actions.withdraw attr:class="inline-form" attr:data-test-id="withdraw-form">
                <input type="hidden" name="registration_id" value=reg_id.to_string() />
                <button type="submit" class="button button--quiet" data-test-id="withdraw">{move || x().withdraw}</button>
            </ActionForm>
        }
        .into_any()
    } else if v.registration_open && v.signed_in {
        view! {
            {moderated.then(|| view! { <p class="hint">{move || x().moderated_hint}</p> })}
            <ActionForm action=actions.register attr:class="inline-form" attr:data-test-id="register-form">
                <input type="hidden" name="id" value=id.to_string() />
                <button type="submit" class="button" data-test-id="register">
                    {move || if capacity.is_some_and(|c| confirmed >= c) { x().join_waitlist } else { x().register } }
                </button>
            </ActionForm>
            {move || register_error().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        }
        .into_any()
    } else if v.registration_open {
        view! {
            <p>
                <a class="button" href=move || localized(lang.get(), "/login") data-test-id="sign-in-to-register">
                    {move || x().sign_in_to_register}
                </a>
            </p>
        }
        .into_any()
    } else {
        view! { <p data-test-id="registration-closed">{move || closed_reason(x())}</p> }.into_any()
    };
    let window = {
        let opens = v.detail.registration_opens_at;
        let closes = v.detail.registration_closes_at;
        move || {
            let x = x();
            let l = lang.get();
            // The window's dates as the venue sees them (the server sent UTC instants; the
            // venue's offset at the event is close enough for whole days).
            let off = chrono::Duration::minutes(i64::from(v.detail.venue_offset_minutes));
            let day = |t: chrono::DateTime<chrono::Utc>| super::day_label(l, (t + off).naive_utc());
            match (opens, closes) {
                (Some(a), Some(b)) => Some(
                    x.window_from_to
                        .replace("{a}", &day(a))
                        .replace("{b}", &day(b)),
                ),
                (None, Some(b)) => Some(x.window_until.replace("{b}", &day(b))),
                (Some(a), None) => Some(x.window_from.replace("{a}", &day(a))),
                (None, None) => None,
            }
        }
    };
    view! {
        <section id="registration" class="registration" data-test-id="registration">
            <h2>{move || x().registration}</h2>
            {offered.then(|| view! { <p data-test-id="places">{places}</p> })}
            {offered.then(|| view! { {move || window().map(|w| view! { <p class="hint">{w}</p> })} })}
            {body}
        </section>
    }
}

#[component]
fn Topics(v: EventView) -> impl IntoView {
    let lang = use_lang();
    let x = move || et(lang.get());
    let themes = v.detail.themes.clone();
    if themes.is_empty() {
        return ().into_any();
    }
    let topics = v.topics.clone();
    view! {
        <section class="event-topics" data-test-id="event-topics">
            <h2>{move || x().topics}</h2>
            <ul class="topic-list">
                {themes.into_iter().map(|th| {
                    let code = th.code.clone();
                    let test_id = format!("topic-{code}");
                    let suggestion = topics.iter().find(|t| t.theme.code == th.code).cloned();
                    let th2 = th.clone();
                    view! {
                        <li data-test-id=test_id>
                            <strong>{move || th2.name(lang.get()).to_string()}</strong>
                            " · "
                            <a href=move || localized(lang.get(), &format!("/practices?theme={code}"))>{move || x().practices_on_topic}</a>
                            {suggestion.map(|sg| {
                                let gaps = sg.gaps.clone();
                                let practices = sg.practices.clone();
                                let countries = sg.countries.clone();
                                view! {
                                    <p class="hint">
                                        {move || x().gaps_reported_in} ": "
                                        {move || countries.iter().map(|c| c.name(lang.get()).to_string()).collect::<Vec<_>>().join(", ")}
                                    </p>
                                    <ul class="compact">
                                        {gaps.into_iter().take(6).map(|g| {
                                            let (es, en) = (g.title_es.clone(), g.title_en.clone());
                                            let c = g.country_iso2.clone();
                                            let gid = g.id;
                                            view! {
                                                <li>
                                                    <a href=move || localized(lang.get(), &format!("/inventory/{c}#entry-{gid}"))>
                                                        {move || format!("{} ({})", pick(lang.get(), &es, &en), g.country_iso2)}
                                                    </a>
                                                </li>
                                            }
                                        }).collect_view()}
                                        {practices.into_iter().take(6).map(|p| {
                                            let (es, en) = (p.title_es.clone(), p.title_en.clone());
                                            let pid = p.id;
                                            view! {
                                                <li>
                                                    {move || x().practice_prefix} " "
                                                    <a href=move || localized(lang.get(), &format!("/practices/{pid}"))>
                                                        {move || pick(lang.get(), &es, &en)}
                                                    </a>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

#[component]
fn Outcomes(v: EventView, actions: Actions) -> impl IntoView {
    let lang = use_lang();
    let x = move || et(lang.get());
    let id = v.detail.summary.id;
    let o = v.outcomes.clone();
    let learned = {
        let (es, en) = (v.learned_html_es.clone(), v.learned_html_en.clone());
        move || pick(lang.get(), &es, &en)
    };
    let has_learned = !(o.learned_es.trim().is_empty() && o.learned_en.trim().is_empty());
    let nothing = !has_learned && o.policy_changes.is_empty() && o.contributions.is_empty();
    let past_or_held = v.detail.summary.status == EventStatus::Held || v.past;
    if nothing && !v.can_manage {
        return ().into_any();
    }
    let changes = o.policy_changes.clone();
    let contributions = o.contributions.clone();
    let can_manage = v.can_manage;
    let countries = v.all_countries.clone();
    let learned_err = move |f: &str| field_error(&actions.learned.value().get(), f, lang.get());
    let change_err = move |f: &'static str| {
        Signal::derive(move || field_error(&actions.add_change.value().get(), f, lang.get()))
    };
    view! {
        <section id="outcomes" class="outcomes" data-test-id="outcomes">
            <h2>{move || x().outcomes}</h2>
            {(nothing && !past_or_held).then(|| view! { <p class="hint">{move || x().outcomes_later}</p> })}
            {has_learned.then(|| view! {
                <h3>{move || x().learned}</h3>
                <div class="markdown" data-test-id="learned" inner_html=learned></div>
            })}
            {(!changes.is_empty()).then(|| view! {
                <h3>{move || x().policy_changes}</h3>
                <ul data-test-id="policy-changes">
                    {changes.into_iter().map(|c| {
                        let (es, en) = (c.description_es.clone(), c.description_en.clone());
                        let country = c.country.clone();
                        let cid = c.id;
                        view! {
                            <li>
                                <strong>{move || country.name(lang.get()).to_string()}</strong> ": "
                                {move || pick(lang.get(), &es, &en)}
                                {can_manage.then(|| view! {
                                    <ActionForm action=actions.drop_change attr:class="inline-form">
                                        <input type="hidden" name="id" value=cid.to_string() />
                                        <button type="submit" class="button button--quiet button--small">{move || x().remove}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {(!contributions.is_empty()).then(|| view! {
                <h3>{move || x().resources_committed}</h3>
                <ul data-test-id="event-contributions">
                    {contributions.into_iter().map(|c| {
                        let cid = c.id;
                        let (des, den) = (c.donor_es.clone(), c.donor_en.clone());
                        let (tes, ten) = (c.title_es.clone(), c.title_en.clone());
                        let amount = c.amount_usd_cents;
                        view! {
                            <li>
                                <a href=move || localized(lang.get(), &format!("/contributions/{cid}"))>
                                    {move || pick(lang.get(), &des, &den)} ": " {move || pick(lang.get(), &tes, &ten)}
                                </a>
                                {amount.map(|a| view! { " — USD " {move || lang.get().format_int(a / 100)} })}
                                {c.is_example.then(|| view! { " " <ExampleBadge /> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {can_manage.then(|| {
                let o2 = o.clone();
                view! {
                    <details class="manage-outcomes" data-test-id="outcome-forms">
                        <summary>{move || x().record_outcomes}</summary>
                        <ActionForm action=actions.learned attr:class="form-grid" attr:data-test-id="learned-form">
                            <input type="hidden" name="event_id" value=id.to_string() />
                            <TextArea name="learned_es" label=Signal::derive(move || x().learned_es) value=o2.learned_es.clone() error=Signal::derive(move || learned_err("learned_es")) />
                            <TextArea name="learned_en" label=Signal::derive(move || x().learned_en) value=o2.learned_en.clone() error=Signal::derive(move || learned_err("learned_en")) />
                            <button type="submit" class="button">{move || x().save_learned}</button>
                        </ActionForm>
                        <ActionForm action=actions.add_change attr:class="form-grid" attr:data-test-id="policy-change-form">
                            <input type="hidden" name="event_id" value=id.to_string() />
                            <div class="field">
                                <label for="pc-country">{move || x().country}</label>
                                <select id="pc-country" name="country">
                                    {countries.iter().cloned().map(|c| {
                                        let code = c.code.clone();
                                        view! { <option value=code>{move || c.name(lang.get()).to_string()}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <TextArea name="change_es" rows=2 label=Signal::derive(move || x().change_es) error=change_err("change_es") />
                            <TextArea name="change_en" rows=2 label=Signal::derive(move || x().change_en) error=change_err("change_en") />
                            <button type="submit" class="button">{move || x().add_policy_change}</button>
                        </ActionForm>
                        <p class="hint">{move || x().contributions_hint}</p>
                    </details>
                }
            })}
        </section>
    }
    .into_any()
}
