//! Contributions linked to plan lines: which lines a contribution serves and with what share, and
//! what each line has received. A line's money is its share of each linked contribution's
//! pledged and funded amounts (the ledger's "funded": committed or further along).

use super::super::audit::{Actor, NewAudit};
use super::super::Db;
use crate::error::{AppError, Problem};
use crate::model::{ContributionLine, LineFunding, LinkedContribution};
use crate::{on_db, write_audit};
use chrono::Utc;
use serde_json::json;
use std::collections::HashMap;

/// The money of a contribution that counts for a line: (pledged, funded) in USD cents, nothing
/// for a cancelled one.
fn money(
    status: &str,
    pledged: i64,
    committed: i64,
    disbursed: i64,
    implemented: i64,
) -> (i64, i64) {
    if status == "cancelled" {
        return (0, 0);
    }
    (pledged, committed.max(disbursed).max(implemented))
}

/// A share of an amount, rounded down (shares of one contribution never add up to more than it).
fn share(amount: i64, share_bp: i32) -> i64 {
    amount.saturating_mul(i64::from(share_bp)) / 10_000
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    contribution_id: i64,
    line_id: i64,
    share_bp: i32,
    status: String,
    pledged_usd: i64,
    committed_usd: i64,
    disbursed_usd: i64,
    implemented_usd: i64,
    title_es: String,
    title_en: String,
    donor_es: String,
    donor_en: String,
    is_example: bool,
}

impl LinkRow {
    /// The line's share of the contribution's (pledged, funded) money.
    fn shares(&self) -> (i64, i64) {
        let (pledged, funded) = money(
            &self.status,
            self.pledged_usd,
            self.committed_usd,
            self.disbursed_usd,
            self.implemented_usd,
        );
        (share(pledged, self.share_bp), share(funded, self.share_bp))
    }
}

