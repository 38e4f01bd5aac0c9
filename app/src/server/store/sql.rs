//! Pieces of dynamic SQL shared by the stores: a parameter of either engine's query and the
//! macro that binds a list of them, for `WHERE` clauses built from optional filters.

use chrono::{DateTime, Utc};

/// One parameter of a query whose text is built at run time.
#[derive(Clone, Debug, PartialEq)]
pub enum Param {
    I32(i32),
    I64(i64),
    Text(String),
    Time(DateTime<Utc>),
}

/// Binds every [`Param`] of `$params`, in order, to the query `$q`.
#[macro_export]
macro_rules! bind_params {
    ($q:expr, $params:expr) => {{
        let mut q = $q;
        for p in $params.iter() {
            q = match p {
                $crate::server::store::sql::Param::I32(v) => q.bind(*v),
                $crate::server::store::sql::Param::I64(v) => q.bind(*v),
                $crate::server::store::sql::Param::Text(v) => q.bind(v.clone()),
                $crate::server::store::sql::Param::Time(v) => q.bind(*v),
            };
        }
        q
    }};
}

/// Replaces the rows of a link table for one owner (a practice's themes, an event's countries):
/// deletes the owner's rows, then inserts one row per value, inside the transaction `$conn`.
#[macro_export]
macro_rules! replace_links {
    ($conn:expr, $table:literal, $owner_col:literal, $owner:expr, $value_col:literal, $values:expr) => {{
        sqlx::query(concat!(
            "DELETE FROM ",
            $table,
            " WHERE ",
            $owner_col,
            " = $1"
        ))
        .bind($owner)
        .execute(&mut *$conn)
        .await?;
        for v in $values {
            sqlx::query(concat!(
                "INSERT INTO ",
                $table,
                " (",
                $owner_col,
                ", ",
                $value_col,
                ") VALUES ($1, $2)"
            ))
            .bind($owner)
            .bind(v)
            .execute(&mut *$conn)
            .await?;
        }
    }};
}
