//! The clash check: which events are in the way of a proposed time, and free windows nearby.

#[allow(unused_imports)]
use super::*;

/// A time being considered for an event, and who it involves.
#[derive(Clone, Debug)]
pub struct Proposal {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: String,
    pub countries: Vec<String>,
    pub organisers: Vec<String>,
}

impl From<&NewEvent> for Proposal {
    fn from(e: &NewEvent) -> Proposal {
        Proposal {
            starts_at: e.starts_at,
            ends_at: e.ends_at,
            timezone: e.timezone.clone(),
            countries: e.all_countries(),
            organisers: e.organisers.clone(),
        }
    }
}

/// Another event as the clash check sees it.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub event: EventSummaryItem,
    pub organisers: Vec<String>,
}

/// Why `c` is in the way of `p`, if it overlaps it and matters (pure; instants compared in UTC,
/// so events in different zones clash exactly when their real times overlap).
pub fn clash_reasons(p: &Proposal, c: &Candidate) -> Option<Vec<ClashReason>> {
    let e = &c.event;
    if e.status == EventStatus::Cancelled || !(e.starts_at < p.ends_at && e.ends_at > p.starts_at) {
        return None;
    }
    let mut reasons = Vec::new();
    if e.kind.is_standing_meeting() {
        reasons.push(ClashReason::StandingMeeting);
    }
    let countries: Vec<String> = e
        .countries
        .iter()
        .chain(e.host_country.iter())
        .filter(|c| p.countries.contains(c))
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if !countries.is_empty() {
        reasons.push(ClashReason::SameCountries(countries));
    }
    let organisers: Vec<String> = c
        .organisers
        .iter()
        .filter(|o| p.organisers.contains(o))
        .cloned()
        .collect();
    if !organisers.is_empty() {
        reasons.push(ClashReason::SameOrganisers(organisers));
    }
    (!reasons.is_empty()).then_some(reasons)
}

/// The events that are in the way of `p`.
pub fn clashes_among(p: &Proposal, candidates: &[Candidate]) -> Vec<Clash> {
    candidates
        .iter()
        .filter_map(|c| {
            clash_reasons(p, c).map(|reasons| Clash {
                event: c.event.clone(),
                reasons,
            })
        })
        .collect()
}

/// Up to `n` times of the proposal's length with nothing in the way: the same wall-clock time
/// on the following days (weekends skipped), within 60 days, none in the past.
pub fn free_windows(
    p: &Proposal,
    candidates: &[Candidate],
    now: DateTime<Utc>,
    n: usize,
) -> Vec<FreeWindow> {
    let tz = zone(&p.timezone);
    let length = p.ends_at - p.starts_at;
    let start_local = local(p.starts_at, tz);
    let mut out = Vec::new();
    for day in 1..=60 {
        let t = start_local + Duration::days(day);
        use chrono::Datelike;
        if matches!(t.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
            continue;
        }
        let Some(starts_at) = from_local(t, tz) else {
            continue;
        };
        if starts_at < now {
            continue;
        }
        let moved = Proposal {
            starts_at,
            ends_at: starts_at + length,
            ..p.clone()
        };
        if candidates
            .iter()
            .all(|c| clash_reasons(&moved, c).is_none())
        {
            out.push(FreeWindow {
                starts_at,
                ends_at: moved.ends_at,
                local_start: local(starts_at, tz),
                local_end: local(moved.ends_at, tz),
            });
            if out.len() == n {
                break;
            }
        }
    }
    out
}

/// Non-cancelled events overlapping `[from, to)` with their organisers, except `exclude`.
async fn candidates(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    exclude: i64,
) -> Result<Vec<Candidate>, AppError> {
    let events = between(db, from, to).await?;
    let org_rows: Vec<(i64, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT event_id, organisation_code FROM event_organisers",
    )
    .fetch_all(pool)
    .await?);
    let mut organisers: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for (e, o) in org_rows {
        organisers.entry(e).or_default().push(o);
    }
    Ok(events
        .into_iter()
        .filter(|e| e.id != exclude && e.status != EventStatus::Cancelled)
        .map(|event| Candidate {
            organisers: organisers.remove(&event.id).unwrap_or_default(),
            event,
        })
        .collect())
}

/// What is in the way of a proposed time, and up to three free windows when something is.
pub async fn clash_report(
    db: &Db,
    p: &Proposal,
    exclude: i64,
    now: DateTime<Utc>,
) -> Result<ClashReport, AppError> {
    let horizon = p.ends_at + Duration::days(62);
    let all = candidates(db, p.starts_at, horizon, exclude).await?;
    let clashes = clashes_among(p, &all);
    let windows = if clashes.is_empty() {
        Vec::new()
    } else {
        free_windows(p, &all, now, 3)
    };
    Ok(ClashReport {
        clashes,
        windows,
        timezone: p.timezone.clone(),
    })
}

// ---------------------------------------------------------------------------------------------
// Registration
