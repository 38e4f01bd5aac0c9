//! The label on every figure or record that is example data, not an official figure.

use crate::i18n::use_lang;
use leptos::prelude::*;

#[component]
pub fn ExampleBadge() -> impl IntoView {
    let lang = use_lang();
    view! {
        <span class="badge badge--example" title=move || lang.get().t().example_badge_title data-test-id="example-badge">
            {move || lang.get().t().example_badge}
        </span>
    }
}
