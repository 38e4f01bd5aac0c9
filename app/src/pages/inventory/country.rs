//! `/{lang}/inventory/{country}`: a country's services, programmes and gaps, with the practices
//! that address each gap.

use super::{kind_heading, severity_class, status_name};
use crate::components::{error_panel::or_error_panel, example_badge::ExampleBadge, DataTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::CountryInventory;
use crate::model::{EntryType, InventoryEntry};
use crate::pages::inventory::text::texts;
use crate::rpc::inventory::fetch_country_inventory;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

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
    let x = move || texts(lang.get());
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
            <p class="lead">{move || x().country_inventory_lead}</p>
            {can_edit.then(|| {
                let code = code.clone();
                view! {
                    <p class="actions">
                        <a class="button" href=move || localized(lang.get(), &format!("/inventory/{code}/new")) data-test-id="entry-new-link">
                            {move || x().entry_new}
                        </a>
                    </p>
                }
            })}
            <nav class="chips" aria-label=move || t().facet_theme>
                <a class="chip" href="?" aria-current=move || theme.get().is_none().then_some("page")>{move || x().all_themes}</a>
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
                    return view! { <p class="empty">{move || x().inventory_none}</p> }.into_any();
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

#[component]
fn Entry(e: InventoryEntry, d: CountryInventory) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
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
                {(!e.admin1.is_empty()).then(|| view! { <dt>{move || x().place}</dt><dd>{e.admin1.clone()}</dd> })}
                {(!period.is_empty()).then(|| view! { <dt>{move || t().practice_period}</dt><dd>{period.clone()}</dd> })}
                {(!pops.is_empty()).then(|| view! {
                    <dt>{move || t().facet_population}</dt>
                    <dd>{move || pops.iter().map(|p| p.name(lang.get()).to_string()).collect::<Vec<_>>().join(", ")}</dd>
                })}
                {(!practices.is_empty()).then(|| view! {
                    <dt>{move || x().gap_practices}</dt>
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
