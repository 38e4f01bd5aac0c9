//! The offer pages: the list, one offer with its proposals and answers, and the offer form; the
//! offers section of a plan line's page.

pub mod detail;
pub mod form;
pub mod line_offers;
pub mod list;
pub mod text;

use crate::i18n::Lang;
use crate::model::{Named, Offer};

/// Where an offer is for: "The whole region" or the countries' names.
pub(crate) fn place_label(o: &Offer, countries: &[Named], lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    if o.regional {
        parts.push(text::texts(lang).regional.to_string());
    }
    parts.extend(o.countries.iter().map(|c| {
        countries
            .iter()
            .find(|n| &n.code == c)
            .map_or_else(|| c.clone(), |n| n.name(lang).to_string())
    }));
    parts.join(", ")
}

/// An amount in its currency ("EUR 250,000.00"), or "—".
pub(crate) fn money_label(currency: &str, minor: Option<i64>, lang: Lang) -> String {
    match minor {
        Some(m) => {
            let point = if lang == Lang::Es { ',' } else { '.' };
            format!(
                "{currency} {}{point}{:02}",
                lang.format_int(m / 100),
                m % 100
            )
        }
        None => "—".into(),
    }
}

/// An offer's amount, with its USD value when in another currency; its capacity otherwise.
pub(crate) fn amount_label(o: &Offer, lang: Lang) -> String {
    match (o.amount_minor, o.amount_usd) {
        (Some(m), Some(usd)) if o.currency != "USD" => format!(
            "{} (USD {})",
            money_label(&o.currency, Some(m), lang),
            lang.format_int(usd / 100)
        ),
        (Some(m), _) => money_label(&o.currency, Some(m), lang),
        _ => {
            let c = lang.pick(&o.capacity_es, &o.capacity_en);
            if c.is_empty() {
                "—".into()
            } else {
                c.to_string()
            }
        }
    }
}
