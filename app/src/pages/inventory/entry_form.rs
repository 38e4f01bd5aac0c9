//! `/{lang}/inventory/{country}/new` and `/{lang}/inventory/{country}/{id}/edit`: the entry form,
//! for the country's focal points and the secretariat.

use crate::components::auth::{field_error, form_error};
use crate::components::field::{coded_choices, Select};
use crate::components::{
    error_panel::or_error_panel,
    field::{Field, TextArea},
    PageTitle,
};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::CountryInventory;
use crate::model::{EntryStatus, EntryType, InventoryEntry, Severity};
use crate::pages::inventory::text::texts;
use crate::rpc::inventory::{fetch_entry_form, SaveInventoryEntry, WithdrawInventoryEntry};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The entry form: a new entry, or an existing one with the option to take it off the inventory.
#[component]
pub fn EntryEditPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let params = use_params_map();
    let country = Memo::new(move |_| params.read().get("country").unwrap_or_default());
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let data = Resource::new(move || country.get(), fetch_entry_form);
    view! {
        <PageTitle text=|l| texts(l).entry_edit_title />
        <section class="page">
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                // Signals are read before the wait: after it the page may be gone.
                {move || {
                    let id = id.get_untracked();
                    Suspend::new(or_error_panel(async move {
                        let d = data.await?;
                        let entry = if id > 0 {
                            Some(d.entries.iter().find(|e| e.id == id).cloned().ok_or(AppError::NotFound)?)
                        } else {
                            None
                        };
                        Ok::<_, AppError>(view! { <EntryForm d entry /> })
                    }))
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn EntryForm(d: CountryInventory, entry: Option<InventoryEntry>) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let save = ServerAction::<SaveInventoryEntry>::new();
    let withdraw = ServerAction::<WithdrawInventoryEntry>::new();
    let result = save.value();
    let err =
        move |f: &'static str| Signal::derive(move || field_error(&result.get(), f, lang.get()));
    let fields = [
        "country",
        "entry_type",
        "theme",
        "title_es",
        "title_en",
        "description_es",
        "description_en",
        "admin1",
        "provider",
        "period_start",
        "period_end",
        "status",
        "severity",
        "priority",
        "populations",
    ];
    let general = move || form_error(&result.get(), &fields, lang.get());
    let wresult = withdraw.value();
    let reason_error = Signal::derive(move || field_error(&wresult.get(), "reason", lang.get()));
    let wgeneral = move || form_error(&wresult.get(), &["reason"], lang.get());
    let code = d.country.code.clone();
    let e = entry.clone();
    let val = move |f: fn(&InventoryEntry) -> String| {
        let v = e.as_ref().map(f).unwrap_or_default();
        Signal::derive(move || v.clone())
    };
    let raw = |f: fn(&InventoryEntry) -> String| entry.as_ref().map(f).unwrap_or_default();
    let id = entry.as_ref().map_or(0, |e| e.id);
    let version = entry.as_ref().map_or(0, |e| e.version);
    let kind = raw(|e| e.entry_type.code().to_string());
    let theme = raw(|e| e.theme_code.clone());
    let status = entry
        .as_ref()
        .map(|e| e.status.clone())
        .unwrap_or_else(|| "active".into());
    let severity = raw(|e| e.severity.map(|s| s.code().to_string()).unwrap_or_default());
    let priority = raw(|e| e.priority.map(|p| p.to_string()).unwrap_or_default());
    let pops_on: Vec<String> = entry
        .as_ref()
        .map(|e| e.populations.clone())
        .unwrap_or_default();
    let description_es = raw(|e| e.description_es.clone());
    let description_en = raw(|e| e.description_en.clone());
    let name = d.country.clone();
    let kinds = coded_choices(EntryType::ALL, EntryType::code, EntryType::name);
    let themes: Vec<(String, String, String)> = d
        .themes
        .iter()
        .map(|th| (th.code.clone(), th.name_es.clone(), th.name_en.clone()))
        .collect();
    let statuses = coded_choices(EntryStatus::ALL, EntryStatus::code, EntryStatus::name);
    let severities = coded_choices(Severity::ALL, Severity::code, Severity::name);
    let priorities: Vec<(String, String, String)> = (1..=3)
        .map(|p| (p.to_string(), p.to_string(), p.to_string()))
        .collect();
    let pops_error = err("populations");
    view! {
        <p>
            <a href={
                let code = code.clone();
                move || localized(lang.get(), &format!("/inventory/{code}"))
            }>{move || name.name(lang.get()).to_string()}</a>
        </p>
        <h1>{move || x().entry_edit_title}</h1>
        <ActionForm action=save attr:class="form-grid" attr:data-test-id="entry-form">
            <input type="hidden" name="lang" value=move || lang.get().code() />
            <input type="hidden" name="input[id]" value=id.to_string() />
            <input type="hidden" name="input[version]" value=version.to_string() />
            <input type="hidden" name="input[country]" value=code.clone() />
            <Select name="input[entry_type]" field="entry_type" id="e-type" label=Signal::derive(move || lang.get().t().entry_type) choices=kinds selected=kind empty=Signal::derive(|| "—") error=err("entry_type") />
            <Select name="input[theme]" field="theme" id="e-theme" label=Signal::derive(move || lang.get().t().facet_theme) choices=themes selected=theme empty=Signal::derive(|| "—") error=err("theme") />
            <Field name="input[title_es]" form="e" value=val(|e| e.title_es.clone()) label=Signal::derive(move || t().field_title_es) error=err("title_es") />
            <Field name="input[title_en]" form="e" value=val(|e| e.title_en.clone()) label=Signal::derive(move || t().field_title_en) error=err("title_en") />
            <TextArea name="input[description_es]" value=description_es label=Signal::derive(move || t().field_description_es) error=err("description_es") />
            <TextArea name="input[description_en]" value=description_en label=Signal::derive(move || t().field_description_en) error=err("description_en") />
            <Field name="input[admin1]" form="e" value=val(|e| e.admin1.clone()) label=Signal::derive(move || x().place) hint=Signal::derive(move || x().place_hint) error=err("admin1") />
            <Field name="input[provider]" form="e" value=val(|e| e.provider.clone()) label=Signal::derive(move || t().provider) error=err("provider") />
            <Field name="input[period_start]" form="e" kind="date" value=val(|e| e.period_start.clone().unwrap_or_default()) label=Signal::derive(move || t().period_start) error=err("period_start") />
            <Field name="input[period_end]" form="e" kind="date" value=val(|e| e.period_end.clone().unwrap_or_default()) label=Signal::derive(move || t().period_end) error=err("period_end") />
            <Select name="input[status]" field="status" id="e-status" label=Signal::derive(move || lang.get().t().col_status) choices=statuses selected=status error=err("status") />
            <Select name="input[severity]" field="severity" id="e-severity" label=Signal::derive(move || lang.get().t().severity) choices=severities selected=severity empty=Signal::derive(|| "—") error=err("severity") />
            <Select name="input[priority]" field="priority" id="e-priority" label=Signal::derive(move || lang.get().t().priority) choices=priorities selected=priority empty=Signal::derive(|| "—") error=err("priority") />
            <fieldset class="field field--wide checks" class:field--invalid=move || pops_error.get().is_some()>
                <legend>{move || t().facet_population}</legend>
                {d.populations.iter().map(|p| {
                    let (pc, es, en) = (p.code.clone(), p.name_es.clone(), p.name_en.clone());
                    let checked = pops_on.contains(&pc);
                    view! {
                        <label class="check">
                            <input type="checkbox" name=format!("input[populations][{pc}]") value="on" checked=checked />
                            {move || lang.get().pick(&es, &en).to_string()}
                        </label>
                    }
                }).collect_view()}
                {move || pops_error.get().map(|e| view! { <p class="field-error">{e}</p> })}
            </fieldset>
            <p class="field__hint field--wide">{move || x().gap_fields_hint}</p>
            <div class="form-actions">
                <button type="submit" class="button" data-test-id="entry-save">{move || t().save}</button>
            </div>
            {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="entry-error">{e}</p> })}
        </ActionForm>
        {(id > 0).then(|| view! {
            <details class="danger-zone">
                <summary>{move || x().entry_withdraw}</summary>
                <ActionForm action=withdraw attr:class="form-grid" attr:data-test-id="entry-withdraw-form">
                    <input type="hidden" name="lang" value=move || lang.get().code() />
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="version" value=version.to_string() />
                    <TextArea name="reason" rows=2 label=Signal::derive(move || x().withdraw_reason) error=reason_error />
                    <div class="form-actions">
                        <button type="submit" class="button button--danger">{move || x().entry_withdraw}</button>
                    </div>
                    {move || wgeneral().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                </ActionForm>
            </details>
        })}
    }
}
