//! `/{lang}/contributions`: every contribution, filtered like the dashboard, paginated, with
//! exports of exactly the filtered list.

use super::filters::{filter_from_query, filtered};
use crate::components::data_table::{col, num, DataTable};
use crate::components::example_badge::ExampleBadge;
use crate::components::PageTitle;
use crate::i18n::{localized, use_lang};
use crate::model::ContributionList;
use crate::model::Filter;
use crate::model::{format_usd, ContributionFilter};
use crate::pages::contributions::text::texts;
use crate::rpc::contributions::list_contributions;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ContributionsPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let query = use_query_map();
    let filter = Memo::new(move |_| filter_from_query(&query.read()));
    let page = Memo::new(move |_| i64::from(crate::pages::page_from_address(&query.read())));
    let list = Resource::new(
        move || (filter.get(), page.get()),
        |(f, p)| list_contributions(f, p),
    );
    view! {
        <PageTitle text=|l| l.t().nav_contributions />
        <section class="hero">
            <h1>{move || t().nav_contributions}</h1>
            <p class="lead">{move || x().contributions_lead}</p>
            <RecordLinks />
        </section>
        {filtered("/contributions", filter, list, |list, filter| view! { <ContributionTable list filter /> })}
    }
}

#[component]
fn ContributionTable(list: ContributionList, filter: ContributionFilter) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let pages = ((list.total + list.per_page - 1) / list.per_page).max(1);
    let current = list.page;
    let q = filter.to_query();
    let link = {
        let q = q.clone();
        move |p: i64| {
            if q.is_empty() {
                format!("?page={p}")
            } else {
                format!("?{q}&page={p}")
            }
        }
    };
    let export = move |ext: &str| super::filters::export_href(&q, ext, lang.get());
    let total = list.total;
    view! {
        <p class="muted" data-test-id="contributions-count">
            {move || x().contributions_found.of(lang.get(), total)}
            " · "
            <a href=export.clone()("csv") rel="external" download="">"CSV"</a>
            " · "
            <a href=export.clone()("xlsx") rel="external" download="">"XLSX"</a>
            " · "
            <a href=export.clone()("json") rel="external" download="">"JSON"</a>
        </p>
        <DataTable columns=vec![col(|l| texts(l).col_date), col(|l| l.t().col_title), col(|l| texts(l).col_donor), col(|l| texts(l).col_recipient), col(|l| texts(l).col_kind), col(|l| l.t().col_status), num(|l| texts(l).measure_pledged), num(|l| texts(l).measure_funded)] test_id="contributions-table">
                    {list
                        .items
                        .into_iter()
                        .map(|c| {
                            let id = c.id;
                            let (c1, c2, c3) = (c.clone(), c.clone(), c.clone());
                            let funded = c.funded_usd();
                            let routed = c.parent_id;
                            view! {
                                <tr data-test-id="contribution-row">
                                    <td>{c.decision_date.clone()}</td>
                                    <td>
                                        <a href=move || localized(lang.get(), &format!("/contributions/{id}"))>
                                            {move || c1.title(lang.get()).to_string()}
                                        </a>
                                        {c.is_example.then(|| view! { " " <ExampleBadge /> })}
                                        {routed
                                            .map(|p| {
                                                view! {
                                                    <br />
                                                    <span class="muted">
                                                        {move || x().routed_through.replace("{id}", &p.to_string())}
                                                    </span>
                                                }
                                            })}
                                    </td>
                                    <td>{move || c2.donor(lang.get()).to_string()}</td>
                                    <td>{move || c3.recipient(lang.get()).to_string()}</td>
                                    <td>{move || c.kind.name(lang.get())}</td>
                                    <td>{move || c.status.name(lang.get())}</td>
                                    <td class="num">{move || format_usd(c.pledged_usd, lang.get())}</td>
                                    <td class="num">{move || format_usd(funded, lang.get())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
        </DataTable>
        <nav class="pager" aria-label=move || t().pagination_label>
            {(current > 1).then(|| view! { <a href=link.clone()(current - 1) rel="prev">{move || t().page_prev}</a> })}
            <span>
                {move || t().page_of.replace("{page}", &current.to_string()).replace("{pages}", &pages.to_string())}
            </span>
            {(current < pages).then(|| view! { <a href=link.clone()(current + 1) rel="next">{move || t().page_next}</a> })}
        </nav>
    }
}

/// For those who record contributions: links to the form and to the import.
#[component]
fn RecordLinks() -> impl IntoView {
    use crate::components::auth::use_auth;
    use crate::model::Role;
    let auth = use_auth();
    let lang = use_lang();
    let x = move || texts(lang.get());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let may_record = matches!(
                    auth.user.await,
                    Ok(Some(ref u)) if matches!(u.role, Role::Member { .. } | Role::Secretariat)
                );
                may_record
                    .then(|| {
                        view! {
                            <p class="actions" data-test-id="record-links">
                                <a class="button" href=move || localized(lang.get(), "/contributions/new") data-test-id="record-link">
                                    {move || x().record_contribution}
                                </a>
                                " "
                                <a class="button button--quiet" href=move || localized(lang.get(), "/contributions/import") data-test-id="import-link">
                                    {move || x().import_link}
                                </a>
                            </p>
                        }
                    })
            })}
        </Suspense>
    }
}
