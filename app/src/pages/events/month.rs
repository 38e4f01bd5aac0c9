//! `/{lang}/events/calendar?month=YYYY-MM`: the month view.

use super::list::EventRow;
use super::text::et;
use crate::components::{error_panel::or_error_panel, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang, Lang};
use crate::model::{EventStatus, EventSummaryItem};
use crate::rpc::events::month_events;
use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// `/{lang}/events/calendar?month=YYYY-MM`: the month view.
#[component]
pub fn MonthPage() -> impl IntoView {
    let lang = use_lang();
    let x = move || et(lang.get());
    let query_map = use_query_map();
    let month = Memo::new(move |_| query_map.read().get("month").unwrap_or_default());
    let data = Resource::new(move || month.get(), month_events);
    view! {
        <PageTitle text=|l| et(l).month_view />
        <section class="page events" data-test-id="month-page">
            <h1>{move || x().events_title}</h1>
            <super::list::EventsNav />
            <Transition fallback=move || view! { <p>{move || crate::i18n::use_lang().get().t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let m = data.await?;
                    Ok::<_, AppError>(view! { <MonthGrid m /> })
                }))}
            </Transition>
        </section>
    }
}

const WEEKDAYS_ES: [&str; 7] = ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"];

const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

#[component]
fn MonthGrid(m: crate::model::MonthView) -> impl IntoView {
    let lang = use_lang();
    let x = move || et(lang.get());
    let first = NaiveDate::from_ymd_opt(m.year, m.month, 1).unwrap_or_default();
    let next = first + Duration::days(32);
    let next = NaiveDate::from_ymd_opt(next.year(), next.month(), 1).unwrap_or(first);
    let prev = first - Duration::days(1);
    let ym = |d: NaiveDate| format!("{:04}-{:02}", d.year(), d.month());
    let (prev_q, next_q) = (ym(prev), ym(next));
    let start = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let mut weeks = Vec::new();
    let mut day = start;
    while day < next || weeks.is_empty() {
        let week: Vec<NaiveDate> = (0..7).map(|i| day + Duration::days(i)).collect();
        weeks.push(week);
        day += Duration::days(7);
    }
    let events = m.events;
    let (year, month) = (m.year, m.month);
    view! {
        <div class="month-head">
            <a class="button button--quiet" href=move || localized(lang.get(), &format!("/events/calendar?month={prev_q}")) data-test-id="prev-month">
                "‹ " {move || x().previous_month}
            </a>
            <h2 data-test-id="month-title">{move || super::month_name(lang.get(), year, month)}</h2>
            <a class="button button--quiet" href=move || localized(lang.get(), &format!("/events/calendar?month={next_q}")) data-test-id="next-month">
                {move || x().next_month} " ›"
            </a>
        </div>
        <p class="hint">{move || x().month_hint}</p>
        <table class="month" data-test-id="month-grid">
            <thead>
                <tr>
                    {(0..7).map(|i| view! {
                        <th scope="col">{move || match lang.get() { Lang::Es => WEEKDAYS_ES[i], Lang::En => WEEKDAYS_EN[i] }}</th>
                    }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {weeks.into_iter().map(|week| view! {
                    <tr>
                        {week.into_iter().map(|d| {
                            let inside = d.month() == month;
                            let todays: Vec<EventSummaryItem> = events
                                .iter()
                                .filter(|e| e.date_precision != "month"
                                    && e.local_start.date() <= d && d <= e.local_end.date())
                                .cloned()
                                .collect();
                            view! {
                                <td class:month__out=!inside data-test-id=format!("day-{d}")>
                                    <span class="month__day">{d.day()}</span>
                                    <ul class="month__events">
                                        {todays.into_iter().map(|e| {
                                            let id = e.id;
                                            let cancelled = e.status == EventStatus::Cancelled;
                                            let kind = e.kind.code();
                                            view! {
                                                <li class=format!("chip chip--{kind}") class:chip--cancelled=cancelled>
                                                    <a href=move || localized(lang.get(), &format!("/events/{id}"))>
                                                        {move || e.title(lang.get()).to_string()}
                                                    </a>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </td>
                            }
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {
            let whole: Vec<EventSummaryItem> = events
                .iter()
                .filter(|e| e.date_precision == "month" && e.local_start.month() == month && e.local_start.year() == year)
                .cloned()
                .collect();
            (!whole.is_empty()).then(|| view! {
                <h3>{move || x().sometime_this_month}</h3>
                <ul class="event-list">{whole.into_iter().map(|e| view! { <EventRow e /> }).collect_view()}</ul>
            })
        }
    }
}
