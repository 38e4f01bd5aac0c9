//! `/{lang}/commitments/manage`: commitments not yet public: for the secretariat those waiting
//! for review (submitted or pre-articulated), and the person's own drafts and returned ones.

use super::text::texts;
use crate::components::data_table::{col, DataTable};
use crate::components::{error_panel::or_error_panel, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::{Commitment, CommitmentQueue};
use crate::rpc::commitments::fetch_commitment_queue;
use leptos::prelude::*;

#[component]
pub fn CommitmentsManagePage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let data = Resource::new(|| (), |_| fetch_commitment_queue());
    view! {
        <PageTitle text=|l| texts(l).manage />
        <section class="page" data-test-id="commitments-manage">
            <nav class="breadcrumbs" aria-label=move || x().title>
                <a href=move || localized(lang.get(), "/commitments")>{move || x().title}</a>
            </nav>
            <h1>{move || x().manage}</h1>
            <p class="lead">{move || x().manage_lead}</p>
            <p class="actions">
                <a class="button" href=move || localized(lang.get(), "/commitments/new") data-test-id="commitment-new-link">{move || x().record}</a>
            </p>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let q: CommitmentQueue = data.await?;
                    Ok::<_, AppError>(view! {
                        {q.reviewer.then(|| view! { <Queue id="queue-review" title=|l| texts(l).review_title list=q.review.clone() /> })}
                        <Queue id="queue-mine" title=|l| texts(l).mine_title list=q.mine />
                    })
                }))}
            </Suspense>
        </section>
    }
}

#[component]
fn Queue(
    id: &'static str,
    title: fn(crate::i18n::Lang) -> &'static str,
    list: Vec<Commitment>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h2 id=id>{move || title(lang.get())}</h2>
        {if list.is_empty() {
            view! { <p class="empty">{move || texts(lang.get()).queue_none}</p> }.into_any()
        } else {
            view! {
                <DataTable labelled_by=id test_id=id columns=vec![col(|l| texts(l).col_commitment), col(|l| texts(l).col_makers), col(|l| texts(l).col_kind), col(|l| texts(l).col_review)]>
                    {list.into_iter().map(|c| {
                        let cid = c.id;
                        let (kind, review) = (c.kind, c.review);
                        let (title, makers) = (c.clone(), c);
                        view! {
                            <tr>
                                <td><a href=move || localized(lang.get(), &format!("/commitments/{cid}"))>{move || title.title(lang.get()).to_string()}</a></td>
                                <td>{move || makers.makers_label(lang.get())}</td>
                                <td>{move || kind.name(lang.get())}</td>
                                <td>{move || review.name(lang.get())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </DataTable>
            }.into_any()
        }}
    }
}
