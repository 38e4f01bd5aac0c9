//! `/{lang}/inventory`: the regional matrix (countries x themes) of services, programmes and gaps
//! for local integration; `/{lang}/inventory/{country}`: a country's entries; and the entry form
//! (`/{lang}/inventory/{country}/new`, `/{lang}/inventory/{country}/{id}/edit`) for the
//! country's focal points and the secretariat.

use crate::api::local::{
    fetch_country_inventory, fetch_entry_form, fetch_inventory_matrix, CountryInventory,
    SaveInventoryEntry, WithdrawInventoryEntry,
};
use crate::auth_context::{field_error, form_error};
use crate::components::{
    error_panel::or_error_panel,
    example_badge::ExampleBadge,
    field::{Field, TextArea},
    DataTitle, PageTitle,
};
use crate::error::AppError;
use crate::i18n::{localized, use_lang, Lang};
use crate::model::{EntryType, InventoryEntry, InventoryMatrix, Severity};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

fn severity_class(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::Critical) => "sev-critical",
        Some(Severity::High) => "sev-high",
        Some(Severity::Medium) => "sev-medium",
        Some(Severity::Low) => "sev-low",
        None => "",
    }
}

#[component]
pub fn InventoryPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let matrix = Resource::new(|| (), |_| fetch_inventory_matrix());
    let query = use_query_map();
    let theme = Memo::new(move |_| query.read().get("theme"));
    view! {
        <PageTitle text=|t| t.nav_inventory />
        <section class="hero">
            <h1>{move || t().nav_inventory}</h1>
            <p class="lead">{move || t().inventory_lead}</p>
        </section>
        <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
            // Signals are read before the wait: after it the page may be gone (the reader moved on).
            {move || {
                let theme = theme.get_untracked();
                Suspend::new(or_error_panel(async move {
                    let m = matrix.await?;
                    Ok::<_, AppError>(view! { <Matrix m theme /> })
                }))
            }}
        </Suspense>
    }
}

