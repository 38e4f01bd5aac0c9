//! Import jobs: an uploaded file is checked in the background while the page shows progress,
//! then waits for the person to confirm, then is written in one transaction (again with
//! progress). Jobs live in memory on the instance that received the upload and are forgotten
//! after [`JOB_TTL`]; a job belongs to the account that uploaded it and nobody else sees it.

pub mod contributions;
pub mod table;

use crate::error::AppError;
use crate::model::{FileProblem, ImportPhase, ImportStatus, RowProblem};
use crate::on_db;
use crate::server::store::{self, accounts::User, Db};
use crate::server::validate::contributions::Lookups;
use chrono::NaiveDate;
use contributions::{Existing, ImportRows};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a finished or abandoned job is kept.
pub const JOB_TTL: Duration = Duration::from_secs(2 * 60 * 60);
/// Jobs one account may have at a time.
pub const JOBS_PER_ACCOUNT: usize = 5;

#[derive(Debug)]
struct Job {
    owner: i64,
    filename: String,
    created: Instant,
    done: AtomicU32,
    total: AtomicU32,
    inner: Mutex<Inner>,
}

#[derive(Debug)]
struct Inner {
    phase: ImportPhase,
    file_problems: Vec<FileProblem>,
    row_problems: Vec<RowProblem>,
    problem_count: u32,
    bad_rows: u32,
    valid_rows: u32,
    preview: Vec<crate::model::PreviewRow>,
    total_usd_cents: i64,
    rows: Option<ImportRows>,
    /// The file line of each row in `rows`, to name lines in problems found at commit.
    lines: Vec<u32>,
    recorded: Vec<i64>,
}

impl Job {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn status(&self, id: &str) -> ImportStatus {
        let inner = self.lock();
        ImportStatus {
            id: id.to_string(),
            filename: self.filename.clone(),
            phase: inner.phase,
            done: self.done.load(Ordering::Relaxed),
            total: self.total.load(Ordering::Relaxed),
            file_problems: inner.file_problems.clone(),
            row_problems: inner.row_problems.clone(),
            problem_count: inner.problem_count,
            bad_rows: inner.bad_rows,
            valid_rows: inner.valid_rows,
            preview: inner.preview.clone(),
            total_usd_cents: inner.total_usd_cents,
            recorded: inner.recorded.clone(),
        }
    }

    fn reject(&self, problems: Vec<FileProblem>) {
        let mut inner = self.lock();
        if inner.phase != ImportPhase::Checking {
            return;
        }
        inner.phase = ImportPhase::Rejected;
        inner.file_problems = problems;
    }
}

/// Every import in progress on this instance (in `AppState`).
#[derive(Debug, Default)]
pub struct ImportJobs {
    jobs: Mutex<HashMap<String, Arc<Job>>>,
    /// One commit at a time, so that two uploads of the same file cannot both pass the
    /// duplicate check made just before writing.
    committing: tokio::sync::Mutex<()>,
}

impl ImportJobs {
    fn get(&self, id: &str, user: &User) -> Result<Arc<Job>, AppError> {
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        match jobs.get(id) {
            Some(job) if job.owner == user.id => Ok(job.clone()),
            // Someone else's job is as invisible as one that never existed.
            _ => Err(AppError::NotFound),
        }
    }

    /// Whether `user` may start another import now (checked before the upload is read).
    pub fn has_room(&self, user: &User) -> bool {
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        let mine: Vec<_> = jobs
            .values()
            .filter(|j| j.owner == user.id && j.created.elapsed() < JOB_TTL)
            .collect();
        mine.len() < JOBS_PER_ACCOUNT || mine.iter().any(|j| !j.lock().phase.in_progress())
    }

