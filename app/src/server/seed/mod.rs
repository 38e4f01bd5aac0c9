//! Seed data: [`reference`] (what every deployment needs, always written), [`real`] (the records
//! from public sources, each with its source) and [`demo`] (generated examples on top, for a
//! richer demonstration). Generated rows carry `is_example = true` and the interface labels them.

pub mod contributions_demo;
pub mod demo;
pub mod events_demo;
pub mod offers_demo;
pub mod plans;
pub mod plans_demo;
pub mod practices_demo;
pub mod real;
pub mod real_commitments;
pub mod reference;
pub mod synthetic;

use crate::server::store::Db;
use chrono::{DateTime, Utc};

/// What the server writes into the database at start, besides the reference lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Nothing more.
    None,
    /// The real records, each with its source (for a public deployment).
    Real,
    /// The real records and generated examples, flagged as such (for a demonstration).
    Demo,
}

impl Mode {
    /// Reads `MIRPS_SEED`, or the older `MIRPS_DEMO_DATA` switch when it is not set.
    pub fn from_vars(seed: Option<&str>, demo_data: Option<&str>) -> Result<Mode, String> {
        let truthy = |v: &str| {
            matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "1" | "true" | "yes" | "on"
            )
        };
        match seed.map(|s| s.trim().to_ascii_lowercase()) {
            Some(s) if s == "real" => Ok(Mode::Real),
            Some(s) if s == "demo" => Ok(Mode::Demo),
            Some(s) if s == "none" => Ok(Mode::None),
            Some(s) if !s.is_empty() => {
                Err(format!("MIRPS_SEED must be real, demo or none, not {s:?}"))
            }
            _ if demo_data.is_some_and(truthy) => Ok(Mode::Demo),
            _ => Ok(Mode::Real),
        }
    }
}

/// Writes what `mode` asks for on top of the reference lists (which the database preparation
/// always writes): the real records, then the examples. Idempotent.
pub async fn apply(db: &Db, mode: Mode, now: DateTime<Utc>) -> anyhow::Result<()> {
    if mode != Mode::None {
        let mut written = real::apply(db, now).await?;
        written += plans::apply(db, &real::records()?.context_figures)
            .await
            .map_err(|e| anyhow::anyhow!("real plans: {e:?}"))?;
        tracing::info!(written, "real records written");
    }
    if mode == Mode::Demo {
        demo::apply(db).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_mode_reads_the_setting_and_refuses_a_typo() {
        assert_eq!(Mode::from_vars(None, None).expect("default"), Mode::Real);
        assert_eq!(
            Mode::from_vars(None, Some("1")).expect("old switch"),
            Mode::Demo
        );
        assert_eq!(
            Mode::from_vars(Some("none"), Some("1")).expect("none"),
            Mode::None
        );
        assert_eq!(
            Mode::from_vars(Some(" Demo "), None).expect("demo"),
            Mode::Demo
        );
        assert!(Mode::from_vars(Some("examples"), None).is_err());
    }
}
