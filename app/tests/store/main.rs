//! Store tests, each run on SQLite and on PostgreSQL (`store_test!`). One test binary for the
//! whole crate: every binary links the whole app, which is slow on two cores.

mod accounts;
mod commitments;
mod contributions;
mod events;
mod offers;
mod plans;
mod practices;
mod reference;
mod seed;
