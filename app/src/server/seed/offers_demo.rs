//! Example offers of support, flagged `is_example`, so that a demonstration shows offers, the
//! suggestions on a plan line and one proposal in discussion. Written once: a database with any
//! example offer is left as it is.

use crate::error::AppError;
use crate::model::{OfferInput, ProposalInput};
use crate::server::store::offers::{self, MatchesOf};
use crate::server::store::vocabulary::Vocabulary;
use crate::server::store::{plans, Db};
use crate::server::validate::offers::{NewOffer, NewProposal};
use chrono::{Duration, NaiveDate};

/// (offeror, kind, countries ("" for regional), theme, pillar, currency, amount, rate, capacity es,
/// capacity en, title es, title en).
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const OFFERS: [Row; 6] = [
    ("EU", "financial", "GT HN SV", "education", "2", "EUR", "2000000", "1.08", "", "",
     "Ejemplo: becas y materiales escolares para niñez desplazada", "Example: grants and school supplies for displaced children"),
    ("IDB", "financial", "MX GT", "employment", "3", "USD", "5000000", "", "", "",
     "Ejemplo: crédito para empresas que contratan personas refugiadas", "Example: credit for companies hiring refugees"),
    ("USA", "financial", "HN SV GT", "asylum", "1", "USD", "3000000", "", "", "",
     "Ejemplo: fortalecer las comisiones de refugiados", "Example: strengthening the refugee commissions"),
    ("ESP", "technical", "", "asylum", "1", "EUR", "", "", "Dos especialistas en determinación de la condición de refugiado durante 12 meses", "Two refugee status determination experts for 12 months",
     "Ejemplo: asistencia técnica en determinación de la condición de refugiado", "Example: technical assistance on refugee status determination"),
    ("CAN", "training", "", "employment", "3", "CAD", "", "", "Formación de 60 funcionarios de servicios de empleo", "Training for 60 employment-service officials",
     "Ejemplo: formación en inclusión laboral", "Example: training on labour inclusion"),
    ("CHE", "in_kind", "CR PA", "health", "", "CHF", "400000", "1.12", "Equipamiento para dos centros de salud", "Equipment for two health centres",
     "Ejemplo: equipamiento de centros de salud en zonas de acogida", "Example: equipment for health centres in host areas"),
];

/// Writes the example offers unless the database has some, and proposes the first for
/// Guatemala's example education line, so that one proposal is in discussion.
pub async fn apply(db: &Db, vocabulary: &Vocabulary, today: NaiveDate) -> Result<(), AppError> {
    if offers::has_examples(db).await? {
        return Ok(());
    }
    let on = |codes: &str| {
        codes
            .split_whitespace()
            .map(|c| (c.to_string(), "on".to_string()))
            .collect()
    };
    let mut first = None;
    for (org, kind, countries, theme, pillar, currency, amount, rate, ces, cen, tes, ten) in OFFERS
    {
        let input = OfferInput {
            offeror: org.into(),
            kind: kind.into(),
            title_es: tes.into(),
            title_en: ten.into(),
            description_es: "Oferta de ejemplo para la demostración.".into(),
            description_en: "Example offer for the demonstration.".into(),
            regional: if countries.is_empty() { "on" } else { "" }.into(),
            countries: on(countries),
            themes: on(theme),
            pillars: on(pillar),
            currency: currency.into(),
            amount: amount.into(),
            fx_rate: rate.into(),
            capacity_es: ces.into(),
            capacity_en: cen.into(),
            available_from: today.to_string(),
            available_until: (today + Duration::days(365)).to_string(),
            contact_name: "Ejemplo / example".into(),
            contact_email: "offers@example.org".into(),
        };
        let offer = NewOffer::from_input(&input, vocabulary, today)?.example();
        let id = offers::create_offer(db, None, &offer).await?;
        first.get_or_insert(id);
    }
    let line = plans::lines(db, Some("GT"))
        .await?
        .into_iter()
        .map(|(_, l)| l)
        .find(|l| l.code == "GT-P2-01");
    if let (Some(offer_id), Some(line)) = (first, line) {
        let (offer, _) = offers::offer(db, offer_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if offers::matches(db, MatchesOf::Line(line.id))
            .await?
            .is_empty()
        {
            let p = NewProposal::from_input(
                &ProposalInput {
                    offer_id,
                    line_id: line.id,
                    amount: "500000".into(),
                    note: "Ejemplo / example".into(),
                },
                &offer,
            )?;
            offers::propose(db, None, &p, 75, today, today + Duration::days(365)).await?;
        }
    }
    Ok(())
}
