//! `/{lang}/practices/manage`: the review queue (secretariat) or one's own unpublished practices.

use crate::components::data_table::{col, DataTable};
use crate::components::{error_panel::or_error_panel, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::PracticeRef;
use crate::pages::practices::text::texts;
use crate::rpc::practices::fetch_practice_queue;
use leptos::prelude::*;

#[component]
pub fn PracticeManagePage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let queue = Resource::new(|| (), |_| fetch_practice_queue());
    view! {
        <PageTitle text=|l| texts(l).practice_manage_title />
        <section class="page">
            <p>
                <a href=move || localized(lang.get(), "/practices")>{move || t().nav_practices}</a>
            </p>
            <h1>{move || x().practice_manage_title}</h1>
            <p class="actions">
                <a class="button" href=move || localized(lang.get(), "/practices/new") data-test-id="practice-new-link">
                    {move || x().practice_new}
                </a>
            </p>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let q = queue.await?;
                    let (title, items): (fn(&'static super::text::PracticeTexts) -> &'static str, Vec<PracticeRef>) = if q.reviewer {
                        (|x| x.practice_review_queue, q.review)
                    } else {
                        (|x| x.practice_mine, q.mine)
                    };
                    Ok::<_, AppError>(view! {
                        <h2>{move || title(texts(lang.get()))}</h2>
                        <RefTable items />
                    })
                }))}
            </Suspense>
        </section>
    }
}

#[component]
fn RefTable(items: Vec<PracticeRef>) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    if items.is_empty() {
        return view! { <p class="empty" data-test-id="queue-empty">{move || x().queue_empty}</p> }
            .into_any();
    }
    view! {
        <DataTable columns=vec![col(|l| l.t().col_title), col(|l| texts(l).practice_submitter), col(|l| l.t().col_status), col(|l| texts(l).updated)] test_id="practice-queue">
                    {items
                        .into_iter()
                        .map(|p| {
                            let id = p.id;
                            let status = p.status;
                            let (es, en) = (p.title_es.clone(), p.title_en.clone());
                            let (ses, sen) = (p.submitter_es.clone(), p.submitter_en.clone());
                            view! {
                                <tr data-test-id="queue-row">
                                    <td>
                                        <a href=move || localized(lang.get(), &format!("/practices/{id}"))>
                                            {move || lang.get().pick(&es, &en).to_string()}
                                        </a>
                                    </td>
                                    <td>{move || lang.get().pick(&ses, &sen).to_string()}</td>
                                    <td>{move || status.name(lang.get())}</td>
                                    <td>{p.updated_at.clone()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
        </DataTable>
    }
    .into_any()
}
