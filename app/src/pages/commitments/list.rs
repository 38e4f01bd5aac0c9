//! `/{lang}/commitments`: the announced commitments, filtered by type, stage, country, where
//! they were announced and who makes them, each filter with its count; the Result 2.1.3 count;
//! the exports.

use super::text::{target_label, texts};
use super::{names_of, reporting_badge};
use crate::components::data_table::{col, DataTable};
use crate::components::{error_panel::or_error_panel, example_badge::ExampleBadge, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang, Lang};
use crate::model::{CommitmentQuery, CommitmentsPage, FacetCount, Filter, Named};
use crate::rpc::commitments::fetch_commitments;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CommitmentsListPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let query_map = use_query_map();
    let query =
        Memo::new(move |_| crate::pages::filter_from_address::<CommitmentQuery>(&query_map.read()));
    let data = Resource::new(move || query.get(), fetch_commitments);
    view! {
        <PageTitle text=|l| texts(l).title />
        <section class="page" data-test-id="commitments-page">
            <h1>{move || x().title}</h1>
            <p class="lead">{move || x().lead}</p>
            <Transition fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || {
                    let q = query.get();
                    Suspend::new(or_error_panel(async move {
                        let d = data.await?;
                        Ok::<_, AppError>(view! { <Register d q /> })
                    }))
                }}
            </Transition>
        </section>
    }
}

/// A select of a facet: each choice with how many commitments it would show.
#[component]
fn FacetSelect(
    id: &'static str,
    name: &'static str,
    label: fn(Lang) -> &'static str,
    facets: Vec<FacetCount>,
    chosen: String,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field">
            <label for=id>{move || label(lang.get())}</label>
            <select id=id name=name>
                <option value="">{move || texts(lang.get()).filter_all}</option>
                {facets.into_iter().map(|f| {
                    let selected = f.code == chosen;
                    let code = f.code.clone();
                    view! {
                        <option value=code selected=selected>
                            {move || format!("{} ({})", lang.get().pick(&f.name_es, &f.name_en), f.count)}
                        </option>
                    }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A select of named choices (countries, makers).
#[component]
fn NamedSelect(
    id: &'static str,
    name: &'static str,
    label: fn(Lang) -> &'static str,
    choices: Vec<Named>,
    chosen: String,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="field">
            <label for=id>{move || label(lang.get())}</label>
            <select id=id name=name>
                <option value="">{move || texts(lang.get()).filter_all}</option>
                {choices.into_iter().map(|c| {
                    let selected = c.code == chosen;
                    let code = c.code.clone();
                    view! { <option value=code selected=selected>{move || c.name(lang.get()).to_string()}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// An export's address with the filter and the language.
fn export(path: &str, qs: &str, lang: Lang) -> String {
    let sep = if qs.is_empty() { "" } else { "&" };
    format!("{path}?{qs}{sep}lang={}", lang.code())
}

#[component]
fn Register(d: CommitmentsPage, q: CommitmentQuery) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let countries = d.countries.clone();
    let qs = q.to_query();
    let (csv, xlsx) = (qs.clone(), qs.clone());
    let n = d.commitments.len() as i64;
    let hiring = d.hiring_in_two_countries;
    view! {
        {d.can_record.then(|| view! {
            <p class="actions">
                <a class="button" href=move || localized(lang.get(), "/commitments/new") data-test-id="commitment-new-link">{move || x().record}</a>
                " "
                <a class="button button--quiet" href=move || localized(lang.get(), "/commitments/manage") data-test-id="commitments-manage-link">{move || x().manage}</a>
            </p>
        })}
        <ul class="figures">
            <li class="figure" data-test-id="hiring-count">
                <span class="figure__value">{move || lang.get().format_int(hiring)}</span>
                <span class="figure__label">{move || x().hiring_label}</span>
            </li>
        </ul>
        <p class="muted">{move || x().hiring_hint}</p>
        <form method="get" class="filters filters--row" data-test-id="commitment-filters">
            <FacetSelect id="cm-kind" name="kind" label=|l| texts(l).filter_kind facets=d.by_kind.clone() chosen=q.kind.clone() />
            <FacetSelect id="cm-stage" name="stage" label=|l| texts(l).filter_stage facets=d.by_stage.clone() chosen=q.stage.clone() />
            <FacetSelect id="cm-occasion" name="occasion" label=|l| texts(l).filter_occasion facets=d.by_occasion.clone() chosen=q.occasion.clone() />
            <NamedSelect id="cm-country" name="country" label=|l| texts(l).filter_country choices=d.countries.clone() chosen=q.country.clone() />
            <NamedSelect id="cm-maker" name="maker" label=|l| texts(l).filter_maker choices=d.makers.clone() chosen=q.maker.clone() />
            <button type="submit" class="button">{move || x().apply}</button>
        </form>
        <h2 id="commitments-caption">{move || x().commitments_count.of(lang.get(), n)}</h2>
        {if d.commitments.is_empty() {
            view! { <p class="empty" data-test-id="commitments-none">{move || x().none}</p> }.into_any()
        } else {
            view! {
                <DataTable labelled_by="commitments-caption" test_id="commitments-table" columns=vec![col(|l| texts(l).col_commitment), col(|l| texts(l).col_makers), col(|l| texts(l).col_kind), col(|l| texts(l).countries), col(|l| texts(l).col_announced), col(|l| texts(l).col_stage), col(|l| texts(l).col_target), col(|l| texts(l).col_reporting)]>
                    {d.commitments.into_iter().map(|c| {
                        let id = c.id;
                        let (kind, stage, occasion, reporting) = (c.kind, c.stage, c.occasion, c.reporting);
                        let where_ = {
                            let (list, codes) = (countries.clone(), c.countries.clone());
                            move || names_of(&list, &codes, lang.get())
                        };
                        let announced = c.announced_on.clone();
                        let target = c.target.clone();
                        let (title, makers) = (c.clone(), c.clone());
                        view! {
                            <tr data-test-id=format!("commitment-{id}")>
                                <td>
                                    <a href=move || localized(lang.get(), &format!("/commitments/{id}"))>{move || title.title(lang.get()).to_string()}</a>
                                    {c.is_example.then(|| view! { " " <ExampleBadge /> })}
                                </td>
                                <td>{move || makers.makers_label(lang.get())}</td>
                                <td>{move || kind.name(lang.get())}</td>
                                <td>{where_}</td>
                                <td>{move || occasion.name(lang.get())} " " <span class="nowrap">{announced.clone()}</span></td>
                                <td>{move || stage.name(lang.get())}</td>
                                <td>{move || target.as_ref().map(|t| target_label(lang.get(), t)).unwrap_or_else(|| "—".into())}</td>
                                <td>{reporting_badge(reporting)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </DataTable>
            }.into_any()
        }}
        <p class="actions">
            <a href=move || export("/api/v1/commitments.csv", &csv, lang.get()) data-test-id="commitments-csv">{move || x().download_csv}</a>
            " · "
            <a href=move || export("/api/v1/commitments.xlsx", &xlsx, lang.get()) data-test-id="commitments-xlsx">{move || x().download_xlsx}</a>
            " · "
            <a href=format!("/api/v1/commitments{}{}", if qs.is_empty() { "" } else { "?" }, qs)>{move || x().download_json}</a>
        </p>
    }
}
