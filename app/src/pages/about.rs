//! About MIRPS: the reference data from the chair's strategy, readable without JavaScript.

use crate::components::data_table::{col, DataTable};
use crate::components::error_panel::or_error_panel;
use crate::components::PageTitle;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::{gcr_objective_name, iati_org_type_name, ReferenceData, StrategyObjective};
use crate::pages::about_text::texts;
use crate::rpc::reference::fetch_reference_data;
use leptos::prelude::*;

#[component]
pub fn AboutPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let data = Resource::new(|| (), |_| fetch_reference_data());
    view! {
        <PageTitle text=|l| texts(l).about_title />
        <section class="hero">
            <h1>{move || x().about_title}</h1>
            <p class="lead">{move || x().about_lead}</p>
        </section>
        <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
            {move || Suspend::new(or_error_panel(async move {
                let d = data.await?;
                Ok::<_, AppError>(view! { <AboutBody data=d /> })
            }))}
        </Suspense>
    }
}

#[component]
fn AboutBody(data: ReferenceData) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let ReferenceData {
        countries,
        members,
        secretariat,
        pillars,
        sectors,
        working_groups,
        chairs,
        framework,
        calendar,
    } = data;
    let country_name = {
        let countries = countries.clone();
        move |iso2: &Option<String>| {
            iso2.as_ref()
                .and_then(|code| countries.iter().find(|c| &c.iso2 == code))
                .map(|c| c.name(lang.get()).to_string())
                .unwrap_or_default()
        }
    };
    view! {
        <section class="section" aria-labelledby="countries-title" data-test-id="about-countries">
            <h2 id="countries-title">{move || x().about_countries_title}</h2>
            <DataTable columns=vec![col(|l| l.t().col_country), col(|l| texts(l).col_iso), col(|l| texts(l).col_joined)] plain=true>
                        {countries
                            .into_iter()
                            .map(|c| {
                                let iso = format!("{} / {}", c.iso2, c.iso3);
                                let year = c.joined_year;
                                view! {
                                    <tr>
                                        <th scope="row">{move || c.name(lang.get()).to_string()}</th>
                                        <td>{iso}</td>
                                        <td>{year}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
            </DataTable>
        </section>
        <section class="section" aria-labelledby="members-title" data-test-id="about-members">
            <h2 id="members-title">{move || x().about_members_title}</h2>
            <DataTable columns=vec![col(|l| texts(l).col_organisation), col(|l| texts(l).col_org_type)] plain=true>
                        {members
                            .into_iter()
                            .map(|o| {
                                let kind = o.iati_type;
                                view! {
                                    <tr>
                                        <th scope="row">{move || o.name(lang.get()).to_string()}</th>
                                        <td>{kind} " · " {move || iati_org_type_name(kind, lang.get())}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
            </DataTable>
            <h3>{move || x().about_secretariat_title}</h3>
            <ul>
                {secretariat
                    .into_iter()
                    .map(|o| {
                        view! {
                            <li>
                                {move || {
                                    format!("{} ({})", o.name(lang.get()), o.short(lang.get()))
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
        <section class="section two-col">
            <div>
                <h2>{move || x().about_pillars_title}</h2>
                <ol>
                    {pillars
                        .into_iter()
                        .map(|p| view! { <li>{move || lang.get().pick(&p.name_es, &p.name_en).to_string()}</li> })
                        .collect_view()}
                </ol>
            </div>
            <div>
                <h2>{move || x().about_sectors_title}</h2>
                <ul>
                    {sectors
                        .into_iter()
                        .map(|s| view! { <li>{move || lang.get().pick(&s.name_es, &s.name_en).to_string()}</li> })
                        .collect_view()}
                </ul>
            </div>
        </section>
        <section class="section two-col">
            <div>
                <h2 id="groups-title">{move || x().about_groups_title}</h2>
                <DataTable columns=vec![col(|l| l.t().col_group), col(|l| texts(l).col_lead)] plain=true labelled_by="groups-title">
                            {working_groups
                                .into_iter()
                                .map(|g| {
                                    let lead = country_name.clone();
                                    let since = g.since_year.map(|y| format!(" ({y})")).unwrap_or_default();
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                {move || lang.get().pick(&g.name_es, &g.name_en).to_string()}
                                                {since}
                                            </th>
                                            <td>{move || lead(&g.lead_country_iso2)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </DataTable>
            </div>
            <div>
                <h2 id="chairs-title">{move || x().about_chairs_title}</h2>
                <DataTable columns=vec![col(|l| texts(l).col_chair), col(|l| texts(l).col_period)] plain=true labelled_by="chairs-title">
                            {chairs
                                .into_iter()
                                .map(|c| {
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                {move || lang.get().pick(&c.organisation_name_es, &c.organisation_name_en).to_string()}
                                            </th>
                                            <td>
                                                {move || lang.get().pick(&c.period_es, &c.period_en).to_string()}
                                                <p class="muted small">{move || lang.get().pick(&c.note_es, &c.note_en).to_string()}</p>
                                                {c.source_url.clone().map(|href| view! {
                                                    <a href=href rel="noopener" class="small">{move || x().source}</a>
                                                })}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </DataTable>
            </div>
        </section>
        <section class="section" aria-labelledby="framework-title" data-test-id="about-framework">
            <h2 id="framework-title">{move || x().about_framework_title}</h2>
            <p>{move || x().about_framework_lead}</p>
            {framework.into_iter().map(|o| view! { <Objective objective=o /> }).collect_view()}
        </section>
        <section class="section" aria-labelledby="calendar-title">
            <h2 id="calendar-title">{move || x().about_calendar_title}</h2>
            <DataTable columns=vec![col(|l| texts(l).col_when), col(|l| texts(l).col_what)] plain=true labelled_by="calendar-title">
                        {calendar
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <tr>
                                        <td>{move || lang.get().pick(&c.period_es, &c.period_en).to_string()}</td>
                                        <td>{move || lang.get().pick(&c.item_es, &c.item_en).to_string()}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </DataTable>
        </section>
    }
}

#[component]
fn Objective(objective: StrategyObjective) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let StrategyObjective {
        code,
        gcr_objective,
        title_es,
        title_en,
        activities,
    } = objective;
    view! {
        <article class="card objective">
            <h3>
                {move || {
                    format!("{} {}: {}", x().objective, code, lang.get().pick(&title_es, &title_en))
                }}
            </h3>
            <p class="muted">
                {move || {
                    format!(
                        "{} {}: {}",
                        t().gcr_objective,
                        gcr_objective,
                        gcr_objective_name(gcr_objective, lang.get()),
                    )
                }}
            </p>
            {activities
                .into_iter()
                .map(|a| {
                    let code = a.code.clone();
                    view! {
                        <h4>{move || format!("{} {}", x().activity, code)}</h4>
                        <p>{move || lang.get().pick(&a.text_es, &a.text_en).to_string()}</p>
                        <ul class="results">
                            {a.results
                                .into_iter()
                                .map(|r| {
                                    let code = r.code.clone();
                                    view! {
                                        <li>
                                            <strong>
                                                {move || {
                                                    format!(
                                                        "{} {}. {}: ",
                                                        x().result,
                                                        code,
                                                        lang.get().pick(&r.title_es, &r.title_en),
                                                    )
                                                }}
                                            </strong>
                                            {move || lang.get().pick(&r.text_es, &r.text_en).to_string()}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })
                .collect_view()}
        </article>
    }
}
