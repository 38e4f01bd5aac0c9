//! An offer of support, a proposal to put it towards a plan line and the offeror's answer, as
//! people write them: the only way to make a [`NewOffer`], a [`NewProposal`] or a [`NewAnswer`].

use super::{Checked, Checker, Money};
use crate::error::{AppError, Problem};
use crate::model::{AnswerInput, Offer, OfferInput, OfferKind, ProposalInput};
use crate::server::money::{parse_amount, parse_rate, to_usd_cents};
use crate::server::store::vocabulary::Vocabulary;
use chrono::NaiveDate;

/// An offer, checked: what the store writes.
#[derive(Clone, Debug)]
pub struct NewOffer {
    pub offeror_code: String,
    pub kind: OfferKind,
    pub title_es: String,
    pub title_en: String,
    pub description_es: String,
    pub description_en: String,
    pub regional: bool,
    pub countries: Vec<String>,
    pub themes: Vec<String>,
    pub pillars: Vec<i32>,
    pub currency: String,
    pub money: Option<Money>,
    pub capacity_es: String,
    pub capacity_en: String,
    pub available_from: NaiveDate,
    pub available_until: NaiveDate,
    pub contact_name: String,
    pub contact_email: String,
    pub is_example: bool,
    _checked: Checked,
}

impl NewOffer {
    /// Checks a filled offer form; every problem at once. A financial offer needs an amount; any
    /// offer needs a country or to be regional, and a last day that is not past.
    pub fn from_input(
        input: &OfferInput,
        vocabulary: &Vocabulary,
        today: NaiveDate,
    ) -> Result<NewOffer, AppError> {
        let mut c = Checker::new();
        let offeror_code = input.offeror.trim().to_string();
        if offeror_code.is_empty() {
            c.add("offeror", Problem::Required);
        } else if vocabulary.organisation(&offeror_code).is_none() {
            c.add("offeror", Problem::UnknownChoice);
        }
        let kind = c.choice("kind", &input.kind, true, OfferKind::from_code);
        let (title_es, title_en) = c.title(&input.title_es, &input.title_en, 300);
        let description_es = c.text("description_es", &input.description_es, 5000);
        let description_en = c.text("description_en", &input.description_en, 5000);
        let regional = super::is_on(&input.regional);
        let countries = c.ticked("countries", &input.countries, |v| {
            vocabulary.country(v).is_some()
        });
        if countries.is_empty() && !regional {
            c.add("countries", Problem::Required);
        }
        let themes = c.ticked("themes", &input.themes, |t| vocabulary.has_theme(t));
        let pillars: Vec<i32> = c
            .ticked("pillars", &input.pillars, |p| {
                vocabulary.pillars.iter().any(|n| n.code == p)
            })
            .iter()
            .filter_map(|p| p.parse().ok())
            .collect();
        if themes.is_empty() && pillars.is_empty() {
            c.add("themes", Problem::Required);
        }
        let financial = kind == Some(OfferKind::Financial);
        let (currency, money) = c.money(&input.currency, &input.amount, &input.fx_rate, financial);
        let capacity_es = c.text("capacity_es", &input.capacity_es, 500);
        let capacity_en = c.text("capacity_en", &input.capacity_en, 500);
        if !financial && money.is_none() && capacity_es.is_empty() && capacity_en.is_empty() {
            c.add("capacity_es", Problem::Required);
        }
        let (from, until) = c.period(
            ("available_from", &input.available_from),
            ("available_until", &input.available_until),
        );
        if input.available_until.trim().is_empty() {
            c.add("available_until", Problem::Required);
        } else if until.is_some_and(|u| u < today) {
            c.add("available_until", Problem::NotAllowed);
        }
        let contact_name = c.text("contact_name", &input.contact_name, 200);
        let contact_email = c.text("contact_email", &input.contact_email, 254);
        if !contact_email.is_empty()
            && (!contact_email.contains('@') || contact_email.contains(char::is_whitespace))
        {
            c.add("contact_email", Problem::InvalidFormat);
        }
        c.finish(|| {
            Some(NewOffer {
                offeror_code,
                kind: kind?,
                title_es,
                title_en,
                description_es,
                description_en,
                regional,
                countries,
                themes,
                pillars,
                currency,
                money,
                capacity_es,
                capacity_en,
                available_from: from.unwrap_or(today),
                available_until: until?,
                contact_name,
                contact_email,
                is_example: false,
                _checked: Checked::mark(),
            })
        })
    }

    /// The same offer flagged as an example (demo data).
    pub fn example(mut self) -> NewOffer {
        self.is_example = true;
        self
    }
}

/// A proposal, checked against its offer: its amount in the offer's currency, at the offer's rate,
/// within what is still free of the offer.
#[derive(Clone, Debug)]
pub struct NewProposal {
    pub offer_id: i64,
    pub line_id: i64,
    /// In the offer's currency and in USD cents.
    pub amount: Option<(i64, i64)>,
    pub note: String,
    _checked: Checked,
}

