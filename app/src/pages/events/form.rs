//! `/{lang}/events/new` and `/{lang}/events/{id}/edit`: the chair's event form. Saving a new or
//! moved time runs the clash check first: what is in the way is listed with free windows, and
//! the event is saved only once the chair changes the time or confirms.

use super::text::et;
use crate::components::auth::{field_error, form_error};
use crate::components::field::{coded_choices, Select};
use crate::components::field::{Field, TextArea};
use crate::components::{error_panel::or_error_panel, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::EventFormOptions;
use crate::model::{ClashReason, ClashReport, EventKind, EventMode, EventStatus, Named};
use crate::rpc::events::{fetch_event_form, SaveEvent};
use leptos::prelude::*;

/// The route: `/{lang}/events/new` and `/{lang}/events/{id}/edit`
#[component]
pub fn EventFormRoutePage() -> impl IntoView {
    let id = crate::pages::route_id_once("id").unwrap_or(0);
    view! { <EventFormPage id /> }
}

#[component]
pub fn EventFormPage(id: i64) -> impl IntoView {
    let lang = use_lang();
    let options = Resource::new(|| (), move |_| fetch_event_form(id));
    let save = ServerAction::<SaveEvent>::new();
    let title: fn(crate::i18n::Lang) -> &'static str = if id > 0 {
        |l| et(l).edit_event
    } else {
        |l| et(l).new_event
    };
    view! {
        <PageTitle text=title />
        <section class="page event-form-page" data-test-id="event-form-page">
            <h1>{move || if id > 0 { et(lang.get()).edit_event } else { et(lang.get()).new_event }}</h1>
            <Transition fallback=move || view! { <p>{move || lang.get().t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let o = options.await?;
                    Ok::<_, AppError>(view! { <EventForm o save /> })
                }))}
            </Transition>
        </section>
    }
}

const FIELDS: &[&str] = &[
    "kind",
    "status",
    "title_es",
    "title_en",
    "description_es",
    "description_en",
    "starts_local",
    "ends_local",
    "timezone",
    "mode",
    "host",
    "location_es",
    "location_en",
    "online_url",
    "countries",
    "organisers",
    "themes",
    "capacity",
    "registration_opens",
    "registration_closes",
    "materials_es",
    "materials_en",
];

fn checkboxes(
    group: &'static str,
    items: Vec<Named>,
    on: Vec<String>,
    lang: Memo<crate::i18n::Lang>,
) -> impl IntoView {
    items
        .into_iter()
        .map(|n| {
            let checked = on.contains(&n.code);
            let id = format!("ev-{group}-{}", n.code);
            let name = format!("input[{group}][{}]", n.code);
            let test_id = format!("{group}-{}", n.code);
            let label_for = id.clone();
            view! {
                <label class="check" for=label_for>
                    <input type="checkbox" id=id name=name checked=checked data-test-id=test_id />
                    {move || n.name(lang.get()).to_string()}
                </label>
            }
        })
        .collect_view()
}

