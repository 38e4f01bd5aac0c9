//! `/{lang}/practices/{id}`: one practice, its texts rendered on the server, its review history for
//! those who follow it, and the workflow moves the reader may make.

use crate::components::auth::{field_error, form_error};
use crate::components::{error_panel::or_error_panel, example_badge::ExampleBadge, DataTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::PracticeView;
use crate::model::{fallback, PracticeStatus};
use crate::pages::practices::text::texts;
use crate::rpc::practices::{fetch_practice, MovePractice};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PracticePage() -> impl IntoView {
    view! { <PracticeLoader print=false /> }
}

#[component]
pub(crate) fn PracticeLoader(print: bool) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i64>().ok()));
    let moved = ServerAction::<MovePractice>::new();
    let practice = Resource::new(
        move || (id.get(), moved.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => fetch_practice(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        // A transition, not a suspense: after a workflow move the page keeps showing (and owning
        // the form that made the move) until the new state has arrived.
        <Transition fallback=move || view! { <p>{move || t().loading}</p> }>
            {move || Suspend::new(or_error_panel(async move {
                let v = practice.await?;
                Ok::<_, AppError>(view! { <Practice view=v print moved /> })
            }))}
        </Transition>
    }
}

#[component]
fn Practice(view: PracticeView, print: bool, moved: ServerAction<MovePractice>) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let d = view.detail.clone();
    let id = d.id;
    let status = d.status;
    let (title_es, title_en) = (d.title_es.clone(), d.title_en.clone());
    let title = {
        let (es, en) = (title_es.clone(), title_en.clone());
        move || fallback(&es, &en, lang.get()).0.to_string()
    };
    // Which language the page really shows, for the note and the `lang` attribute of the texts.
    let shown = {
        let (es, en) = (
            d.body_es.clone() + &d.summary_es,
            d.body_en.clone() + &d.summary_en,
        );
        move || {
            let l = lang.get();
            let (_, fell_back) = fallback(&es, &en, l);
            if fell_back {
                l.other()
            } else {
                l
            }
        }
    };
    let summary = {
        let (es, en) = (d.summary_es.clone(), d.summary_en.clone());
        move || fallback(&es, &en, lang.get()).0.to_string()
    };
    let body = {
        let (es, en) = (view.body_html_es.clone(), view.body_html_en.clone());
        move || fallback(&es, &en, lang.get()).0.to_string()
    };
    let results = {
        let (es, en) = (view.results_html_es.clone(), view.results_html_en.clone());
        move || fallback(&es, &en, lang.get()).0.to_string()
    };
    let has_results = !(d.results_es.trim().is_empty() && d.results_en.trim().is_empty());
    let submitter = {
        let (es, en) = (d.submitter_es.clone(), d.submitter_en.clone());
        move || lang.get().pick(&es, &en).to_string()
    };
    let period = match (&d.period_start, &d.period_end) {
        (Some(a), Some(b)) => format!("{a} – {b}"),
        (Some(a), None) => format!("{a} –"),
        (None, Some(b)) => format!("– {b}"),
        (None, None) => d.year.to_string(),
    };
    let links: Vec<String> = d
        .links
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("https://") || l.starts_with("http://"))
        .map(str::to_string)
        .collect();
    let contacts = d.contacts.clone();
    let workflow = !print && (view.can_edit || view.can_review || !view.history.is_empty());
    view! {
        <DataTitle es=title_es en=title_en />
        <article class="page practice" class:print-view=print data-test-id="practice">
            {(!print).then(|| view! {
                <p class="no-print">
                    <a href=move || localized(lang.get(), "/practices")>{move || t().nav_practices}</a>
                    " · "
                    <a href=move || localized(lang.get(), &format!("/practices/{id}/print")) data-test-id="practice-print-link">
                        {move || x().print_view}
                    </a>
                </p>
            })}
            {print.then(|| view! {
                <p class="no-print print-bar">
                    <a href=move || localized(lang.get(), &format!("/practices/{id}"))>{move || x().back_to_page}</a>
                    " · "
                    <span>{move || x().print_hint}</span>
                </p>
            })}
            <h1>
                {title}
                {d.is_example.then(|| view! { " " <ExampleBadge /> })}
            </h1>
            {(status != PracticeStatus::Published).then(|| view! {
                <p class="status-note" data-test-id="practice-status">
                    {move || x().practice_status_label}": "<strong>{move || status.name(lang.get())}</strong>
                </p>
            })}
            {
                let shown = shown.clone();
                move || (shown() != lang.get()).then(|| view! {
                    <p class="lang-note" role="note" data-test-id="practice-fallback">{x().practice_fallback_note}</p>
                })
            }
            <dl class="facts">
                <dt>{move || x().practice_submitter}</dt>
                <dd>{submitter}</dd>
                <dt>{move || t().practice_period}</dt>
                <dd>{period}</dd>
                <dt>{move || t().facet_theme}</dt>
                <dd>
                    {d.themes.iter().map(|th| {
                        let (code, es, en) = (th.code.clone(), th.name_es.clone(), th.name_en.clone());
                        view! {
                            <a class="tag" href=move || localized(lang.get(), &format!("/practices?theme={code}"))>
                                {move || lang.get().pick(&es, &en).to_string()}
                            </a>
                            " "
                        }
                    }).collect_view()}
                </dd>
                {(!d.populations.is_empty()).then(|| {
                    let pops = d.populations.clone();
                    view! {
                        <dt>{move || t().facet_population}</dt>
                        <dd>
                            {move || pops.iter().map(|p| p.name(lang.get()).to_string()).collect::<Vec<_>>().join(", ")}
                        </dd>
                    }
                })}
                {(!d.gaps.is_empty()).then(|| {
                    let gaps = d.gaps.clone();
                    view! {
                        <dt>{move || x().practice_gaps}</dt>
                        <dd>
                            <ul class="plain">
                                {gaps.into_iter().map(|g| {
                                    let (c, gid) = (g.country_iso2.clone(), g.id);
                                    view! {
                                        <li>
                                            <a href=move || localized(lang.get(), &format!("/inventory/{c}#entry-{gid}"))>
                                                {move || lang.get().pick(&g.title_es, &g.title_en).to_string()}
                                            </a>
                                            " (" {g.country_iso2.clone()} ")"
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </dd>
                    }
                })}
            </dl>
            <div lang=move || shown().code()>
                <p class="lead">{summary}</p>
                <section class="prose" data-test-id="practice-body" inner_html=body></section>
                {has_results.then(|| view! {
                    <h2>{move || x().practice_results}</h2>
                    <section class="prose" data-test-id="practice-results-text" inner_html=results></section>
                })}
            </div>
            {(!contacts.trim().is_empty()).then(|| view! {
                <h2>{move || x().practice_contacts}</h2>
                <p class="pre-line">{contacts}</p>
            })}
            {(!links.is_empty()).then(|| view! {
                <h2>{move || x().practice_links}</h2>
                <ul>
                    {links.into_iter().map(|l| view! {
                        <li><a href=l.clone() rel="noopener noreferrer nofollow external">{l.clone()}</a></li>
                    }).collect_view()}
                </ul>
            })}
            {workflow.then(|| view! { <Workflow view=view.clone() moved /> })}
        </article>
    }
}

/// A workflow move: its code, its button label, whether it needs a comment.
type Move = (
    &'static str,
    fn(&'static super::text::PracticeTexts) -> &'static str,
    bool,
);

/// The review history and the moves the reader may make.
#[component]
fn Workflow(view: PracticeView, moved: ServerAction<MovePractice>) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let id = view.detail.id;
    let status = view.detail.status;
    let result = moved.value();
    let comment_error = Signal::derive(move || field_error(&result.get(), "comment", lang.get()));
    let general = move || form_error(&result.get(), &["comment"], lang.get());
    let moves: Vec<Move> = {
        let mut m = Vec::new();
        if view.can_edit {
            m.push((
                "submit",
                (|x| x.practice_submit) as fn(&'static super::text::PracticeTexts) -> &'static str,
                false,
            ));
        }
        if view.can_review {
            match status {
                PracticeStatus::Submitted => {
                    m.push(("start_review", |x| x.practice_start_review, false));
                    m.push(("publish", |x| x.practice_publish, false));
                    m.push(("return", |x| x.practice_return, true));
                }
                PracticeStatus::InReview => {
                    m.push(("publish", |x| x.practice_publish, false));
                    m.push(("return", |x| x.practice_return, true));
                }
                PracticeStatus::Published => m.push(("unpublish", |x| x.practice_unpublish, true)),
                _ => {}
            }
        }
        m
    };
    view! {
        <section class="workflow no-print" aria-labelledby="workflow-title" data-test-id="practice-workflow">
            <h2 id="workflow-title">{move || x().practice_workflow}</h2>
            {view.can_edit.then(|| view! {
                <p>
                    <a class="button button--quiet" href=move || localized(lang.get(), &format!("/practices/{id}/edit")) data-test-id="practice-edit-link">
                        {move || t().edit}
                    </a>
                </p>
            })}
            <div class="moves">
                {moves.into_iter().map(|(code, label, needs_comment)| {
                    let field_id = format!("comment-{code}");
                    view! {
                        <ActionForm action=moved attr:class="move-form" attr:data-test-id=format!("practice-move-{code}")>
                            <input type="hidden" name="id" value=id.to_string() />
                            <input type="hidden" name="lang" value=move || lang.get().code() />
                            <input type="hidden" name="transition" value=code />
                            {if needs_comment {
                                view! {
                                    <div class="field" class:field--invalid=move || comment_error.get().is_some()>
                                        <label for=field_id.clone()>{move || x().practice_comment}</label>
                                        <textarea
                                            id=field_id.clone()
                                            name="comment"
                                            rows="3"
                                            required=true
                                            aria-invalid=move || comment_error.get().is_some().then_some("true")
                                            data-test-id=format!("practice-comment-{code}")
                                        ></textarea>
                                        {move || comment_error.get().map(|e| view! { <p class="field-error" data-test-id="error-comment">{e}</p> })}
                                    </div>
                                }
                                .into_any()
                            } else {
                                view! { <input type="hidden" name="comment" value="" /> }.into_any()
                            }}
                            <button type="submit" class="button" class:button--quiet=needs_comment data-test-id=format!("practice-{code}")>
                                {move || label(texts(lang.get()))}
                            </button>
                        </ActionForm>
                    }
                }).collect_view()}
            </div>
            {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="practice-move-error">{e}</p> })}
            {(!view.history.is_empty()).then(|| view! {
                <h3>{move || x().practice_history}</h3>
                <ol class="history" data-test-id="practice-history">
                    {view.history.into_iter().map(|h| view! {
                        <li>
                            <time>{h.at.clone()}</time>
                            " · "
                            {move || format!("{} → {}", h.from.name(lang.get()), h.to.name(lang.get()))}
                            {(!h.actor.is_empty()).then(|| format!(" · {}", h.actor))}
                            {(!h.comment.is_empty()).then(|| view! { <blockquote>{h.comment.clone()}</blockquote> })}
                        </li>
                    }).collect_view()}
                </ol>
            })}
        </section>
    }
}
