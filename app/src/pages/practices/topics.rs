//! `/{lang}/practices/topics`: learning topics ranked from the inventories and the practices, with
//! their reasons (for those who plan events).

use crate::components::{error_panel::or_error_panel, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::TopicSuggestion;
use crate::pages::practices::text::texts;
use crate::rpc::practices::fetch_topic_suggestions;
use leptos::prelude::*;

#[component]
pub fn TopicsPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let topics = Resource::new(|| (), |_| fetch_topic_suggestions());
    view! {
        <PageTitle text=|l| texts(l).topics_title />
        <section class="page">
            <p>
                <a href=move || localized(lang.get(), "/practices")>{move || t().nav_practices}</a>
                " · "
                <a href=move || localized(lang.get(), "/inventory")>{move || t().nav_inventory}</a>
            </p>
            <h1>{move || x().topics_title}</h1>
            <p class="lead">{move || x().topics_lead}</p>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let list = topics.await?;
                    Ok::<_, AppError>(view! {
                        <ol class="topics" data-test-id="topics">
                            {list.into_iter().map(|s| view! { <Topic s /> }).collect_view()}
                        </ol>
                    })
                }))}
            </Suspense>
        </section>
    }
}

#[component]
fn Topic(s: TopicSuggestion) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let theme = s.theme.clone();
    let code = theme.code.clone();
    let test_id = format!("topic-{code}");
    let n_countries = s.countries.len();
    let n_practices = s.practices.len();
    let countries = s.countries.clone();
    view! {
        <li class="topic" data-test-id=test_id>
            <h2>
                {move || theme.name(lang.get()).to_string()}
                " "
                <span class="score" title=move || x().topic_score>{s.score}</span>
            </h2>
            <p>
                {move || {
                    let (l, x) = (lang.get(), x());
                    format!(
                        "{} {}",
                        x.topic_reason_gap.of(l, n_countries as i64),
                        x.topic_reason_practices.of(l, n_practices as i64)
                    )
                }}
            </p>
            <dl class="facts">
                <dt>{move || x().topic_gap_countries}</dt>
                <dd>
                    {move || countries.iter().map(|c| c.name(lang.get()).to_string()).collect::<Vec<_>>().join(", ")}
                </dd>
                <dt>{move || x().topic_gaps}</dt>
                <dd>
                    <ul class="plain">
                        {s.gaps.into_iter().map(|g| {
                            let (c, gid) = (g.country_iso2.clone(), g.id);
                            let sev = g.severity;
                            view! {
                                <li>
                                    <a href=move || localized(lang.get(), &format!("/inventory/{c}#entry-{gid}"))>
                                        {move || lang.get().pick(&g.title_es, &g.title_en).to_string()}
                                    </a>
                                    " (" {g.country_iso2.clone()}
                                    {move || sev.map(|s| format!(", {}", s.name(lang.get())))}
                                    ")"
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </dd>
                <dt>{move || x().topic_practices}</dt>
                <dd>
                    {if s.practices.is_empty() {
                        view! { <span class="muted">{move || x().topic_no_practices}</span> }.into_any()
                    } else {
                        view! {
                            <ul class="plain">
                                {s.practices.into_iter().map(|p| {
                                    let id = p.id;
                                    view! {
                                        <li>
                                            <a href=move || localized(lang.get(), &format!("/practices/{id}"))>
                                                {move || lang.get().pick(&p.title_es, &p.title_en).to_string()}
                                            </a>
                                            {move || format!(" — {}", lang.get().pick(&p.submitter_es, &p.submitter_en))}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </dd>
            </dl>
            <p>
                <a href=move || localized(lang.get(), &format!("/inventory?theme={code}"))>{move || x().topic_see_matrix}</a>
            </p>
        </li>
    }
}
