//! Seed data: [`reference`] (what every deployment needs, always written) and [`demo`] (real past
//! events and facts from public sources plus generated examples, written only when demo data is
//! switched on). Generated rows carry `is_example = true` and the interface labels them.

pub mod contributions_demo;
pub mod demo;
pub mod events_demo;
pub mod practices_demo;
pub mod reference;
pub mod synthetic;
