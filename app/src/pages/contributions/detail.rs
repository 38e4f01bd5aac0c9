//! `/{lang}/contributions/{id}`: one contribution with its full history and its links; for those
//! who may, forms to add a step (commitment, disbursement...), and to withdraw or restore it.

use crate::components::auth::{field_error, form_error};
use crate::components::{error_panel::or_error_panel, example_badge::ExampleBadge, field::Field};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::ContributionView;
use crate::model::{format_usd, ContributionDetail, Stage};
use crate::pages::contributions::plan_links::{LineActions, PlanLinks};
use crate::pages::contributions::text::texts;
use crate::rpc::contributions::{
    fetch_contribution, AddContributionStep, SetContributionWithdrawn,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ContributionPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i64>().ok()));
    let add = ServerAction::<AddContributionStep>::new();
    let withdraw = ServerAction::<SetContributionWithdrawn>::new();
    let lines = LineActions::default();
    let view_res = Resource::new(
        move || {
            (
                id.get(),
                add.version().get() + withdraw.version().get(),
                lines.link.version().get() + lines.unlink.version().get(),
            )
        },
        |(id, _, _)| async move {
            match id {
                Some(id) => fetch_contribution(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        // A transition, not a suspense: after an action made from inside it, the old view (and the
        // form that made the action) stays until the refetched data has arrived.
        <Transition fallback=move || view! { <p>{move || t().loading}</p> }>
            {move || Suspend::new(or_error_panel(async move {
                let v = view_res.await?;
                Ok::<_, AppError>(view! { <Detail view=v add withdraw lines /> })
            }))}
        </Transition>
    }
}

fn money(minor: Option<i64>, currency: &str) -> String {
    match minor {
        Some(m) => {
            let units = m / 100;
            let cents = (m % 100).abs();
            format!("{currency} {units}.{cents:02}")
        }
        None => "—".into(),
    }
}

#[component]
fn Detail(
    view: ContributionView,
    add: ServerAction<AddContributionStep>,
    withdraw: ServerAction<SetContributionWithdrawn>,
    lines: LineActions,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let ContributionView {
        detail,
        can_edit,
        can_audit,
        lines: plan_lines,
        line_choices,
        sector,
        working_group,
    } = view;
    let ContributionDetail {
        summary: s,
        description_es,
        description_en,
        source_url,
        event_es,
        event_en,
        steps,
        children,
        parent,
        withdrawn_reason,
        version,
        ..
    } = detail;
    let id = s.id;
    let title = {
        let s = s.clone();
        move || s.title(lang.get()).to_string()
    };
    let title2 = title.clone();
    let (s1, s2, s3) = (s.clone(), s.clone(), s.clone());
    let withdrawn = s.withdrawn;
    let cancelled = s.status == crate::model::Status::Cancelled;
    // Fixed on the server (see `PageTitle`), following the language in the browser.
    #[cfg(feature = "ssr")]
    let head_title = {
        let fixed = s.title(lang.get_untracked()).to_string();
        move || fixed.clone()
    };
    #[cfg(not(feature = "ssr"))]
    let head_title = title.clone();
    view! {
        <Title text=head_title />
        <article class="page" data-test-id="contribution">
            <p>
                <a href=move || localized(lang.get(), "/contributions")>{move || t().nav_contributions}</a>
            </p>
            <h1>
                {title2}
                {s.is_example.then(|| view! { " " <ExampleBadge /> })}
            </h1>
            {(can_edit && !withdrawn).then(|| view! {
                <p class="actions">
                    <a class="button button--secondary" href=move || localized(lang.get(), &format!("/contributions/{id}/edit")) data-test-id="contribution-edit-link">{move || x().edit_contribution}</a>
                </p>
            })}
            {withdrawn
                .then(|| {
                    let reason = withdrawn_reason.clone().unwrap_or_default();
                    view! {
                        <p class="form-error" data-test-id="withdrawn-notice">
                            {move || x().contribution_withdrawn} " " {reason.clone()}
                        </p>
                    }
                })}
            <dl class="facts">
                <dt>{move || x().col_donor}</dt>
                <dd data-test-id="donor">{move || s1.donor(lang.get()).to_string()}</dd>
                <dt>{move || x().col_recipient}</dt>
                <dd>{move || s2.recipient(lang.get()).to_string()}</dd>
                {(!s.channel_es.is_empty())
                    .then(|| {
                        let s = s.clone();
                        view! {
                            <dt>{move || x().field_channel}</dt>
                            <dd>{move || lang.get().pick(&s.channel_es, &s.channel_en).to_string()}</dd>
                        }
                    })}
                <dt>{move || x().col_kind}</dt>
                <dd>{move || s.kind.name(lang.get())}</dd>
                {s.mechanism.map(|m| view! {
                    <dt>{move || x().filter_mechanism}</dt>
                    <dd data-test-id="mechanism">{move || m.name(lang.get())}</dd>
                })}
                <dt>{move || t().col_status}</dt>
                <dd data-test-id="status">{move || s.status.name(lang.get())}</dd>
                <dt>{move || x().filter_pillar}</dt>
                <dd>{s.pillar.map(|p| p.to_string()).unwrap_or_else(|| "—".into())}</dd>
                {sector.map(|n| view! {
                    <dt>{move || x().field_sector}</dt>
                    <dd data-test-id="sector">{move || n.name(lang.get()).to_string()}</dd>
                })}
                {working_group.map(|n| view! {
                    <dt>{move || t().col_group}</dt>
                    <dd data-test-id="working-group">{move || n.name(lang.get()).to_string()}</dd>
                })}
                {(!event_es.is_empty())
                    .then(|| {
                        view! {
                            <dt>{move || x().field_event}</dt>
                            <dd>{move || lang.get().pick(&event_es, &event_en).to_string()}</dd>
                        }
                    })}
                <dt>{move || x().field_currency}</dt>
                <dd>{s.currency.clone()}</dd>
                {source_url
                    .clone()
                    .map(|u| {
                        view! {
                            <dt>{move || x().field_source}</dt>
                            <dd>
                                <a href=u.clone() rel="external noopener">{u.clone()}</a>
                            </dd>
                        }
                    })}
            </dl>
            <p>{move || lang.get().pick(&description_es, &description_en).to_string()}</p>
            <ul class="figures figures--money" data-test-id="contribution-totals">
                <li class="figure">
                    <span class="figure__value">{move || format_usd(s3.pledged_usd, lang.get())}</span>
                    <span class="figure__label">{move || x().measure_pledged}</span>
                </li>
                <li class="figure">
                    <span class="figure__value">{move || format_usd(s.committed_usd, lang.get())}</span>
                    <span class="figure__label">{move || x().measure_committed}</span>
                </li>
                <li class="figure">
                    <span class="figure__value" data-test-id="disbursed">{move || format_usd(s.disbursed_usd, lang.get())}</span>
                    <span class="figure__label">{move || x().measure_disbursed}</span>
                </li>
                <li class="figure">
                    <span class="figure__value">{move || format_usd(s.implemented_usd, lang.get())}</span>
                    <span class="figure__label">{move || x().measure_implemented}</span>
                </li>
            </ul>
            <h2>{move || x().contribution_history}</h2>
            <div class="table-wrap">
                <table class="data-table" data-test-id="steps">
                    <thead>
                        <tr>
                            <th scope="col">{move || x().col_date}</th>
                            <th scope="col">{move || x().col_stage}</th>
                            <th scope="col" class="num">{move || x().col_amount}</th>
                            <th scope="col" class="num">{move || x().field_fx_rate}</th>
                            <th scope="col" class="num">"USD"</th>
                            <th scope="col">{move || x().field_note}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {steps
                            .into_iter()
                            .map(|st| {
                                view! {
                                    <tr>
                                        <td>{st.date.clone()}</td>
                                        <td>{move || st.stage.name(lang.get())}</td>
                                        <td class="num">{money(st.amount_minor, &st.currency)}</td>
                                        <td class="num">{st.fx_rate.clone().unwrap_or_default()}</td>
                                        <td class="num">
                                            {move || st.usd.map(|u| format_usd(u, lang.get())).unwrap_or_else(|| "—".into())}
                                        </td>
                                        <td>{st.note.clone()}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            {parent
                .map(|p| {
                    let pid = p.id;
                    view! {
                        <p data-test-id="parent-link">
                            {move || x().routed_through.replace("{id}", &pid.to_string())} ": "
                            <a href=move || localized(lang.get(), &format!("/contributions/{pid}"))>
                                {move || p.title(lang.get()).to_string()}
                            </a>
                        </p>
                    }
                })}
            {(!children.is_empty())
                .then(|| {
                    view! {
                        <h2>{move || x().contribution_children}</h2>
                        <ul data-test-id="children">
                            {children
                                .into_iter()
                                .map(|c| {
                                    let cid = c.id;
                                    let c2 = c.clone();
                                    view! {
                                        <li>
                                            <a href=move || localized(lang.get(), &format!("/contributions/{cid}"))>
                                                {move || c2.title(lang.get()).to_string()}
                                            </a>
                                            " · "
                                            {move || format_usd(c.pledged_usd, lang.get())}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            {can_audit
                .then(|| {
                    view! {
                        <p>
                            <a href=move || format!("{}?entity=contribution&record={id}", localized(lang.get(), "/admin/audit"))>
                                {move || t().nav_audit}
                            </a>
                        </p>
                    }
                })}
            <PlanLinks id lines=plan_lines choices=line_choices can_edit={can_edit && !withdrawn} actions=lines />
            {(can_edit && !withdrawn && !cancelled).then(|| view! { <AddStep id version add /> })}
            {can_edit.then(|| view! { <WithdrawForm id withdrawn withdraw /> })}
        </article>
    }
}

#[component]
fn AddStep(id: i64, version: i64, add: ServerAction<AddContributionStep>) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let result = add.value();
    let err =
        move |f: &'static str| Signal::derive(move || field_error(&result.get(), f, lang.get()));
    let general = move || {
        form_error(
            &result.get(),
            &["stage", "date", "amount", "fx_rate", "note"],
            lang.get(),
        )
    };
    view! {
        <section class="card" aria-labelledby="add-step-title">
            <h2 id="add-step-title">{move || x().add_step_title}</h2>
            <ActionForm action=add attr:class="form-grid" attr:data-test-id="add-step-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="version" value=version />
                <div class="field">
                    <label for="step-stage">{move || x().col_stage}</label>
                    <select id="step-stage" name="step[stage]" data-test-id="field-stage">
                        {[Stage::Commitment, Stage::Disbursement, Stage::Implementation, Stage::Pledge, Stage::Cancellation]
                            .into_iter()
                            .map(|s| view! { <option value=s.code()>{move || s.name(lang.get())}</option> })
                            .collect_view()}
                    </select>
                    {move || err("stage").get().map(|e| view! { <p class="field-error">{e}</p> })}
                </div>
                <Field name="step[date]" form="step" label=Signal::derive(move || x().col_date) kind="date" required=true error=err("date") />
                <Field
                    name="step[amount]"
                    form="step"
                    label=Signal::derive(move || x().field_amount)
                    hint=Signal::derive(move || x().amount_hint)
                    error=err("amount")
                />
                <Field name="step[fx_rate]" form="step" label=Signal::derive(move || x().field_fx_rate) error=err("fx_rate") />
                <Field name="step[note]" form="step" label=Signal::derive(move || x().field_note) error=err("note") />
                <div class="form-actions">
                    <button type="submit" class="button" data-test-id="add-step-submit">{move || x().add_step_submit}</button>
                </div>
            </ActionForm>
            {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="add-step-error">{e}</p> })}
        </section>
    }
}

#[component]
fn WithdrawForm(
    id: i64,
    withdrawn: bool,
    withdraw: ServerAction<SetContributionWithdrawn>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let result = withdraw.value();
    let reason_error = Signal::derive(move || field_error(&result.get(), "reason", lang.get()));
    view! {
        <section class="card" aria-labelledby="withdraw-title">
            <h2 id="withdraw-title">
                {move || if withdrawn { x().restore_title } else { x().withdraw_title }}
            </h2>
            <ActionForm action=withdraw attr:class="stack" attr:data-test-id="withdraw-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="withdrawn" value=if withdrawn { "false" } else { "true" } />
                {(!withdrawn)
                    .then(|| {
                        view! {
                            <Field
                                name="reason"
                                form="withdraw"
                                label=Signal::derive(move || t().audit_reason)
                                required=true
                                error=reason_error
                            />
                        }
                    })}
                <div class="form-actions">
                    <button type="submit" class="button button--quiet" data-test-id="withdraw-submit">
                        {move || if withdrawn { x().restore_submit } else { x().withdraw_submit }}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}
