//! Reading offers (with their countries, themes, pillars and what is still free of them) and the
//! matches proposed for them.

use super::super::Db;
use crate::model::{
    MatchStatus, Named, Offer, OfferContact, OfferKind, OfferMatch, OfferQuery, OfferStatus,
};
use crate::on_db;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct OfferRow {
    id: i64,
    offeror_code: String,
    offeror_es: String,
    offeror_en: String,
    kind: String,
    title_es: String,
    title_en: String,
    description_es: String,
    description_en: String,
    regional: bool,
    currency: String,
    amount_minor: Option<i64>,
    fx_rate: Option<String>,
    amount_usd: Option<i64>,
    capacity_es: String,
    capacity_en: String,
    available_from: NaiveDate,
    available_until: NaiveDate,
    status: String,
    is_example: bool,
    updated_at: DateTime<Utc>,
    version: i64,
    taken_usd: i64,
    in_discussion: i64,
    contact_name: String,
    contact_email: String,
}

const OFFER_SELECT: &str = "SELECT o.id, o.offeror_code, g.name_es AS offeror_es, \
     g.name_en AS offeror_en, o.kind, o.title_es, o.title_en, o.description_es, o.description_en, \
     o.regional, o.currency, o.amount_minor, o.fx_rate, o.amount_usd, o.capacity_es, o.capacity_en, \
     o.available_from, o.available_until, o.status, o.is_example, o.updated_at, \
     CAST(o.version AS BIGINT) AS version, \
     CAST(COALESCE((SELECT SUM(m.amount_usd) FROM offer_matches m WHERE m.offer_id = o.id \
     AND m.status = 'accepted'), 0) AS BIGINT) AS taken_usd, \
     (SELECT COUNT(*) FROM offer_matches m WHERE m.offer_id = o.id AND m.status = 'proposed') \
     AS in_discussion, o.contact_name, o.contact_email \
     FROM offers o JOIN organisations g ON g.code = o.offeror_code";

/// The codes an offer names, by offer: (countries, themes, pillars).
type Named3 = (Vec<String>, Vec<String>, Vec<i32>);

async fn children(db: &Db, one: Option<i64>) -> Result<HashMap<i64, Named3>, sqlx::Error> {
    type Rows = (Vec<(i64, String)>, Vec<(i64, String)>, Vec<(i64, i32)>);
    let (countries, themes, pillars): Rows = on_db!(db, pool => {
        let c = sqlx::query_as(
            "SELECT offer_id, country_iso2 FROM offer_countries \
             WHERE ($1 IS NULL OR offer_id = $1) ORDER BY offer_id, country_iso2",
        )
        .bind(one)
        .fetch_all(pool)
        .await?;
        let t = sqlx::query_as(
            "SELECT offer_id, theme_code FROM offer_themes \
             WHERE ($1 IS NULL OR offer_id = $1) ORDER BY offer_id, theme_code",
        )
        .bind(one)
        .fetch_all(pool)
        .await?;
        let p = sqlx::query_as(
            "SELECT offer_id, CAST(pillar AS INTEGER) FROM offer_pillars \
             WHERE ($1 IS NULL OR offer_id = $1) ORDER BY offer_id, pillar",
        )
        .bind(one)
        .fetch_all(pool)
        .await?;
        (c, t, p)
    });
    let mut out: HashMap<i64, Named3> = HashMap::new();
    for (id, c) in countries {
        out.entry(id).or_default().0.push(c);
    }
    for (id, t) in themes {
        out.entry(id).or_default().1.push(t);
    }
    for (id, p) in pillars {
        out.entry(id).or_default().2.push(p);
    }
    Ok(out)
}

fn offer_of(r: OfferRow, codes: Option<Named3>) -> (Offer, OfferContact) {
    let (countries, themes, pillars) = codes.unwrap_or_default();
    let contact = OfferContact {
        name: r.contact_name,
        email: r.contact_email,
    };
    let offer = Offer {
        id: r.id,
        offeror: Named {
            code: r.offeror_code,
            name_es: r.offeror_es,
            name_en: r.offeror_en,
        },
        kind: OfferKind::from_code(&r.kind).unwrap_or(OfferKind::Financial),
        title_es: r.title_es,
        title_en: r.title_en,
        description_es: r.description_es,
        description_en: r.description_en,
        regional: r.regional,
        countries,
        themes,
        pillars,
        currency: r.currency,
        amount_minor: r.amount_minor,
        fx_rate: r.fx_rate,
        amount_usd: r.amount_usd,
        remaining_usd: r.amount_usd.map(|a| (a - r.taken_usd).max(0)),
        capacity_es: r.capacity_es,
        capacity_en: r.capacity_en,
        available_from: r.available_from.to_string(),
        available_until: r.available_until.to_string(),
        status: OfferStatus::from_code(&r.status).unwrap_or(OfferStatus::Open),
        in_discussion: r.in_discussion,
        is_example: r.is_example,
        updated_at: r.updated_at.to_rfc3339(),
        version: r.version,
    };
    (offer, contact)
}

