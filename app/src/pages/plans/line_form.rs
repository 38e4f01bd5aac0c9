//! `/{lang}/plans/{country}/new` and `/{lang}/plans/{country}/lines/{id}/edit`: a line of the
//! plan as its keepers write it; an existing line can also be taken off the plan here.

use super::text::texts;
use crate::components::auth::{field_error, form_error};
use crate::components::field::{coded_choices, named_choices, CheckGroup, Field, Select, TextArea};
use crate::components::{error_panel::or_error_panel, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::{LineStatus, PlanLine, PlanView};
use crate::rpc::plans::{fetch_plan_form, SavePlanLine, WithdrawPlanLine};
use leptos::prelude::*;

#[component]
pub fn LineEditPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    // Read once: a save leaves this page, which must not rebuild while it is replaced.
    let country = crate::pages::route_text("country").get_untracked();
    let id = crate::pages::route_id_once("id").unwrap_or(0);
    let data = Resource::new(move || country.clone(), fetch_plan_form);
    view! {
        <PageTitle text=|l| texts(l).line_edit_title />
        <section class="page">
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let d = data.await?;
                    let line = if id > 0 {
                        Some(d.lines.iter().find(|l| l.id == id).cloned().ok_or(AppError::NotFound)?)
                    } else {
                        None
                    };
                    Ok::<_, AppError>(view! { <LineForm d line /> })
                }))}
            </Suspense>
        </section>
    }
}

