//! On a commitment's page, for its makers and reviewers: the pre-articulation (the moves the
//! reader may make, with a comment where one is needed, and the review history) and the form to
//! report progress on an announced commitment.

use super::text::texts;
use crate::components::auth::{field_error, form_error};
use crate::components::field::{Field, TextArea};
use crate::i18n::{localized, use_lang};
use crate::model::{CommitmentMove, CommitmentStage, CommitmentView, Named, COUNT_UNITS};
use crate::rpc::commitments::{MoveCommitment, ReportCommitmentProgress};
use leptos::prelude::*;

/// The review history and the moves the reader may make.
#[component]
pub fn Workflow(d: CommitmentView, moved: ServerAction<MoveCommitment>) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let id = d.commitment.id;
    let result = moved.value();
    let comment_error = Signal::derive(move || field_error(&result.get(), "comment", lang.get()));
    let general = move || form_error(&result.get(), &["comment"], lang.get());
    view! {
        <section class="workflow" aria-labelledby="workflow-title" data-test-id="commitment-workflow">
            <h2 id="workflow-title">{move || x().workflow}</h2>
            <p class="muted">{move || x().workflow_lead}</p>
            {d.can_edit.then(|| view! {
                <p>
                    <a class="button button--quiet" href=move || localized(lang.get(), &format!("/commitments/{id}/edit")) data-test-id="commitment-edit-link">
                        {move || x().edit}
                    </a>
                </p>
            })}
            <div class="moves">
                {d.moves.into_iter().map(|m| {
                    let code = m.code();
                    let needs_comment = m == CommitmentMove::Return;
                    let field_id = format!("comment-{code}");
                    view! {
                        <ActionForm action=moved attr:class="move-form" attr:data-test-id=format!("commitment-move-{code}")>
                            <input type="hidden" name="id" value=id.to_string() />
                            <input type="hidden" name="lang" value=move || lang.get().code() />
                            <input type="hidden" name="transition" value=code />
                            {if needs_comment || m == CommitmentMove::PreArticulate {
                                view! {
                                    <div class="field" class:field--invalid=move || needs_comment && comment_error.get().is_some()>
                                        <label for=field_id.clone()>{move || x().comment}</label>
                                        <textarea
                                            id=field_id.clone()
                                            name="comment"
                                            rows="3"
                                            required=needs_comment
                                            aria-invalid=move || (needs_comment && comment_error.get().is_some()).then_some("true")
                                            data-test-id=format!("commitment-comment-{code}")
                                        ></textarea>
                                        {move || needs_comment.then(|| comment_error.get()).flatten().map(|e| view! { <p class="field-error" data-test-id="error-comment">{e}</p> })}
                                    </div>
                                }
                                .into_any()
                            } else {
                                view! { <input type="hidden" name="comment" value="" /> }.into_any()
                            }}
                            <button type="submit" class="button" class:button--quiet=needs_comment data-test-id=format!("commitment-{code}")>
                                {move || m.name(lang.get())}
                            </button>
                        </ActionForm>
                    }
                }).collect_view()}
            </div>
            {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="commitment-move-error">{e}</p> })}
            {(!d.history.is_empty()).then(|| view! {
                <h3>{move || x().history}</h3>
                <ol class="history" data-test-id="commitment-history">
                    {d.history.into_iter().map(|h| view! {
                        <li>
                            <time>{h.at.get(..10).unwrap_or_default().to_string()}</time>
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

/// The form to report progress: a date, words, a figure for a country where it counts, the
/// evidence and the stage it is at now.
#[component]
pub fn ReportForm(
    id: i64,
    countries: Vec<Named>,
    stage: CommitmentStage,
    reported: ServerAction<ReportCommitmentProgress>,
) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let result = reported.value();
    let err =
        move |f: &'static str| Signal::derive(move || field_error(&result.get(), f, lang.get()));
    let fields = [
        "reported_on",
        "country",
        "value",
        "unit",
        "text_es",
        "text_en",
        "evidence_url",
        "stage",
    ];
    let general = move || form_error(&result.get(), &fields, lang.get());
    let ok = move || matches!(result.get(), Some(Ok(_)));
    let country_error = err("country");
    let unit_error = err("unit");
    let stage_error = err("stage");
    view! {
        <section aria-labelledby="report-title" data-test-id="commitment-report">
            <h2 id="report-title">{move || x().report_title}</h2>
            <ActionForm action=reported attr:class="form-grid" attr:data-test-id="report-form">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="lang" value=move || lang.get().code() />
                <Field name="input[reported_on]" form="r" required=true label=Signal::derive(move || x().field_reported_on) error=err("reported_on") />
                <div class="field" class:field--invalid=move || stage_error.get().is_some()>
                    <label for="r-stage">{move || x().field_new_stage}</label>
                    <select id="r-stage" name="input[stage]" data-test-id="report-stage">
                        <option value="">{move || format!("{} ({})", x().keep_stage, stage.name(lang.get()))}</option>
                        {CommitmentStage::ALL.iter().map(|s| {
                            let s = *s;
                            view! { <option value=s.code()>{move || s.name(lang.get())}</option> }
                        }).collect_view()}
                    </select>
                    {move || stage_error.get().map(|e| view! { <p class="field-error">{e}</p> })}
                </div>
                <TextArea name="input[text_es]" rows=3 label=Signal::derive(move || x().field_text_es) error=err("text_es") />
                <TextArea name="input[text_en]" rows=3 label=Signal::derive(move || x().field_text_en) error=err("text_en") />
                <fieldset class="field field--wide">
                    <legend>{move || x().field_value}</legend>
                    <p class="field__hint">{move || x().value_hint}</p>
                    <div class="form-row">
                        <Field name="input[value]" form="r" kind="number" label=Signal::derive(move || x().field_value) error=err("value") />
                        <div class="field" class:field--invalid=move || unit_error.get().is_some()>
                            <label for="r-unit">{move || x().field_unit}</label>
                            <select id="r-unit" name="input[unit]" data-test-id="report-unit">
                                <option value="">{move || x().none_choice}</option>
                                {COUNT_UNITS.iter().map(|u| {
                                    let u = *u;
                                    view! { <option value=u>{move || super::text::unit_name(lang.get(), u)}</option> }
                                }).collect_view()}
                            </select>
                            {move || unit_error.get().map(|e| view! { <p class="field-error">{e}</p> })}
                        </div>
                        <div class="field" class:field--invalid=move || country_error.get().is_some()>
                            <label for="r-country">{move || x().field_report_country}</label>
                            <select id="r-country" name="input[country]" data-test-id="report-country">
                                <option value="">{move || x().none_choice}</option>
                                {countries.into_iter().map(|c| {
                                    let code = c.code.clone();
                                    view! { <option value=code>{move || c.name(lang.get()).to_string()}</option> }
                                }).collect_view()}
                            </select>
                            {move || country_error.get().map(|e| view! { <p class="field-error" data-test-id="error-country">{e}</p> })}
                        </div>
                    </div>
                </fieldset>
                <Field name="input[evidence_url]" form="r" kind="url" label=Signal::derive(move || x().field_evidence) error=err("evidence_url") />
                <div class="form-actions">
                    <button type="submit" class="button" data-test-id="report-save">{move || x().report_save}</button>
                </div>
                {move || general().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                {move || ok().then(|| view! { <p class="notice" role="status" data-test-id="report-ok">"✓"</p> })}
            </ActionForm>
        </section>
    }
}
