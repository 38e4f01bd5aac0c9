//! Synthetic contributions for benchmarks only: `n` rows spread over the real donors,
//! countries, pillars, kinds, statuses and eight years, all flagged as examples, written by the
//! database itself (a generated series) so that a million rows load in seconds. The summary
//! table is rebuilt afterwards, as after any bulk change.

use crate::error::AppError;
use crate::on_db;
use crate::server::store::{contributions, Db};
use chrono::{Datelike, Utc};

/// A SQL `CASE` picking `values[i % len]`; the values are reference codes from the database.
fn pick(values: &[String], modulus_of: &str) -> String {
    let mut s = format!("CASE ({modulus_of}) % {}", values.len().max(1));
    for (i, v) in values.iter().enumerate() {
        s.push_str(&format!(" WHEN {i} THEN '{}'", v.replace('\'', "''")));
    }
    s.push_str(" END");
    s
}

/// Adds `n` synthetic example contributions (with their pledge step). Returns how many rows
/// the ledger then has.
pub async fn load(db: &Db, n: i64) -> Result<i64, sqlx::Error> {
    let donors: Vec<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT code FROM organisations WHERE code NOT IN ('UNHCR', 'OAS') ORDER BY code",
    )
    .fetch_all(pool)
    .await)?;
    let countries: Vec<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT iso2 FROM countries ORDER BY iso2",
    )
    .fetch_all(pool)
    .await)?;
    let donor = pick(&donors, "i * 7");
    let recipient = format!(
        "CASE WHEN i % 9 = 0 THEN NULL ELSE {} END",
        pick(&countries, "i * 3")
    );
    let kind = pick(
        &[
            "financial",
            "financial",
            "financial",
            "in_kind",
            "technical",
            "policy",
        ]
        .map(String::from),
        "i / 3",
    );
    // Most say how they are financed; one in eight does not.
    let mechanism = format!(
        "CASE WHEN i % 8 = 0 THEN NULL ELSE {} END",
        pick(
            &[
                "grant",
                "grant",
                "grant",
                "concessional_loan",
                "pooled_fund",
                "technical_cooperation",
                "in_kind",
                "guarantee",
                "non_concessional_loan",
            ]
            .map(String::from),
            "i / 5",
        )
    );
    let status = pick(
        &[
            "pledged",
            "pledged",
            "committed",
            "committed",
            "disbursed",
            "disbursed",
            "disbursed",
            "implemented",
            "implemented",
            "cancelled",
        ]
        .map(String::from),
        "i / 7",
    );
    // Amounts in cents: pledged 10k to 5M USD; later stages a share of it by status.
    let amount = "((i * 7919) % 500000 + 1000) * 1000";
    let committed = format!("CASE WHEN ({status}) IN ('committed', 'disbursed', 'implemented') THEN {amount} ELSE 0 END");
    let disbursed = format!(
        "CASE WHEN ({status}) IN ('disbursed', 'implemented') THEN {amount} * 3 / 4 ELSE 0 END"
    );
    let implemented = format!("CASE WHEN ({status}) = 'implemented' THEN {amount} / 2 ELSE 0 END");
    let columns =
        "donor_code, recipient_iso2, kind, mechanism, pillar, title_es, title_en, currency, is_example, \
                   status, decision_date, year, pledged_usd, committed_usd, disbursed_usd, \
                   implemented_usd, has_usd, created_at, updated_at";
    let now = Utc::now();
    let before: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM contributions").fetch_one(pool).await)?;
    // Only the row generator differs between the engines: a recursive CTE or generate_series.
    let sql = match db {
        Db::Sqlite(_) => format!(
            "INSERT INTO contributions ({columns}) \
             WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $1) \
             SELECT {donor}, {recipient}, {kind}, {mechanism}, 1 + i % 4, 'Contribución sintética ' || i, \
             'Synthetic contribution ' || i, 'USD', 1, {status}, \
             printf('%04d-%02d-%02d', 2019 + i % 8, 1 + i % 12, 1 + i % 28), 2019 + i % 8, \
             {amount}, {committed}, {disbursed}, {implemented}, 1, $2, $2 FROM s"
        ),
        Db::Postgres(_) => format!(
            "INSERT INTO contributions ({columns}) \
             SELECT {donor}, {recipient}, {kind}, {mechanism}, 1 + i % 4, 'Contribución sintética ' || i, \
             'Synthetic contribution ' || i, 'USD', TRUE, {status}, \
             make_date((2019 + i % 8)::int, (1 + i % 12)::int, (1 + i % 28)::int), 2019 + i % 8, \
             {amount}, {committed}, {disbursed}, {implemented}, TRUE, $2, $2 \
             FROM generate_series(1::bigint, $1::bigint) AS s(i)"
        ),
    };
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(&sql).bind(n).bind(now).execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO contribution_steps (contribution_id, stage, step_date, amount_minor, \
             currency, fx_rate, usd, note, created_at) SELECT id, 'pledge', decision_date, \
             pledged_usd, 'USD', '1', pledged_usd, '', created_at FROM contributions WHERE id > $1",
        )
        .bind(before)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    })?;
    if let Db::Postgres(pool) = db {
        sqlx::query("ANALYZE contributions").execute(pool).await?;
    }
    contributions::rebuild_cube(db).await?;
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM contributions").fetch_one(pool).await)
}

