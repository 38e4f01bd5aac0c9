//! Reading and checking an import file: CSV (UTF-8, comma or semicolon) or a spreadsheet (first
//! sheet of an XLSX, XLS or ODS file). Nothing here writes: [`check`] turns a file into either
//! the rows to record or every problem found, with the file's line and column for each.

use super::validate::{validate_contribution, Lookups, NewStep, ValidContribution};
use crate::error::{FieldError, Problem};
use crate::model::{
    ContributionInput, FileProblem, PreviewRow, RowProblem, IMPORT_COLUMNS, MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS, REQUIRED_COLUMNS,
};
use crate::server::auth::{authorize, Action};
use crate::server::store::users::User;
use chrono::NaiveDate;
use std::collections::HashMap;

/// A file read into text cells: the header and the data rows with their line numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<(u32, Vec<String>)>,
}

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
                    .map(crate::server::ledger::money::format_minor)
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

/// An XLSX workbook, by name or by content (a ZIP archive).
fn is_spreadsheet(filename: &str, bytes: &[u8]) -> bool {
    let lower = filename.to_ascii_lowercase();
    lower.ends_with(".xlsx") || lower.ends_with(".xlsm") || bytes.starts_with(b"PK\x03\x04")
}

/// Most columns a sheet may use (the template has 21).
const MAX_COLUMNS: u32 = 64;
/// Most bytes a workbook may hold once decompressed (guards against ZIP bombs).
const MAX_UNZIPPED: u64 = 64 * 1024 * 1024;

/// Reads a file into a table of text cells.
pub fn read_table(filename: &str, bytes: &[u8]) -> Result<Table, FileProblem> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(FileProblem::TooLarge {
            max_mb: (MAX_IMPORT_BYTES / (1024 * 1024)) as u32,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileProblem::Empty);
    }
    let table = if is_spreadsheet(filename, bytes) {
        read_spreadsheet(bytes)?
    } else {
        let lower = filename.to_ascii_lowercase();
        let other_spreadsheet = [".xls", ".ods", ".numbers"]
            .iter()
            .any(|e| lower.ends_with(e))
            || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
        if other_spreadsheet
            || !(lower.ends_with(".csv") || lower.ends_with(".txt") || !lower.contains('.'))
        {
            return Err(FileProblem::UnsupportedType);
        }
        read_csv(bytes)?
    };
    if table.rows.is_empty() {
        return Err(FileProblem::Empty);
    }
    if table.rows.len() > MAX_IMPORT_ROWS {
        return Err(FileProblem::TooManyRows {
            max: MAX_IMPORT_ROWS as u32,
        });
    }
    Ok(table)
}

fn read_csv(bytes: &[u8]) -> Result<Table, FileProblem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| FileProblem::NotUtf8 {
        line: bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u32
            + 1,
    })?;
    // Spreadsheets set to Spanish write `;` between cells; take whichever the header uses more.
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|_| FileProblem::Unreadable)?;
        let line = record.position().map_or(i as u64 + 1, |p| p.line()) as u32;
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        if i == 0 {
            table.header = cells;
        } else if cells.iter().any(|c| !c.is_empty()) {
            table.rows.push((line, cells));
        }
        if table.rows.len() > MAX_IMPORT_ROWS {
            break;
        }
    }
    Ok(table)
}

/// A spreadsheet number as the ledger writes amounts: no float noise, at most two decimals.
fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let cents = (v * 100.0).round();
    if (v * 100.0 - cents).abs() < 1e-6 && v.abs() < 1e13 {
        format!("{:.2}", cents / 100.0)
    } else {
        format!("{v}")
    }
}

