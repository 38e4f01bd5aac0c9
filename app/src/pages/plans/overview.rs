//! `/{lang}/plans`: every country's National Action Plan: its period, the commitments public
//! sources count, the lines on record and their costed requirements.

use super::text::texts;
use super::years;
use crate::components::data_table::{col, num, DataTable};
use crate::components::{error_panel::or_error_panel, example_badge::ExampleBadge, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::{format_usd, PlansOverview};
use crate::rpc::plans::fetch_plans;
use leptos::prelude::*;

#[component]
pub fn PlansPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let data = Resource::new(|| (), |_| fetch_plans());
    view! {
        <PageTitle text=|l| texts(l).plans_title />
        <section class="hero">
            <h1>{move || x().plans_title}</h1>
            <p class="lead">{move || x().plans_lead}</p>
        </section>
        <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
            {move || Suspend::new(or_error_panel(async move {
                let d = data.await?;
                Ok::<_, AppError>(view! { <Overview d /> })
            }))}
        </Suspense>
    }
}

#[component]
fn Overview(d: PlansOverview) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    view! {
        <section class="page">
            <h2 id="plans-caption" class="visually-hidden">{move || x().plans_caption}</h2>
            <DataTable labelled_by="plans-caption" test_id="plans-table" columns=vec![col(|l| l.t().col_country), col(|l| texts(l).col_plan), col(|l| texts(l).col_period), num(|l| texts(l).col_declared), num(|l| texts(l).col_lines), num(|l| texts(l).col_required)]>
                {d.plans.into_iter().map(|p| {
                    let code = p.country.code.clone();
                    let country = p.country.clone();
                    let (tes, ten) = (p.title_es.clone(), p.title_en.clone());
                    let declared: i32 = p.declared.iter().map(|a| a.commitments).sum();
                    let period = years(p.period_start, p.period_end);
                    let required = p.required_usd;
                    view! {
                        <tr data-test-id=format!("plan-row-{}", p.country.code)>
                            <th scope="row">
                                <a href=move || localized(lang.get(), &format!("/plans/{code}"))>{move || country.name(lang.get()).to_string()}</a>
                            </th>
                            <td>{move || lang.get().pick(&tes, &ten).to_string()}{p.is_example.then(|| view! { " " <ExampleBadge /> })}</td>
                            <td>{if period.is_empty() { "—".to_string() } else { period }}</td>
                            <td class="num">{if declared > 0 { declared.to_string() } else { "—".into() }}</td>
                            <td class="num">{p.lines}</td>
                            <td class="num">{move || if required > 0 { format_usd(required, lang.get()) } else { "—".into() }}</td>
                        </tr>
                    }
                }).collect_view()}
            </DataTable>
            <p class="actions">
                <a href=move || format!("/api/v1/plans.csv?lang={}", lang.get().code()) data-test-id="plans-csv">{move || x().download_csv}</a>
                " · "
                <a href="/api/v1/plans">{move || x().download_json}</a>
            </p>
        </section>
    }
}
