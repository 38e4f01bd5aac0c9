//! The country page over HTTP: read without JavaScript in both languages, its figures the ledger's
//! and the plan's, its sections linking to the full lists; the home page's country card leads to it.

use crate::common::spawn;
use app::i18n::Lang;
use app::model::{format_usd, ContributionFilter};
use axum::http::StatusCode;

crate::common::http_test!(the_country_page_gathers_a_country, |engine| {
    let app = spawn(engine).await;
    let (res, body) = app.get("/en/countries/GT").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("data-test-id=\"country-page\"") && body.contains("Guatemala"));
    // What the ledger holds for the country, as the dashboard counts it.
    let totals = app
        .state
        .aggregates
        .totals(
            &app.state.db,
            &ContributionFilter {
                country: Some("GT".into()),
                ..Default::default()
            },
        )
        .await
        .expect("totals");
    assert!(
        totals.count > 0,
        "the demo ledger has Guatemala's contributions"
    );
    assert!(
        body.contains(&format_usd(totals.funded_usd, Lang::En)),
        "funded {} is on the page",
        totals.funded_usd
    );
    // The plan's line with an offer in discussion, and the offers still available to it.
    assert!(body.contains("country-plan-figures") && body.contains("country-lines"));
    assert!(
        body.contains("1 offer in discussion"),
        "the demo's proposal"
    );
    assert!(body.contains("country-offers") && body.contains("/en/offers?country=GT"));
    for link in [
        "/en/plans/GT",
        "/en/contributions?country=GT",
        "/en/inventory/GT",
        "/en/practices?country=GT",
        "/en/events?country=GT",
    ] {
        assert!(body.contains(link), "links to {link}");
    }
    // Spanish, and a lower-case code.
    let (res, body) = app.get("/es/countries/gt").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(body.contains("Plan de acción nacional") && body.contains("Contribuciones recibidas"));
    // Only MIRPS countries.
    for bad in ["/en/countries/FR", "/en/countries/GTM", "/en/countries/1"] {
        let (res, _) = app.get(bad).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{bad}");
    }
    // The home page's country card leads to it.
    let (_, home) = app.get("/en/?country=HN").await;
    assert!(
        home.contains("/en/countries/HN"),
        "the card links to the country page"
    );
    app.finish().await;
});
