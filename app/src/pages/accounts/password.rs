//! The new password and its confirmation, as every form that sets a password asks for them.

use super::text::texts;
use crate::components::field::Field;
use crate::i18n::use_lang;
use leptos::prelude::*;

/// Two password fields: the new one (named `name`, with the rules as a hint) and its
/// confirmation (`confirm_password`); `error` gives a field's problem by its name.
#[component]
pub fn NewPasswordFields(
    name: &'static str,
    error: impl Fn(&'static str) -> Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    view! {
        <Field
            name=name
            label=Signal::derive(move || x().field_new_password)
            kind="password"
            autocomplete="new-password"
            required=true
            hint=Signal::derive(move || x().password_hint)
            error=error(name)
        />
        <Field
            name="confirm_password"
            label=Signal::derive(move || x().field_confirm_password)
            kind="password"
            autocomplete="new-password"
            required=true
            error=error("confirm_password")
        />
    }
}
