//! Types shared by the browser and the server: what server functions take and return.
//! They compile for both targets; nothing secret is ever `Serialize` here.

/// An enum of coded values: its code (stored in the database, used in URLs, the open data and as
/// its JSON form) and its name in both languages, side by side.
///
/// ```ignore
/// coded_enum!(
///     /// Where an event happens.
///     EventMode {
///         InPerson => "in_person", "Presencial", "In person";
///         Virtual => "virtual", "Virtual", "Online";
///     }
/// );
/// ```
macro_rules! coded_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $code:literal, $es:literal, $en:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            pub fn from_code(code: &str) -> Option<Self> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }

            pub fn name(self, lang: $crate::i18n::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, $crate::i18n::Lang::Es) => $es,
                    ($name::$variant, $crate::i18n::Lang::En) => $en,)+
                }
            }
        }
    };
}

pub mod accounts;
pub mod commitments;
pub mod contributions;
pub mod countries;
pub mod dashboard;
pub mod events;
pub mod imports;
pub mod inventory;
pub mod offers;
pub mod plans;
pub mod practices;
pub mod query;
pub mod reference;

pub use accounts::*;
pub use commitments::*;
pub use contributions::*;
pub use countries::*;
pub use dashboard::*;
pub use events::*;
pub use imports::*;
pub use inventory::*;
pub use offers::*;
pub use plans::*;
pub use practices::*;
pub use query::{Filter, Paging, QueryReader, ReadQuery};

/// The sum of amounts of money (USD cents), saturating instead of wrapping: however many records
/// there are, a total never turns negative.
pub fn sum_money(amounts: impl IntoIterator<Item = i64>) -> i64 {
    amounts.into_iter().fold(0, i64::saturating_add)
}
pub use reference::*;

#[cfg(test)]
mod sum_tests {
    #[test]
    fn money_totals_saturate() {
        assert_eq!(super::sum_money([1, 2, 3]), 6);
        assert_eq!(super::sum_money([i64::MAX, 1]), i64::MAX);
        assert_eq!(super::sum_money(std::iter::empty()), 0);
    }
}
