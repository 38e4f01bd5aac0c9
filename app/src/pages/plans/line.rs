//! `/{lang}/plans/{country}/lines/{id}`: one commitment line: what it is, its requirement per year
//! with every earlier figure and why it changed, and its dated progress notes. Those who keep the
//! plan record a requirement or a status change here.

use super::country::{CoverageBar, CoverageLegend, PlanHeader};
use super::text::texts;
use super::{pillar_name, usd_exact, years};
use crate::components::auth::{field_error, form_error};
use crate::components::data_table::{col, num, DataTable};
use crate::components::field::{coded_choices, Field, Select, TextArea};
use crate::components::{error_panel::or_error_panel, example_badge::ExampleBadge, DataTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::{LineStatus, LineView};
use crate::rpc::plans::{fetch_plan_line, SetPlanLineStatus, SetPlanRequirement};
use leptos::prelude::*;

#[component]
pub fn LinePage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    // Read once: a save redirects to this same page, which must not rebuild while it is replaced.
    let id = crate::pages::route_id_once("id").unwrap_or(0);
    let actions = LineActions {
        requirement: ServerAction::new(),
        status: ServerAction::new(),
    };
    // Read again after each successful change only: after a refused one the form keeps what was
    // typed, with its errors.
    let saved = RwSignal::new(0u32);
    Effect::new(move |_| {
        if matches!(actions.requirement.value().get(), Some(Ok(()))) {
            saved.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if matches!(actions.status.value().get(), Some(Ok(()))) {
            saved.update(|n| *n += 1);
        }
    });
    let data = Resource::new(move || (id, saved.get()), |(id, _)| fetch_plan_line(id));
    view! {
        // A transition: the old view stays until the refetched one has arrived.
        <Transition fallback=move || view! { <p>{move || t().loading}</p> }>
            {move || Suspend::new(or_error_panel(async move {
                let d = data.await?;
                Ok::<_, AppError>(view! { <Line d actions saved /> })
            }))}
        </Transition>
    }
}

/// The changes made from a line's page, kept by the page so that its data follows them.
#[derive(Clone, Copy)]
struct LineActions {
    requirement: ServerAction<SetPlanRequirement>,
    status: ServerAction<SetPlanLineStatus>,
}

/// A figure in its original currency: "EUR 1,000,000.00".
fn original(currency: &str, minor: i64) -> String {
    format!(
        "{currency} {}.{:02}",
        crate::i18n::Lang::En.format_int(minor / 100),
        minor % 100
    )
}

#[component]
fn Line(d: LineView, actions: LineActions, saved: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let l = d.line.clone();
    let code = d.plan.plan.country.code.clone();
    let id = l.id;
    let (tes, ten) = (l.title_es.clone(), l.title_en.clone());
    let (des, den) = (l.description_es.clone(), l.description_en.clone());
    let pillars = d.plan.pillars.clone();
    let sector = l
        .sector_code
        .as_ref()
        .and_then(|s| d.plan.sectors.iter().find(|n| &n.code == s).cloned());
    let themes: Vec<_> = d
        .plan
        .themes
        .iter()
        .filter(|th| l.themes.contains(&th.code))
        .cloned()
        .collect();
    let gaps: Vec<_> = d
        .plan
        .gaps
        .iter()
        .filter(|g| l.gaps.contains(&g.id))
        .cloned()
        .collect();
    let period = years(l.period_start, l.period_end);
    let total = l.required_usd();
    let status = l.status;
    let can_edit = d.plan.can_edit;
    let title_es = format!("{} · {}", l.code, if tes.is_empty() { &ten } else { &tes });
    let title_en = format!("{} · {}", l.code, if ten.is_empty() { &tes } else { &ten });
    view! {
        <DataTitle es=title_es en=title_en />
        <section class="page" data-test-id="plan-line-page">
            <PlanHeader d=d.plan.clone() link=true />
            <h1>
                {format!("{} · ", l.code)}
                {move || lang.get().pick(&tes, &ten).to_string()}
                {l.is_example.then(|| view! { " " <ExampleBadge /> })}
            </h1>
            <p>{move || lang.get().pick(&des, &den).to_string()}</p>
            <h2 id="line-details">{move || x().line_details}</h2>
            <dl class="facts" aria-labelledby="line-details">
                <dt>{move || x().col_pillar}</dt>
                <dd>{move || pillar_name(&pillars, l.pillar, lang.get())}</dd>
                {sector.map(|s| view! { <dt>{move || x().field_sector}</dt><dd>{move || s.name(lang.get()).to_string()}</dd> })}
                {(!themes.is_empty()).then(|| view! {
                    <dt>{move || t().facet_theme}</dt>
                    <dd>{move || themes.iter().map(|th| th.name(lang.get()).to_string()).collect::<Vec<_>>().join(", ")}</dd>
                })}
                {(!l.institution.is_empty()).then(|| view! { <dt>{move || x().institution}</dt><dd>{l.institution.clone()}</dd> })}
                {(!period.is_empty()).then(|| view! { <dt>{move || x().col_period}</dt><dd>{period.clone()}</dd> })}
                <dt>{move || x().col_priority}</dt>
                <dd>{l.priority}</dd>
                <dt>{move || t().col_status}</dt>
                <dd data-test-id="line-status">{move || status.name(lang.get())}</dd>
                {(!gaps.is_empty()).then(|| {
                    let code = code.clone();
                    view! {
                        <dt>{move || x().gaps_answered}</dt>
                        <dd>
                            <ul class="plain">
                                {gaps.into_iter().map(|g| {
                                    let gid = g.id;
                                    let code = code.clone();
                                    view! {
                                        <li><a href=move || localized(lang.get(), &format!("/inventory/{code}#entry-{gid}"))>{move || lang.get().pick(&g.title_es, &g.title_en).to_string()}</a></li>
                                    }
                                }).collect_view()}
                            </ul>
                        </dd>
                    }
                })}
            </dl>
            {can_edit.then(|| {
                let code = code.clone();
                view! {
                    <p class="actions">
                        <a class="button button--quiet" href=move || localized(lang.get(), &format!("/plans/{code}/lines/{id}/edit")) data-test-id="line-edit-link">{move || t().edit}</a>
                    </p>
                }
            })}
            <h2 id="funding-title">{move || x().funding_title}</h2>
            <p>
                <CoverageBar required=total funded=l.funding.funded_usd pledged=l.funding.pledged_usd offered=l.funding.offered_usd coverage=l.funding.coverage_bp(total) />
            </p>
            <CoverageLegend />
            {if d.contributions.is_empty() {
                view! { <p class="empty">{move || x().funding_none}</p> }.into_any()
            } else {
                view! {
                    <DataTable labelled_by="funding-title" test_id="line-contributions" columns=vec![col(|l| texts(l).col_contribution), col(|l| texts(l).col_donor), num(|l| texts(l).col_share), num(|l| texts(l).col_pledged), num(|l| texts(l).col_funded)]>
                        {d.contributions.iter().cloned().map(|c| {
                            let cid = c.id;
                            view! {
                                <tr>
                                    <td>
                                        <a href=move || localized(lang.get(), &format!("/contributions/{cid}"))>{move || lang.get().pick(&c.title_es, &c.title_en).to_string()}</a>
                                        {c.is_example.then(|| view! { " " <ExampleBadge /> })}
                                    </td>
                                    <td>{move || lang.get().pick(&c.donor_es, &c.donor_en).to_string()}</td>
                                    <td class="num">{move || crate::model::format_bp(i64::from(c.share_bp), lang.get())}</td>
                                    <td class="num">{move || usd_exact(c.pledged_usd, lang.get())}</td>
                                    <td class="num">{move || usd_exact(c.funded_usd, lang.get())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </DataTable>
                }.into_any()
            }}
            <h2 id="requirements-title">{move || x().requirements_title}</h2>
            {if l.requirements.is_empty() {
                view! { <p class="empty">{move || x().requirements_none}</p> }.into_any()
            } else {
                view! {
                    <DataTable labelled_by="requirements-title" test_id="line-requirements" columns=vec![num(|l| texts(l).col_year), num(|l| texts(l).col_amount), num(|l| texts(l).col_rate), num(|l| texts(l).col_usd), col(|l| texts(l).col_source)]>
                        {l.requirements.iter().map(|r| {
                            let usd = r.amount_usd;
                            view! {
                                <tr>
                                    <td class="num">{r.year}</td>
                                    <td class="num">{original(&r.currency, r.amount_minor)}</td>
                                    <td class="num">{r.fx_rate.clone()}</td>
                                    <td class="num">{move || usd_exact(usd, lang.get())}</td>
                                    <td>{r.source.clone()}</td>
                                </tr>
                            }
                        }).collect_view()}
                        <tr class="total">
                            <th scope="row" colspan="3">{move || x().requirements_total}</th>
                            <td class="num" data-test-id="line-total">{move || usd_exact(total, lang.get())}</td>
                            <td></td>
                        </tr>
                    </DataTable>
                }.into_any()
            }}
            {(!d.revisions.is_empty()).then(|| {
                let revisions = d.revisions.clone();
                view! {
                    <h3 id="revisions-title">{move || x().revisions_title}</h3>
                    <p class="muted">{move || x().revisions_lead}</p>
                    <DataTable labelled_by="revisions-title" test_id="line-revisions" columns=vec![num(|l| texts(l).col_year), col(|l| texts(l).col_when), num(|l| texts(l).col_amount), num(|l| texts(l).col_usd), col(|l| texts(l).col_reason)]>
                        {revisions.into_iter().map(|r| {
                            let usd = r.amount_usd;
                            let reason = r.reason.clone();
                            view! {
                                <tr>
                                    <td class="num">{r.year}</td>
                                    <td>{r.created_at.get(..10).unwrap_or_default().to_string()}</td>
                                    <td class="num">{original(&r.currency, r.amount_minor)}</td>
                                    <td class="num">{move || usd_exact(usd, lang.get())}</td>
                                    <td>{move || if reason.is_empty() { x().original.to_string() } else { reason.clone() }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </DataTable>
                }
            })}
            {can_edit.then(|| view! { <RequirementForm line_id=id currencies=d.currencies.clone() save=actions.requirement /> })}
            <h2 id="notes-title">{move || x().notes_title}</h2>
            {if d.notes.is_empty() {
                view! { <p class="empty">{move || x().notes_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain notes" data-test-id="line-notes">
                        {d.notes.iter().cloned().map(|n| view! {
                            <li>
                                <strong>{n.noted_on.clone()}</strong>
                                " · "
                                {move || n.status.name(lang.get())}
                                ": "
                                {move || lang.get().pick(&n.note_es, &n.note_en).to_string()}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {can_edit.then(|| view! { <StatusForm line_id=id version=l.version status save=actions.status /> })}
            <crate::pages::offers::line_offers::LineOffersSection d=d.offers.clone() line_id=id saved />
        </section>
    }
}

#[component]
fn RequirementForm(
    line_id: i64,
    currencies: Vec<String>,
    save: ServerAction<SetPlanRequirement>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let result = save.value();
    let err =
        move |f: &'static str| Signal::derive(move || field_error(&result.get(), f, lang.get()));
    let general = move || {
        form_error(
            &result.get(),
            &["year", "currency", "amount", "fx_rate", "source", "reason"],
            lang.get(),
        )
    };
    let currencies: Vec<(String, String, String)> = currencies
        .into_iter()
        .map(|c| (c.clone(), c.clone(), c))
        .collect();
    view! {
        <details class="card" open=move || matches!(result.get(), Some(Err(_)))>
            <summary>{move || x().set_requirement}</summary>
            <p class="field__hint">{move || x().set_requirement_hint}</p>
            <ActionForm action=save attr:class="form-grid" attr:data-test-id="requirement-form">
                <input type="hidden" name="lang" value=move || lang.get().code() />
                <input type="hidden" name="input[line_id]" value=line_id.to_string() />
                <Field name="input[year]" form="r" label=Signal::derive(move || x().col_year) required=true error=err("year") />
                <Select name="input[currency]" field="currency" id="r-currency" label=Signal::derive(move || x().col_currency) choices=currencies selected="USD" error=err("currency") />
                <Field name="input[amount]" form="r" label=Signal::derive(move || x().col_amount) hint=Signal::derive(move || x().amount_hint) required=true error=err("amount") />
                <Field name="input[fx_rate]" form="r" label=Signal::derive(move || x().col_rate) hint=Signal::derive(move || x().rate_hint) error=err("fx_rate") />
                <Field name="input[source]" form="r" label=Signal::derive(move || x().col_source) error=err("source") />
                <Field name="input[reason]" form="r" label=Signal::derive(move || x().col_reason) error=err("reason") />
                <div class="form-actions">
                    <button type="submit" class="button" data-test-id="requirement-save">{move || t().save}</button>
                </div>
                {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="requirement-error">{e}</p> })}
            </ActionForm>
        </details>
    }
}

#[component]
fn StatusForm(
    line_id: i64,
    version: i64,
    status: LineStatus,
    save: ServerAction<SetPlanLineStatus>,
) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let result = save.value();
    let err =
        move |f: &'static str| Signal::derive(move || field_error(&result.get(), f, lang.get()));
    let general = move || form_error(&result.get(), &["status", "note_es", "note_en"], lang.get());
    let statuses = coded_choices(LineStatus::ALL, LineStatus::code, LineStatus::name);
    view! {
        <details class="card" open=move || matches!(result.get(), Some(Err(_)))>
            <summary>{move || x().set_status}</summary>
            <ActionForm action=save attr:class="form-grid" attr:data-test-id="status-form">
                <input type="hidden" name="lang" value=move || lang.get().code() />
                <input type="hidden" name="input[line_id]" value=line_id.to_string() />
                <input type="hidden" name="input[version]" value=version.to_string() />
                <Select name="input[status]" field="status" id="s-status" label=Signal::derive(move || t().col_status) choices=statuses selected=status.code() error=err("status") />
                <TextArea name="input[note_es]" rows=2 label=Signal::derive(move || x().note_es) error=err("note_es") />
                <TextArea name="input[note_en]" rows=2 label=Signal::derive(move || x().note_en) error=err("note_en") />
                <div class="form-actions">
                    <button type="submit" class="button" data-test-id="status-save">{move || t().save}</button>
                </div>
                {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="status-error">{e}</p> })}
            </ActionForm>
        </details>
    }
}