#[component]
fn EventForm(o: EventFormOptions, save: ServerAction<SaveEvent>) -> impl IntoView {
    let lang = use_lang();
    let x = move || et(lang.get());
    let result = save.value();
    let err =
        move |f: &'static str| Signal::derive(move || field_error(&result.get(), f, lang.get()));
    let clash = move || match result.get() {
        Some(Err(AppError::Clash(json))) => serde_json::from_str::<ClashReport>(&json).ok(),
        _ => None,
    };
    let general = move || match result.get() {
        Some(Err(AppError::Clash(_))) => None,
        r => form_error(&r, FIELDS, lang.get()),
    };
    let cur = o.current.clone();
    let id = cur.as_ref().map_or(0, |c| c.summary.id);
    let version = cur.as_ref().map_or(0, |c| c.version);
    let s = cur.as_ref().map(|c| c.summary.clone());
    let text = |v: String| Signal::derive(move || v.clone());
    let get = |f: fn(&crate::model::EventDetail) -> String| cur.as_ref().map(f).unwrap_or_default();
    let v_description_en = get(|c| c.description_en.clone());
    let v_description_es = get(|c| c.description_es.clone());
    let v_materials_en = get(|c| c.materials_en.clone());
    let v_materials_es = get(|c| c.materials_es.clone());
    let v_online_url = get(|c| c.online_url.clone());
    let fmt_local = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M").to_string();
    let starts = s
        .as_ref()
        .map(|s| fmt_local(s.local_start))
        .unwrap_or_default();
    let ends = s
        .as_ref()
        .map(|s| fmt_local(s.local_end))
        .unwrap_or_default();
    let tz_now = s
        .as_ref()
        .map(|s| s.timezone.clone())
        .unwrap_or_else(|| "America/Panama".into());
    let kind_now = s
        .as_ref()
        .map(|s| s.kind)
        .unwrap_or(EventKind::LearningWorkshop);
    let status_now = s.as_ref().map(|s| s.status).unwrap_or(EventStatus::Planned);
    let mode_now = s.as_ref().map(|s| s.mode).unwrap_or(EventMode::InPerson);
    let host_now = s
        .as_ref()
        .and_then(|s| s.host_country.clone())
        .unwrap_or_default();
    let countries_on: Vec<String> = cur
        .as_ref()
        .map(|c| c.countries.iter().map(|n| n.code.clone()).collect())
        .unwrap_or_default();
    let organisers_on: Vec<String> = cur
        .as_ref()
        .map(|c| c.organisers.iter().map(|n| n.code.clone()).collect())
        .unwrap_or_default();
    let themes_on: Vec<String> = cur
        .as_ref()
        .map(|c| c.themes.iter().map(|n| n.code.clone()).collect())
        .unwrap_or_default();
    let capacity = cur
        .as_ref()
        .and_then(|c| c.capacity)
        .map(|c| c.to_string())
        .unwrap_or_default();
    let registration_on = cur.as_ref().is_some_and(|c| c.registration);
    let moderated_on = cur.as_ref().is_some_and(|c| c.moderated);
    let off = cur.as_ref().map_or(0, |c| c.venue_offset_minutes);
    let day_of = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| {
            (t + chrono::Duration::minutes(i64::from(off)))
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_default()
    };
    let opens = cur
        .as_ref()
        .map(|c| day_of(c.registration_opens_at))
        .unwrap_or_default();
    let closes = cur
        .as_ref()
        .map(|c| day_of(c.registration_closes_at))
        .unwrap_or_default();
    let suggestions = o.suggestions.clone();
    // Countries and organisations by code, to name them in the clash report.
    let names: Vec<Named> = o
        .countries
        .iter()
        .chain(o.organisers.iter())
        .cloned()
        .collect();
    let md = Signal::derive(move || lang.get().t().markdown_hint);
    view! {
        {(id > 0).then(|| view! {
            <p><a href=move || localized(lang.get(), &format!("/events/{id}"))>{move || x().back_to_event}</a></p>
        })}
        <ActionForm action=save attr:class="form-grid event-form" attr:data-test-id="event-form">
            <input type="hidden" name="lang" value=move || lang.get().code() />
            <input type="hidden" name="input[id]" value=id.to_string() />
            <input type="hidden" name="input[version]" value=version.to_string() />
            <Select name="input[kind]" field="kind" id="ev-kind" label=Signal::derive(move || x().kind) choices=coded_choices(EventKind::ALL, EventKind::code, EventKind::name) selected=kind_now.code() />
            <Select name="input[status]" field="status" id="ev-status" label=Signal::derive(move || x().status) choices=coded_choices(EventStatus::ALL, EventStatus::code, EventStatus::name) selected=status_now.code() />
            <Field name="input[title_es]" label=Signal::derive(move || x().title_es) value=text(s.as_ref().map(|s| s.title_es.clone()).unwrap_or_default()) error=err("title_es") />
            <Field name="input[title_en]" label=Signal::derive(move || x().title_en) value=text(s.as_ref().map(|s| s.title_en.clone()).unwrap_or_default()) error=err("title_en") />
            <TextArea name="input[description_es]" label=Signal::derive(move || x().description_es) hint=md value=v_description_es.clone() error=err("description_es") />
            <TextArea name="input[description_en]" label=Signal::derive(move || x().description_en) hint=md value=v_description_en.clone() error=err("description_en") />
            <Field name="input[starts_local]" kind="datetime-local" label=Signal::derive(move || x().starts) value=text(starts) required=true error=err("starts_local") />
            <Field name="input[ends_local]" kind="datetime-local" label=Signal::derive(move || x().ends) value=text(ends) required=true error=err("ends_local") />
            <div class="field" class:field--invalid=move || err("timezone").get().is_some()>
                <label for="ev-timezone">{move || x().timezone}</label>
                <p class="field__hint">{move || x().timezone_hint}</p>
                <select id="ev-timezone" name="input[timezone]" data-test-id="field-timezone">
                    {o.timezones.iter().map(|z| {
                        let selected = *z == tz_now;
                        view! { <option value=z.clone() selected=selected>{z.clone()}</option> }
                    }).collect_view()}
                </select>
                {move || err("timezone").get().map(|e| view! { <p class="field-error">{e}</p> })}
            </div>
            <Select name="input[mode]" field="mode" id="ev-mode" label=Signal::derive(move || x().mode) choices=coded_choices(EventMode::ALL, EventMode::code, EventMode::name) selected=mode_now.code() />
            <Select name="input[host]" field="host" id="ev-host" label=Signal::derive(move || x().host) choices=o.countries.iter().map(|c| (c.code.clone(), c.name_es.clone(), c.name_en.clone())).collect() selected=host_now.clone() empty=Signal::derive(move || x().no_host) />
            <Field name="input[location_es]" label=Signal::derive(move || x().location_es) value=text(s.as_ref().map(|s| s.location_es.clone()).unwrap_or_default()) error=err("location_es") />
            <Field name="input[location_en]" label=Signal::derive(move || x().location_en) value=text(s.as_ref().map(|s| s.location_en.clone()).unwrap_or_default()) error=err("location_en") />
            <Field name="input[online_url]" kind="url" label=Signal::derive(move || x().online_url) value=text(v_online_url.clone()) error=err("online_url") />
            <fieldset class="field field--wide checks">
                <legend>{move || x().countries_label}</legend>
                {checkboxes("countries", o.countries.clone(), countries_on, lang)}
            </fieldset>
            <fieldset class="field field--wide checks">
                <legend>{move || x().organisers}</legend>
                {checkboxes("organisers", o.organisers.clone(), organisers_on, lang)}
            </fieldset>
            <fieldset class="field field--wide checks">
                <legend>{move || x().topics}</legend>
                {(!suggestions.is_empty()).then(|| {
                    let top: Vec<_> = suggestions.iter().take(4).cloned().collect();
                    view! {
                        <p class="field__hint" data-test-id="topic-suggestions">
                            {move || x().suggested_topics} ": "
                            {move || top.iter().map(|t| {
                                format!("{} ({})", t.theme.name(lang.get()), x().gap_countries.of(lang.get(), t.countries.len() as i64))
                            }).collect::<Vec<_>>().join("; ")}
                        </p>
                    }
                })}
                {checkboxes("themes", o.themes.clone(), themes_on, lang)}
            </fieldset>
            <Field name="input[capacity]" kind="number" label=Signal::derive(move || x().capacity) hint=Signal::derive(move || x().capacity_hint) value=text(capacity) error=err("capacity") />
            <fieldset class="field field--wide checks">
                <legend>{move || x().registration}</legend>
                <label class="check" for="ev-registration">
                    <input type="checkbox" id="ev-registration" name="input[registration]" checked=registration_on data-test-id="field-registration" />
                    {move || x().registration_offered}
                </label>
                <label class="check" for="ev-moderated">
                    <input type="checkbox" id="ev-moderated" name="input[moderated]" checked=moderated_on data-test-id="field-moderated" />
                    {move || x().moderated_label}
                </label>
            </fieldset>
            <Field name="input[registration_opens]" kind="date" label=Signal::derive(move || x().registration_opens) value=text(opens) error=err("registration_opens") />
            <Field name="input[registration_closes]" kind="date" label=Signal::derive(move || x().registration_closes) value=text(closes) error=err("registration_closes") />
            <TextArea name="input[materials_es]" label=Signal::derive(move || x().materials_es) hint=md value=v_materials_es.clone() error=err("materials_es") />
            <TextArea name="input[materials_en]" label=Signal::derive(move || x().materials_en) hint=md value=v_materials_en.clone() error=err("materials_en") />
            {move || clash().map(|report| view! {
                <ClashList report names=names.clone() />
                <label class="check field--wide" for="ev-accept">
                    <input type="checkbox" id="ev-accept" name="input[accept_clashes]" data-test-id="accept-clashes" />
                    {move || x().save_anyway}
                </label>
            })}
            {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="form-error">{e}</p> })}
            <div class="form-actions field--wide">
                <button type="submit" class="button" data-test-id="save-event">{move || x().save_event}</button>
            </div>
        </ActionForm>
    }
}