    /// Registers an upload and starts checking it in the background. Returns the job's id.
    pub fn start(
        self: &Arc<Self>,
        db: Db,
        user: User,
        filename: String,
        upload: Result<Vec<u8>, FileProblem>,
        today: NaiveDate,
    ) -> Result<String, AppError> {
        let id = crate::server::tokens::new_token();
        let job = Arc::new(Job {
            owner: user.id,
            filename: filename.chars().take(200).collect(),
            created: Instant::now(),
            done: AtomicU32::new(0),
            total: AtomicU32::new(0),
            inner: Mutex::new(Inner {
                phase: ImportPhase::Checking,
                file_problems: Vec::new(),
                row_problems: Vec::new(),
                problem_count: 0,
                bad_rows: 0,
                valid_rows: 0,
                preview: Vec::new(),
                total_usd_cents: 0,
                rows: None,
                lines: Vec::new(),
                recorded: Vec::new(),
            }),
        });
        {
            let mut jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
            jobs.retain(|_, j| j.created.elapsed() < JOB_TTL);
            let mine = jobs.values().filter(|j| j.owner == user.id).count();
            if mine >= JOBS_PER_ACCOUNT {
                // Make room by forgetting the account's oldest finished job.
                let oldest = jobs
                    .iter()
                    .filter(|(_, j)| j.owner == user.id && !j.lock().phase.in_progress())
                    .min_by_key(|(_, j)| j.created)
                    .map(|(k, _)| k.clone());
                match oldest {
                    Some(k) => {
                        jobs.remove(&k);
                    }
                    None => return Err(AppError::RateLimited),
                }
            }
            jobs.insert(id.clone(), job.clone());
        }
        let bytes = match upload {
            Ok(b) => b,
            Err(problem) => {
                job.reject(vec![problem]);
                return Ok(id);
            }
        };
        tokio::spawn(async move {
            if let Err(e) = check_job(&db, &job, &user, bytes, today).await {
                tracing::error!(error = %e, "import check failed");
                let mut inner = job.lock();
                if inner.phase == ImportPhase::Checking {
                    inner.phase = ImportPhase::Failed;
                }
            }
        });
        Ok(id)
    }

    pub fn status(&self, id: &str, user: &User) -> Result<ImportStatus, AppError> {
        Ok(self.get(id, user)?.status(id))
    }

    /// Writes a checked file: every row in one transaction, in the background.
    pub fn commit(
        self: &Arc<Self>,
        db: Db,
        id: &str,
        user: &User,
    ) -> Result<ImportStatus, AppError> {
        let job = self.get(id, user)?;
        let rows = {
            let mut inner = job.lock();
            if inner.phase != ImportPhase::Ready {
                return Err(AppError::Conflict);
            }
            inner.phase = ImportPhase::Committing;
            inner.rows.take().unwrap_or_default()
        };
        job.done.store(0, Ordering::Relaxed);
        job.total.store(rows.len() as u32, Ordering::Relaxed);
        let actor = user.actor();
        let committer = user.clone();
        let task_job = job.clone();
        let jobs = self.clone();
        tokio::spawn(async move {
            let _one_at_a_time = jobs.committing.lock().await;
            let progress = {
                let job = task_job.clone();
                move |n: usize| job.done.store(n as u32, Ordering::Relaxed)
            };
            let lines = task_job.lock().lines.clone();
            // The committer's role now, not the one they had at upload, decides: a row for an
            // organisation they no longer speak for is refused. Then rows recorded since the
            // check (another upload of the same file...) are refused too.
            let not_allowed = not_allowed_now(&committer, &rows, &lines);
            let recorded = if not_allowed.is_empty() {
                already_recorded(&db, &rows, &lines).await
            } else {
                Ok(not_allowed)
            };
            let result = match recorded {
                Ok(problems) if !problems.is_empty() => Err(problems),
                Ok(_) => store::contributions::create_many(&db, Some(&actor), &rows, &progress)
                    .await
                    .map_err(|e| match e {
                        AppError::Validation(errors) => {
                            errors.into_iter().map(|e| problem_at(e, &lines)).collect()
                        }
                        other => {
                            tracing::error!(error = %other, "import commit failed");
                            Vec::new()
                        }
                    }),
                Err(e) => {
                    tracing::error!(error = %e, "import duplicate check failed");
                    Err(Vec::new())
                }
            };
            let mut inner = task_job.lock();
            match result {
                Ok(ids) => {
                    inner.phase = ImportPhase::Committed;
                    inner.recorded = ids;
                }
                Err(problems) if problems.is_empty() => inner.phase = ImportPhase::Failed,
                Err(problems) => {
                    // Nothing was written; say which rows stopped it.
                    inner.phase = ImportPhase::Rejected;
                    inner.problem_count = problems.len() as u32;
                    let mut bad: Vec<u32> = problems.iter().map(|p| p.line).collect();
                    bad.dedup();
                    inner.bad_rows = bad.len() as u32;
                    inner.row_problems = problems
                        .into_iter()
                        .take(ImportStatus::SHOWN_PROBLEMS)
                        .collect();
                }
            }
        });
        Ok(job.status(id))
    }

