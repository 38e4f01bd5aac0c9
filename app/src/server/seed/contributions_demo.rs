//! Demo ledger: generated example contributions and requirements, flagged `is_example`, enough
//! to make every chart meaningful. Written once. (The sourced contributions are real records:
//! `super::real`.)

use crate::error::AppError;
use crate::model::{ContributionInput, StepInput};
use crate::on_db;
use crate::server::store::{contributions, Db};
use crate::server::validate::contributions::{
    validate_contribution, validate_step, Lookups, ValidContribution,
};
use chrono::{Datelike, Months, NaiveDate};

/// A small deterministic generator, so every installation shows the same examples.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const DONORS: [(&str, &str, &str); 14] = [
    ("USA", "USD", "1"),
    ("CAN", "CAD", "0.76"),
    ("EU", "EUR", "1.10"),
    ("ESP", "EUR", "1.10"),
    ("FRA", "EUR", "1.10"),
    ("CHE", "CHF", "1.12"),
    ("IDB", "USD", "1"),
    ("WB", "USD", "1"),
    ("CABEI", "USD", "1"),
    ("COL", "USD", "1"),
    ("BRA", "USD", "1"),
    ("ARG", "USD", "1"),
    ("URY", "USD", "1"),
    ("ECLAC", "USD", "1"),
];

const COUNTRIES: [&str; 8] = ["BZ", "CR", "SV", "GT", "HN", "MX", "PA", ""];

const PILLAR_NAMES: [(&str, &str); 4] = [
    ("recepción y admisión", "reception and admission"),
    ("necesidades inmediatas", "immediate needs"),
    ("comunidades de acogida", "host communities"),
    ("soluciones duraderas", "durable solutions"),
];

fn country_names(iso: &str) -> (&'static str, &'static str) {
    match iso {
        "BZ" => ("Belice", "Belize"),
        "CR" => ("Costa Rica", "Costa Rica"),
        "SV" => ("El Salvador", "El Salvador"),
        "GT" => ("Guatemala", "Guatemala"),
        "HN" => ("Honduras", "Honduras"),
        "MX" => ("México", "Mexico"),
        "PA" => ("Panamá", "Panama"),
        _ => ("la región", "the region"),
    }
}

fn add_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m)).unwrap_or(d)
}

/// Generated example contributions, each with the steps it went through by `today`.
fn examples(today: NaiveDate, count: usize) -> Vec<(ContributionInput, Vec<StepInput>)> {
    let mut rng = Lcg(2023);
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let (donor, currency, rate) = DONORS[i % DONORS.len()];
        let recipient = COUNTRIES[rng.below(COUNTRIES.len() as u64) as usize];
        let pillar = 1 + rng.below(4) as usize;
        let kind = match rng.below(20) {
            0..=13 => "financial",
            14..=16 => "technical",
            17..=18 => "in_kind",
            _ => "policy",
        };
        let year = 2020 + rng.below(7) as i32;
        let month = 1 + rng.below(12) as u32;
        let day = 1 + rng.below(28) as u32;
        let mut date = NaiveDate::from_ymd_opt(year, month, day).unwrap_or(today);
        if date > today {
            date = add_months(today, 0) - chrono::Days::new(30 + rng.below(200));
        }
        let units = match kind {
            "financial" => 200_000 + rng.below(60) * 100_000,
            "policy" => 0,
            _ => 50_000 + rng.below(20) * 25_000,
        };
        let amount = if units == 0 {
            String::new()
        } else {
            units.to_string()
        };
        let fx = if currency == "USD" || amount.is_empty() {
            String::new()
        } else {
            rate.to_string()
        };
        let (ces, cen) = country_names(recipient);
        let (pes, pen) = PILLAR_NAMES[pillar - 1];
        // How each example is financed follows from what it gives (and, for money, its place
        // in the list, so the rest of the generated ledger stays as it was).
        let mechanism = match kind {
            "technical" => "technical_cooperation",
            "in_kind" => "in_kind",
            "policy" => "",
            _ => match i % 10 {
                0..=5 => "grant",
                6 | 7 => "pooled_fund",
                8 => "concessional_loan",
                _ => "guarantee",
            },
        };
        // A sector for each, a working group for every other one (by place in the list too).
        let sector = crate::server::seed::reference::SECTORS[i % 5].0;
        let group = if i % 2 == 0 {
            crate::server::seed::reference::WORKING_GROUPS[(i / 2) % 4].0
        } else {
            ""
        };
        let input = ContributionInput {
            mechanism: mechanism.into(),
            sector: sector.into(),
            working_group: group.into(),
            donor: donor.into(),
            recipient: if recipient.is_empty() {
                "regional".into()
            } else {
                recipient.into()
            },
            kind: kind.into(),
            pillar: pillar.to_string(),
            title_es: format!("Apoyo a {pes} en {ces}"),
            title_en: format!("Support for {pen} in {cen}"),
            currency: currency.into(),
            is_example: true,
            stage: "pledge".into(),
            date: date.to_string(),
            amount: amount.clone(),
            fx_rate: fx.clone(),
            ..Default::default()
        };
        let mut steps = Vec::new();
        let roll = rng.below(100);
        let commit_date = add_months(date, 1 + rng.below(6) as u32);
        if roll < 72 && commit_date <= today {
            let committed = units * (80 + rng.below(21)) / 100;
            let committed_text = if units == 0 {
                String::new()
            } else {
                committed.to_string()
            };
            steps.push(StepInput {
                stage: "commitment".into(),
                date: commit_date.to_string(),
                amount: committed_text,
                fx_rate: fx.clone(),
                note: String::new(),
            });
            let mut paid = 0;
            let mut when = commit_date;
            for _ in 0..rng.below(4) {
                when = add_months(when, 2 + rng.below(5) as u32);
                if when > today || units == 0 {
                    break;
                }
                let part = (committed / 3).max(1);
                if paid + part > committed {
                    break;
                }
                paid += part;
                steps.push(StepInput {
                    stage: "disbursement".into(),
                    date: when.to_string(),
                    amount: part.to_string(),
                    fx_rate: fx.clone(),
                    note: String::new(),
                });
            }
            let done = add_months(when, 3);
            if paid > 0 && rng.below(3) == 0 && done <= today {
                steps.push(StepInput {
                    stage: "implementation".into(),
                    date: done.to_string(),
                    amount: (paid * 9 / 10).to_string(),
                    fx_rate: fx.clone(),
                    note: String::new(),
                });
            }
        } else if roll >= 95 {
            let when = add_months(date, 8);
            if when <= today {
                steps.push(StepInput {
                    stage: "cancellation".into(),
                    date: when.to_string(),
                    amount: String::new(),
                    fx_rate: String::new(),
                    note: "Ejemplo de promesa cancelada / example of a cancelled pledge".into(),
                });
            }
        }
        out.push((input, steps));
    }
    out
}