/// Links of the given lines to contributions that count: not withdrawn and not routed through
/// another one.
async fn link_rows(db: &Db, lines: &[i64]) -> Result<Vec<LinkRow>, sqlx::Error> {
    let by_line = if lines.is_empty() {
        "1 = 1".to_string()
    } else {
        format!(
            "cl.line_id IN ({})",
            lines
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    on_db!(db, pool => sqlx::query_as(&format!(
        "SELECT cl.contribution_id, cl.line_id, cl.share_bp, c.status, c.pledged_usd, \
         c.committed_usd, c.disbursed_usd, c.implemented_usd, c.title_es, c.title_en, \
         o.name_es AS donor_es, o.name_en AS donor_en, c.is_example \
         FROM contribution_lines cl JOIN contributions c ON c.id = cl.contribution_id \
         JOIN organisations o ON o.code = c.donor_code \
         WHERE c.withdrawn_at IS NULL AND c.parent_id IS NULL AND {by_line} \
         ORDER BY cl.line_id, c.decision_date, c.id"
    ))
    .fetch_all(pool)
    .await)
}

/// What each of `lines` has received, and what offers in discussion would bring (lines with
/// neither are absent).
pub async fn funding(db: &Db, lines: &[i64]) -> Result<HashMap<i64, LineFunding>, sqlx::Error> {
    if lines.is_empty() {
        return Ok(HashMap::new());
    }
    let mut out: HashMap<i64, LineFunding> = HashMap::new();
    for r in link_rows(db, lines).await? {
        let (pledged, funded) = r.shares();
        let f = out.entry(r.line_id).or_default();
        f.contributions += 1;
        f.pledged_usd = f.pledged_usd.saturating_add(pledged);
        f.funded_usd = f.funded_usd.saturating_add(funded);
    }
    let ids = lines
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let offered: Vec<(i64, i64, i64)> = on_db!(db, pool => sqlx::query_as(&format!(
        "SELECT line_id, COUNT(*), CAST(COALESCE(SUM(amount_usd), 0) AS BIGINT) FROM offer_matches \
         WHERE status = 'proposed' AND line_id IN ({ids}) GROUP BY line_id"
    ))
    .fetch_all(pool)
    .await)?;
    for (line, n, usd) in offered {
        let f = out.entry(line).or_default();
        f.offers_in_discussion = n;
        f.offered_usd = usd;
    }
    Ok(out)
}

/// The contributions linked to a line, with the share of their money it gets.
pub async fn contributions_of_line(
    db: &Db,
    line: i64,
) -> Result<Vec<LinkedContribution>, sqlx::Error> {
    Ok(link_rows(db, &[line])
        .await?
        .into_iter()
        .map(|r| {
            let (pledged, funded) = r.shares();
            LinkedContribution {
                id: r.contribution_id,
                title_es: r.title_es,
                title_en: r.title_en,
                donor_es: r.donor_es,
                donor_en: r.donor_en,
                share_bp: r.share_bp,
                pledged_usd: pledged,
                funded_usd: funded,
                is_example: r.is_example,
            }
        })
        .collect())
}

/// The plan lines a contribution names, with their country and share.
pub async fn lines_of_contribution(
    db: &Db,
    contribution: i64,
) -> Result<Vec<ContributionLine>, sqlx::Error> {
    type Row = (i64, String, String, String, String, i32);
    let rows: Vec<Row> = on_db!(db, pool => sqlx::query_as(
        "SELECT l.id, p.country_iso2, l.code, l.title_es, l.title_en, cl.share_bp \
         FROM contribution_lines cl JOIN plan_lines l ON l.id = cl.line_id \
         JOIN plans p ON p.id = l.plan_id WHERE cl.contribution_id = $1 \
         ORDER BY p.country_iso2, l.code",
    )
    .bind(contribution)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| ContributionLine {
            line_id: r.0,
            country_iso2: r.1,
            code: r.2,
            title_es: r.3,
            title_en: r.4,
            share_bp: r.5,
        })
        .collect())
}

/// What contributions to `country` give its plan's lines (funded, USD cents): the rest of what
/// the country received names no line.
pub async fn linked_funded_of_country(db: &Db, country: &str) -> Result<i64, sqlx::Error> {
    type Row = (i32, String, i64, i64, i64, i64);
    let rows: Vec<Row> = on_db!(db, pool => sqlx::query_as(
        "SELECT cl.share_bp, c.status, c.pledged_usd, c.committed_usd, c.disbursed_usd, \
         c.implemented_usd FROM contribution_lines cl JOIN contributions c ON c.id = cl.contribution_id \
         WHERE c.recipient_iso2 = $1 AND c.withdrawn_at IS NULL AND c.parent_id IS NULL",
    )
    .bind(country)
    .fetch_all(pool)
    .await)?;
    Ok(crate::model::sum_money(rows.into_iter().map(
        |(bp, status, p, c, d, i)| share(money(&status, p, c, d, i).1, bp),
    )))
}

/// Names a plan line a contribution serves, with its share (basis points), or changes the share
/// of one it already names. The line must be in the plan of the contribution's country (any
/// country's for a regional contribution), and the contribution's shares may not pass 100%.
pub async fn link(
    db: &Db,
    actor: &Actor,
    contribution: i64,
    line: i64,
    share_bp: i32,
) -> Result<(), AppError> {
    if !(1..=10_000).contains(&share_bp) {
        return Err(AppError::invalid(
            "share",
            Problem::OutOfRange { min: 1, max: 100 },
        ));
    }
    type Target = (Option<String>, Option<i64>, Option<chrono::DateTime<Utc>>);
    let target: Option<Target> = on_db!(db, pool => sqlx::query_as(
        "SELECT recipient_iso2, parent_id, withdrawn_at FROM contributions WHERE id = $1",
    )
    .bind(contribution)
    .fetch_optional(pool)
    .await)?;
    let (recipient, parent, withdrawn) = target.ok_or(AppError::NotFound)?;
    if parent.is_some() || withdrawn.is_some() {
        // Money routed through another contribution is linked on that one; a withdrawn one
        // serves nothing.
        return Err(AppError::invalid("contribution", Problem::NotAllowed));
    }
    let (country, _) = super::line(db, line)
        .await?
        .ok_or_else(|| AppError::invalid("line", Problem::UnknownChoice))?;
    if recipient.as_ref().is_some_and(|r| *r != country) {
        return Err(AppError::invalid("line", Problem::NotAllowed));
    }
    let now = Utc::now();
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let others: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(share_bp), 0) AS BIGINT) FROM contribution_lines \
             WHERE contribution_id = $1 AND line_id <> $2",
        )
        .bind(contribution)
        .bind(line)
        .fetch_one(&mut *tx)
        .await?;
        if others + i64::from(share_bp) > 10_000 {
            return Err(AppError::invalid(
                "share",
                Problem::OutOfRange { min: 1, max: (10_000 - others) / 100 },
            ));
        }
        sqlx::query(
            "INSERT INTO contribution_lines (contribution_id, line_id, share_bp, created_at, created_by) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (contribution_id, line_id) \
             DO UPDATE SET share_bp = excluded.share_bp",
        )
        .bind(contribution)
        .bind(line)
        .bind(share_bp)
        .bind(now)
        .bind(actor.id)
        .execute(&mut *tx)
        .await?;
        let entry = NewAudit::new(Some(actor), "link_line", "contribution", contribution)
            .after(json!({ "line": line, "country": country, "share_bp": share_bp }));
        write_audit!(&mut *tx, &entry)?;
        tx.commit().await?;
    });
    Ok(())
}

/// Stops a contribution naming a line (nothing happens if it did not).
pub async fn unlink(db: &Db, actor: &Actor, contribution: i64, line: i64) -> Result<(), AppError> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        let before: Option<i32> = sqlx::query_scalar(
            "SELECT share_bp FROM contribution_lines WHERE contribution_id = $1 AND line_id = $2",
        )
        .bind(contribution)
        .bind(line)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(share_bp) = before {
            sqlx::query("DELETE FROM contribution_lines WHERE contribution_id = $1 AND line_id = $2")
                .bind(contribution)
                .bind(line)
                .execute(&mut *tx)
                .await?;
            let entry = NewAudit::new(Some(actor), "unlink_line", "contribution", contribution)
                .before(json!({ "line": line, "share_bp": share_bp }));
            write_audit!(&mut *tx, &entry)?;
        }
        tx.commit().await?;
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_gets_its_share_of_what_counts() {
        assert_eq!(money("cancelled", 10, 10, 10, 10), (0, 0));
        assert_eq!(money("disbursed", 100, 80, 50, 0), (100, 80));
        assert_eq!(share(1_000_001, 3_333), 333_300, "rounded down");
        assert_eq!(share(i64::MAX, 10_000), i64::MAX / 10_000);
    }
}
