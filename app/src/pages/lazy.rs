//! Pages that only signed-in people use are split out of the main wasm and loaded when their
//! route is visited, so that the public pages stay small. Each gets a `LazyRoute` that renders
//! the page's component; its code (views, server-function calls, types) leaves the main bundle.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

macro_rules! lazy_page {
    ($(#[$doc:meta])* $route:ident => $component:path) => {
        $(#[$doc])*
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                use $component as Page;
                view! { <Page /> }.into_any()
            }
        }
    };
}

lazy_page!(
    /// `/{lang}/login`
    LoginRoute => super::accounts::login::LoginPage
);
lazy_page!(
    /// `/{lang}/account`
    AccountRoute => super::accounts::account::AccountPage
);
lazy_page!(
    /// `/{lang}/invitation/{token}`
    InvitationRoute => super::accounts::invitation::InvitationPage
);
lazy_page!(
    /// `/{lang}/admin/users`
    AdminUsersRoute => super::accounts::users::AdminUsersPage
);
lazy_page!(
    /// `/{lang}/admin/audit`
    AdminAuditRoute => super::accounts::audit::AdminAuditPage
);
lazy_page!(
    /// `/{lang}/about`: long and read once; it need not weigh on the home page.
    AboutRoute => super::about::AboutPage
);
lazy_page!(
    /// `/{lang}/dashboard`: the charts (and charming) load only here.
    DashboardRoute => super::contributions::dashboard::DashboardPage
);
lazy_page!(
    /// `/{lang}/contributions`
    ContributionsRoute => super::contributions::list::ContributionsPage
);
lazy_page!(
    /// `/{lang}/contributions/{id}`
    ContributionRoute => super::contributions::detail::ContributionPage
);
lazy_page!(
    /// `/{lang}/contributions/new`
    NewContributionRoute => super::contributions::new::NewContributionPage
);
lazy_page!(
    /// `/{lang}/contributions/import`
    ImportRoute => super::contributions::import::ImportPage
);
lazy_page!(
    /// `/{lang}/contributions/import/{id}`
    ImportJobRoute => super::contributions::import_job::ImportJobPage
);
lazy_page!(
    /// `/{lang}/practices`
    PracticesRoute => super::practices::search::PracticesPage
);
lazy_page!(
    /// `/{lang}/practices/{id}`
    PracticeRoute => super::practices::detail::PracticePage
);
lazy_page!(
    /// `/{lang}/practices/{id}/print`
    PracticePrintRoute => super::practices::print::PracticePrintPage
);
lazy_page!(
    /// `/{lang}/practices/new` and `/{lang}/practices/{id}/edit`
    PracticeEditRoute => super::practices::edit::PracticeEditPage
);
lazy_page!(
    /// `/{lang}/practices/manage`
    PracticeManageRoute => super::practices::manage::PracticeManagePage
);
lazy_page!(
    /// `/{lang}/practices/topics`
    TopicsRoute => super::practices::topics::TopicsPage
);
lazy_page!(
    /// `/{lang}/inventory`
    InventoryRoute => super::inventory::matrix::InventoryPage
);
lazy_page!(
    /// `/{lang}/inventory/{country}`
    CountryInventoryRoute => super::inventory::country::CountryInventoryPage
);
lazy_page!(
    /// `/{lang}/inventory/{country}/new` and `/{lang}/inventory/{country}/{id}/edit`
    EntryEditRoute => super::inventory::entry_form::EntryEditPage
);
lazy_page!(
    /// `/{lang}/plans`
    PlansRoute => super::plans::overview::PlansPage
);
lazy_page!(
    /// `/{lang}/plans/{country}`
    PlanRoute => super::plans::country::PlanPage
);
lazy_page!(
    /// `/{lang}/plans/{country}/lines/{id}`
    PlanLineRoute => super::plans::line::LinePage
);
lazy_page!(
    /// `/{lang}/plans/{country}/new` and `/{lang}/plans/{country}/lines/{id}/edit`
    PlanLineEditRoute => super::plans::line_form::LineEditPage
);
lazy_page!(
    /// `/{lang}/offers`
    OffersRoute => super::offers::list::OffersListPage
);
lazy_page!(
    /// `/{lang}/offers/new`
    OfferNewRoute => super::offers::form::OfferNewPage
);
lazy_page!(
    /// `/{lang}/offers/{id}`
    OfferRoute => super::offers::detail::OfferPage
);
lazy_page!(
    /// `/{lang}/commitments`
    CommitmentsRoute => super::commitments::list::CommitmentsListPage
);
lazy_page!(
    /// `/{lang}/commitments/{id}`
    CommitmentRoute => super::commitments::detail::CommitmentPage
);
lazy_page!(
    /// `/{lang}/commitments/new` and `/{lang}/commitments/{id}/edit`
    CommitmentFormRoute => super::commitments::form::CommitmentFormPage
);
lazy_page!(
    /// `/{lang}/commitments/manage`
    CommitmentsManageRoute => super::commitments::manage::CommitmentsManagePage
);
lazy_page!(
    /// `/{lang}/events`
    EventListRoute => super::events::EventListPage
);
lazy_page!(
    /// `/{lang}/events/calendar`
    EventMonthRoute => super::events::MonthPage
);
lazy_page!(
    /// `/{lang}/events/mine`
    MyEventsRoute => super::events::MyEventsPage
);
lazy_page!(
    /// `/{lang}/events/new` and `/{lang}/events/{id}/edit`
    EventFormRoute => super::events::EventFormRoutePage
);
lazy_page!(
    /// `/{lang}/events/{id}`
    EventRoute => super::events::EventRoutePage
);
lazy_page!(
    /// `/{lang}/events/{id}/participants`
    ParticipantsRoute => super::events::ParticipantsRoutePage
);
lazy_page!(
    /// `/{lang}/countries/{code}`
    CountryRoute => super::countries::CountryPageView
);
lazy_page!(
    /// `/{lang}/contributions/{id}/edit`
    EditContributionRoute => super::contributions::edit::EditContributionPage
);
