//! Import jobs: an uploaded file is checked in the background while the page shows progress,
//! then waits for the person to confirm, then is written in one transaction (again with
//! progress). Jobs live in the database (`import_jobs`): whichever app server received the
//! upload, any other can report it, commit it or discard it. A job belongs to the account that
//! uploaded it and nobody else sees it; it is forgotten [`JOB_TTL`] after the upload.
//!
//! The server doing the work (checking, or committing) writes its progress every
//! [`PROGRESS_EVERY`]; a job in progress that has not written for [`STALE_AFTER`] is reported as
//! failed (its server stopped), never as working for ever. A commit checks the file again, as
//! the person who commits it and against the ledger as it is then: a role changed or a row
//! recorded since the upload stops it, and nothing is written.

pub mod contributions;
pub mod table;

use crate::error::AppError;
use crate::model::{FileProblem, ImportPhase, ImportStatus, RowProblem};
use crate::on_db;
use crate::server::store::{self, accounts::User, Db};
use crate::server::validate::contributions::Lookups;
use chrono::NaiveDate;
use contributions::{Checked, Existing, ImportRows};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How long a job is kept after its upload.
pub const JOB_TTL: Duration = Duration::from_secs(2 * 60 * 60);
/// Jobs one account may have at a time.
pub const JOBS_PER_ACCOUNT: i64 = 5;
/// How often the server working on a job writes its progress.
pub const PROGRESS_EVERY: Duration = Duration::from_millis(300);
/// A job in progress silent for this long has lost its server (generous: a long write can keep
/// SQLite's lock, and so the progress writes, waiting for a while).
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

fn phase_code(p: ImportPhase) -> &'static str {
    match p {
        ImportPhase::Checking => "checking",
        ImportPhase::Ready => "ready",
        ImportPhase::Rejected => "rejected",
        ImportPhase::Committing => "committing",
        ImportPhase::Committed => "committed",
        ImportPhase::Failed => "failed",
        ImportPhase::Discarded => "discarded",
    }
}

fn encode(status: &ImportStatus) -> Result<String, AppError> {
    serde_json::to_string(status).map_err(|e| AppError::internal("import status", e))
}

/// A fresh status for a job in `phase`.
fn fresh(id: &str, filename: &str, phase: ImportPhase) -> ImportStatus {
    ImportStatus {
        id: id.to_string(),
        filename: filename.to_string(),
        phase,
        done: 0,
        total: 0,
        file_problems: Vec::new(),
        row_problems: Vec::new(),
        problem_count: 0,
        bad_rows: 0,
        valid_rows: 0,
        preview: Vec::new(),
        total_usd_cents: 0,
        recorded: Vec::new(),
    }
}

