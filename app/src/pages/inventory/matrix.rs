//! `/{lang}/inventory`: the regional matrix (countries x themes) of services, programmes and gaps
//! for local integration.

use super::severity_class;
use crate::components::{error_panel::or_error_panel, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::{InventoryMatrix, Severity};
use crate::pages::inventory::text::texts;
use crate::rpc::inventory::fetch_inventory_matrix;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn InventoryPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let matrix = Resource::new(|| (), |_| fetch_inventory_matrix());
    let query = use_query_map();
    let theme = Memo::new(move |_| query.read().get("theme"));
    view! {
        <PageTitle text=|l| l.t().nav_inventory />
        <section class="hero">
            <h1>{move || t().nav_inventory}</h1>
            <p class="lead">{move || x().inventory_lead}</p>
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
    let x = move || texts(lang.get());
    let themes = m.themes.clone();
    view! {
        <p class="legend" aria-hidden="true">
            <span class="legend__item">{move || x().matrix_legend}</span>
            {Severity::ALL.iter().copied().rev().map(|s| view! {
                <span class=format!("legend__item gap-dot {}", severity_class(Some(s)))>{move || s.name(lang.get())}</span>
            }).collect_view()}
        </p>
        <div class="table-wrap">
            <table class="data-table matrix" data-test-id="inventory-matrix">
                <caption>{move || x().matrix_caption}</caption>
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
                                        None => view! { <td class="cell--empty"><span aria-hidden="true">"·"</span><span class="visually-hidden">{move || x().inventory_none}</span></td> }.into_any(),
                                        Some(cell) => {
                                            let label = move || {
                                                let x = texts(lang.get());
                                                [(cell.services, x.matrix_services), (cell.programmes, x.matrix_programmes), (cell.gaps, x.matrix_gaps)]
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
