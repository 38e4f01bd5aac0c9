//! The site header: name, main navigation (only pages that exist), the account menu and the
//! language switch.

use crate::components::auth::use_auth;
use crate::i18n::{localized, switch_path, use_lang};
use crate::model::{CurrentUser, Role};
use leptos::prelude::*;
use leptos_router::{components::A, hooks::use_location};

#[component]
pub fn SiteHeader() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let home = move || localized(lang.get(), "/");
    let about = move || localized(lang.get(), "/about");
    let dashboard = move || localized(lang.get(), "/dashboard");
    let contributions = move || localized(lang.get(), "/contributions");
    let practices = move || localized(lang.get(), "/practices");
    let plans = move || localized(lang.get(), "/plans");
    let offers = move || localized(lang.get(), "/offers");
    let commitments = move || localized(lang.get(), "/commitments");
    let inventory = move || localized(lang.get(), "/inventory");
    let events = move || localized(lang.get(), "/events");
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
                            <A href=dashboard>{move || t().nav_dashboard}</A>
                        </li>
                        <li>
                            <A href=contributions>{move || t().nav_contributions}</A>
                        </li>
                        <li>
                            <A href=plans>{move || t().nav_plans}</A>
                        </li>
                        <li>
                            <A href=offers>{move || t().nav_offers}</A>
                        </li>
                        <li>
                            <A href=commitments>{move || t().nav_commitments}</A>
                        </li>
                        <li>
                            <A href=practices>{move || t().nav_practices}</A>
                        </li>
                        <li>
                            <A href=inventory>{move || t().nav_inventory}</A>
                        </li>
                        <li>
                            <A href=events>{move || t().nav_events}</A>
                        </li>
                        <li>
                            <A href=about>{move || t().nav_about}</A>
                        </li>
                    </ul>
                </nav>
                <AccountMenu />
                <LanguageSwitch />
            </div>
        </header>
    }
}

/// "Sign in" for visitors; name, account, admin links and "sign out" for signed-in people.
#[component]
fn AccountMenu() -> impl IntoView {
    let auth = use_auth();
    let lang = use_lang();
    let location = use_location();
    let t = move || lang.get().t();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match auth.user.await {
                    Ok(Some(user)) => view! { <SignedIn user /> }.into_any(),
                    _ => {
                        let href = move || {
                            let here = location.pathname.get();
                            let login = localized(lang.get(), "/login");
                            if here.ends_with("/login") { login } else { format!("{login}?next={here}") }
                        };
                        view! {
                            <a class="account-link" href=href data-test-id="sign-in-link">
                                {move || t().nav_sign_in}
                            </a>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The signed-in person's menu: their name opens a short list (account, their events, the
/// secretariat's admin pages, sign out). A `<details>` disclosure, so it opens without
/// JavaScript too; with it, the menu closes on navigation, on Escape and on a click elsewhere.
#[component]
fn SignedIn(user: CurrentUser) -> impl IntoView {
    let auth = use_auth();
    let lang = use_lang();
    let location = use_location();
    let t = move || lang.get().t();
    let is_secretariat = user.role == Role::Secretariat;
    let menu = NodeRef::<leptos::html::Details>::new();
    let close = move || {
        if let Some(details) = menu.get_untracked() {
            let _ = details.remove_attribute("open");
        }
    };
    Effect::new(move |_| {
        location.pathname.track();
        close();
    });
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let outside = window_event_listener(leptos::ev::click, move |ev| {
            let Some(details) = menu.get_untracked() else {
                return;
            };
            let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            if !details.contains(target.as_ref()) {
                close();
            }
        });
        on_cleanup(move || outside.remove());
    }
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() != "Escape" {
            return;
        }
        let Some(details) = menu.get_untracked() else {
            return;
        };
        if !details.has_attribute("open") {
            return;
        }
        close();
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let summary = details.query_selector("summary").ok().flatten();
            if let Some(summary) = summary.and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = summary.focus();
            }
        }
    };
    view! {
        <details class="account-menu" node_ref=menu on:keydown=on_key data-test-id="account-menu">
            <summary data-test-id="account-summary">
                <span class="visually-hidden">{move || t().account_menu_label} ": "</span>
                {user.display_name.clone()}
            </summary>
            <ul class="account-menu__list">
                <li>
                    <a href=move || localized(lang.get(), "/account") data-test-id="account-link">
                        {move || t().nav_account}
                    </a>
                </li>
                <li>
                    <a href=move || localized(lang.get(), "/events/mine") data-test-id="my-events-link">
                        {move || t().nav_my_events}
                    </a>
                </li>
                {is_secretariat
                    .then(|| {
                        view! {
                            <li>
                                <a href=move || localized(lang.get(), "/admin/users") data-test-id="users-link">
                                    {move || t().nav_users}
                                </a>
                            </li>
                            <li>
                                <a href=move || localized(lang.get(), "/admin/audit") data-test-id="audit-link">
                                    {move || t().nav_audit}
                                </a>
                            </li>
                        }
                    })}
                <li>
                    <ActionForm action=auth.logout attr:class="inline">
                        <input type="hidden" name="lang" value=move || lang.get().code() />
                        <button type="submit" class="link-button" data-test-id="sign-out">
                            {move || t().nav_sign_out}
                        </button>
                    </ActionForm>
                </li>
            </ul>
        </details>
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
