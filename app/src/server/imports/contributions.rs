//! Reading and checking an import file: CSV (UTF-8, comma or semicolon) or a spreadsheet (first
//! sheet of an XLSX, XLS or ODS file). Nothing here writes: [`check`] turns a file into either
//! the rows to record or every problem found, with the file's line and column for each.

use super::table::Table;
use crate::error::{FieldError, Problem};
use crate::model::{
    ContributionInput, FileProblem, PreviewRow, RowProblem, IMPORT_COLUMNS, REQUIRED_COLUMNS,
};
use crate::server::auth::{authorize, Action};
use crate::server::store::accounts::User;
use crate::server::validate::contributions::{
    validate_contribution, Lookups, NewStep, ValidContribution,
};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The rows of a file that passed every check, ready for `contributions::create_many`.
pub type ImportRows = Vec<(ValidContribution, Vec<NewStep>)>;

/// The outcome of checking a whole file.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    pub rows: ImportRows,
    pub lines: Vec<u32>,
    pub problems: Vec<RowProblem>,
    pub bad_rows: u32,
}

impl Checked {
    pub fn preview(&self, limit: usize) -> Vec<PreviewRow> {
        self.rows
            .iter()
            .zip(&self.lines)
            .take(limit)
            .map(|((v, _), line)| PreviewRow {
                line: *line,
                donor: v.fields.donor_code.clone(),
                recipient: v
                    .fields
                    .recipient_iso2
                    .clone()
                    .unwrap_or_else(|| "regional".into()),
                kind: v.fields.kind.code().to_string(),
                title: v.fields.title_es.clone(),
                stage: v.step.stage.code().to_string(),
                date: v.step.date.to_string(),
                amount: v
                    .step
                    .amount_minor
                    .map(crate::server::money::format_minor)
                    .unwrap_or_default(),
                currency: v.step.currency.clone(),
                usd_cents: v.step.usd,
            })
            .collect()
    }

    pub fn total_usd_cents(&self) -> i64 {
        self.rows
            .iter()
            .filter_map(|(v, _)| v.step.usd)
            .fold(0i64, i64::saturating_add)
    }
}

