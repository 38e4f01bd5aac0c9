//! Reusable components, one per file.

pub mod auth;
pub mod data_table;
pub mod error_panel;
pub mod example_badge;
pub mod field;
pub mod footer;
pub mod header;

/// The page's `<title>` in the current language. On the server the text is fixed when the page
/// renders: the head is written after the page's reactive scope is gone, and a reactive title
/// read then (under concurrent requests) read a disposed value or another request's. In the
/// browser it follows the app's language signal, which outlives every page.
#[leptos::component]
pub fn PageTitle(text: fn(crate::i18n::Lang) -> &'static str) -> impl leptos::IntoView {
    use leptos::prelude::*;
    #[cfg(feature = "ssr")]
    {
        let fixed = text(crate::i18n::use_lang().get_untracked());
        view! { <leptos_meta::Title text=fixed /> }
    }
    #[cfg(not(feature = "ssr"))]
    {
        let lang = crate::i18n::use_lang();
        view! { <leptos_meta::Title text=move || text(lang.get()) /> }
    }
}

/// The page's `<title>` from bilingual data (a record's title), fixed on the server like
/// [`PageTitle`], following the language in the browser.
#[leptos::component]
pub fn DataTitle(es: String, en: String) -> impl leptos::IntoView {
    use leptos::prelude::*;
    #[cfg(feature = "ssr")]
    {
        let fixed = crate::i18n::use_lang()
            .get_untracked()
            .pick(&es, &en)
            .to_string();
        view! { <leptos_meta::Title text=fixed /> }
    }
    #[cfg(not(feature = "ssr"))]
    {
        let lang = crate::i18n::use_lang();
        view! { <leptos_meta::Title text=move || lang.get().pick(&es, &en).to_string() /> }
    }
}