#[component]
fn Matrix(m: InventoryMatrix, theme: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let themes = m.themes.clone();
    view! {
        <p class="legend" aria-hidden="true">
            <span class="legend__item">{move || t().matrix_legend}</span>
            {Severity::ALL.into_iter().rev().map(|s| view! {
                <span class=format!("legend__item gap-dot {}", severity_class(Some(s)))>{move || s.name(lang.get())}</span>
            }).collect_view()}
        </p>
        <div class="table-wrap">
            <table class="data-table matrix" data-test-id="inventory-matrix">
                <caption>{move || t().matrix_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t().facet_theme}</th>
                        {m.countries.iter().map(|c| {
                            let c = c.clone();
                            let code = c.code.clone();
                            let test_id = format!("matrix-country-{code}");
                            view! {
                                <th scope="col">
                                    <a href=move || localized(lang.get(), &format!("/inventory/{code}")) data-test-id=test_id>
                                        {move || c.name(lang.get()).to_string()}
                                    </a>
                                </th>
                            }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {themes.iter().map(|th| {
                        let th = th.clone();
                        let on = theme.as_deref() == Some(th.code.as_str());
                        let tcode = th.code.clone();
                        view! {
                            <tr class:row--on=on>
                                <th scope="row">{move || th.name(lang.get()).to_string()}</th>
                                {m.countries.iter().map(|c| {
                                    let cell = m.cell(&c.code, &tcode).cloned();
                                    let (cc, tc) = (c.code.clone(), tcode.clone());
                                    let cell_id = format!("cell-{cc}-{tc}");
                                    match cell {
                                        None => view! { <td class="cell--empty"><span aria-hidden="true">"·"</span><span class="visually-hidden">{move || t().inventory_none}</span></td> }.into_any(),
                                        Some(cell) => {
                                            let label = move || {
                                                let t = lang.get().t();
                                                [(cell.services, t.matrix_services), (cell.programmes, t.matrix_programmes), (cell.gaps, t.matrix_gaps)]
                                                    .into_iter()
                                                    .filter(|(n, _)| *n > 0)
                                                    .map(|(n, unit)| unit.of(lang.get(), i64::from(n)))
                                                    .collect::<Vec<_>>()
                                                    .join(" · ")
                                            };
                                            view! {
                                                <td class=format!("cell {}", severity_class(cell.worst_gap))>
                                                    <a href=move || localized(lang.get(), &format!("/inventory/{cc}?theme={tc}")) data-test-id=cell_id>
                                                        {label}
                                                    </a>
                                                </td>
                                            }.into_any()
                                        }
                                    }
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn CountryInventoryPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let params = use_params_map();
    let query = use_query_map();
    let country = Memo::new(move |_| params.read().get("country").unwrap_or_default());
    let theme = Memo::new(move |_| query.read().get("theme").filter(|s| !s.is_empty()));
    let data = Resource::new(move || country.get(), fetch_country_inventory);
    view! {
        <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
            {move || Suspend::new(or_error_panel(async move {
                let d = data.await?;
                Ok::<_, AppError>(view! { <CountryInventoryView d theme /> })
            }))}
        </Suspense>
    }
}

#[component]
fn CountryInventoryView(d: CountryInventory, theme: Memo<Option<String>>) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let code = d.country.code.clone();
    let name = d.country.clone();
    let can_edit = d.can_edit;
    let themes = d.themes.clone();
    let theme_counts: Vec<(String, usize)> = themes
        .iter()
        .map(|th| {
            (
                th.code.clone(),
                d.entries.iter().filter(|e| e.theme_code == th.code).count(),
            )
        })
        .collect();
    let entries = StoredValue::new(d.entries.clone());
    let d = StoredValue::new(d);
    view! {
        <DataTitle es=format!("{} · Inventario", name.name_es) en=format!("{} · Inventory", name.name_en) />
        <section class="page" data-test-id="country-inventory">
            <p>
                <a href=move || localized(lang.get(), "/inventory")>{move || t().nav_inventory}</a>
            </p>
            <h1>{move || name.name(lang.get()).to_string()}</h1>
            <p class="lead">{move || t().country_inventory_lead}</p>
            {can_edit.then(|| {
                let code = code.clone();
                view! {
                    <p class="actions">
                        <a class="button" href=move || localized(lang.get(), &format!("/inventory/{code}/new")) data-test-id="entry-new-link">
                            {move || t().entry_new}
                        </a>
                    </p>
                }
            })}
            <nav class="chips" aria-label=move || t().facet_theme>
                <a class="chip" href="?" aria-current=move || theme.get().is_none().then_some("page")>{move || t().all_themes}</a>
                {themes.iter().filter(|th| theme_counts.iter().any(|(c, n)| *c == th.code && *n > 0)).map(|th| {
                    let th = th.clone();
                    let c = th.code.clone();
                    let c2 = c.clone();
                    view! {
                        <a class="chip" href=format!("?theme={c}") aria-current=move || (theme.get().as_deref() == Some(c2.as_str())).then_some("page")>
                            {move || th.name(lang.get()).to_string()}
                        </a>
                    }
                }).collect_view()}
            </nav>
            {move || {
                let chosen = theme.get();
                let list: Vec<InventoryEntry> = entries.get_value().into_iter().filter(|e| chosen.as_ref().is_none_or(|c| *c == e.theme_code)).collect();
                if list.is_empty() {
                    return view! { <p class="empty">{move || t().inventory_none}</p> }.into_any();
                }
                EntryType::ALL.iter().copied().map(|kind| {
                    let of_kind: Vec<InventoryEntry> = list.iter().filter(|e| e.entry_type == kind).cloned().collect();
                    (!of_kind.is_empty()).then(|| view! {
                        <h2>{move || kind_heading(lang.get(), kind)}</h2>
                        <div class="entries">
                            {of_kind.into_iter().map(|e| view! { <Entry e d=d.get_value() /> }).collect_view()}
                        </div>
                    })
                }).collect_view().into_any()
            }}
        </section>
    }
}

fn kind_heading(lang: Lang, kind: EntryType) -> &'static str {
    let t = lang.t();
    match kind {
        EntryType::Service => t.inventory_services,
        EntryType::Programme => t.inventory_programmes,
        EntryType::Gap => t.inventory_gaps,
    }
}

#[component]
fn Entry(e: InventoryEntry, d: CountryInventory) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let id = e.id;
    let theme = d.themes.iter().find(|th| th.code == e.theme_code).cloned();
    let pops: Vec<_> = d
        .populations
        .iter()
        .filter(|p| e.populations.contains(&p.code))
        .cloned()
        .collect();
    let practices: Vec<_> = d
        .practices
        .iter()
        .filter(|(g, _)| *g == id)
        .map(|(_, p)| p.clone())
        .collect();
    let code = d.country.code.clone();
    let (es, en) = (e.title_es.clone(), e.title_en.clone());
    let (des, den) = (e.description_es.clone(), e.description_en.clone());
    let period = match (&e.period_start, &e.period_end) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        (Some(a), None) => format!("{a} –"),
        (None, Some(b)) => format!("– {b}"),
        (None, None) => String::new(),
    };
    let status = e.status.clone();
    let severity = e.severity;
    let priority = e.priority;
    view! {
        <article class=format!("entry {}", severity_class(severity)) id=format!("entry-{id}") data-test-id="inventory-entry">
            <h3>
                {move || lang.get().pick(&es, &en).to_string()}
                {e.is_example.then(|| view! { " " <ExampleBadge /> })}
            </h3>
            <p class="muted">
                {theme.map(|th| view! { <span>{move || th.name(lang.get()).to_string()}</span> " · " })}
                {move || status_name(lang.get(), &status)}
                {severity.map(|s| view! { " · " <strong>{move || format!("{}: {}", t().severity, s.name(lang.get()))}</strong> })}
                {priority.map(|p| view! { " · " {move || format!("{}: {p}", t().priority)} })}
            </p>
            <p>{move || lang.get().pick(&des, &den).to_string()}</p>
            <dl class="facts facts--compact">
                {(!e.provider.is_empty()).then(|| view! { <dt>{move || t().provider}</dt><dd>{e.provider.clone()}</dd> })}
                {(!e.admin1.is_empty()).then(|| view! { <dt>{move || t().place}</dt><dd>{e.admin1.clone()}</dd> })}
                {(!period.is_empty()).then(|| view! { <dt>{move || t().practice_period}</dt><dd>{period.clone()}</dd> })}
                {(!pops.is_empty()).then(|| view! {
                    <dt>{move || t().facet_population}</dt>
                    <dd>{move || pops.iter().map(|p| p.name(lang.get()).to_string()).collect::<Vec<_>>().join(", ")}</dd>
                })}
                {(!practices.is_empty()).then(|| view! {
                    <dt>{move || t().gap_practices}</dt>
                    <dd>
                        <ul class="plain">
                            {practices.into_iter().map(|p| {
                                let pid = p.id;
                                view! {
                                    <li>
                                        <a href=move || localized(lang.get(), &format!("/practices/{pid}"))>
                                            {move || lang.get().pick(&p.title_es, &p.title_en).to_string()}
                                        </a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </dd>
                })}
            </dl>
            {d.can_edit.then(|| view! {
                <p>
                    <a href=move || localized(lang.get(), &format!("/inventory/{code}/{id}/edit")) data-test-id=format!("entry-edit-{id}")>
                        {move || t().edit}
                    </a>
                </p>
            })}
        </article>
    }
}

fn status_name(lang: Lang, status: &str) -> &'static str {
    let t = lang.t();
    match status {
        "planned" => t.entry_planned,
        "active" => t.entry_active,
        _ => t.entry_ended,
    }
}

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
        <PageTitle text=|t| t.entry_edit_title />
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
    let select = move |name: &'static str,
                       id: &'static str,
                       label: fn(Lang) -> &'static str,
                       choices: Vec<(String, String, String)>,
                       selected: String,
                       empty: bool| {
        let error = err(name);
        view! {
            <div class="field" class:field--invalid=move || error.get().is_some()>
                <label for=id>{move || label(lang.get())}</label>
                <select id=id name=format!("input[{name}]") data-test-id=format!("field-{name}") aria-invalid=move || error.get().is_some().then_some("true")>
                    {empty.then(|| view! { <option value="">"—"</option> })}
                    {choices.into_iter().map(|(code, es, en)| {
                        let on = code == selected;
                        view! { <option value=code selected=on>{move || lang.get().pick(&es, &en).to_string()}</option> }
                    }).collect_view()}
                </select>
                {move || error.get().map(|e| view! { <p class="field-error" data-test-id=format!("error-{name}")>{e}</p> })}
            </div>
        }
    };
    let pair = |l: fn(Lang) -> &'static str| (l(Lang::Es).to_string(), l(Lang::En).to_string());
    let kinds: Vec<(String, String, String)> = EntryType::ALL
        .iter()
        .map(|k| {
            (
                k.code().to_string(),
                k.name(Lang::Es).to_string(),
                k.name(Lang::En).to_string(),
            )
        })
        .collect();
    let themes: Vec<(String, String, String)> = d
        .themes
        .iter()
        .map(|th| (th.code.clone(), th.name_es.clone(), th.name_en.clone()))
        .collect();
    let statuses: Vec<(String, String, String)> = [
        ("planned", pair(|l| l.t().entry_planned)),
        ("active", pair(|l| l.t().entry_active)),
        ("ended", pair(|l| l.t().entry_ended)),
    ]
    .into_iter()
    .map(|(c, (es, en))| (c.to_string(), es, en))
    .collect();
    let severities: Vec<(String, String, String)> = Severity::ALL
        .iter()
        .map(|s| {
            (
                s.code().to_string(),
                s.name(Lang::Es).to_string(),
                s.name(Lang::En).to_string(),
            )
        })
        .collect();
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
        <h1>{move || t().entry_edit_title}</h1>
        <ActionForm action=save attr:class="form-grid" attr:data-test-id="entry-form">
            <input type="hidden" name="lang" value=move || lang.get().code() />
            <input type="hidden" name="input[id]" value=id.to_string() />
            <input type="hidden" name="input[version]" value=version.to_string() />
            <input type="hidden" name="input[country]" value=code.clone() />
            {select("entry_type", "e-type", |l| l.t().entry_type, kinds, kind, true)}
            {select("theme", "e-theme", |l| l.t().facet_theme, themes, theme, true)}
            <Field name="input[title_es]" form="e" value=val(|e| e.title_es.clone()) label=Signal::derive(move || t().field_title_es) error=err("title_es") />
            <Field name="input[title_en]" form="e" value=val(|e| e.title_en.clone()) label=Signal::derive(move || t().field_title_en) error=err("title_en") />
            <TextArea name="input[description_es]" value=description_es label=Signal::derive(move || t().field_description_es) error=err("description_es") />
            <TextArea name="input[description_en]" value=description_en label=Signal::derive(move || t().field_description_en) error=err("description_en") />
            <Field name="input[admin1]" form="e" value=val(|e| e.admin1.clone()) label=Signal::derive(move || t().place) hint=Signal::derive(move || t().place_hint) error=err("admin1") />
            <Field name="input[provider]" form="e" value=val(|e| e.provider.clone()) label=Signal::derive(move || t().provider) error=err("provider") />
            <Field name="input[period_start]" form="e" kind="date" value=val(|e| e.period_start.clone().unwrap_or_default()) label=Signal::derive(move || t().period_start) error=err("period_start") />
            <Field name="input[period_end]" form="e" kind="date" value=val(|e| e.period_end.clone().unwrap_or_default()) label=Signal::derive(move || t().period_end) error=err("period_end") />
            {select("status", "e-status", |l| l.t().col_status, statuses, status, false)}
            {select("severity", "e-severity", |l| l.t().severity, severities, severity, true)}
            {select("priority", "e-priority", |l| l.t().priority, priorities, priority, true)}
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
            <p class="field__hint field--wide">{move || t().gap_fields_hint}</p>
            <div class="form-actions">
                <button type="submit" class="button" data-test-id="entry-save">{move || t().save}</button>
            </div>
            {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="entry-error">{e}</p> })}
        </ActionForm>
        {(id > 0).then(|| view! {
            <details class="danger-zone">
                <summary>{move || t().entry_withdraw}</summary>
                <ActionForm action=withdraw attr:class="form-grid" attr:data-test-id="entry-withdraw-form">
                    <input type="hidden" name="lang" value=move || lang.get().code() />
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="version" value=version.to_string() />
                    <TextArea name="reason" rows=2 label=Signal::derive(move || t().withdraw_reason) error=reason_error />
                    <div class="form-actions">
                        <button type="submit" class="button button--danger">{move || t().entry_withdraw}</button>
                    </div>
                    {move || wgeneral().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                </ActionForm>
            </details>
        })}
    }
}
