//! The 404 page: answered with HTTP status 404, in the language of the address.

use crate::components::PageTitle;
use crate::error::set_page_status;
use crate::i18n::{localized, use_lang};
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    set_page_status(404);
    let lang = use_lang();
    let t = move || lang.get().t();
    view! {
        <PageTitle text=|l| l.t().not_found_title />
        <section class="page page--narrow" data-test-id="not-found">
            <h1>{move || t().not_found_title}</h1>
            <p>{move || t().not_found_body}</p>
            <p>
                <a class="button" href=move || localized(lang.get(), "/")>
                    {move || t().back_home}
                </a>
            </p>
        </section>
    }
}