/// Writes `status` (and its phase) if the job is still in phase `from`; whether it was.
/// Conditional, so a discard made meanwhile on any server wins over a late result.
async fn save(db: &Db, status: &ImportStatus, from: ImportPhase) -> Result<bool, AppError> {
    let json = encode(status)?;
    let done = on_db!(db, pool => sqlx::query(
        "UPDATE import_jobs SET phase = $1, status = $2, updated_ms = $3 WHERE id = $4 AND phase = $5",
    )
    .bind(phase_code(status.phase))
    .bind(&json)
    .bind(now_ms())
    .bind(&status.id)
    .bind(phase_code(from))
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Rows done of a total, shared by the work and the task that writes its progress.
#[derive(Default)]
struct Progress {
    done: AtomicU32,
    total: AtomicU32,
    over: AtomicBool,
}

/// Writes the progress of `status` (in its phase) every [`PROGRESS_EVERY`] until the work is over.
fn report_progress(db: Db, status: ImportStatus, progress: Arc<Progress>) {
    tokio::spawn(async move {
        let mut status = status;
        loop {
            tokio::time::sleep(PROGRESS_EVERY).await;
            if progress.over.load(Ordering::Acquire) {
                break;
            }
            status.done = progress.done.load(Ordering::Relaxed);
            status.total = progress.total.load(Ordering::Relaxed);
            // Not written because the job was discarded meanwhile: the work's own end decides
            // what is kept. (Busy or away for a moment: again at the next tick.)
            if let Ok(false) = save(&db, &status, status.phase).await {
                break;
            }
        }
    });
}

/// Import jobs as seen from this server (in `AppState`); the jobs themselves are in the database.
#[derive(Debug, Default)]
pub struct ImportJobs {
    /// One commit at a time on this server; across servers a database lock does the same
    /// ([`commit_lock`]), so that two uploads of one file cannot both pass the duplicate check.
    committing: tokio::sync::Mutex<()>,
}

impl ImportJobs {
    /// The job `id` of `user`, its file's name and its status; someone else's job is as
    /// invisible as one that never existed.
    async fn load(&self, db: &Db, id: &str, user: &User) -> Result<ImportStatus, AppError> {
        let since = now_ms() - ms(JOB_TTL);
        let row: Option<(String, i64)> = on_db!(db, pool => sqlx::query_as(
            "SELECT status, updated_ms FROM import_jobs WHERE id = $1 AND owner = $2 AND created_ms > $3",
        )
        .bind(id)
        .bind(user.id)
        .bind(since)
        .fetch_optional(pool)
        .await)?;
        let (json, updated) = row.ok_or(AppError::NotFound)?;
        let mut status: ImportStatus =
            serde_json::from_str(&json).map_err(|e| AppError::internal("import status", e))?;
        if status.phase.in_progress() && now_ms() - updated > ms(STALE_AFTER) {
            // Its server stopped: say so once and for all.
            let from = status.phase;
            status.phase = ImportPhase::Failed;
            save(db, &status, from).await?;
        }
        Ok(status)
    }

    /// Whether `user` may start another import now (checked before the upload is read): fewer
    /// than [`JOBS_PER_ACCOUNT`] jobs, or one that is over and can make room.
    pub async fn has_room(&self, db: &Db, user: &User) -> Result<bool, AppError> {
        let since = now_ms() - ms(JOB_TTL);
        let (all, over): (i64, i64) = on_db!(db, pool => sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN phase IN ('checking', 'committing') THEN 0 ELSE 1 END), 0) \
             FROM import_jobs WHERE owner = $1 AND created_ms > $2",
        )
        .bind(user.id)
        .bind(since)
        .fetch_one(pool)
        .await)?;
        Ok(all < JOBS_PER_ACCOUNT || over > 0)
    }

    /// Registers an upload and starts checking it in the background. Returns the job's id.
    pub async fn start(
        &self,
        db: Db,
        user: User,
        filename: String,
        upload: Result<Vec<u8>, FileProblem>,
        today: NaiveDate,
    ) -> Result<String, AppError> {
        let id = crate::server::tokens::new_token();
        let filename: String = filename.chars().take(200).collect();
        let now = now_ms();
        let since = now - ms(JOB_TTL);
        let mut status = fresh(&id, &filename, ImportPhase::Checking);
        let bytes = match upload {
            Ok(b) => Some(b),
            Err(problem) => {
                status.phase = ImportPhase::Rejected;
                status.file_problems = vec![problem];
                None
            }
        };
        let json = encode(&status)?;
        let room = on_db!(&db, pool => {
            let mut tx = pool.begin().await?;
            // Jobs past their time go, for everyone.
            sqlx::query("DELETE FROM import_jobs WHERE created_ms <= $1")
                .bind(since)
                .execute(&mut *tx)
                .await?;
            let mine: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM import_jobs WHERE owner = $1")
                .bind(user.id)
                .fetch_one(&mut *tx)
                .await?;
            let mut room = true;
            if mine >= JOBS_PER_ACCOUNT {
                // Make room by forgetting the account's oldest job that is over.
                let oldest: Option<String> = sqlx::query_scalar(
                    "SELECT id FROM import_jobs WHERE owner = $1 \
                     AND phase NOT IN ('checking', 'committing') ORDER BY created_ms LIMIT 1",
                )
                .bind(user.id)
                .fetch_optional(&mut *tx)
                .await?;
                match oldest {
                    Some(old) => {
                        sqlx::query("DELETE FROM import_jobs WHERE id = $1")
                            .bind(old)
                            .execute(&mut *tx)
                            .await?;
                    }
                    None => room = false,
                }
            }
            if room {
                sqlx::query(
                    "INSERT INTO import_jobs (id, owner, filename, phase, status, file, created_ms, updated_ms) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
                )
                .bind(&id)
                .bind(user.id)
                .bind(&filename)
                .bind(phase_code(status.phase))
                .bind(&json)
                .bind(bytes.as_deref())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            room
        });
        if !room {
            return Err(AppError::RateLimited);
        }
        if let Some(bytes) = bytes {
            tokio::spawn(async move {
                let progress = Arc::new(Progress::default());
                report_progress(db.clone(), status.clone(), progress.clone());
                let checked = check_file(&db, &user, &filename, bytes, today, &progress).await;
                progress.over.store(true, Ordering::Release);
                let mut status = status;
                status.done = progress.done.load(Ordering::Relaxed);
                status.total = progress.total.load(Ordering::Relaxed);
                match checked {
                    Ok(Err(problems)) => {
                        status.phase = ImportPhase::Rejected;
                        status.file_problems = problems;
                    }
                    Ok(Ok(c)) => {
                        status.preview = c.preview(ImportStatus::SHOWN_PREVIEW);
                        status.total_usd_cents = c.total_usd_cents();
                        status.problem_count = c.problems.len() as u32;
                        status.bad_rows = c.bad_rows;
                        status.valid_rows = c.rows.len() as u32;
                        if c.problems.is_empty() {
                            status.phase = ImportPhase::Ready;
                        } else {
                            // One bad row holds back the whole file: nothing is half-imported.
                            status.phase = ImportPhase::Rejected;
                            status.row_problems = c
                                .problems
                                .into_iter()
                                .take(ImportStatus::SHOWN_PROBLEMS)
                                .collect();
                        }
                    }
                    Err(e) => {
                        tracing::error!(error = %e, "import check failed");
                        status.phase = ImportPhase::Failed;
                    }
                }
                if let Err(e) = save(&db, &status, ImportPhase::Checking).await {
                    tracing::error!(error = %e, "saving an import's check");
                }
            });
        }
        Ok(id)
    }

    pub async fn status(&self, db: &Db, id: &str, user: &User) -> Result<ImportStatus, AppError> {
        self.load(db, id, user).await
    }

    /// Writes a checked file: checked again as `user` now, then every row in one transaction,
    /// in the background.
    pub async fn commit(
        self: &Arc<Self>,
        db: Db,
        id: &str,
        user: &User,
    ) -> Result<ImportStatus, AppError> {
        let mut status = self.load(&db, id, user).await?;
        if status.phase != ImportPhase::Ready {
            return Err(AppError::Conflict);
        }
        status.phase = ImportPhase::Committing;
        status.done = 0;
        // Claimed in the database: of two commits (on any servers), one wins, the other is 409.
        if !save(&db, &status, ImportPhase::Ready).await? {
            return Err(AppError::Conflict);
        }
        let file: Option<Vec<u8>> = on_db!(&db, pool => sqlx::query_scalar(
            "SELECT file FROM import_jobs WHERE id = $1",
        )
        .bind(id)
        .fetch_one(pool)
        .await)?;
        let committer = user.clone();
        let jobs = self.clone();
        let answer = status.clone();
        tokio::spawn(async move {
            let progress = Arc::new(Progress::default());
            report_progress(db.clone(), status.clone(), progress.clone());
            let result = match file {
                Some(bytes) => {
                    let _one_at_a_time = jobs.committing.lock().await;
                    commit_file(&db, &committer, &status.filename, bytes, &progress).await
                }
                None => Err(Vec::new()),
            };
            progress.over.store(true, Ordering::Release);
            status.done = progress.done.load(Ordering::Relaxed);
            status.total = progress.total.load(Ordering::Relaxed);
            match result {
                Ok(ids) => {
                    status.phase = ImportPhase::Committed;
                    status.recorded = ids;
                }
                Err(problems) if problems.is_empty() => status.phase = ImportPhase::Failed,
                Err(problems) => {
                    // Nothing was written; say which rows stopped it.
                    status.phase = ImportPhase::Rejected;
                    status.problem_count = problems.len() as u32;
                    let mut bad: Vec<u32> = problems.iter().map(|p| p.line).collect();
                    bad.dedup();
                    status.bad_rows = bad.len() as u32;
                    status.row_problems = problems
                        .into_iter()
                        .take(ImportStatus::SHOWN_PROBLEMS)
                        .collect();
                }
            }
            if let Err(e) = save(&db, &status, ImportPhase::Committing).await {
                tracing::error!(error = %e, "saving an import's commit");
            }
            forget_file(&db, &status.id).await;
        });
        Ok(answer)
    }

    /// Forgets a file that was not (or could not be) recorded. Discarding while the file is
    /// still being checked wins: the check's result is dropped.
    pub async fn discard(&self, db: &Db, id: &str, user: &User) -> Result<(), AppError> {
        let mut status = self.load(db, id, user).await?;
        let from = status.phase;
        if matches!(from, ImportPhase::Committing | ImportPhase::Committed) {
            return Err(AppError::Conflict);
        }
        status.phase = ImportPhase::Discarded;
        if !save(db, &status, from).await? {
            // It moved on meanwhile (committed from elsewhere...).
            return Err(AppError::Conflict);
        }
        forget_file(db, id).await;
        Ok(())
    }
}

