//! How a contribution's steps add up (its status and USD totals) and how the summary table
//! `contribution_cube` follows every write.

#[allow(unused_imports)]
use super::*;

/// The money and status a contribution's steps add up to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rollup {
    pub status: Option<Status>,
    pub decision_date: Option<NaiveDate>,
    pub pledged: i64,
    pub committed: i64,
    pub disbursed: i64,
    pub implemented: i64,
    pub has_usd: bool,
}

/// Adds up steps: sums per stage; the status is the furthest stage reached, or cancelled.
pub fn rollup(steps: &[(Stage, NaiveDate, Option<i64>)]) -> Rollup {
    let mut r = Rollup::default();
    let mut furthest = None;
    let mut cancelled = false;
    for (stage, date, usd) in steps {
        r.decision_date = Some(r.decision_date.map_or(*date, |d: NaiveDate| d.min(*date)));
        if let Some(v) = usd {
            r.has_usd = true;
            match stage {
                Stage::Pledge => r.pledged = r.pledged.saturating_add(*v),
                Stage::Commitment => r.committed = r.committed.saturating_add(*v),
                Stage::Disbursement => r.disbursed = r.disbursed.saturating_add(*v),
                Stage::Implementation => r.implemented = r.implemented.saturating_add(*v),
                Stage::Cancellation => {}
            }
        }
        let level = match stage {
            Stage::Pledge => Some(Status::Pledged),
            Stage::Commitment => Some(Status::Committed),
            Stage::Disbursement => Some(Status::Disbursed),
            Stage::Implementation => Some(Status::Implemented),
            Stage::Cancellation => {
                cancelled = true;
                None
            }
        };
        if let Some(l) = level {
            furthest = Some(furthest.map_or(l, |f: Status| f.max(l)));
        }
    }
    r.status = if cancelled {
        Some(Status::Cancelled)
    } else {
        furthest
    };
    r
}

/// The cell of the summary table a contribution counts in, with its money.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CubeEntry {
    pub year: i32,
    pub donor: String,
    pub recipient: String,
    pub pillar: i32,
    pub kind: String,
    /// The financing mechanism's code, `''` when the record does not say.
    pub mechanism: String,
    /// Sector and working group codes, `''` when it names none.
    pub sector: String,
    pub working_group: String,
    pub status: String,
    pub example: bool,
    pub pledged: i64,
    pub committed: i64,
    pub disbursed: i64,
    pub implemented: i64,
    pub funded: i64,
}

#[derive(sqlx::FromRow)]
pub(super) struct CubeSource {
    year: i32,
    donor_code: String,
    recipient_iso2: Option<String>,
    pillar: Option<i32>,
    kind: String,
    mechanism: Option<String>,
    sector_code: Option<String>,
    working_group_code: Option<String>,
    status: String,
    is_example: bool,
    pledged_usd: i64,
    committed_usd: i64,
    disbursed_usd: i64,
    implemented_usd: i64,
    parent_id: Option<i64>,
    withdrawn_at: Option<DateTime<Utc>>,
}

impl CubeSource {
    /// `None` when the contribution does not count in totals (routed through another one, or
    /// withdrawn).
    pub(super) fn entry(self) -> Option<CubeEntry> {
        if self.parent_id.is_some() || self.withdrawn_at.is_some() {
            return None;
        }
        let cancelled = self.status == "cancelled";
        let keep = |v: i64| if cancelled { 0 } else { v };
        Some(CubeEntry {
            funded: keep(
                self.committed_usd
                    .max(self.disbursed_usd)
                    .max(self.implemented_usd),
            ),
            pledged: keep(self.pledged_usd),
            committed: keep(self.committed_usd),
            disbursed: keep(self.disbursed_usd),
            implemented: keep(self.implemented_usd),
            year: self.year,
            donor: self.donor_code,
            recipient: self.recipient_iso2.unwrap_or_default(),
            pillar: self.pillar.unwrap_or(0),
            kind: self.kind,
            mechanism: self.mechanism.unwrap_or_default(),
            sector: self.sector_code.unwrap_or_default(),
            working_group: self.working_group_code.unwrap_or_default(),
            status: self.status,
            example: self.is_example,
        })
    }
}

pub(super) const CUBE_SOURCE_SQL: &str =
    "SELECT year, donor_code, recipient_iso2, pillar, kind, mechanism, sector_code, \
     working_group_code, status, is_example, \
     pledged_usd, committed_usd, disbursed_usd, implemented_usd, parent_id, withdrawn_at \
     FROM contributions WHERE id = $1";

/// Reads a contribution's cube cell inside a transaction (`None` if it does not count).
macro_rules! cube_entry_of {
    ($conn:expr, $id:expr) => {{
        let src: Option<CubeSource> = sqlx::query_as(CUBE_SOURCE_SQL)
            .bind($id)
            .fetch_optional($conn)
            .await?;
        src.and_then(CubeSource::entry)
    }};
}

/// Binds a cube cell's key (year, donor, recipient, pillar, kind, mechanism, sector, working
/// group, status) as `$1` to `$9`.
macro_rules! bind_cell {
    ($q:expr, $e:expr) => {
        $q.bind($e.year)
            .bind(&$e.donor)
            .bind(&$e.recipient)
            .bind($e.pillar)
            .bind(&$e.kind)
            .bind(&$e.mechanism)
            .bind(&$e.sector)
            .bind(&$e.working_group)
            .bind(&$e.status)
    };
}

