//! Tests of reading and checking contribution files.
use super::*;
use crate::model::Role;
use crate::server::imports::table::read_table;
use crate::server::store::vocabulary::Vocabulary;
use std::collections::HashSet;

fn lookups() -> Lookups {
    Lookups {
        vocabulary: std::sync::Arc::new(Vocabulary::of_codes(
            &[("GT", "GTM"), ("CR", "CRI")],
            &["ESP", "EU", "UNHCR"],
            &[],
            &[],
        )),
        events: HashSet::new(),
    }
}

use crate::server::testing::unsaved_user as user;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
}

const HEADER: &str = "donor,recipient,kind,title_es,stage,date,currency,amount,fx_rate\n";

fn run(csv: &str, role: Role) -> Result<Checked, Vec<FileProblem>> {
    let table = read_table("f.csv", csv.as_bytes()).map_err(|p| vec![p])?;
    check_table(&table, &Existing::default(), role)
}

/// Checks a read table as `role` would, against `existing` ledger records.
fn check_table(
    table: &crate::server::imports::table::Table,
    existing: &Existing,
    role: Role,
) -> Result<Checked, Vec<FileProblem>> {
    check(table, &lookups(), existing, &user(role), today(), &|_| ())
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
    let c = check_table(&table, &existing, Role::Secretariat).expect("checked");
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
    let c = check_table(&table, &existing, Role::Secretariat).expect("checked");
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
        Role::member("ESP"),
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
    let c = check_table(&table, &Existing::default(), Role::Secretariat).expect("checked");
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
    let c = check_table(&table, &Existing::default(), Role::Secretariat).expect("checked");
    assert!(c.problems.is_empty(), "{:?}", c.problems);
    assert_eq!(c.rows.len(), 1);
}