/// Drops a job's file once it is no longer needed.
async fn forget_file(db: &Db, id: &str) {
    let done = on_db!(db, pool => sqlx::query("UPDATE import_jobs SET file = NULL WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await
        .map(drop));
    if let Err(e) = done {
        tracing::error!(error = %e, "forgetting an import's file");
    }
}

/// While held, no other server commits an import (PostgreSQL; SQLite has one server). The lock
/// belongs to a connection of its own that is closed afterwards, which frees it whatever
/// happens to the work.
async fn commit_lock(db: &Db) -> Result<Option<sqlx::PgConnection>, sqlx::Error> {
    match db {
        Db::Postgres(pool) => {
            let mut conn = pool.acquire().await?.detach();
            sqlx::query("SELECT pg_advisory_lock(727001)")
                .execute(&mut conn)
                .await?;
            Ok(Some(conn))
        }
        Db::Sqlite(_) => Ok(None),
    }
}

/// Checks the file again as `user` and, if every row still passes and none was recorded since,
/// writes them all in one transaction. The problems that stopped it otherwise (none when the
/// failure was not the file's).
async fn commit_file(
    db: &Db,
    user: &User,
    filename: &str,
    bytes: Vec<u8>,
    progress: &Arc<Progress>,
) -> Result<Vec<i64>, Vec<RowProblem>> {
    let today = chrono::Utc::now().date_naive();
    let checked = match check_file(db, user, filename, bytes, today, progress).await {
        Ok(Ok(c)) => c,
        // The file read before; it cannot fail now unless the rules changed.
        Ok(Err(_)) => return Err(Vec::new()),
        Err(e) => {
            tracing::error!(error = %e, "import re-check failed");
            return Err(Vec::new());
        }
    };
    if !checked.problems.is_empty() {
        return Err(checked.problems);
    }
    let Checked { rows, lines, .. } = checked;
    progress.done.store(0, Ordering::Relaxed);
    progress.total.store(rows.len() as u32, Ordering::Relaxed);
    let lock = match commit_lock(db).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(error = %e, "import commit lock");
            return Err(Vec::new());
        }
    };
    // Rows recorded since the check (another upload of the same file...) are refused.
    let result = match already_recorded(db, &rows, &lines).await {
        Ok(problems) if !problems.is_empty() => Err(problems),
        Ok(_) => {
            let counter = progress.clone();
            let on_row = move |n: usize| counter.done.store(n as u32, Ordering::Relaxed);
            store::contributions::create_many(db, Some(&user.actor()), &rows, &on_row)
                .await
                .map_err(|e| match e {
                    AppError::Validation(errors) => {
                        errors.into_iter().map(|e| problem_at(e, &lines)).collect()
                    }
                    other => {
                        tracing::error!(error = %other, "import commit failed");
                        Vec::new()
                    }
                })
        }
        Err(e) => {
            tracing::error!(error = %e, "import duplicate check failed");
            Err(Vec::new())
        }
    };
    drop(lock);
    result
}