/// Adds (`sign` = 1) or removes (`sign` = -1) an entry's money in its cube cell.
macro_rules! cube_apply {
    ($conn:expr, $entry:expr, $sign:expr) => {{
        let e: &CubeEntry = $entry;
        let s: i64 = $sign;
        let q = sqlx::query(
            "INSERT INTO contribution_cube (year, donor_code, recipient, pillar, kind, mechanism, \
             sector, working_group, status, n, n_example, pledged_usd, committed_usd, disbursed_usd, \
             implemented_usd, funded_usd) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) \
             ON CONFLICT (year, donor_code, recipient, pillar, kind, mechanism, sector, working_group, \
             status) DO UPDATE SET \
             n = contribution_cube.n + excluded.n, \
             n_example = contribution_cube.n_example + excluded.n_example, \
             pledged_usd = contribution_cube.pledged_usd + excluded.pledged_usd, \
             committed_usd = contribution_cube.committed_usd + excluded.committed_usd, \
             disbursed_usd = contribution_cube.disbursed_usd + excluded.disbursed_usd, \
             implemented_usd = contribution_cube.implemented_usd + excluded.implemented_usd, \
             funded_usd = contribution_cube.funded_usd + excluded.funded_usd",
        );
        bind_cell!(q, e)
        .bind(s)
        .bind(if e.example { s } else { 0 })
        .bind(s * e.pledged)
        .bind(s * e.committed)
        .bind(s * e.disbursed)
        .bind(s * e.implemented)
        .bind(s * e.funded)
        .execute(&mut *$conn)
        .await?;
        if s < 0 {
            let q = sqlx::query(
                "DELETE FROM contribution_cube WHERE year = $1 AND donor_code = $2 AND recipient = $3 \
                 AND pillar = $4 AND kind = $5 AND mechanism = $6 AND sector = $7 \
                 AND working_group = $8 AND status = $9 AND n = 0",
            );
            bind_cell!(q, e)
            .execute(&mut *$conn)
            .await?;
        }
    }};
}

/// Recomputes a contribution's status and totals from its steps.
macro_rules! recompute {
    ($conn:expr, $id:expr, $now:expr) => {{
        let rows: Vec<(String, NaiveDate, Option<i64>)> = sqlx::query_as(
            "SELECT stage, step_date, usd FROM contribution_steps WHERE contribution_id = $1 ORDER BY step_date, id",
        )
        .bind($id)
        .fetch_all(&mut *$conn)
        .await?;
        let steps: Vec<(Stage, NaiveDate, Option<i64>)> = rows
            .into_iter()
            .filter_map(|(s, d, u)| Stage::from_code(&s).map(|s| (s, d, u)))
            .collect();
        let r = rollup(&steps);
        let date = r.decision_date.ok_or(AppError::Internal)?;
        let status = r.status.unwrap_or(Status::Pledged);
        sqlx::query(
            "UPDATE contributions SET status = $1, decision_date = $2, year = $3, pledged_usd = $4, \
             committed_usd = $5, disbursed_usd = $6, implemented_usd = $7, has_usd = $8, updated_at = $9, \
             version = version + 1 WHERE id = $10",
        )
        .bind(status.code())
        .bind(date)
        .bind(date.year())
        .bind(r.pledged)
        .bind(r.committed)
        .bind(r.disbursed)
        .bind(r.implemented)
        .bind(r.has_usd)
        .bind($now)
        .bind($id)
        .execute(&mut *$conn)
        .await?;
        r
    }};
}

/// Recomputes the whole summary table from the contributions (after a bulk load, or as a repair).
pub async fn rebuild_cube(db: &Db) -> Result<(), sqlx::Error> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM contribution_cube").execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO contribution_cube (year, donor_code, recipient, pillar, kind, mechanism, \
             sector, working_group, status, n, n_example, pledged_usd, committed_usd, disbursed_usd, \
             implemented_usd, funded_usd) \
             SELECT year, donor_code, COALESCE(recipient_iso2, ''), COALESCE(pillar, 0), kind, \
             COALESCE(mechanism, ''), COALESCE(sector_code, ''), COALESCE(working_group_code, ''), \
             status, \
             COUNT(*), SUM(CASE WHEN is_example THEN 1 ELSE 0 END), \
             SUM(CASE WHEN status = 'cancelled' THEN 0 ELSE pledged_usd END), \
             SUM(CASE WHEN status = 'cancelled' THEN 0 ELSE committed_usd END), \
             SUM(CASE WHEN status = 'cancelled' THEN 0 ELSE disbursed_usd END), \
             SUM(CASE WHEN status = 'cancelled' THEN 0 ELSE implemented_usd END), \
             SUM(CASE WHEN status = 'cancelled' THEN 0 \
                 WHEN committed_usd >= disbursed_usd AND committed_usd >= implemented_usd THEN committed_usd \
                 WHEN disbursed_usd >= implemented_usd THEN disbursed_usd ELSE implemented_usd END) \
             FROM contributions WHERE parent_id IS NULL AND withdrawn_at IS NULL \
             GROUP BY year, donor_code, COALESCE(recipient_iso2, ''), COALESCE(pillar, 0), kind, \
             COALESCE(mechanism, ''), COALESCE(sector_code, ''), COALESCE(working_group_code, ''), \
             status",
        )
        .execute(&mut *tx)
        .await?;
        crate::bump_version!(tx, Dataset::Contributions);
        tx.commit().await
    })
}