impl NewProposal {
    pub fn from_input(input: &ProposalInput, offer: &Offer) -> Result<NewProposal, AppError> {
        let mut c = Checker::new();
        let text = input.amount.trim();
        let amount = if text.is_empty() {
            if offer.kind == OfferKind::Financial {
                c.add("amount", Problem::Required);
            }
            None
        } else {
            let rate = offer
                .fx_rate
                .as_deref()
                .and_then(parse_rate)
                .unwrap_or(rust_decimal::Decimal::ONE);
            let minor = parse_amount(text).filter(|m| *m > 0);
            let usd = minor.and_then(|m| to_usd_cents(m, rate));
            let free = offer.remaining_usd;
            match (minor, usd) {
                (Some(m), Some(u)) if free.is_none_or(|f| u <= f) => Some((m, u)),
                _ => {
                    let max = free.zip(offer.amount_minor.zip(offer.amount_usd)).map_or(
                        0,
                        |(f, (m, u))| {
                            if u == 0 {
                                0
                            } else {
                                (i128::from(f) * i128::from(m) / i128::from(u) / 100) as i64
                            }
                        },
                    );
                    c.add("amount", Problem::OutOfRange { min: 0, max });
                    None
                }
            }
        };
        let note = c.text("note", &input.note, 2000);
        c.finish(|| {
            Some(NewProposal {
                offer_id: input.offer_id,
                line_id: input.line_id,
                amount,
                note,
                _checked: Checked::mark(),
            })
        })
    }
}

/// The offeror's answer, checked: a decline needs its reason.
#[derive(Clone, Debug)]
pub struct NewAnswer {
    pub match_id: i64,
    pub version: i64,
    pub accept: bool,
    pub reason: String,
    _checked: Checked,
}

impl NewAnswer {
    pub fn from_input(input: &AnswerInput) -> Result<NewAnswer, AppError> {
        let mut c = Checker::new();
        let accept = match input.answer.trim() {
            "accept" => Some(true),
            "decline" => Some(false),
            "" => {
                c.add("answer", Problem::Required);
                None
            }
            _ => {
                c.add("answer", Problem::UnknownChoice);
                None
            }
        };
        let reason = c.text("reason", &input.reason, 2000);
        if accept == Some(false) && reason.is_empty() {
            c.add("reason", Problem::Required);
        }
        c.finish(|| {
            Some(NewAnswer {
                match_id: input.match_id,
                version: input.version,
                accept: accept?,
                reason,
                _checked: Checked::mark(),
            })
        })
    }
}