/// A problem that `create_many` reported as `row N: field` (N counting the rows written),
/// placed back on the file's line.
fn problem_at(e: crate::error::FieldError, lines: &[u32]) -> RowProblem {
    let (line, column) = match e
        .field
        .strip_prefix("row ")
        .and_then(|r| r.split_once(": "))
    {
        Some((n, field)) => (
            n.parse::<usize>()
                .ok()
                .and_then(|n| lines.get(n.wrapping_sub(1)).copied())
                .unwrap_or(0),
            field.to_string(),
        ),
        None => (0, e.field),
    };
    RowProblem {
        line,
        column,
        problem: e.problem,
    }
}

type ExistingRow = (i64, Option<String>, String, String, NaiveDate, Option<i64>);

/// Contributions already recorded by the donors a file names (to spot rows imported twice), and
/// the contributions its rows may be routed through.
async fn existing_for(
    db: &Db,
    donors: &[String],
    parents: &[i64],
) -> Result<Existing, sqlx::Error> {
    let mut out = Existing::default();
    for donor in donors {
        let rows: Vec<ExistingRow> = on_db!(db, pool => sqlx::query_as(
            "SELECT c.id, c.recipient_iso2, c.title_es, c.title_en, c.decision_date, s.amount_minor \
             FROM contributions c JOIN contribution_steps s ON s.id = \
             (SELECT MIN(id) FROM contribution_steps WHERE contribution_id = c.id) \
             WHERE c.donor_code = $1 AND c.withdrawn_at IS NULL",
        )
        .bind(donor)
        .fetch_all(pool)
        .await)?;
        for (id, recipient, title_es, title_en, date, amount) in rows {
            out.rows.insert(
                contributions::row_key(
                    donor,
                    recipient.as_deref(),
                    &title_es,
                    &title_en,
                    date,
                    amount,
                ),
                id,
            );
        }
    }
    for parent in parents {
        let found: Option<i64> = on_db!(db, pool => sqlx::query_scalar(
            "SELECT id FROM contributions WHERE id = $1 AND parent_id IS NULL AND withdrawn_at IS NULL",
        )
        .bind(parent)
        .fetch_optional(pool)
        .await)?;
        out.parents.extend(found);
    }
    Ok(out)
}