#[component]
fn LineForm(d: PlanView, line: Option<PlanLine>) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let save = ServerAction::<SavePlanLine>::new();
    let withdraw = ServerAction::<WithdrawPlanLine>::new();
    let result = save.value();
    let err =
        move |f: &'static str| Signal::derive(move || field_error(&result.get(), f, lang.get()));
    let fields = [
        "country",
        "code",
        "title_es",
        "title_en",
        "description_es",
        "description_en",
        "pillar",
        "sector",
        "institution",
        "period_start",
        "period_end",
        "priority",
        "status",
        "themes",
        "gaps",
    ];
    let general = move || form_error(&result.get(), &fields, lang.get());
    let wresult = withdraw.value();
    let reason_error = Signal::derive(move || field_error(&wresult.get(), "reason", lang.get()));
    let wgeneral = move || form_error(&wresult.get(), &["reason"], lang.get());
    let code = d.plan.country.code.clone();
    let l = line.clone();
    let val = move |f: fn(&PlanLine) -> String| {
        let v = l.as_ref().map(f).unwrap_or_default();
        Signal::derive(move || v.clone())
    };
    let raw = |f: fn(&PlanLine) -> String| line.as_ref().map(f).unwrap_or_default();
    let id = line.as_ref().map_or(0, |l| l.id);
    let version = line.as_ref().map_or(0, |l| l.version);
    let pillar = raw(|l| l.pillar.to_string());
    let sector = raw(|l| l.sector_code.clone().unwrap_or_default());
    let priority = line
        .as_ref()
        .map_or_else(|| "2".to_string(), |l| l.priority.to_string());
    let description_es = raw(|l| l.description_es.clone());
    let description_en = raw(|l| l.description_en.clone());
    let themes_on: Vec<String> = line.as_ref().map(|l| l.themes.clone()).unwrap_or_default();
    let gaps_on: Vec<String> = line
        .as_ref()
        .map(|l| l.gaps.iter().map(i64::to_string).collect())
        .unwrap_or_default();
    let pillars: Vec<(String, String, String)> = d
        .pillars
        .iter()
        .map(|p| {
            (
                p.code.clone(),
                format!("{}. {}", p.code, p.name_es),
                format!("{}. {}", p.code, p.name_en),
            )
        })
        .collect();
    let sectors = named_choices(&d.sectors);
    let priorities: Vec<(String, String, String)> = (1..=3)
        .map(|p| (p.to_string(), p.to_string(), p.to_string()))
        .collect();
    let statuses = coded_choices(LineStatus::ALL, LineStatus::code, LineStatus::name);
    let back = if id > 0 {
        format!("/plans/{code}/lines/{id}")
    } else {
        format!("/plans/{code}")
    };
    let plan_name = d.plan.country.clone();
    view! {
        <p>
            <a href=move || localized(lang.get(), &back)>{move || plan_name.name(lang.get()).to_string()}</a>
        </p>
        <h1>{move || x().line_edit_title}</h1>
        <ActionForm action=save attr:class="form-grid" attr:data-test-id="line-form">
            <input type="hidden" name="lang" value=move || lang.get().code() />
            <input type="hidden" name="input[id]" value=id.to_string() />
            <input type="hidden" name="input[version]" value=version.to_string() />
            <input type="hidden" name="input[country]" value=code.clone() />
            <Field name="input[code]" form="l" value=val(|l| l.code.clone()) label=Signal::derive(move || x().field_code) hint=Signal::derive(move || x().code_hint) required=true error=err("code") />
            <Select name="input[pillar]" field="pillar" id="l-pillar" label=Signal::derive(move || x().col_pillar) choices=pillars selected=pillar empty=Signal::derive(|| "—") error=err("pillar") />
            <Field name="input[title_es]" form="l" value=val(|l| l.title_es.clone()) label=Signal::derive(move || t().field_title_es) error=err("title_es") />
            <Field name="input[title_en]" form="l" value=val(|l| l.title_en.clone()) label=Signal::derive(move || t().field_title_en) error=err("title_en") />
            <TextArea name="input[description_es]" value=description_es label=Signal::derive(move || t().field_description_es) error=err("description_es") />
            <TextArea name="input[description_en]" value=description_en label=Signal::derive(move || t().field_description_en) error=err("description_en") />
            <Select name="input[sector]" field="sector" id="l-sector" label=Signal::derive(move || x().field_sector) choices=sectors selected=sector empty=Signal::derive(|| "—") error=err("sector") />
            <Field name="input[institution]" form="l" value=val(|l| l.institution.clone()) label=Signal::derive(move || x().institution) error=err("institution") />
            <Field name="input[period_start]" form="l" value=val(|l| l.period_start.map(|y| y.to_string()).unwrap_or_default()) label=Signal::derive(move || x().first_year) error=err("period_start") />
            <Field name="input[period_end]" form="l" value=val(|l| l.period_end.map(|y| y.to_string()).unwrap_or_default()) label=Signal::derive(move || x().last_year) error=err("period_end") />
            <Select name="input[priority]" field="priority" id="l-priority" label=Signal::derive(move || x().col_priority) choices=priorities selected=priority error=err("priority") />
            {(id == 0).then(|| view! {
                <Select name="input[status]" field="status" id="l-status" label=Signal::derive(move || lang.get().t().col_status) choices=statuses selected="not_started" error=err("status") />
            })}
            <CheckGroup name="input[themes]" legend=Signal::derive(move || t().facet_theme) choices=named_choices(&d.themes) checked=themes_on error=err("themes") />
            {(!d.gaps.is_empty()).then(|| {
                let gaps: Vec<(String, String, String)> = d.gaps.iter().map(|g| (g.id.to_string(), g.title_es.clone(), g.title_en.clone())).collect();
                view! { <CheckGroup name="input[gaps]" legend=Signal::derive(move || x().gaps_answered) choices=gaps checked=gaps_on error=err("gaps") /> }
            })}
            <div class="form-actions">
                <button type="submit" class="button" data-test-id="line-save">{move || t().save}</button>
            </div>
            {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="line-error">{e}</p> })}
        </ActionForm>
        {(id > 0).then(|| view! {
            <details class="danger-zone">
                <summary>{move || x().line_withdraw}</summary>
                <ActionForm action=withdraw attr:class="form-grid" attr:data-test-id="line-withdraw-form">
                    <input type="hidden" name="lang" value=move || lang.get().code() />
                    <input type="hidden" name="id" value=id.to_string() />
                    <input type="hidden" name="version" value=version.to_string() />
                    <TextArea name="reason" rows=2 label=Signal::derive(move || x().withdraw_reason) error=reason_error />
                    <div class="form-actions">
                        <button type="submit" class="button button--danger">{move || x().line_withdraw}</button>
                    </div>
                    {move || wgeneral().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                </ActionForm>
            </details>
        })}
    }
}