/// The pledge an accepted match records: the offeror's, to the line's country, for its pillar and
/// sector, of the proposal's amount in the offer's currency, dated today.
pub fn pledge_input(
    offer: &crate::model::Offer,
    m: &crate::model::OfferMatch,
    line: &crate::model::PlanLine,
    reason: &str,
    today: chrono::NaiveDate,
) -> crate::model::ContributionInput {
    let amount = m
        .amount_minor
        .map(|a| format!("{}.{:02}", a / 100, a % 100))
        .unwrap_or_default();
    let currency = if amount.is_empty() {
        "USD".to_string()
    } else {
        offer.currency.clone()
    };
    let fx_rate = if currency == "USD" {
        String::new()
    } else {
        offer.fx_rate.clone().unwrap_or_default()
    };
    let title = |own: &str, other: &str| if own.is_empty() { other } else { own }.to_string();
    crate::model::ContributionInput {
        donor: offer.offeror.code.clone(),
        recipient: m.country_iso2.clone(),
        kind: offer.kind.contribution_kind().code().to_string(),
        pillar: line.pillar.to_string(),
        sector: line.sector_code.clone().unwrap_or_default(),
        title_es: title(&offer.title_es, &offer.title_en),
        title_en: title(&offer.title_en, &offer.title_es),
        description_es: format!(
            "Oferta n.º {} aceptada para el compromiso {} del plan de acción nacional.",
            offer.id, line.code
        ),
        description_en: format!(
            "Offer no. {} accepted for commitment {} of the National Action Plan.",
            offer.id, line.code
        ),
        currency,
        is_example: offer.is_example || line.is_example,
        stage: "pledge".into(),
        date: today.to_string(),
        amount,
        fx_rate,
        note: reason.to_string(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Named, OfferStatus};

    fn vocabulary() -> Vocabulary {
        let n = |c: &str| Named {
            code: c.into(),
            name_es: c.into(),
            name_en: c.into(),
        };
        Vocabulary {
            countries: vec![crate::model::Country {
                iso2: "GT".into(),
                iso3: "GTM".into(),
                name_es: "Guatemala".into(),
                name_en: "Guatemala".into(),
                joined_year: 2017,
            }],
            organisations: vec![crate::model::Organisation {
                code: "EU".into(),
                name_es: "UE".into(),
                name_en: "EU".into(),
                short_es: "UE".into(),
                short_en: "EU".into(),
                iati_type: 40,
                role: crate::model::OrgRole::Member,
                is_example: false,
            }],
            pillars: vec![n("1"), n("2")],
            themes: vec![n("education")],
            ..Default::default()
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).expect("test value")
    }

    fn input() -> OfferInput {
        let on = |k: &str| [(k.to_string(), "on".to_string())].into_iter().collect();
        OfferInput {
            offeror: "EU".into(),
            kind: "financial".into(),
            title_es: "Becas".into(),
            countries: on("GT"),
            themes: on("education"),
            currency: "EUR".into(),
            amount: "1000".into(),
            fx_rate: "1.1".into(),
            available_until: "2027-12-31".into(),
            ..Default::default()
        }
    }

    fn fields(r: Result<NewOffer, AppError>) -> Vec<String> {
        match r {
            Err(AppError::Validation(e)) => e.into_iter().map(|e| e.field).collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn a_good_offer_passes_with_its_usd_value() {
        let o = NewOffer::from_input(&input(), &vocabulary(), today()).expect("test value");
        assert_eq!(o.money.expect("test value").usd, 110_000);
        assert_eq!(o.available_from, today());
        assert_eq!(o.countries, vec!["GT".to_string()]);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut i = input();
        i.offeror = "XX".into();
        i.kind = "loan".into();
        i.countries.clear();
        i.themes.clear();
        i.available_until = "2020-01-01".into();
        i.contact_email = "not an address".into();
        let f = fields(NewOffer::from_input(&i, &vocabulary(), today()));
        for want in [
            "offeror",
            "kind",
            "countries",
            "themes",
            "available_until",
            "contact_email",
        ] {
            assert!(f.contains(&want.to_string()), "{want} missing from {f:?}");
        }
    }

    #[test]
    fn money_is_required_only_for_financial_offers() {
        let mut i = input();
        i.amount.clear();
        assert_eq!(
            fields(NewOffer::from_input(&i, &vocabulary(), today())),
            vec!["amount"]
        );
        i.kind = "technical".into();
        assert_eq!(
            fields(NewOffer::from_input(&i, &vocabulary(), today())),
            vec!["capacity_es"],
            "support without an amount says what it brings"
        );
        i.capacity_en = "Two experts for six months".into();
        assert!(NewOffer::from_input(&i, &vocabulary(), today()).is_ok());
    }

    fn offer(remaining: Option<i64>) -> Offer {
        Offer {
            id: 1,
            offeror: Named {
                code: "EU".into(),
                name_es: "UE".into(),
                name_en: "EU".into(),
            },
            kind: OfferKind::Financial,
            title_es: String::new(),
            title_en: String::new(),
            description_es: String::new(),
            description_en: String::new(),
            regional: false,
            countries: vec![],
            themes: vec![],
            pillars: vec![],
            currency: "EUR".into(),
            amount_minor: Some(100_000),
            fx_rate: Some("1.1".into()),
            amount_usd: Some(110_000),
            remaining_usd: remaining,
            capacity_es: String::new(),
            capacity_en: String::new(),
            available_from: String::new(),
            available_until: String::new(),
            status: OfferStatus::Open,
            in_discussion: 0,
            is_example: false,
            updated_at: String::new(),
            version: 1,
        }
    }

    #[test]
    fn a_proposal_stays_within_what_is_free() {
        let p = |amount: &str, free| {
            NewProposal::from_input(
                &ProposalInput {
                    offer_id: 1,
                    line_id: 2,
                    amount: amount.into(),
                    note: String::new(),
                },
                &offer(free),
            )
        };
        assert_eq!(
            p("500", Some(110_000)).expect("test value").amount,
            Some((50_000, 55_000))
        );
        let Err(AppError::Validation(e)) = p("600", Some(55_000)) else {
            panic!("more than is free")
        };
        assert_eq!(e[0].problem, Problem::OutOfRange { min: 0, max: 500 });
        assert!(
            p("", Some(1)).is_err(),
            "a financial offer's proposal names an amount"
        );
        assert!(p("0", Some(1)).is_err());
    }

    #[test]
    fn a_decline_needs_its_reason() {
        let a = |answer: &str, reason: &str| {
            NewAnswer::from_input(&AnswerInput {
                match_id: 1,
                version: 1,
                answer: answer.into(),
                reason: reason.into(),
            })
        };
        assert!(a("accept", "").expect("test value").accept);
        assert!(a("decline", "").is_err());
        assert!(!a("decline", "Budget moved").expect("test value").accept);
        assert!(a("maybe", "").is_err());
    }
}
