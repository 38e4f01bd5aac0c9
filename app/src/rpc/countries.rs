//! The country page's one read: a country's plan and coverage, what it received, its inventory,
//! good practices, events and offers, each in short (anyone).

use crate::error::AppError;
use crate::model::CountryPage;
use leptos::prelude::*;

/// Everything the country page shows for `code` (ISO alpha-2, any case).
#[server(prefix = "/rpc", endpoint = "country_page")]
pub async fn fetch_country_page(code: String) -> Result<CountryPage, AppError> {
    super::respond(country_page(&code).await)
}

#[cfg(feature = "ssr")]
async fn country_page(code: &str) -> Result<CountryPage, AppError> {
    use crate::model::{
        ContributionFilter, EntryType, EventQuery, InventoryCounts, OfferQuery, OfferStatus,
        PracticeQuery, COUNTRY_PAGE_ITEMS,
    };
    use crate::server::{
        state::app_state,
        store::{contributions, events, inventory, offers, practices, reference},
    };
    let code = code.trim().to_ascii_uppercase();
    if code.len() != 2 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(AppError::NotFound);
    }
    let state = app_state()?;
    let db = &state.db;
    let profile = reference::country_profile(db, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let vocabulary = state.vocabulary.get(db).await?;
    let filter = ContributionFilter {
        country: Some(code.clone()),
        ..Default::default()
    };
    let received = state.aggregates.totals(db, &filter).await?;
    let (recent, _) = contributions::list(db, &filter, 1, COUNTRY_PAGE_ITEMS as i64).await?;

    let entries = inventory::list(db, Some(&code), None).await?;
    let mut counts = InventoryCounts::default();
    for e in &entries {
        match e.entry_type {
            EntryType::Service => counts.services += 1,
            EntryType::Programme => counts.programmes += 1,
            EntryType::Gap => counts.gaps += 1,
        }
    }
    // The list comes gaps first by priority; the page wants the most severe open ones.
    let mut gaps: Vec<_> = entries
        .into_iter()
        .filter(|e| e.entry_type == EntryType::Gap && e.status != "ended")
        .collect();
    counts.open_gaps = gaps.len() as u32;
    gaps.sort_by_key(|g| {
        (
            std::cmp::Reverse(g.severity),
            g.priority.unwrap_or(i32::MAX),
        )
    });
    gaps.truncate(COUNTRY_PAGE_ITEMS);

    let found = practices::search(
        db,
        &PracticeQuery {
            country: Some(code.clone()),
            ..Default::default()
        },
        1,
        COUNTRY_PAGE_ITEMS as u32,
    )
    .await?;

    let mut upcoming = events::list(
        db,
        &EventQuery {
            country: code.clone(),
            ..Default::default()
        },
        chrono::Utc::now(),
    )
    .await?;
    upcoming.truncate(COUNTRY_PAGE_ITEMS);

    // Still available to the country: open or in discussion, naming it or the whole region.
    let mut available: Vec<_> = offers::offers(
        db,
        &OfferQuery {
            country: code.clone(),
            ..Default::default()
        },
    )
    .await?
    .into_iter()
    .filter(|o| matches!(o.status, OfferStatus::Open | OfferStatus::InDiscussion))
    .collect();
    let offers_total = available.len();
    available.truncate(COUNTRY_PAGE_ITEMS);

    Ok(CountryPage {
        plan: super::plans::country_plan(&code).await?,
        profile,
        received,
        recent,
        inventory: counts,
        gaps,
        practices: found.items,
        practices_total: found.total,
        events: upcoming,
        offers: available,
        offers_total,
        countries: vocabulary.country_names(),
        themes: vocabulary.themes.clone(),
    })
}
