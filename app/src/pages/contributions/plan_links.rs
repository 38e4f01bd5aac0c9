//! The National Action Plan lines a contribution serves, on its page: each with its share, and
//! for those who may edit it, forms to name a line (or change its share) and to stop naming one.

use crate::components::auth::{field_error, form_error};
use crate::components::field::{Field, Select};
use crate::i18n::{localized, use_lang};
use crate::model::{format_bp, ContributionLine};
use crate::pages::contributions::text::texts;
use crate::rpc::contributions::{LinkContributionLine, UnlinkContributionLine};
use leptos::prelude::*;

/// The changes made from the section, kept by the page so that its data follows them.
#[derive(Clone, Copy)]
pub struct LineActions {
    pub link: ServerAction<LinkContributionLine>,
    pub unlink: ServerAction<UnlinkContributionLine>,
}

impl Default for LineActions {
    fn default() -> LineActions {
        LineActions {
            link: ServerAction::new(),
            unlink: ServerAction::new(),
        }
    }
}

#[component]
pub fn PlanLinks(
    id: i64,
    lines: Vec<ContributionLine>,
    choices: Vec<(String, String, String)>,
    can_edit: bool,
    actions: LineActions,
) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let result = actions.link.value();
    let share_error = Signal::derive(move || field_error(&result.get(), "share", lang.get()));
    let line_error = Signal::derive(move || field_error(&result.get(), "line", lang.get()));
    let general = move || form_error(&result.get(), &["share", "line"], lang.get());
    view! {
        <section aria-labelledby="plan-lines-title" data-test-id="contribution-lines">
            <h2 id="plan-lines-title">{move || x().plan_lines_title}</h2>
            {if lines.is_empty() {
                view! { <p class="empty">{move || x().plan_lines_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain">
                        {lines.into_iter().map(|l| {
                            let href = format!("/plans/{}/lines/{}", l.country_iso2, l.line_id);
                            let label = format!("{} · {} · ", l.country_iso2, l.code);
                            let share = l.share_bp;
                            let line_id = l.line_id;
                            view! {
                                <li>
                                    <a href=move || localized(lang.get(), &href)>
                                        {label.clone()}
                                        {move || lang.get().pick(&l.title_es, &l.title_en).to_string()}
                                    </a>
                                    ": "
                                    <strong>{move || format_bp(i64::from(share), lang.get())}</strong>
                                    {can_edit.then(|| view! {
                                        " "
                                        <ActionForm action=actions.unlink attr:class="inline">
                                            <input type="hidden" name="lang" value=move || lang.get().code() />
                                            <input type="hidden" name="id" value=id.to_string() />
                                            <input type="hidden" name="line" value=line_id.to_string() />
                                            <button type="submit" class="button button--quiet button--small">{move || x().unlink_line}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(can_edit && !choices.is_empty()).then(|| view! {
                <ActionForm action=actions.link attr:class="form-grid" attr:data-test-id="link-line-form">
                    <input type="hidden" name="lang" value=move || lang.get().code() />
                    <input type="hidden" name="id" value=id.to_string() />
                    <Select name="line" field="line" id="link-line" label=Signal::derive(move || x().plan_line_field) choices=choices empty=Signal::derive(move || lang.get().t().choose_one) error=line_error />
                    <Field name="share" form="link" label=Signal::derive(move || x().share_field) hint=Signal::derive(move || x().share_hint) required=true error=share_error />
                    <div class="form-actions">
                        <button type="submit" class="button" data-test-id="link-line-submit">{move || x().link_line}</button>
                    </div>
                    {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="link-line-error">{e}</p> })}
                </ActionForm>
            })}
        </section>
    }
}
