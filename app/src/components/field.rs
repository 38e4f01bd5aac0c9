//! Labelled form fields (one line, or several for texts) whose error, when there is one, is
//! announced and tied to the input.

use leptos::prelude::*;

#[component]
pub fn Field(
    /// The input's `name` (and, prefixed, its `id`).
    name: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: Option<Signal<String>>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Distinguishes the ids of two forms on one page with a field of the same name.
    #[prop(default = "f")]
    form: &'static str,
) -> impl IntoView {
    let id = format!("{form}-{name}");
    let err_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let err_id = err_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(err_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field--invalid=move || error.get().is_some()>
            <label for=id.clone()>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{move || h.get()}</p> })}
            <input
                id=id.clone()
                name=name
                type=kind
                autocomplete=autocomplete
                required=required
                value=move || value.map(|v| v.get())
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                data-test-id=format!("field-{name}")
            />
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="field-error" id=err_id.clone() data-test-id=format!("error-{name}")>
                                {e}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// A labelled multi-line field (Markdown texts, contacts, links).
#[component]
pub fn TextArea(
    name: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    #[prop(default = 4)] rows: u32,
    #[prop(optional)] value: String,
    #[prop(into)] error: Signal<Option<String>>,
    /// Its `id`, when one page shows the same field more than once (by default from `name`).
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    let id = id.unwrap_or_else(|| format!("t-{}", name.replace(['[', ']'], "-")));
    let hint_id = format!("{id}-hint");
    let described = hint.is_some().then(|| hint_id.clone());
    view! {
        <div class="field field--wide" class:field--invalid=move || error.get().is_some()>
            <label for=id.clone()>{move || label.get()}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{move || h.get()}</p> })}
            <textarea
                id=id
                name=name
                rows=rows
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
                data-test-id=format!("field-{name}")
            >
                {value}
            </textarea>
            {move || error.get().map(|e| view! { <p class="field-error" data-test-id=format!("error-{name}")>{e}</p> })}
        </div>
    }
}

/// A labelled choice among coded values, each named in both languages: (code, Spanish,
/// English). Its test id is `field-{field}`; a problem shows under it.
#[component]
pub fn Select(
    /// The select's `name` as the form sends it (`input[kind]` for a field of a struct).
    #[prop(into)]
    name: String,
    /// Its short name: the test id (`field-{field}`) and the error's.
    field: &'static str,
    /// Its `id`, which the label points to.
    #[prop(into)]
    id: String,
    #[prop(into)] label: Signal<&'static str>,
    choices: Vec<(String, String, String)>,
    /// The code chosen when the form opens.
    #[prop(optional, into)]
    selected: String,
    /// A first option with no value (none chosen), with this text.
    #[prop(optional, into)]
    empty: Option<Signal<&'static str>>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
    #[prop(optional)] disabled: bool,
) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let invalid = move || error.is_some_and(|e| e.get().is_some());
    view! {
        <div class="field" class:field--invalid=invalid>
            <label for=id.clone()>{move || label.get()}</label>
            <select
                id=id
                name=name
                disabled=disabled
                data-test-id=format!("field-{field}")
                aria-invalid=move || invalid().then_some("true")
            >
                {empty.map(|e| view! { <option value="">{move || e.get()}</option> })}
                {choices
                    .into_iter()
                    .map(|(code, es, en)| {
                        let on = code == selected;
                        view! { <option value=code selected=on>{move || lang.get().pick(&es, &en).to_string()}</option> }
                    })
                    .collect_view()}
            </select>
            {move || {
                error
                    .and_then(|e| e.get())
                    .map(|e| view! { <p class="field-error" data-test-id=format!("error-{field}")>{e}</p> })
            }}
        </div>
    }
}

/// A coded value's choices for [`Select`]: (code, Spanish name, English name).
pub fn coded_choices<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    name: impl Fn(T, crate::i18n::Lang) -> &'static str,
) -> Vec<(String, String, String)> {
    use crate::i18n::Lang;
    all.iter()
        .map(|&v| {
            (
                code(v).to_string(),
                name(v, Lang::Es).to_string(),
                name(v, Lang::En).to_string(),
            )
        })
        .collect()
}

/// A group of checkboxes, one per coded choice (code, Spanish, English), sent as
/// `{name}[{code}]=on`; its problem shows under it.
#[component]
pub fn CheckGroup(
    /// The group's name as the form sends it (`input[themes]`).
    name: &'static str,
    #[prop(into)] legend: Signal<&'static str>,
    choices: Vec<(String, String, String)>,
    /// The codes ticked when the form opens.
    #[prop(optional)]
    checked: Vec<String>,
    #[prop(into)] error: Signal<Option<String>>,
    /// Its test id.
    #[prop(optional)]
    test_id: &'static str,
) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    view! {
        <fieldset class="field field--wide checks" class:field--invalid=move || error.get().is_some() data-test-id=test_id>
            <legend>{move || legend.get()}</legend>
            {choices.into_iter().map(|(c, es, en)| {
                let on = checked.contains(&c);
                view! {
                    <label class="check">
                        <input type="checkbox" name=format!("{name}[{c}]") value="on" checked=on />
                        {move || lang.get().pick(&es, &en).to_string()}
                    </label>
                }
            }).collect_view()}
            {move || error.get().map(|e| view! { <p class="field-error">{e}</p> })}
        </fieldset>
    }
}

/// Named choices from a vocabulary, for [`Select`] and [`CheckGroup`]: (code, Spanish, English).
pub fn named_choices(list: &[crate::model::Named]) -> Vec<(String, String, String)> {
    list.iter()
        .map(|n| (n.code.clone(), n.name_es.clone(), n.name_en.clone()))
        .collect()
}
