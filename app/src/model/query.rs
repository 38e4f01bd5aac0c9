//! The one reader of list filters in a query string, for the pages' addresses, the server
//! functions and the open-data API alike. One rule per kind of value (codes, countries, years,
//! pages) and one policy for keys: a key that neither the list nor the endpoint knows is refused
//! (`NotAllowed`), never silently ignored; an empty value means "not set".

use crate::error::{AppError, FieldError, Problem};
use crate::i18n::Lang;

/// The earliest and latest years a filter may name.
pub const YEARS: (i32, i32) = (1990, 2100);
/// The last page a list may be asked for: deeper pages are refused rather than scanned.
pub const MAX_PAGE: u32 = 10_000;

/// The row a page starts at: `page` held to 1..=[`MAX_PAGE`] first, so that no caller (a server
/// function takes any number) can push the multiplication past what the database accepts.
pub fn page_offset(page: i64, per_page: i64) -> i64 {
    (page.clamp(1, i64::from(MAX_PAGE)) - 1) * per_page.max(0)
}
/// The longest code (theme, population group, organisation).
pub const MAX_CODE: usize = 64;
/// The longest search text.
pub const MAX_SEARCH: u32 = 200;

/// A list's filters: which keys it reads, how each value is read, and how it is written back.
pub trait Filter: Default + Sized {
    /// The keys the filter reads.
    const KEYS: &'static [&'static str];

    /// Reads one non-empty value of one of [`Filter::KEYS`].
    fn read(&mut self, key: &str, value: &str, r: &mut QueryReader);

    /// Checks that involve several keys (a first year after the last one), once all are read.
    fn check(&self, _r: &mut QueryReader) {}

    /// The values that are set, as query pairs, in the order of [`Filter::KEYS`].
    fn pairs(&self) -> Vec<(&'static str, String)>;

    /// Reads a query string that holds only this filter's keys (and the shared `lang`).
    fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, AppError> {
        QueryReader::read::<Self>(pairs, Paging::None, |_, _, _| false).map(|r| r.filter)
    }

    /// The same checks for a filter that arrived as a value (a server function's argument).
    fn checked(&self) -> Result<Self, AppError> {
        let pairs = self.pairs();
        Self::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
    }

    /// Reads what is valid of an address's query and drops the rest: a page keeps showing
    /// (unfiltered where a value is bad) while the API reports every problem.
    fn lenient<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut out = Self::default();
        let mut r = QueryReader::default();
        for (k, v) in pairs {
            let v = v.trim();
            if !v.is_empty() && Self::KEYS.contains(&k) {
                let before = r.errors.len();
                let mut one = Self::default();
                one.read(k, v, &mut r);
                if r.errors.len() == before {
                    out.read(k, v, &mut r);
                }
            }
        }
        out
    }

    /// The filter as a query string (`a=1&b=x`), for links and exports.
    fn to_query(&self) -> String {
        self.pairs()
            .iter()
            .map(|(k, v)| format!("{k}={}", url_encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Whether a request may ask for a page, and the largest page size it may ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paging {
    /// No `page` or `per_page` (exports give every match).
    None,
    /// `page` from 1 to [`MAX_PAGE`], and `per_page` up to the given size.
    Pages { max_per_page: u32 },
}

/// What a list request asked for besides its filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadQuery<F> {
    pub filter: F,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    pub lang: Option<Lang>,
}

/// Collects the problems of one query string while it is read.
#[derive(Debug, Default)]
pub struct QueryReader {
    pub errors: Vec<FieldError>,
}

impl QueryReader {
    /// Reads `pairs` into a filter `F`, the shared keys (`lang`, and `page` / `per_page` as
    /// `paging` allows) and the endpoint's own keys: `extra` reads those and says whether it knew
    /// the key. Every problem at once; any key nobody knows is refused.
    pub fn read<'a, F: Filter>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        paging: Paging,
        mut extra: impl FnMut(&str, &str, &mut QueryReader) -> bool,
    ) -> Result<ReadQuery<F>, AppError> {
        let mut r = QueryReader::default();
        let mut out = ReadQuery {
            filter: F::default(),
            page: None,
            per_page: None,
            lang: None,
        };
        for (k, v) in pairs {
            let v = v.trim();
            match (k, paging) {
                ("lang", _) => {
                    if !v.is_empty() {
                        out.lang = r.choice(k, v, Lang::from_code);
                    }
                }
                ("page", Paging::Pages { .. }) => {
                    out.page = r.int(k, v, 1, i64::from(MAX_PAGE)).map(|n| n as u32)
                }
                ("per_page", Paging::Pages { max_per_page }) => {
                    out.per_page = r.int(k, v, 1, i64::from(max_per_page)).map(|n| n as u32)
                }
                _ if F::KEYS.contains(&k) => {
                    if !v.is_empty() {
                        out.filter.read(k, v, &mut r);
                    }
                }
                _ => {
                    if !extra(k, v, &mut r) {
                        r.add(k, Problem::NotAllowed);
                    }
                }
            }
        }
        out.filter.check(&mut r);
        if r.errors.is_empty() {
            Ok(out)
        } else {
            Err(AppError::Validation(r.errors))
        }
    }

    pub fn add(&mut self, key: &str, problem: Problem) {
        self.errors.push(FieldError::new(key, problem));
    }

    /// A code: letters, digits and `_`, at most [`MAX_CODE`] characters.
    pub fn code(&mut self, key: &str, v: &str) -> Option<String> {
        let ok = !v.is_empty()
            && v.len() <= MAX_CODE
            && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ok {
            self.add(key, Problem::InvalidFormat);
        }
        ok.then(|| v.to_string())
    }

    /// A country by its ISO alpha-2 code (any case; given back in capitals).
    pub fn country(&mut self, key: &str, v: &str) -> Option<String> {
        let ok = v.len() == 2 && v.chars().all(|c| c.is_ascii_alphabetic());
        if !ok {
            self.add(key, Problem::InvalidFormat);
        }
        ok.then(|| v.to_ascii_uppercase())
    }

    /// A year between [`YEARS`].
    pub fn year(&mut self, key: &str, v: &str) -> Option<i32> {
        self.int(key, v, i64::from(YEARS.0), i64::from(YEARS.1))
            .map(|y| y as i32)
    }

    /// A whole number in `min..=max`.
    pub fn int(&mut self, key: &str, v: &str, min: i64, max: i64) -> Option<i64> {
        match v.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                self.add(key, Problem::OutOfRange { min, max });
                None
            }
        }
    }

    /// A date written `YYYY-MM-DD`.
    pub fn date(&mut self, key: &str, v: &str) -> Option<String> {
        let ok = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok();
        if !ok {
            self.add(key, Problem::InvalidFormat);
        }
        ok.then(|| v.to_string())
    }

    /// Free text of at most `max` characters.
    pub fn text(&mut self, key: &str, v: &str, max: u32) -> Option<String> {
        if v.chars().count() > max as usize {
            self.add(key, Problem::TooLong { max });
            None
        } else {
            Some(v.to_string())
        }
    }

    /// One of a closed list of codes.
    pub fn choice<T>(
        &mut self,
        key: &str,
        v: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let parsed = parse(v);
        if parsed.is_none() {
            self.add(key, Problem::UnknownChoice);
        }
        parsed
    }
}

/// Percent-encodes a query value.
pub fn url_encode(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{page_offset, MAX_PAGE};

    #[test]
    fn an_offset_never_overflows() {
        assert_eq!(page_offset(1, 50), 0);
        assert_eq!(page_offset(3, 50), 100);
        assert_eq!(page_offset(0, 50), 0);
        assert_eq!(page_offset(i64::MIN, 50), 0);
        assert_eq!(page_offset(i64::MAX, 1000), i64::from(MAX_PAGE - 1) * 1000);
    }
}
