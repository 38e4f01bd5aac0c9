//! The parent of every localized page: checks the locale segment, shows the 404 page for any
//! other prefix.

use super::not_found::NotFound;
use crate::i18n::Lang;
use leptos::prelude::*;
use leptos_router::{components::Outlet, hooks::use_params_map};

#[component]
pub fn LangLayout() -> impl IntoView {
    let params = use_params_map();
    let known = move || {
        params
            .read()
            .get("lang")
            .and_then(|code| Lang::from_code(&code))
            .is_some()
    };
    view! {
        <Show when=known fallback=|| view! { <NotFound /> }>
            <Outlet />
        </Show>
    }
}
