//! The site footer: what the data is, and where the open data lives.

use crate::i18n::use_lang;
use leptos::prelude::*;

#[component]
pub fn SiteFooter() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p>{move || t().footer_text}</p>
                <p>
                    <a href="/api/openapi.json" rel="external">
                        {move || t().footer_api}
                    </a>
                </p>
            </div>
        </footer>
    }
}