/// Writes the example ledger once: does nothing if any example contribution exists.
pub async fn apply(db: &Db, today: NaiveDate) -> Result<(), AppError> {
    let existing: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM contributions WHERE is_example").fetch_one(pool).await)?;
    if existing > 0 {
        return Ok(());
    }
    let lookups = Lookups::load(db, None).await?;
    let check = |input: &ContributionInput| -> Result<ValidContribution, AppError> {
        validate_contribution(input, &lookups, today).map_err(AppError::Validation)
    };

    // Examples with the steps they went through, in one transaction.
    let mut rows = Vec::new();
    for (input, steps) in examples(today, 160) {
        let valid = check(&input)?;
        let mut later = Vec::new();
        for step in &steps {
            let mut errors = Vec::new();
            later.push(
                validate_step(
                    step,
                    valid.fields.kind,
                    &valid.fields.currency,
                    today,
                    &mut errors,
                )
                .ok_or(AppError::Validation(errors))?,
            );
        }
        rows.push((valid, later));
    }
    contributions::create_many(db, None, &rows, &|_| ()).await?;

    // Example requirements: national plan costings per country, pillar and year.
    let mut rng = Lcg(1917);
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        for iso in ["BZ", "CR", "SV", "GT", "HN", "MX", "PA"] {
            let scale: i64 = match iso {
                "MX" | "GT" | "HN" => 3,
                "CR" | "PA" | "SV" => 2,
                _ => 1,
            };
            for year in 2020..=today.year() {
                for pillar in 1..=4 {
                    let millions = scale * (2 + rng.below(9) as i64);
                    sqlx::query(
                        "INSERT INTO requirements (country_iso2, pillar, year, amount_usd, source, is_example) \
                         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (country_iso2, pillar, year) DO NOTHING",
                    )
                    .bind(iso)
                    .bind(pillar)
                    .bind(year)
                    .bind(millions * 1_000_000 * 100)
                    .bind("Ejemplo / example")
                    .bind(true)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        crate::bump_version!(tx, crate::server::store::versions::Dataset::Contributions);
        tx.commit().await?;
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_are_deterministic_and_never_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).expect("date");
        let a = examples(today, 60);
        let b = examples(today, 60);
        assert_eq!(a, b);
        for (input, steps) in &a {
            assert!(input.is_example);
            let d = NaiveDate::parse_from_str(&input.date, "%Y-%m-%d").expect("date");
            assert!(d <= today);
            for s in steps {
                assert!(NaiveDate::parse_from_str(&s.date, "%Y-%m-%d").expect("date") <= today);
            }
        }
        assert!(
            a.iter().any(|(_, s)| s.is_empty()),
            "some pledges stay pledges"
        );
        assert!(a
            .iter()
            .any(|(_, s)| s.iter().any(|s| s.stage == "disbursement")));
    }
}
