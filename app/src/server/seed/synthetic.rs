//! Synthetic contributions for benchmarks only: `n` rows spread over the real donors,
//! countries, pillars, kinds, statuses and eight years, all flagged as examples, written by the
//! database itself (a generated series) so that a million rows load in seconds. The summary
//! table is rebuilt afterwards, as after any bulk change.

use crate::on_db;
use crate::server::store::{contributions, Db};
use chrono::Utc;

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
        "donor_code, recipient_iso2, kind, pillar, title_es, title_en, currency, is_example, \
                   status, decision_date, year, pledged_usd, committed_usd, disbursed_usd, \
                   implemented_usd, has_usd, created_at, updated_at";
    let now = Utc::now();
    let before: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM contributions").fetch_one(pool).await)?;
    // Only the row generator differs between the engines: a recursive CTE or generate_series.
    let sql = match db {
        Db::Sqlite(_) => format!(
            "INSERT INTO contributions ({columns}) \
             WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $1) \
             SELECT {donor}, {recipient}, {kind}, 1 + i % 4, 'Contribución sintética ' || i, \
             'Synthetic contribution ' || i, 'USD', 1, {status}, \
             printf('%04d-%02d-%02d', 2019 + i % 8, 1 + i % 12, 1 + i % 28), 2019 + i % 8, \
             {amount}, {committed}, {disbursed}, {implemented}, 1, $2, $2 FROM s"
        ),
        Db::Postgres(_) => format!(
            "INSERT INTO contributions ({columns}) \
             SELECT {donor}, {recipient}, {kind}, 1 + i % 4, 'Contribución sintética ' || i, \
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