/// Rows of a checked file that the ledger holds by now.
async fn already_recorded(
    db: &Db,
    rows: &ImportRows,
    lines: &[u32],
) -> Result<Vec<RowProblem>, sqlx::Error> {
    let mut donors: Vec<String> = rows
        .iter()
        .map(|(v, _)| v.fields.donor_code.clone())
        .collect();
    donors.sort();
    donors.dedup();
    let existing = existing_for(db, &donors, &[]).await?;
    Ok(rows
        .iter()
        .zip(lines)
        .filter_map(|((v, _), line)| {
            let key = contributions::key_of(v);
            existing.rows.get(&key).map(|id| RowProblem {
                line: *line,
                column: "title_es".into(),
                problem: crate::error::Problem::AlreadyRecorded { id: *id },
            })
        })
        .collect())
}

/// Reads and checks a file as `user` may record it, reporting progress. The checked rows, or
/// the problems of the file as a whole; `Err` when the work itself failed.
async fn check_file(
    db: &Db,
    user: &User,
    filename: &str,
    bytes: Vec<u8>,
    today: NaiveDate,
    progress: &Arc<Progress>,
) -> Result<Result<Checked, Vec<FileProblem>>, AppError> {
    let name = filename.to_string();
    let table = tokio::task::spawn_blocking(move || table::read_table(&name, &bytes))
        .await
        .map_err(|e| AppError::internal("import", e))?;
    let table = match table {
        Ok(t) => t,
        Err(problem) => return Ok(Err(vec![problem])),
    };
    progress
        .total
        .store(table.rows.len() as u32, Ordering::Relaxed);
    let lookups = Lookups::load(db, None).await?;
    let donor_col = table
        .header
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case("donor"));
    let mut donors: Vec<String> = table
        .rows
        .iter()
        .filter_map(|(_, cells)| donor_col.and_then(|i| cells.get(i)))
        .map(|d| d.trim().to_ascii_uppercase())
        .filter(|d| lookups.organisation(d))
        .collect();
    donors.sort();
    donors.dedup();
    let parent_col = table
        .header
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case("parent"));
    let mut parents: Vec<i64> = table
        .rows
        .iter()
        .filter_map(|(_, cells)| parent_col.and_then(|i| cells.get(i)))
        .filter_map(|p| p.trim().parse().ok())
        .collect();
    parents.sort_unstable();
    parents.dedup();
    let existing = existing_for(db, &donors, &parents).await?;
    let counter = progress.clone();
    let user = user.clone();
    tokio::task::spawn_blocking(move || {
        contributions::check(&table, &lookups, &existing, &user, today, &|n| {
            counter.done.store(n as u32, Ordering::Relaxed)
        })
    })
    .await
    .map_err(|e| AppError::internal("import", e))
}