/// Words of synthetic practice texts, as written and folded (lower case, no accents), so that
/// searches with and without accents behave as on real data.
const WORDS: [(&str, &str); 24] = [
    ("educación", "educacion"),
    ("niñez", "ninez"),
    ("empleo", "empleo"),
    ("vivienda", "vivienda"),
    ("salud", "salud"),
    ("documentación", "documentacion"),
    ("protección", "proteccion"),
    ("integración", "integracion"),
    ("comunitario", "comunitario"),
    ("municipal", "municipal"),
    ("mujeres", "mujeres"),
    ("jóvenes", "jovenes"),
    ("asilo", "asilo"),
    ("retorno", "retorno"),
    ("cohesión", "cohesion"),
    ("emprendimiento", "emprendimiento"),
    ("becas", "becas"),
    ("albergue", "albergue"),
    ("frontera", "frontera"),
    ("capacitación", "capacitacion"),
    ("psicosocial", "psicosocial"),
    ("inscripción", "inscripcion"),
    ("crédito", "credito"),
    ("acogida", "acogida"),
];

/// Adds `n` synthetic published example practices (themes, populations, search index) for the
/// search benchmark. Returns how many published practices there then are.
pub async fn load_practices(db: &Db, n: i64) -> Result<i64, sqlx::Error> {
    let countries: Vec<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT iso2 FROM countries ORDER BY iso2",
    )
    .fetch_all(pool)
    .await)?;
    let members: Vec<String> = on_db!(db, pool => sqlx::query_scalar(
        "SELECT code FROM organisations WHERE role = 'member' ORDER BY code",
    )
    .fetch_all(pool)
    .await)?;
    let themes: Vec<String> = on_db!(db, pool => sqlx::query_scalar("SELECT code FROM themes ORDER BY code").fetch_all(pool).await)?;
    let populations: Vec<String> = on_db!(db, pool => sqlx::query_scalar("SELECT code FROM population_groups ORDER BY code").fetch_all(pool).await)?;
    let written: Vec<String> = WORDS.iter().map(|w| w.0.to_string()).collect();
    let folded: Vec<String> = WORDS.iter().map(|w| w.1.to_string()).collect();
    let words = |list: &[String], seeds: &[&str]| {
        seeds
            .iter()
            .map(|s| pick(list, s))
            .collect::<Vec<_>>()
            .join(" || ' ' || ")
    };
    let title = words(&written, &["i * 7", "i * 13 + 3", "i * 17 + 5"]);
    let summary = words(
        &written,
        &[
            "i * 3 + 1",
            "i * 11 + 2",
            "i * 19 + 7",
            "i * 23 + 4",
            "i * 29 + 6",
        ],
    );
    let text = format!(
        "{} || ' ' || {}",
        words(&folded, &["i * 7", "i * 13 + 3", "i * 17 + 5"]),
        words(
            &folded,
            &[
                "i * 3 + 1",
                "i * 11 + 2",
                "i * 19 + 7",
                "i * 23 + 4",
                "i * 29 + 6"
            ]
        )
    );
    let kind = "CASE WHEN i % 5 = 0 THEN 'member' ELSE 'country' END";
    let country = format!(
        "CASE WHEN i % 5 = 0 THEN NULL ELSE {} END",
        pick(&countries, "i * 3")
    );
    let member = format!(
        "CASE WHEN i % 5 = 0 THEN {} ELSE NULL END",
        pick(&members, "i / 5")
    );
    let columns = "submitter_kind, country_iso2, organisation_code, title_es, title_en, summary_es, \
                   summary_en, year, status, published_at, search_text, is_example, created_at, updated_at";
    let now = Utc::now();
    let before: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM practices").fetch_one(pool).await)?;
    let select = format!(
        "SELECT {kind}, {country}, {member}, {title} || ' ' || i, '', {summary}, '', 2015 + i % 11, \
         'published', $2, {text} || ' ' || i"
    );
    let sql = match db {
        Db::Sqlite(_) => format!(
            "INSERT INTO practices ({columns}) \
             WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $1) \
             {select}, 1, $2, $2 FROM s"
        ),
        Db::Postgres(_) => format!(
            "INSERT INTO practices ({columns}) {select}, TRUE, $2, $2 \
             FROM generate_series(1::bigint, $1::bigint) AS s(i)"
        ),
    };
    let theme_a = pick(&themes, "id");
    let theme_b = pick(&themes, "id + 1 + id % 5");
    let pop_a = pick(&populations, "id * 3");
    let pop_b = pick(&populations, "id * 3 + 1 + id % 3");
    let is_sqlite = matches!(db, Db::Sqlite(_));
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(&sql).bind(n).bind(now).execute(&mut *tx).await?;
        for (table, column, a, b) in [
            ("practice_themes", "theme_code", &theme_a, &theme_b),
            ("practice_populations", "population_code", &pop_a, &pop_b),
        ] {
            sqlx::query(&format!(
                "INSERT INTO {table} (practice_id, {column}) SELECT id, {a} FROM practices WHERE id > $1 \
                 UNION ALL SELECT id, {b} FROM practices WHERE id > $1 AND id % 2 = 0"
            ))
            .bind(before)
            .execute(&mut *tx)
            .await?;
        }
        if is_sqlite {
            sqlx::query("INSERT INTO practices_fts (rowid, search_text) SELECT id, search_text FROM practices WHERE id > $1")
                .bind(before)
                .execute(&mut *tx)
                .await?;
        }
        crate::bump_version!(tx, crate::server::store::versions::Dataset::Practices);
        tx.commit().await
    })?;
    if let Db::Postgres(pool) = db {
        sqlx::query("ANALYZE practices").execute(pool).await?;
        sqlx::query("ANALYZE practice_themes").execute(pool).await?;
        sqlx::query("ANALYZE practice_populations")
            .execute(pool)
            .await?;
    }
    on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM practices WHERE status = 'published'").fetch_one(pool).await)
}

