//! `/{lang}/practices/{id}/print`: a practice without the site's navigation, for printing.

use super::detail::PracticeLoader;
use leptos::prelude::*;

/// The same practice without the site's navigation, laid out for paper.
#[component]
pub fn PracticePrintPage() -> impl IntoView {
    view! { <PracticeLoader print=true /> }
}
