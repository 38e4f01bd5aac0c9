//! Suggesting offers for a plan line that still lacks money, ranked by a score explained in
//! words. Offers are first compiled into compact profiles (bit sets of countries, themes and
//! pillars, years, what is free), so that scoring one offer against one line allocates nothing;
//! reasons in words are written only for the few suggestions kept.
//!
//! The score (0 to 100) adds:
//! - 30 when the offer names the line's country, 20 when it is regional (otherwise no match);
//! - 25 when they share a theme, 15 when the offer names the line's pillar (one of the two is
//!   needed);
//! - up to 20 for the share of what the line still lacks that the offer's free amount covers, or
//!   10 for support without an amount;
//! - 10 when the offer's dates fall within the line's years (otherwise no match).

use crate::model::{MatchReason, Named, Offer, PlanLine, Suggestion};
use chrono::{Datelike, NaiveDate};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Points of each reason.
const COUNTRY: i32 = 30;
const REGIONAL: i32 = 20;
const THEME: i32 = 25;
const PILLAR: i32 = 15;
const COVERS: i64 = 20;
const NO_AMOUNT: i32 = 10;
const PERIOD: i32 = 10;

/// An offer reduced to what scoring reads.
#[derive(Clone, Copy, Debug)]
struct Profile {
    countries: u64,
    regional: bool,
    themes: u128,
    pillars: u8,
    /// Free amount in USD cents; `None` for support without an amount.
    free: Option<i64>,
    from_year: i32,
    until_year: i32,
}

/// The bit of `code` in `list` (codes past the 64th or 128th share the last bit).
fn bit<T: From<u8> + std::ops::Shl<u32, Output = T>>(list: &[Named], code: &str, max: u32) -> T {
    let i = list.iter().position(|n| n.code == code).unwrap_or(0) as u32;
    T::from(1u8) << i.min(max - 1)
}

fn year(date: &str, default: i32) -> i32 {
    NaiveDate::parse_from_str(date, "%Y-%m-%d").map_or(default, |d| d.year())
}

/// Every active offer with something free, compiled for scoring against lines.
pub struct Matcher<'a> {
    offers: Vec<(&'a Offer, Profile)>,
    countries: &'a [Named],
    themes: &'a [Named],
    pillars: &'a [Named],
}