/// Adds, for benchmarks, `lines` synthetic example lines to every country's plan (each costed
/// for one year, with a theme, a pillar and a period) and `offers` synthetic example offers
/// (countries, themes, pillars, amounts and periods spread over the lists), through the store as
/// people would. Returns (lines, offers) written.
pub async fn load_offers(db: &Db, lines: i64, offers: i64) -> Result<(i64, i64), AppError> {
    use crate::model::{LineInput, OfferInput, RequirementInput};
    use crate::server::store::{offers as offer_store, plans};
    use crate::server::validate::offers::NewOffer;
    use crate::server::validate::plans::{NewLine, NewRequirement};
    let vocabulary = crate::server::store::vocabulary::Vocabulary::load(db).await?;
    let countries: Vec<String> = vocabulary
        .countries
        .iter()
        .map(|c| c.iso2.clone())
        .collect();
    let themes: Vec<String> = vocabulary.themes.iter().map(|t| t.code.clone()).collect();
    let today = Utc::now().date_naive();
    let year = today.year();
    let tick = |codes: &[&String]| {
        codes
            .iter()
            .map(|c| (c.to_string(), "on".to_string()))
            .collect()
    };
    let mut written_lines = 0;
    for (ci, country) in countries.iter().enumerate() {
        for i in 0..lines {
            let k = i as usize + ci;
            let input = LineInput {
                country: country.clone(),
                code: format!("{country}-SYN-{i}"),
                title_es: format!("Línea sintética {i}"),
                title_en: format!("Synthetic line {i}"),
                pillar: (1 + k % 4).to_string(),
                period_start: (year - (k % 2) as i32).to_string(),
                period_end: (year + 1 + (k % 3) as i32).to_string(),
                priority: (1 + k % 3).to_string(),
                status: "in_progress".into(),
                themes: tick(&[
                    &themes[k % themes.len()],
                    &themes[(k * 7 + 3) % themes.len()],
                ]),
                ..LineInput::default()
            };
            let line = NewLine::from_input(&input, &vocabulary, &[])?.example();
            let id = plans::create_line(db, None, &line).await?;
            let r = NewRequirement::from_input(&RequirementInput {
                line_id: id,
                year: year.to_string(),
                currency: "USD".into(),
                amount: ((k % 50 + 1) as i64 * 100_000).to_string(),
                ..RequirementInput::default()
            })?;
            plans::set_requirement(db, None, &r).await?;
            written_lines += 1;
        }
    }
    let members: Vec<String> = vocabulary
        .organisations
        .iter()
        .filter(|o| o.role != crate::model::OrgRole::Secretariat)
        .map(|o| o.code.clone())
        .collect();
    for i in 0..offers {
        let k = i as usize;
        let regional = k.is_multiple_of(10);
        let named: Vec<&String> = if regional {
            Vec::new()
        } else {
            vec![
                &countries[k % countries.len()],
                &countries[(k * 3 + 1) % countries.len()],
            ]
        };
        let pillar = (1 + k % 4).to_string();
        let financial = !k.is_multiple_of(3);
        let input = OfferInput {
            offeror: members[k % members.len()].clone(),
            kind: if financial { "financial" } else { "technical" }.into(),
            title_es: format!("Oferta sintética {i}"),
            title_en: format!("Synthetic offer {i}"),
            regional: if regional { "on" } else { "" }.into(),
            countries: tick(&named),
            themes: tick(&[&themes[(k * 5) % themes.len()]]),
            pillars: tick(&[&pillar]),
            currency: "USD".into(),
            amount: if financial {
                ((k % 40 + 1) as i64 * 50_000).to_string()
            } else {
                String::new()
            },
            capacity_en: if financial {
                String::new()
            } else {
                "Synthetic capacity".into()
            },
            available_until: (today + chrono::Duration::days(30 + (k % 700) as i64)).to_string(),
            ..OfferInput::default()
        };
        let offer = NewOffer::from_input(&input, &vocabulary, today)?.example();
        offer_store::create_offer(db, None, &offer).await?;
    }
    Ok((written_lines, offers))
}