/// Maps header names to column positions, or says what is wrong with the header.
fn columns(header: &[String]) -> Result<HashMap<&'static str, usize>, Vec<FileProblem>> {
    let mut found: HashMap<&'static str, usize> = HashMap::new();
    let mut unknown = Vec::new();
    let mut repeated = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let norm = name
            .trim()
            .trim_start_matches('\u{feff}')
            .to_ascii_lowercase()
            .replace([' ', '-'], "_");
        if norm.is_empty() {
            continue;
        }
        match IMPORT_COLUMNS.iter().find(|c| **c == norm) {
            Some(c) => {
                if found.insert(c, i).is_some() {
                    repeated.push(c.to_string());
                }
            }
            None => unknown.push(name.trim().to_string()),
        }
    }
    let missing: Vec<String> = REQUIRED_COLUMNS
        .iter()
        .filter(|c| !found.contains_key(**c))
        .map(|c| c.to_string())
        .collect();
    let mut problems = Vec::new();
    if !missing.is_empty() {
        problems.push(FileProblem::MissingColumns(missing));
    }
    if !unknown.is_empty() {
        problems.push(FileProblem::UnknownColumns(unknown));
    }
    if !repeated.is_empty() {
        problems.push(FileProblem::RepeatedColumns(repeated));
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

fn yes_no(v: &str) -> Option<bool> {
    match v.trim().to_lowercase().as_str() {
        "" | "no" | "false" | "falso" | "0" | "n" => Some(false),
        "yes" | "sí" | "si" | "true" | "verdadero" | "1" | "x" | "y" | "s" => Some(true),
        _ => None,
    }
}

/// What makes two rows the same contribution: donor, recipient ("" for regional), title
/// (Spanish, else English, lower-cased), date of the first step and its amount.
pub type RowKey = (String, String, String, NaiveDate, Option<i64>);

pub fn row_key(
    donor: &str,
    recipient: Option<&str>,
    title_es: &str,
    title_en: &str,
    date: NaiveDate,
    amount_minor: Option<i64>,
) -> RowKey {
    let title = if title_es.trim().is_empty() {
        title_en
    } else {
        title_es
    };
    (
        donor.to_string(),
        recipient.unwrap_or_default().to_string(),
        title.trim().to_lowercase(),
        date,
        amount_minor,
    )
}

/// The key of a checked row, to find it again in the ledger or further down the file.
pub fn key_of(v: &ValidContribution) -> RowKey {
    row_key(
        &v.fields.donor_code,
        v.fields.recipient_iso2.as_deref(),
        &v.fields.title_es,
        &v.fields.title_en,
        v.step.date,
        v.step.amount_minor,
    )
}

/// What the ledger already holds that rows are checked against.
#[derive(Clone, Debug, Default)]
pub struct Existing {
    /// Contributions a row could repeat, by key -> contribution number.
    pub rows: HashMap<RowKey, i64>,
    /// Contributions a row may be routed through (top-level and not withdrawn).
    pub parents: std::collections::HashSet<i64>,
}

/// Checks every row of `table` as `user` may record it. Progress is reported after each row.
pub fn check(
    table: &Table,
    lookups: &Lookups,
    existing: &Existing,
    user: &User,
    today: NaiveDate,
    progress: &dyn Fn(usize),
) -> Result<Checked, Vec<FileProblem>> {
    let cols = columns(&table.header)?;
    let cell = |cells: &[String], name: &str| -> String {
        cols.get(name)
            .and_then(|i| cells.get(*i))
            .cloned()
            .unwrap_or_default()
    };
    let mut out = Checked::default();
    let mut seen: HashMap<RowKey, u32> = HashMap::new();
    for (n, (line, cells)) in table.rows.iter().enumerate() {
        // The template's second row holds HXL hashtags, not data.
        if n == 0 && cells.iter().all(|c| c.is_empty() || c.starts_with('#')) {
            progress(n + 1);
            continue;
        }
        let mut errors: Vec<FieldError> = Vec::new();
        // Cells beyond the header are an error only when they hold something (spreadsheet
        // exports often end rows with empty cells).
        if cells.iter().skip(table.header.len()).any(|c| !c.is_empty()) {
            errors.push(FieldError::new("*", Problem::InvalidFormat));
        }
        let is_example = yes_no(&cell(cells, "is_example")).unwrap_or_else(|| {
            errors.push(FieldError::new("is_example", Problem::InvalidFormat));
            false
        });
        let input = ContributionInput {
            donor: cell(cells, "donor"),
            recipient: cell(cells, "recipient"),
            channel: cell(cells, "channel"),
            kind: cell(cells, "kind"),
            mechanism: cell(cells, "mechanism"),
            pillar: cell(cells, "pillar"),
            sector: cell(cells, "sector"),
            working_group: cell(cells, "working_group"),
            event: cell(cells, "event"),
            title_es: cell(cells, "title_es"),
            title_en: cell(cells, "title_en"),
            description_es: cell(cells, "description_es"),
            description_en: cell(cells, "description_en"),
            currency: cell(cells, "currency"),
            source_url: cell(cells, "source_url"),
            parent: cell(cells, "parent"),
            is_example,
            stage: cell(cells, "stage"),
            date: cell(cells, "date"),
            amount: cell(cells, "amount"),
            fx_rate: cell(cells, "fx_rate"),
            note: cell(cells, "note"),
        };
        let donor = input.donor.trim().to_ascii_uppercase();
        if !donor.is_empty()
            && lookups.organisation(&donor)
            && authorize(Some(user), &Action::EditOrganisation(&donor)).is_err()
        {
            errors.push(FieldError::new("donor", Problem::NotAllowed));
        }
        let valid = validate_contribution(&input, lookups, today);
        match valid {
            Ok(v) if errors.is_empty() => {
                let key = key_of(&v);
                let recorded = existing.rows.get(&key);
                if let Some(parent) = v.fields.parent_id {
                    if !existing.parents.contains(&parent) {
                        errors.push(FieldError::new("parent", Problem::UnknownChoice));
                    }
                }
                if let Some(first) = seen.get(&key) {
                    errors.push(FieldError::new(
                        "title_es",
                        Problem::DuplicateOf { row: *first },
                    ));
                } else if let Some(id) = recorded {
                    errors.push(FieldError::new(
                        "title_es",
                        Problem::AlreadyRecorded { id: *id },
                    ));
                } else if errors.is_empty() {
                    seen.insert(key, *line);
                    out.rows.push((v, Vec::new()));
                    out.lines.push(*line);
                }
            }
            Ok(_) => {}
            Err(mut e) => errors.append(&mut e),
        }
        if !errors.is_empty() {
            out.bad_rows += 1;
            out.problems.extend(errors.into_iter().map(|e| RowProblem {
                line: *line,
                column: e.field,
                problem: e.problem,
            }));
        }
        progress(n + 1);
    }
    if out.rows.is_empty() && out.problems.is_empty() {
        return Err(vec![FileProblem::Empty]);
    }
    Ok(out)
}

/// The import template: the header, the HXL hashtags, and one example row.
pub fn template_csv() -> String {
    let hxl = |c: &str| match c {
        "donor" => "#org+funder+code",
        "recipient" => "#country+code",
        "channel" => "#org+impl+code",
        "kind" => "#indicator+type",
        "mechanism" => "#meta+financing",
        "pillar" => "#sector+pillar",
        "sector" => "#sector+code",
        "title_es" => "#activity+name+i_es",
        "title_en" => "#activity+name+i_en",
        "stage" => "#status+code",
        "date" => "#date+decision",
        "currency" => "#currency+code",
        "amount" => "#value+funding",
        _ => "",
    };
    let example = |c: &str| match c {
        "donor" => "ESP",
        "recipient" => "GT",
        "channel" => "UNHCR",
        "kind" => "financial",
        "mechanism" => "grant",
        "pillar" => "3",
        "sector" => "",
        "title_es" => "Apoyo a la integración local",
        "title_en" => "Support for local integration",
        "stage" => "pledge",
        "date" => "2026-03-15",
        "currency" => "EUR",
        "amount" => "250000",
        "fx_rate" => "1.08",
        "is_example" => "yes",
        _ => "",
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(IMPORT_COLUMNS);
    let _ = w.write_record(IMPORT_COLUMNS.iter().map(|c| hxl(c)));
    let _ = w.write_record(IMPORT_COLUMNS.iter().map(|c| example(c)));
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
#[path = "contributions_tests.rs"]
mod tests;
