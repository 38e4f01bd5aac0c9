//! MIRPS Hub: pages, components, server functions and shared types, compiled twice: for the
//! server (feature `ssr`) and for the browser (feature `hydrate`).

#![recursion_limit = "256"]

pub mod components;
pub mod error;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod rpc;
#[cfg(feature = "ssr")]
pub mod server;

use components::{footer::SiteFooter, header::SiteHeader};
use i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::Lazy;
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    ParamSegment, SsrMode, StaticSegment,
};
use pages::{
    home::HomePage,
    lang_layout::LangLayout,
    lazy::{
        AboutRoute, AccountRoute, AdminAuditRoute, AdminUsersRoute, CommitmentFormRoute,
        CommitmentRoute, CommitmentsManageRoute, CommitmentsRoute, ContributionRoute,
        ContributionsRoute, CountryInventoryRoute, CountryRoute, DashboardRoute,
        EditContributionRoute, EntryEditRoute, EventFormRoute, EventListRoute, EventMonthRoute,
        EventRoute, ImportJobRoute, ImportRoute, InventoryRoute, InvitationRoute, LoginRoute,
        MyEventsRoute, NewContributionRoute, OfferNewRoute, OfferRoute, OffersRoute,
        ParticipantsRoute, PlanLineEditRoute, PlanLineRoute, PlanRoute, PlansRoute,
        PracticeEditRoute, PracticeManageRoute, PracticePrintRoute, PracticeRoute, PracticesRoute,
        TopicsRoute,
    },
    not_found::NotFound,
};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The route table. Every public page lives under its locale: `/es/...` or `/en/...`.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/mirps-hub.css" />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Router>
            <Document />
        </Router>
    }
}

/// Everything inside the router: the language-aware document parts and the routes.
#[component]
fn Document() -> impl IntoView {
    i18n::provide_lang();
    components::auth::provide_auth();
    let lang = use_lang();
    let t = move || lang.get().t();
    view! {
        <Html {..} lang=move || lang.get().code() />
        <Title formatter=|page: String| {
            if page.is_empty() { "MIRPS Hub".to_string() } else { format!("{page} · MIRPS Hub") }
        } />
        <Meta name="description" content=move || t().site_tagline />
        <a class="skip-link" href="#main">
            {move || t().skip_to_content}
        </a>
        <SiteHeader />
        <main id="main" tabindex="-1">
            <Routes fallback=|| view! { <NotFound /> }>
                <ParentRoute path=ParamSegment("lang") view=LangLayout>
                    <Route path=StaticSegment("/") view=HomePage ssr=SsrMode::Async />
                    <Route
                        path=StaticSegment("dashboard")
                        view={Lazy::<DashboardRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=StaticSegment("contributions")
                        view={Lazy::<ContributionsRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("contributions"), StaticSegment("new"))
                        view={Lazy::<NewContributionRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("contributions"), StaticSegment("import"))
                        view={Lazy::<ImportRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("contributions"), StaticSegment("import"), ParamSegment("id"))
                        view={Lazy::<ImportJobRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("contributions"), ParamSegment("id"), StaticSegment("edit"))
                        view={Lazy::<EditContributionRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("contributions"), ParamSegment("id"))
                        view={Lazy::<ContributionRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("practices") view={Lazy::<PracticesRoute>::new()} ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("practices"), StaticSegment("new"))
                        view={Lazy::<PracticeEditRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("practices"), StaticSegment("manage"))
                        view={Lazy::<PracticeManageRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("practices"), StaticSegment("topics"))
                        view={Lazy::<TopicsRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("practices"), ParamSegment("id"))
                        view={Lazy::<PracticeRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("practices"), ParamSegment("id"), StaticSegment("print"))
                        view={Lazy::<PracticePrintRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("practices"), ParamSegment("id"), StaticSegment("edit"))
                        view={Lazy::<PracticeEditRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("inventory") view={Lazy::<InventoryRoute>::new()} ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("inventory"), ParamSegment("country"))
                        view={Lazy::<CountryInventoryRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("inventory"), ParamSegment("country"), StaticSegment("new"))
                        view={Lazy::<EntryEditRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("inventory"), ParamSegment("country"), ParamSegment("id"), StaticSegment("edit"))
                        view={Lazy::<EntryEditRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("plans") view={Lazy::<PlansRoute>::new()} ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("plans"), ParamSegment("country"))
                        view={Lazy::<PlanRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("plans"), ParamSegment("country"), StaticSegment("new"))
                        view={Lazy::<PlanLineEditRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("plans"), ParamSegment("country"), StaticSegment("lines"), ParamSegment("id"))
                        view={Lazy::<PlanLineRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("plans"), ParamSegment("country"), StaticSegment("lines"), ParamSegment("id"), StaticSegment("edit"))
                        view={Lazy::<PlanLineEditRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("countries"), ParamSegment("code"))
                        view={Lazy::<CountryRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("offers") view={Lazy::<OffersRoute>::new()} ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("offers"), StaticSegment("new"))
                        view={Lazy::<OfferNewRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("offers"), ParamSegment("id"))
                        view={Lazy::<OfferRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("commitments") view={Lazy::<CommitmentsRoute>::new()} ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("commitments"), StaticSegment("new"))
                        view={Lazy::<CommitmentFormRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("commitments"), StaticSegment("manage"))
                        view={Lazy::<CommitmentsManageRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("commitments"), ParamSegment("id"))
                        view={Lazy::<CommitmentRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("commitments"), ParamSegment("id"), StaticSegment("edit"))
                        view={Lazy::<CommitmentFormRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("events") view={Lazy::<EventListRoute>::new()} ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("events"), StaticSegment("calendar"))
                        view={Lazy::<EventMonthRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("events"), StaticSegment("mine"))
                        view={Lazy::<MyEventsRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("events"), StaticSegment("new"))
                        view={Lazy::<EventFormRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("events"), ParamSegment("id"))
                        view={Lazy::<EventRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("events"), ParamSegment("id"), StaticSegment("edit"))
                        view={Lazy::<EventFormRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("events"), ParamSegment("id"), StaticSegment("participants"))
                        view={Lazy::<ParticipantsRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=StaticSegment("about") view={Lazy::<AboutRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment("login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async />
                    <Route path=StaticSegment("account") view={Lazy::<AccountRoute>::new()} ssr=SsrMode::Async />
                    <Route
                        path=(StaticSegment("invitation"), ParamSegment("token"))
                        view={Lazy::<InvitationRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("users"))
                        view={Lazy::<AdminUsersRoute>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=(StaticSegment("admin"), StaticSegment("audit"))
                        view={Lazy::<AdminAuditRoute>::new()}
                        ssr=SsrMode::Async
                    />
                </ParentRoute>
            </Routes>
        </main>
        <SiteFooter />
    }
}