impl<'a> Matcher<'a> {
    /// Keeps the offers that can still be put towards a line on `today`: active, not past their
    /// last day, with something free.
    pub fn new(
        offers: &'a [Offer],
        countries: &'a [Named],
        themes: &'a [Named],
        pillars: &'a [Named],
        today: NaiveDate,
    ) -> Matcher<'a> {
        let today_text = today.to_string();
        let offers = offers
            .iter()
            .filter(|o| o.status.is_active() && o.available_until >= today_text)
            .filter(|o| o.remaining_usd.is_none_or(|r| r > 0))
            .map(|o| {
                let p = Profile {
                    countries: o
                        .countries
                        .iter()
                        .fold(0u64, |m, c| m | bit::<u64>(countries, c, 64)),
                    regional: o.regional,
                    themes: o
                        .themes
                        .iter()
                        .fold(0u128, |m, t| m | bit::<u128>(themes, t, 128)),
                    pillars: o
                        .pillars
                        .iter()
                        .fold(0u8, |m, p| m | bit::<u8>(pillars, &p.to_string(), 8)),
                    free: o.remaining_usd,
                    from_year: year(&o.available_from, i32::MIN),
                    until_year: year(&o.available_until, i32::MAX),
                };
                (o, p)
            })
            .collect();
        Matcher {
            offers,
            countries,
            themes,
            pillars,
        }
    }

    /// The best `limit` offers for a line of `country` that still lacks `missing_usd`, best first,
    /// leaving out the offers in `skip` (already proposed for it).
    pub fn for_line(
        &self,
        line: &PlanLine,
        country: &str,
        missing_usd: i64,
        skip: &[i64],
        limit: usize,
    ) -> Vec<Suggestion> {
        let country_bit: u64 = if self.countries.iter().any(|c| c.code == country) {
            bit(self.countries, country, 64)
        } else {
            0
        };
        let themes = line
            .themes
            .iter()
            .fold(0u128, |m, t| m | bit::<u128>(self.themes, t, 128));
        let pillar: u8 = bit(self.pillars, &line.pillar.to_string(), 8);
        let (first, last) = (
            line.period_start.unwrap_or(i32::MIN),
            line.period_end.unwrap_or(i32::MAX),
        );
        // The smallest kept (score, covered) at the top, to be pushed out by a better one.
        let mut best: BinaryHeap<Reverse<(i32, i64, Reverse<usize>)>> =
            BinaryHeap::with_capacity(limit + 1);
        for (i, (o, p)) in self.offers.iter().enumerate() {
            if skip.contains(&o.id) {
                continue;
            }
            let Some((score, covered)) =
                score(p, country_bit, themes, pillar, (first, last), missing_usd)
            else {
                continue;
            };
            best.push(Reverse((score, covered, Reverse(i))));
            if best.len() > limit {
                best.pop();
            }
        }
        let mut kept: Vec<_> = best.into_iter().map(|Reverse(k)| k).collect();
        kept.sort_unstable_by(|a, b| b.cmp(a));
        kept.into_iter()
            .map(|(score, _, Reverse(i))| {
                let (offer, p) = self.offers[i];
                let named = p.countries & country_bit != 0;
                self.explain(
                    offer,
                    &p,
                    line,
                    country,
                    named,
                    themes,
                    pillar,
                    missing_usd,
                    score,
                )
            })
            .collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn explain(
        &self,
        offer: &Offer,
        p: &Profile,
        line: &PlanLine,
        country: &str,
        named: bool,
        themes: u128,
        pillar: u8,
        missing_usd: i64,
        score: i32,
    ) -> Suggestion {
        let mut reasons = Vec::new();
        if named {
            if let Some(c) = self.countries.iter().find(|c| c.code == country) {
                reasons.push(MatchReason::Country(c.clone()));
            }
        } else {
            reasons.push(MatchReason::Regional);
        }
        if p.themes & themes != 0 {
            let shared: Vec<Named> = self
                .themes
                .iter()
                .filter(|t| line.themes.contains(&t.code) && offer.themes.contains(&t.code))
                .cloned()
                .collect();
            reasons.push(MatchReason::Themes(shared));
        }
        if p.pillars & pillar != 0 {
            if let Some(n) = self
                .pillars
                .iter()
                .find(|n| n.code == line.pillar.to_string())
            {
                reasons.push(MatchReason::Pillar(n.clone()));
            }
        }
        let proposed_usd = match p.free {
            Some(free) => {
                if missing_usd > 0 {
                    reasons.push(MatchReason::Covers(
                        i64::try_from(
                            i128::from(free.min(missing_usd)) * 100 / i128::from(missing_usd),
                        )
                        .unwrap_or(100),
                    ));
                    Some(free.min(missing_usd))
                } else {
                    Some(free)
                }
            }
            None => {
                reasons.push(MatchReason::Kind(offer.kind));
                None
            }
        };
        reasons.push(MatchReason::PeriodOverlaps);
        Suggestion {
            offer: offer.clone(),
            score,
            reasons,
            proposed_amount: proposed_usd
                .map(|usd| in_offer_currency(offer, usd))
                .unwrap_or_default(),
        }
    }
}

/// The score of an offer's profile against a line, and how much of what is missing it covers
/// (USD cents, for ranking equal scores); `None` when it does not fit.
fn score(
    p: &Profile,
    country_bit: u64,
    themes: u128,
    pillar: u8,
    (first, last): (i32, i32),
    missing_usd: i64,
) -> Option<(i32, i64)> {
    let place = if p.countries & country_bit != 0 {
        COUNTRY
    } else if p.regional {
        REGIONAL
    } else {
        return None;
    };
    if p.until_year < first || p.from_year > last {
        return None;
    }
    let shared_theme = p.themes & themes != 0;
    let same_pillar = p.pillars & pillar != 0;
    if !shared_theme && !same_pillar {
        return None;
    }
    let (money, covered) = match p.free {
        Some(free) if missing_usd > 0 => {
            let covered = free.min(missing_usd);
            let points = i128::from(covered) * i128::from(COVERS) / i128::from(missing_usd);
            (points as i32, covered)
        }
        Some(_) => (0, 0),
        None => (NO_AMOUNT, 0),
    };
    let score = place
        + if shared_theme { THEME } else { 0 }
        + if same_pillar { PILLAR } else { 0 }
        + money
        + PERIOD;
    Some((score, covered))
}