/// What is in the way of the proposed time, and free windows.
#[component]
fn ClashList(report: ClashReport, names: Vec<Named>) -> impl IntoView {
    let lang = use_lang();
    let x = move || et(lang.get());
    let names = StoredValue::new(names);
    let name_all = move |codes: &[String]| -> String {
        let l = lang.get();
        names.with_value(|names| {
            codes
                .iter()
                .map(|c| {
                    names
                        .iter()
                        .find(|n| &n.code == c)
                        .map_or(c.clone(), |n| n.name(l).to_string())
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    let clashes = report.clashes.clone();
    let windows = report.windows.clone();
    let tz = report.timezone.clone();
    view! {
        <div class="clash-report field--wide" role="alert" data-test-id="clash-report">
            <h2>{move || x().clash_title}</h2>
            <ul>
                {clashes.into_iter().map(|c| {
                    let e = c.event.clone();
                    let id = e.id;
                    let reasons = c.reasons.clone();
                    let e2 = e.clone();
                    view! {
                        <li data-test-id=format!("clash-{id}")>
                            <a href=move || localized(lang.get(), &format!("/events/{id}"))>{move || e.title(lang.get()).to_string()}</a>
                            " — " {move || super::when_label(lang.get(), &e2)}
                            <ul class="compact">
                                {reasons.into_iter().map(|r| view! {
                                    <li>{move || match &r {
                                        ClashReason::StandingMeeting => x().reason_standing.to_string(),
                                        ClashReason::SameCountries(c) => format!("{}: {}", x().reason_countries, name_all(c)),
                                        ClashReason::SameOrganisers(o) => format!("{}: {}", x().reason_organisers, name_all(o)),
                                    }}</li>
                                }).collect_view()}
                            </ul>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {if windows.is_empty() {
                view! { <p>{move || x().no_free_window}</p> }.into_any()
            } else {
                view! {
                    <p>{move || x().free_windows} " (" {tz.clone()} "):"</p>
                    <ul data-test-id="free-windows">
                        {windows.into_iter().map(|w| view! {
                            <li>
                                {move || super::day_label(lang.get(), w.local_start)} ", "
                                {w.local_start.format("%H:%M").to_string()} "–" {w.local_end.format("%H:%M").to_string()}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}