/// Reads the first sheet of an XLSX workbook cell by cell, refusing sheets wider or longer than
/// an import can be before anything large is allocated.
fn read_spreadsheet(bytes: &[u8]) -> Result<Table, FileProblem> {
    use calamine::{DataRef, Reader, Xlsx};
    // The archive's declared sizes first: a small file must not unpack into gigabytes.
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| FileProblem::Unreadable)?;
    let mut unzipped = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|_| FileProblem::Unreadable)?;
        unzipped = unzipped.saturating_add(entry.size());
    }
    if unzipped > MAX_UNZIPPED {
        return Err(FileProblem::TooLarge {
            max_mb: (MAX_IMPORT_BYTES / (1024 * 1024)) as u32,
        });
    }
    let mut book: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes)).map_err(|_| FileProblem::Unreadable)?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or(FileProblem::Empty)?;
    let mut reader = book
        .worksheet_cells_reader(&first)
        .map_err(|_| FileProblem::Unreadable)?;
    let max_row = MAX_IMPORT_ROWS as u32 + 2;
    let mut rows: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(_) => return Err(FileProblem::Unreadable),
        };
        let (r, c) = cell.get_position();
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::String(s) => s.trim().to_string(),
            DataRef::SharedString(s) => s.trim().to_string(),
            DataRef::Int(v) => v.to_string(),
            DataRef::Float(v) => number_text(*v),
            DataRef::Bool(b) => b.to_string(),
            DataRef::DateTime(d) => d
                .as_datetime()
                .map(|d| d.date().to_string())
                .unwrap_or_default(),
            DataRef::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
            DataRef::DurationIso(s) => s.clone(),
            DataRef::Error(e) => format!("#{e:?}"),
        };
        if text.is_empty() {
            continue;
        }
        if c >= MAX_COLUMNS {
            return Err(FileProblem::UnknownColumns(vec![format!("#{}", c + 1)]));
        }
        if r >= max_row || rows.len() > MAX_IMPORT_ROWS + 1 {
            return Err(FileProblem::TooManyRows {
                max: MAX_IMPORT_ROWS as u32,
            });
        }
        let row = rows.entry(r).or_default();
        if row.len() <= c as usize {
            row.resize(c as usize + 1, String::new());
        }
        row[c as usize] = text;
    }
    let mut table = Table::default();
    for (r, cells) in rows {
        if table.header.is_empty() {
            table.header = cells;
        } else {
            table.rows.push((r + 1, cells));
        }
    }
    Ok(table)
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
            && lookups.organisations.contains(&donor)
            && authorize(Some(user), &Action::EditOrganisation(&donor)).is_err()
        {
            errors.push(FieldError::new("donor", Problem::NotAllowed));
        }
        let valid = validate_contribution(&input, lookups, today);
        match valid {
            Ok(v) if errors.is_empty() => {
                let key = row_key(
                    &v.fields.donor_code,
                    v.fields.recipient_iso2.as_deref(),
                    &v.fields.title_es,
                    &v.fields.title_en,
                    v.step.date,
                    v.step.amount_minor,
                );
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
mod tests {
    use super::*;
    use crate::model::Role;
    use std::collections::HashSet;

    fn lookups() -> Lookups {
        Lookups {
            organisations: ["ESP", "EU", "UNHCR"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            countries: [("GT", "GT"), ("GTM", "GT"), ("CR", "CR")]
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            sectors: HashSet::new(),
            working_groups: HashSet::new(),
            events: HashSet::new(),
        }
    }

    fn user(role: Role) -> User {
        User {
            id: 1,
            email: "a@b.org".into(),
            display_name: "A".into(),
            role,
            active: true,
            password_hash: String::new(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
    }

    const HEADER: &str = "donor,recipient,kind,title_es,stage,date,currency,amount,fx_rate\n";

    fn run(csv: &str, role: Role) -> Result<Checked, Vec<FileProblem>> {
        let table = read_table("f.csv", csv.as_bytes()).map_err(|p| vec![p])?;
        check(
            &table,
            &lookups(),
            &Existing::default(),
            &user(role),
            today(),
            &|_| (),
        )
    }

    fn problems_at(c: &Checked, line: u32) -> Vec<(String, Problem)> {
        c.problems
            .iter()
            .filter(|p| p.line == line)
            .map(|p| (p.column.clone(), p.problem.clone()))
            .collect()
    }

    #[test]
    fn valid_rows_are_ready() {
        let c = run(
            &format!("{HEADER}ESP,GT,financial,Apoyo,pledge,2026-03-15,EUR,250000,1.08\nEU,regional,financial,Otro,commitment,15/04/2025,USD,1000.50,\n"),
            Role::Secretariat,
        )
        .expect("checked");
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.rows.len(), 2);
        assert_eq!(c.lines, vec![2, 3]);
        assert_eq!(c.total_usd_cents(), 27_000_000 + 100_050);
    }

    #[test]
    fn semicolons_bom_and_hxl_row_are_understood() {
        let csv = "\u{feff}donor;recipient;kind;title_es;stage;date;currency;amount\n#org;#country;;;;;;\nESP;CR;technical;Asistencia;pledge;2026-01-01;USD;\n";
        let c = run(csv, Role::Secretariat).expect("checked");
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.rows.len(), 1);
        assert_eq!(c.lines, vec![3]);
    }

    #[test]
    fn wrong_header_is_a_file_problem() {
        let err = run(
            "donante,recipient,kind,titulo,stage,date,currency,amount\nESP,GT,financial,x,pledge,2026-01-01,USD,1\n",
            Role::Secretariat,
        )
        .expect_err("rejected");
        assert!(err.contains(&FileProblem::MissingColumns(vec![
            "donor".into(),
            "title_es".into()
        ])));
        assert!(err.contains(&FileProblem::UnknownColumns(vec![
            "donante".into(),
            "titulo".into()
        ])));
    }

    #[test]
    fn bad_cells_are_reported_by_line_and_column() {
        let c = run(
            &format!(
                "{HEADER}\
                 ESP,GT,financial,Fecha mala,pledge,2026-13-45,USD,100,\n\
                 ESP,GT,financial,Negativo,pledge,2026-01-01,USD,-100,\n\
                 ESP,GT,financial,Enorme,pledge,2026-01-01,USD,99999999999999999,\n\
                 NOPE,XX,money,Desconocidos,pledge,2026-01-01,USD,1,\n\
                 ESP,GT,financial,Ok,pledge,2026-01-01,USD,100,\n"
            ),
            Role::Secretariat,
        )
        .expect("checked");
        assert_eq!(
            problems_at(&c, 2),
            vec![("date".to_string(), Problem::InvalidFormat)]
        );
        assert!(matches!(
            problems_at(&c, 3)[..],
            [(ref col, Problem::OutOfRange { .. })] if col == "amount"
        ));
        assert!(matches!(
            problems_at(&c, 4)[..],
            [(ref col, Problem::OutOfRange { .. })] if col == "amount"
        ));
        let unknown: Vec<String> = problems_at(&c, 5).into_iter().map(|p| p.0).collect();
        assert!(unknown.contains(&"donor".to_string()), "{unknown:?}");
        assert!(unknown.contains(&"recipient".to_string()), "{unknown:?}");
        assert!(unknown.contains(&"kind".to_string()), "{unknown:?}");
        assert_eq!(c.bad_rows, 4);
        assert_eq!(c.rows.len(), 1);
    }

    #[test]
    fn duplicates_in_the_file_and_in_the_ledger() {
        let mut existing = Existing::default();
        existing.rows.insert(
            row_key(
                "EU",
                None,
                "Ya registrada",
                "",
                NaiveDate::from_ymd_opt(2021, 6, 10).expect("date"),
                Some(500),
            ),
            42,
        );
        let csv = format!(
            "{HEADER}ESP,GT,financial,Apoyo,pledge,2026-03-15,USD,100,\n\
             ESP,GT,financial,apoyo,pledge,2026-03-15,USD,100,\n\
             EU,,financial,Ya registrada,pledge,2021-06-10,USD,5,\n"
        );
        let table = read_table("f.csv", csv.as_bytes()).expect("table");
        let c = check(
            &table,
            &lookups(),
            &existing,
            &user(Role::Secretariat),
            today(),
            &|_| (),
        )
        .expect("checked");
        assert_eq!(
            problems_at(&c, 3),
            vec![("title_es".to_string(), Problem::DuplicateOf { row: 2 })]
        );
        assert_eq!(
            problems_at(&c, 4),
            vec![("title_es".to_string(), Problem::AlreadyRecorded { id: 42 })]
        );
    }

    #[test]
    fn parents_must_exist_and_trailing_empty_cells_are_fine() {
        let mut existing = Existing::default();
        existing.parents.insert(7);
        let csv = "donor,recipient,kind,title_es,title_en,stage,date,currency,amount,parent\n\
             ESP,GT,financial,,Only English,pledge,2026-01-01,USD,1,7,,\n\
             ESP,GT,financial,,Only English too,pledge,2026-01-01,USD,1,999\n\
             ESP,GT,financial,X,,pledge,2026-01-01,USD,1,,,surprise\n";
        let table = read_table("f.csv", csv.as_bytes()).expect("table");
        let c = check(
            &table,
            &lookups(),
            &existing,
            &user(Role::Secretariat),
            today(),
            &|_| (),
        )
        .expect("checked");
        assert_eq!(problems_at(&c, 2), vec![]);
        assert_eq!(
            problems_at(&c, 3),
            vec![("parent".to_string(), Problem::UnknownChoice)]
        );
        assert_eq!(
            problems_at(&c, 4),
            vec![("*".to_string(), Problem::InvalidFormat)]
        );
        assert_eq!(c.rows.len(), 1);
    }

    #[test]
    fn an_amount_beyond_the_ledger_after_conversion_is_reported() {
        let c = run(
            &format!("{HEADER}ESP,GT,financial,Grande,pledge,2026-01-01,EUR,90000000000,1000\n"),
            Role::Secretariat,
        )
        .expect("checked");
        assert!(matches!(
            problems_at(&c, 2)[..],
            [(ref col, Problem::OutOfRange { .. })] if col == "amount"
        ));
    }

    #[test]
    fn members_import_only_their_own_organisation() {
        let c = run(
            &format!("{HEADER}ESP,GT,financial,Propia,pledge,2026-03-15,USD,100,\nEU,GT,financial,Ajena,pledge,2026-03-15,USD,100,\n"),
            Role::Member {
                organisation: "ESP".into(),
            },
        )
        .expect("checked");
        assert_eq!(problems_at(&c, 2), vec![]);
        assert_eq!(
            problems_at(&c, 3),
            vec![("donor".to_string(), Problem::NotAllowed)]
        );
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(b"ESP,GT,financial,Cooperaci\xf3n,pledge,2026-01-01,USD,1,\n");
        assert_eq!(
            read_table("latin1.csv", &bytes),
            Err(FileProblem::NotUtf8 { line: 2 })
        );
    }

    #[test]
    fn empty_files_and_header_only_files_are_empty() {
        assert_eq!(read_table("e.csv", b""), Err(FileProblem::Empty));
        assert_eq!(read_table("e.csv", b"  \n"), Err(FileProblem::Empty));
        assert_eq!(
            read_table("e.csv", HEADER.as_bytes()),
            Err(FileProblem::Empty)
        );
        assert_eq!(
            read_table("e.pdf", b"%PDF-1.4"),
            Err(FileProblem::UnsupportedType)
        );
        assert_eq!(
            read_table("broken.xlsx", b"PK\x03\x04 not really a zip"),
            Err(FileProblem::Unreadable)
        );
    }

    fn xlsx(cells: &[&[&str]]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, row) in cells.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if let Ok(n) = v.parse::<f64>() {
                    sheet.write_number(r as u32, c as u16, n).expect("cell");
                } else {
                    sheet.write_string(r as u32, c as u16, *v).expect("cell");
                }
            }
        }
        book.save_to_buffer().expect("xlsx")
    }

    #[test]
    fn spreadsheets_are_read_like_csv() {
        let header: Vec<&str> = HEADER.trim().split(',').collect();
        let bytes = xlsx(&[
            &header,
            &[
                "ESP",
                "GTM",
                "financial",
                "Desde Excel",
                "pledge",
                "2026-02-01",
                "EUR",
                "1234.5",
                "1.1",
            ],
        ]);
        let table = read_table("libro.xlsx", &bytes).expect("table");
        assert_eq!(table.rows[0].0, 2);
        assert_eq!(table.rows[0].1[7], "1234.50");
        let c = check(
            &table,
            &lookups(),
            &Existing::default(),
            &user(Role::Secretariat),
            today(),
            &|_| (),
        )
        .expect("checked");
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.rows[0].0.fields.recipient_iso2.as_deref(), Some("GT"));
        // An empty sheet, and a sheet with only the header.
        assert_eq!(
            read_table("vacio.xlsx", &xlsx(&[])),
            Err(FileProblem::Empty)
        );
        assert_eq!(
            read_table("cabecera.xlsx", &xlsx(&[&header])),
            Err(FileProblem::Empty)
        );
    }

    #[test]
    fn the_template_passes_its_own_check() {
        let table = read_table("plantilla.csv", template_csv().as_bytes()).expect("table");
        let c = check(
            &table,
            &lookups(),
            &Existing::default(),
            &user(Role::Secretariat),
            today(),
            &|_| (),
        )
        .expect("checked");
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.rows.len(), 1);
    }
}
