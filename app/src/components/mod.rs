//! Reusable components, one per file.

pub mod error_panel;
pub mod example_badge;
pub mod field;
pub mod footer;
pub mod header;

/// The page's `<title>` in the current language. On the server the text is fixed when the page
/// renders: the head is written after the page's reactive scope is gone, and a reactive title
/// read then (under concurrent requests) read a disposed value or another request's. In the
/// browser it follows the language.
#[leptos::component]
pub fn PageTitle(text: fn(&'static crate::i18n::Texts) -> &'static str) -> impl leptos::IntoView {
    use leptos::prelude::*;
    #[cfg(feature = "ssr")]
    {
        let fixed = text(crate::i18n::use_lang().get_untracked().t());
        view! { <leptos_meta::Title text=fixed /> }
    }
    #[cfg(not(feature = "ssr"))]
    {
        let lang = app_lang();
        view! { <leptos_meta::Title text=move || text(lang().t()) /> }
    }
}

/// The current language, read from the router's own location. For titles in the browser:
/// `leptos_meta` may evaluate a page's title once more after the page has gone (moving to
/// another page), when signals the page made (such as `use_lang()`'s) are disposed; reading one
/// then panicked and stopped the app. The router's location lives as long as the app.
#[cfg(not(feature = "ssr"))]
fn app_lang() -> impl Fn() -> crate::i18n::Lang + Send + Sync + Clone + 'static {
    use leptos::prelude::*;
    let pathname = leptos_router::hooks::use_location().pathname;
    move || crate::i18n::lang_from_path(&pathname.get())
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
        let lang = app_lang();
        view! { <leptos_meta::Title text=move || lang().pick(&es, &en).to_string() /> }
    }
}
