//! A data table as every list and chart table of the site draws it: scrollable on narrow screens,
//! a header row of translated column names (numbers right-aligned), and the rows the caller gives.

use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;

/// One column's header: its name in a language, and whether it holds numbers.
#[derive(Clone, Copy)]
pub struct Column {
    pub name: fn(Lang) -> &'static str,
    pub numeric: bool,
}

/// A column of text.
pub const fn col(name: fn(Lang) -> &'static str) -> Column {
    Column {
        name,
        numeric: false,
    }
}

/// A column of numbers (right-aligned).
pub const fn num(name: fn(Lang) -> &'static str) -> Column {
    Column {
        name,
        numeric: true,
    }
}

/// The table; `children` are its body rows (`<tr>`s).
#[component]
pub fn DataTable(
    columns: Vec<Column>,
    /// A taller scroll area (long lists such as flows).
    #[prop(optional)]
    tall: bool,
    #[prop(optional)] test_id: Option<&'static str>,
    /// Without the data table's style (a plain table of facts).
    #[prop(optional)]
    plain: bool,
    /// The id of the heading that names the table.
    #[prop(optional)]
    labelled_by: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="table-wrap" class:table-wrap--tall=tall>
            <table
                class=(!plain).then_some("data-table")
                data-test-id=test_id
                aria-labelledby=labelled_by
            >
                <thead>
                    <tr>
                        {columns
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <th scope="col" class:num=c.numeric>
                                        {move || (c.name)(lang.get())}
                                    </th>
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