/// The offers `q` asks for, newest first: by default the active ones (open, in discussion or
/// matched); for a country, those naming it and the regional ones.
pub async fn offers(db: &Db, q: &OfferQuery) -> Result<Vec<Offer>, sqlx::Error> {
    let country = (!q.country.is_empty()).then_some(q.country.as_str());
    let kind = (!q.kind.is_empty()).then_some(q.kind.as_str());
    let status = (!q.status.is_empty()).then_some(q.status.as_str());
    let rows: Vec<OfferRow> = on_db!(db, pool => sqlx::query_as(&format!(
        "{OFFER_SELECT} WHERE ($1 IS NULL OR o.regional = TRUE OR EXISTS (SELECT 1 FROM \
         offer_countries oc WHERE oc.offer_id = o.id AND oc.country_iso2 = $1)) \
         AND ($2 IS NULL OR o.kind = $2) \
         AND (($3 IS NULL AND o.status IN ('open', 'in_discussion', 'matched')) OR o.status = $3) \
         ORDER BY o.id DESC"
    ))
    .bind(country)
    .bind(kind)
    .bind(status)
    .fetch_all(pool)
    .await)?;
    let mut codes = children(db, None).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let c = codes.remove(&r.id);
            offer_of(r, c).0
        })
        .collect())
}

/// One offer with its contact details (for the caller to show only to people signed in).
pub async fn offer(db: &Db, id: i64) -> Result<Option<(Offer, OfferContact)>, sqlx::Error> {
    let row: Option<OfferRow> = on_db!(db, pool => sqlx::query_as(&format!("{OFFER_SELECT} WHERE o.id = $1"))
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let mut codes = children(db, Some(id)).await?;
    let c = codes.remove(&id);
    Ok(Some(offer_of(row, c)))
}

#[derive(sqlx::FromRow)]
struct MatchRow {
    id: i64,
    offer_id: i64,
    offer_title_es: String,
    offer_title_en: String,
    offeror_code: String,
    offeror_es: String,
    offeror_en: String,
    line_id: i64,
    line_code: String,
    line_title_es: String,
    line_title_en: String,
    country_iso2: String,
    currency: String,
    amount_minor: Option<i64>,
    amount_usd: Option<i64>,
    score: i32,
    status: String,
    answer_reason: String,
    contribution_id: Option<i64>,
    expires_on: NaiveDate,
    proposed_at: DateTime<Utc>,
    version: i64,
    note: String,
}

/// Which matches to read.
#[derive(Clone, Copy, Debug)]
pub enum MatchesOf {
    Offer(i64),
    Line(i64),
    One(i64),
}

/// Matches of an offer or of a line (or one match), newest first, each with the proposer's note
/// (for the caller to show only to those concerned).
pub async fn matches(db: &Db, of: MatchesOf) -> Result<Vec<(OfferMatch, String)>, sqlx::Error> {
    let (column, id) = match of {
        MatchesOf::Offer(id) => ("m.offer_id", id),
        MatchesOf::Line(id) => ("m.line_id", id),
        MatchesOf::One(id) => ("m.id", id),
    };
    let rows: Vec<MatchRow> = on_db!(db, pool => sqlx::query_as(&format!(
        "SELECT m.id, m.offer_id, o.title_es AS offer_title_es, o.title_en AS offer_title_en, \
         o.offeror_code, g.name_es AS offeror_es, g.name_en AS offeror_en, m.line_id, \
         l.code AS line_code, l.title_es AS line_title_es, l.title_en AS line_title_en, \
         p.country_iso2, o.currency, m.amount_minor, m.amount_usd, CAST(m.score AS INTEGER) AS score, \
         m.status, m.answer_reason, m.contribution_id, m.expires_on, m.proposed_at, \
         CAST(m.version AS BIGINT) AS version, m.note \
         FROM offer_matches m JOIN offers o ON o.id = m.offer_id \
         JOIN organisations g ON g.code = o.offeror_code \
         JOIN plan_lines l ON l.id = m.line_id JOIN plans p ON p.id = l.plan_id \
         WHERE {column} = $1 ORDER BY m.id DESC"
    ))
    .bind(id)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                OfferMatch {
                    id: r.id,
                    offer_id: r.offer_id,
                    offer_title_es: r.offer_title_es,
                    offer_title_en: r.offer_title_en,
                    offeror: Named {
                        code: r.offeror_code,
                        name_es: r.offeror_es,
                        name_en: r.offeror_en,
                    },
                    line_id: r.line_id,
                    line_code: r.line_code,
                    line_title_es: r.line_title_es,
                    line_title_en: r.line_title_en,
                    country_iso2: r.country_iso2,
                    currency: r.currency,
                    amount_minor: r.amount_minor,
                    amount_usd: r.amount_usd,
                    score: r.score,
                    status: MatchStatus::from_code(&r.status).unwrap_or(MatchStatus::Proposed),
                    answer_reason: r.answer_reason,
                    contribution_id: r.contribution_id,
                    expires_on: r.expires_on.to_string(),
                    proposed_at: r.proposed_at.to_rfc3339(),
                    version: r.version,
                },
                r.note,
            )
        })
        .collect())
}

/// Whether any example offer was ever written (whatever its status now).
pub async fn has_examples(db: &Db) -> Result<bool, sqlx::Error> {
    let n: i64 = on_db!(db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM offers WHERE is_example = TRUE",
    )
    .fetch_one(pool)
    .await)?;
    Ok(n > 0)
}
