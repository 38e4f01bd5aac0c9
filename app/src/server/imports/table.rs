//! Reading an uploaded file into a table of text cells: CSV (UTF-8, comma or semicolon) or the
//! first sheet of a spreadsheet (XLSX, XLS or ODS), with limits on size, rows, columns and
//! decompressed bytes. Shared by every import.

use crate::model::{FileProblem, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS};

/// A file read into text cells: the header and the data rows with their line numbers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<(u32, Vec<String>)>,
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
        // As wide as a sheet may be: a cell with text beyond that is refused, empty ones are
        // dropped before anything is allocated for them.
        let wide = MAX_COLUMNS as usize;
        if let Some(c) = record.iter().skip(wide).position(|c| !c.trim().is_empty()) {
            return Err(FileProblem::UnknownColumns(vec![format!(
                "#{}",
                wide + c + 1
            )]));
        }
        let cells: Vec<String> = record
            .iter()
            .take(wide)
            .map(|c| c.trim().to_string())
            .collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_is_no_wider_than_a_sheet() {
        let wide = format!("a,b\n1,2{}\n", ",".repeat(200_000));
        let t = read_table("x.csv", wide.as_bytes()).expect("empty cells beyond are dropped");
        assert_eq!(t.rows[0].1.len(), MAX_COLUMNS as usize);
        let far = format!("a,b\n1,2{}x\n", ",".repeat(100));
        assert_eq!(
            read_table("x.csv", far.as_bytes()),
            Err(FileProblem::UnknownColumns(vec!["#102".into()]))
        );
    }
}
