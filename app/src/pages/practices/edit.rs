//! `/{lang}/practices/new` and `/{lang}/practices/{id}/edit`: an author (a country's focal point,
//! a member, the secretariat) writes a practice in Spanish, English or both; it is saved as a
//! draft, to be submitted for review from its page. Texts are Markdown.

use crate::components::auth::{field_error, form_error};
use crate::components::{
    error_panel::or_error_panel,
    field::{Field, TextArea},
    PageTitle,
};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::PracticeFormOptions;
use crate::pages::practices::text::texts;
use crate::rpc::practices::{fetch_practice_form, SavePractice};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PracticeEditPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    });
    let options = Resource::new(move || id.get(), fetch_practice_form);
    view! {
        <PageTitle text=|l| texts(l).practice_edit_title />
        <section class="page">
            <p>
                <a href=move || localized(lang.get(), "/practices")>{move || t().nav_practices}</a>
            </p>
            <h1>{move || x().practice_edit_title}</h1>
            <p class="lead">{move || x().practice_edit_lead}</p>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let o = options.await?;
                    Ok::<_, AppError>(view! { <PracticeForm options=o /> })
                }))}
            </Suspense>
        </section>
    }
}

#[component]
fn PracticeForm(options: PracticeFormOptions) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let save = ServerAction::<SavePractice>::new();
    let result = save.value();
    let err =
        move |f: &'static str| Signal::derive(move || field_error(&result.get(), f, lang.get()));
    let fields = [
        "submitter",
        "title_es",
        "title_en",
        "summary_es",
        "summary_en",
        "body_es",
        "body_en",
        "results_es",
        "results_en",
        "contacts",
        "links",
        "year",
        "period_start",
        "period_end",
        "themes",
        "populations",
        "gaps",
    ];
    let general = move || form_error(&result.get(), &fields, lang.get());
    let cur = options.current.clone();
    let get =
        |f: fn(&crate::model::PracticeDetail) -> String| cur.as_ref().map(f).unwrap_or_default();
    let id = cur.as_ref().map_or(0, |c| c.id);
    let version = cur.as_ref().map_or(0, |c| c.version);
    let chosen_submitter = cur.as_ref().map(|c| c.submitter()).unwrap_or_default();
    let themes_on: Vec<String> = cur
        .as_ref()
        .map(|c| c.themes.iter().map(|x| x.code.clone()).collect())
        .unwrap_or_default();
    let pops_on: Vec<String> = cur
        .as_ref()
        .map(|c| c.populations.iter().map(|x| x.code.clone()).collect())
        .unwrap_or_default();
    let gaps_on: Vec<i64> = cur
        .as_ref()
        .map(|c| c.gaps.iter().map(|g| g.id).collect())
        .unwrap_or_default();
    let md = Signal::derive(move || t().markdown_hint);
    let year_value = Signal::derive({
        let y = cur.as_ref().map(|c| c.year.to_string()).unwrap_or_default();
        move || y.clone()
    });
    let text_value = |v: String| Signal::derive(move || v.clone());
    let title_es = text_value(get(|c| c.title_es.clone()));
    let title_en = text_value(get(|c| c.title_en.clone()));
    let summary_es = get(|c| c.summary_es.clone());
    let summary_en = get(|c| c.summary_en.clone());
    let body_es = get(|c| c.body_es.clone());
    let body_en = get(|c| c.body_en.clone());
    let results_es = get(|c| c.results_es.clone());
    let results_en = get(|c| c.results_en.clone());
    let contacts = get(|c| c.contacts.clone());
    let period_start = text_value(get(|c| c.period_start.clone().unwrap_or_default()));
    let period_end = text_value(get(|c| c.period_end.clone().unwrap_or_default()));
    let links = get(|c| c.links.clone());
    let themes_error = err("themes");
    let pops_error = err("populations");
    let gaps_error = err("gaps");
    view! {
        <ActionForm action=save attr:class="form-grid practice-form" attr:data-test-id="practice-form">
            <input type="hidden" name="lang" value=move || lang.get().code() />
            <input type="hidden" name="input[id]" value=id.to_string() />
            <input type="hidden" name="input[version]" value=version.to_string() />
            <div class="field" class:field--invalid=move || err("submitter").get().is_some()>
                <label for="p-submitter">{move || x().practice_submitter}</label>
                <select id="p-submitter" name="input[submitter]" disabled={id > 0} data-test-id="field-submitter">
                    {options
                        .submitters
                        .iter()
                        .map(|(code, es, en)| {
                            let (es, en) = (es.clone(), en.clone());
                            view! {
                                <option value=code.clone() selected=*code == chosen_submitter>
                                    {move || lang.get().pick(&es, &en).to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                {(id > 0).then(|| view! { <input type="hidden" name="input[submitter]" value=chosen_submitter.clone() /> })}
                {move || err("submitter").get().map(|e| view! { <p class="field-error" data-test-id="error-submitter">{e}</p> })}
            </div>
            <Field name="input[year]" form="p" kind="number" required=true value=year_value label=Signal::derive(move || x().facet_year) error=err("year") />
            <Field name="input[period_start]" form="p" kind="date" value=period_start label=Signal::derive(move || t().period_start) error=err("period_start") />
            <Field name="input[period_end]" form="p" kind="date" value=period_end label=Signal::derive(move || t().period_end) error=err("period_end") />
            <Field name="input[title_es]" form="p" value=title_es label=Signal::derive(move || t().field_title_es) error=err("title_es") />
            <Field name="input[title_en]" form="p" value=title_en label=Signal::derive(move || t().field_title_en) error=err("title_en") />
            <TextArea name="input[summary_es]" rows=3 value=summary_es label=Signal::derive(move || x().practice_summary_es) error=err("summary_es") />
            <TextArea name="input[summary_en]" rows=3 value=summary_en label=Signal::derive(move || x().practice_summary_en) error=err("summary_en") />
            <TextArea name="input[body_es]" rows=10 value=body_es hint=md label=Signal::derive(move || x().practice_body_es) error=err("body_es") />
            <TextArea name="input[body_en]" rows=10 value=body_en hint=md label=Signal::derive(move || x().practice_body_en) error=err("body_en") />
            <TextArea name="input[results_es]" rows=5 value=results_es hint=md label=Signal::derive(move || x().practice_results_es) error=err("results_es") />
            <TextArea name="input[results_en]" rows=5 value=results_en hint=md label=Signal::derive(move || x().practice_results_en) error=err("results_en") />
            <fieldset class="field field--wide checks" class:field--invalid=move || themes_error.get().is_some() data-test-id="field-themes">
                <legend>{move || t().facet_theme}</legend>
                {options.themes.iter().map(|th| {
                    let (code, es, en) = (th.code.clone(), th.name_es.clone(), th.name_en.clone());
                    let checked = themes_on.contains(&code);
                    view! {
                        <label class="check">
                            <input type="checkbox" name=format!("input[themes][{code}]") value="on" checked=checked data-test-id=format!("theme-{code}") />
                            {move || lang.get().pick(&es, &en).to_string()}
                        </label>
                    }
                }).collect_view()}
                {move || themes_error.get().map(|e| view! { <p class="field-error" data-test-id="error-themes">{e}</p> })}
            </fieldset>
            <fieldset class="field field--wide checks" class:field--invalid=move || pops_error.get().is_some()>
                <legend>{move || t().facet_population}</legend>
                {options.populations.iter().map(|p| {
                    let (code, es, en) = (p.code.clone(), p.name_es.clone(), p.name_en.clone());
                    let checked = pops_on.contains(&code);
                    view! {
                        <label class="check">
                            <input type="checkbox" name=format!("input[populations][{code}]") value="on" checked=checked data-test-id=format!("population-{code}") />
                            {move || lang.get().pick(&es, &en).to_string()}
                        </label>
                    }
                }).collect_view()}
                {move || pops_error.get().map(|e| view! { <p class="field-error">{e}</p> })}
            </fieldset>
            {(!options.gaps.is_empty()).then(|| view! {
                <details class="field field--wide" open=!gaps_on.is_empty()>
                    <summary>{move || x().practice_gaps}</summary>
                    <fieldset class="checks" class:field--invalid=move || gaps_error.get().is_some()>
                        <legend class="visually-hidden">{move || x().practice_gaps}</legend>
                        {options.gaps.iter().map(|g| {
                            let gid = g.id;
                            let checked = gaps_on.contains(&gid);
                            let (es, en, c) = (g.title_es.clone(), g.title_en.clone(), g.country_iso2.clone());
                            view! {
                                <label class="check">
                                    <input type="checkbox" name=format!("input[gaps][{gid}]") value="on" checked=checked />
                                    {move || format!("{} ({c})", lang.get().pick(&es, &en))}
                                </label>
                            }
                        }).collect_view()}
                        {move || gaps_error.get().map(|e| view! { <p class="field-error">{e}</p> })}
                    </fieldset>
                </details>
            })}
            <TextArea name="input[contacts]" rows=3 value=contacts label=Signal::derive(move || x().practice_contacts) error=err("contacts") />
            <TextArea name="input[links]" rows=3 value=links hint=Signal::derive(move || x().practice_links_hint) label=Signal::derive(move || x().practice_links) error=err("links") />
            <div class="form-actions">
                <button type="submit" class="button" data-test-id="practice-save">{move || x().practice_save_draft}</button>
            </div>
            {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="practice-form-error">{e}</p> })}
        </ActionForm>
    }
}
