//! The site header: name, main navigation (only pages that exist) and the language switch.

use crate::i18n::{localized, switch_path, use_lang};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

#[component]
pub fn SiteHeader() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let home = move || localized(lang.get(), "/");
    let about = move || localized(lang.get(), "/about");
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-brand" href=home data-test-id="brand">
                    <span class="site-brand__name">{move || t().site_name}</span>
                </a>
                <nav aria-label=move || t().nav_label class="site-nav">
                    <ul>
                        <li>
                            <A href=home exact=true>
                                {move || t().nav_home}
                            </A>
                        </li>
                        <li>
                            <A href=about>{move || t().nav_about}</A>
                        </li>
                    </ul>
                </nav>
                <LanguageSwitch />
            </div>
        </header>
    }
}

/// A link to the same page in the other language. A plain link: it works without JavaScript,
/// and with it the router swaps the page in place.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let target = move || lang.get().other();
    let href = move || switch_path(&location.pathname.get(), &location.search.get(), target());
    view! {
        <a
            class="lang-switch"
            href=href
            hreflang=move || target().code()
            lang=move || target().code()
            data-test-id="lang-switch"
            title=move || lang.get().t().lang_switch_label
        >
            <span aria-hidden="true">{move || target().code().to_uppercase()}</span>
            <span class="lang-switch__name">{move || target().t().lang_name}</span>
        </a>
    }
}
