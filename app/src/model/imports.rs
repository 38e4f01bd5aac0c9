//! Bulk import of contributions from a CSV or XLSX file: what the browser is told about a file
//! while it is checked and written. The file goes through three phases: checking (every row
//! validated, nothing written), ready or rejected (the preview, or every problem found), and
//! committing / committed (all rows written in one transaction, or none).

use crate::error::Problem;
use crate::i18n::{fill, Lang};
use serde::{Deserialize, Serialize};

/// The columns an import file may have, in the template's order; the names are the form's fields.
pub const IMPORT_COLUMNS: &[&str] = &[
    "donor",
    "recipient",
    "channel",
    "kind",
    "mechanism",
    "pillar",
    "sector",
    "working_group",
    "event",
    "title_es",
    "title_en",
    "description_es",
    "description_en",
    "source_url",
    "parent",
    "is_example",
    "stage",
    "date",
    "currency",
    "amount",
    "fx_rate",
    "note",
];

/// Columns every file must have (a cell may still be empty where the rules allow it).
pub const REQUIRED_COLUMNS: &[&str] = &[
    "donor",
    "recipient",
    "kind",
    "title_es",
    "stage",
    "date",
    "currency",
    "amount",
];

/// Largest file accepted, in bytes.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;
/// Most rows in one file.
pub const MAX_IMPORT_ROWS: usize = 20_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportPhase {
    /// Rows are being read and checked.
    Checking,
    /// Every row is valid: waiting for the person to confirm.
    Ready,
    /// The file has problems; nothing was or will be written.
    Rejected,
    /// Rows are being written in one transaction.
    Committing,
    /// All rows were recorded.
    Committed,
    /// Writing failed and the transaction was rolled back: nothing was recorded.
    Failed,
    /// The person discarded the file.
    Discarded,
}

impl ImportPhase {
    /// Still working: the page keeps asking for progress.
    pub fn in_progress(self) -> bool {
        matches!(self, ImportPhase::Checking | ImportPhase::Committing)
    }
}

/// A problem with the file as a whole (rather than one of its rows).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileProblem {
    /// Not CSV nor a spreadsheet the app can read.
    UnsupportedType,
    /// Bigger than [`MAX_IMPORT_BYTES`].
    TooLarge { max_mb: u32 },
    /// No file was chosen, or it is empty, or it has a header and no rows.
    Empty,
    /// A CSV file that is not UTF-8 (line of the first bad byte).
    NotUtf8 { line: u32 },
    /// More than [`MAX_IMPORT_ROWS`] rows.
    TooManyRows { max: u32 },
    /// The spreadsheet could not be read (damaged, password-protected...).
    Unreadable,
    /// The header lacks required columns.
    MissingColumns(Vec<String>),
    /// The header has columns the app does not know (a typo, or another file's header).
    UnknownColumns(Vec<String>),
    /// The same column twice.
    RepeatedColumns(Vec<String>),
}

impl FileProblem {
    /// The problem explained to people, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.t();
        let columns = |c: &[String]| c.join(", ");
        match self {
            FileProblem::UnsupportedType => t.file_unsupported.into(),
            FileProblem::TooLarge { max_mb } => fill(t.file_too_large, &[("max", max_mb)]),
            FileProblem::Empty => t.file_empty.into(),
            FileProblem::NotUtf8 { line } => fill(t.file_not_utf8, &[("line", line)]),
            FileProblem::TooManyRows { max } => fill(t.file_too_many_rows, &[("max", max)]),
            FileProblem::Unreadable => t.file_unreadable.into(),
            FileProblem::MissingColumns(c) => {
                fill(t.file_missing_columns, &[("columns", &columns(c))])
            }
            FileProblem::UnknownColumns(c) => {
                fill(t.file_unknown_columns, &[("columns", &columns(c))])
            }
            FileProblem::RepeatedColumns(c) => {
                fill(t.file_repeated_columns, &[("columns", &columns(c))])
            }
        }
    }
}

/// One problem in one cell: the file's line number (the header is line 1) and the column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub line: u32,
    pub column: String,
    pub problem: Problem,
}

/// A valid row as it will be recorded, for the preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub line: u32,
    pub donor: String,
    pub recipient: String,
    pub kind: String,
    pub title: String,
    pub stage: String,
    pub date: String,
    pub amount: String,
    pub currency: String,
    pub usd_cents: Option<i64>,
}

/// Everything the import page shows about one uploaded file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportStatus {
    pub id: String,
    pub filename: String,
    pub phase: ImportPhase,
    /// Rows checked (while checking) or written (while committing), of `total`.
    pub done: u32,
    pub total: u32,
    pub file_problems: Vec<FileProblem>,
    /// The first problems found (at most [`ImportStatus::SHOWN_PROBLEMS`]).
    pub row_problems: Vec<RowProblem>,
    /// All problems found, shown or not.
    pub problem_count: u32,
    /// Lines with at least one problem.
    pub bad_rows: u32,
    /// Rows that passed every check.
    pub valid_rows: u32,
    /// The first valid rows.
    pub preview: Vec<PreviewRow>,
    /// The USD value of all valid rows, in cents.
    pub total_usd_cents: i64,
    /// Numbers of the contributions recorded (once committed).
    pub recorded: Vec<i64>,
}

impl ImportStatus {
    pub const SHOWN_PROBLEMS: usize = 200;
    pub const SHOWN_PREVIEW: usize = 25;

    /// Percentage done, for the progress bar.
    pub fn percent(&self) -> u32 {
        if self.total == 0 {
            0
        } else {
            ((u64::from(self.done) * 100) / u64::from(self.total)) as u32
        }
    }
}