/// USD cents in the offer's currency, at its rate, as a decimal number ("1234.50").
fn in_offer_currency(offer: &Offer, usd: i64) -> String {
    let minor = match (offer.amount_minor, offer.amount_usd) {
        (Some(m), Some(u)) if u > 0 => (i128::from(usd) * i128::from(m) / i128::from(u)) as i64,
        _ => usd,
    };
    format!("{}.{:02}", minor / 100, minor % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LineFunding, LineStatus, OfferKind, OfferStatus};

    fn n(code: &str, name: &str) -> Named {
        Named {
            code: code.into(),
            name_es: name.into(),
            name_en: name.into(),
        }
    }

    fn lists() -> (Vec<Named>, Vec<Named>, Vec<Named>) {
        (
            vec![n("GT", "Guatemala"), n("HN", "Honduras")],
            vec![n("education", "education"), n("health", "health")],
            vec![n("1", "Protection"), n("2", "Education")],
        )
    }

    fn line() -> PlanLine {
        PlanLine {
            id: 9,
            code: "GT-1".into(),
            title_es: String::new(),
            title_en: String::new(),
            description_es: String::new(),
            description_en: String::new(),
            pillar: 2,
            sector_code: None,
            themes: vec!["education".into()],
            institution: String::new(),
            period_start: Some(2026),
            period_end: Some(2027),
            priority: 1,
            status: LineStatus::InProgress,
            gaps: vec![],
            requirements: vec![],
            funding: LineFunding::default(),
            is_example: false,
            updated_at: String::new(),
            version: 1,
        }
    }

    fn offer(id: i64, countries: &[&str], themes: &[&str], free: Option<i64>) -> Offer {
        Offer {
            id,
            offeror: n("EU", "EU"),
            kind: if free.is_some() {
                OfferKind::Financial
            } else {
                OfferKind::Technical
            },
            title_es: format!("Oferta {id}"),
            title_en: format!("Offer {id}"),
            description_es: String::new(),
            description_en: String::new(),
            regional: countries.is_empty(),
            countries: countries.iter().map(|c| c.to_string()).collect(),
            themes: themes.iter().map(|c| c.to_string()).collect(),
            pillars: vec![],
            currency: "USD".into(),
            amount_minor: free,
            fx_rate: free.map(|_| "1".into()),
            amount_usd: free,
            remaining_usd: free,
            capacity_es: String::new(),
            capacity_en: String::new(),
            available_from: "2026-01-01".into(),
            available_until: "2027-06-30".into(),
            status: OfferStatus::Open,
            in_discussion: 0,
            is_example: false,
            updated_at: String::new(),
            version: 1,
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).expect("test value")
    }

    #[test]
    fn the_score_is_explained_and_ranks_the_offers() {
        let (c, t, p) = lists();
        let offers = vec![
            offer(1, &["GT"], &["education"], Some(40_000)),
            offer(2, &[], &["education"], Some(100_000)),
            offer(3, &["HN"], &["education"], Some(100_000)),
            offer(4, &["GT"], &["health"], Some(100_000)),
            offer(5, &["GT"], &["education"], None),
        ];
        let m = Matcher::new(&offers, &c, &t, &p, today());
        let s = m.for_line(&line(), "GT", 100_000, &[], 10);
        let ids: Vec<i64> = s.iter().map(|s| s.offer.id).collect();
        // 30 + 25 + 10 (no amount) + 10 = 75; 30 + 25 + 8 + 10 = 73; 20 + 25 + 20 + 10 = 75,
        // ranked after the equal one that covers more.
        assert_eq!(
            ids,
            vec![2, 5, 1],
            "other countries and other themes are left out"
        );
        assert_eq!(s[2].score, 73);
        assert_eq!(
            s[2].why(crate::i18n::Lang::En),
            "Guatemala is named; same theme: education; covers 40% of what is still missing; period overlaps"
        );
        assert_eq!(s[2].proposed_amount, "400.00");
        assert_eq!(
            s[0].proposed_amount, "1000.00",
            "no more than the line lacks"
        );
        assert!(s[1].why(crate::i18n::Lang::Es).contains("apoyo sin monto"));
    }

    #[test]
    fn past_used_up_and_already_proposed_offers_are_left_out() {
        let (c, t, p) = lists();
        let mut past = offer(1, &["GT"], &["education"], Some(1));
        past.available_until = "2026-11-30".into();
        let mut used = offer(2, &["GT"], &["education"], Some(10));
        used.remaining_usd = Some(0);
        let mut withdrawn = offer(3, &["GT"], &["education"], Some(10));
        withdrawn.status = OfferStatus::Withdrawn;
        let mut late = offer(4, &["GT"], &["education"], Some(10));
        late.available_from = "2028-01-01".into();
        late.available_until = "2028-12-31".into();
        let proposed = offer(5, &["GT"], &["education"], Some(10));
        let offers = vec![past, used, withdrawn, late, proposed];
        let m = Matcher::new(&offers, &c, &t, &p, today());
        assert!(m.for_line(&line(), "GT", 100, &[5], 10).is_empty());
        assert_eq!(m.for_line(&line(), "GT", 100, &[], 10).len(), 1);
    }

    #[test]
    fn a_limit_keeps_the_best() {
        let (c, t, p) = lists();
        let offers: Vec<Offer> = (1..=50)
            .map(|i| offer(i, &["GT"], &["education"], Some(i * 1_000)))
            .collect();
        let m = Matcher::new(&offers, &c, &t, &p, today());
        let s = m.for_line(&line(), "GT", 50_000, &[], 3);
        assert_eq!(
            s.iter().map(|s| s.offer.id).collect::<Vec<_>>(),
            vec![50, 49, 48]
        );
    }
}