    /// Forgets a file that was not (or could not be) recorded.
    pub fn discard(&self, id: &str, user: &User) -> Result<(), AppError> {
        let job = self.get(id, user)?;
        let mut inner = job.lock();
        if matches!(
            inner.phase,
            ImportPhase::Committing | ImportPhase::Committed
        ) {
            return Err(AppError::Conflict);
        }
        // Discarding while the file is still being checked wins: the check's result is dropped.
        inner.phase = ImportPhase::Discarded;
        inner.rows = None;
        Ok(())
    }
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
/// The rows whose donor `user` may not record for, as their role stands now.
fn not_allowed_now(user: &User, rows: &ImportRows, lines: &[u32]) -> Vec<RowProblem> {
    use crate::server::auth::{authorize, Action};
    rows.iter()
        .zip(lines)
        .filter(|((v, _), _)| {
            authorize(Some(user), &Action::EditOrganisation(&v.fields.donor_code)).is_err()
        })
        .map(|(_, line)| RowProblem {
            line: *line,
            column: "donor".into(),
            problem: crate::error::Problem::NotAllowed,
        })
        .collect()
}

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

async fn check_job(
    db: &Db,
    job: &Arc<Job>,
    user: &User,
    bytes: Vec<u8>,
    today: NaiveDate,
) -> Result<(), AppError> {
    let filename = job.filename.clone();
    let table = tokio::task::spawn_blocking(move || table::read_table(&filename, &bytes))
        .await
        .map_err(|e| AppError::internal("import", e))?;
    let table = match table {
        Ok(t) => t,
        Err(problem) => {
            job.reject(vec![problem]);
            return Ok(());
        }
    };
    job.total.store(table.rows.len() as u32, Ordering::Relaxed);
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
    let checker = job.clone();
    let user = user.clone();
    let checked = tokio::task::spawn_blocking(move || {
        contributions::check(&table, &lookups, &existing, &user, today, &|n| {
            checker.done.store(n as u32, Ordering::Relaxed)
        })
    })
    .await
    .map_err(|e| AppError::internal("import", e))?;
    let mut inner = job.lock();
    if inner.phase != ImportPhase::Checking {
        // Discarded meanwhile.
        return Ok(());
    }
    match checked {
        Err(problems) => {
            inner.phase = ImportPhase::Rejected;
            inner.file_problems = problems;
        }
        Ok(c) => {
            inner.preview = c.preview(ImportStatus::SHOWN_PREVIEW);
            inner.total_usd_cents = c.total_usd_cents();
            inner.problem_count = c.problems.len() as u32;
            inner.bad_rows = c.bad_rows;
            inner.valid_rows = c.rows.len() as u32;
            if c.problems.is_empty() {
                inner.phase = ImportPhase::Ready;
                inner.rows = Some(c.rows);
                inner.lines = c.lines;
            } else {
                // One bad row holds back the whole file: nothing is half-imported.
                inner.phase = ImportPhase::Rejected;
                inner.row_problems = c
                    .problems
                    .into_iter()
                    .take(ImportStatus::SHOWN_PROBLEMS)
                    .collect();
            }
        }
    }
    Ok(())
}
