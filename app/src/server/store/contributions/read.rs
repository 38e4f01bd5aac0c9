//! Reading the ledger: lists with filters, exports, stale pledges and one contribution with its
//! steps.

#[allow(unused_imports)]
use super::*;

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    donor_code: String,
    donor_es: String,
    donor_en: String,
    recipient_iso2: Option<String>,
    recipient_iso3: Option<String>,
    recipient_es: Option<String>,
    recipient_en: Option<String>,
    channel_code: Option<String>,
    channel_es: Option<String>,
    channel_en: Option<String>,
    kind: String,
    mechanism: Option<String>,
    pillar: Option<i32>,
    sector_code: Option<String>,
    working_group_code: Option<String>,
    status: String,
    decision_date: NaiveDate,
    year: i32,
    currency: String,
    title_es: String,
    title_en: String,
    pledged_usd: i64,
    committed_usd: i64,
    disbursed_usd: i64,
    implemented_usd: i64,
    has_usd: bool,
    parent_id: Option<i64>,
    is_example: bool,
    withdrawn_at: Option<DateTime<Utc>>,
}

impl SummaryRow {
    fn into_summary(self) -> ContributionSummary {
        let regional = self.recipient_iso2.is_none();
        ContributionSummary {
            id: self.id,
            donor_code: self.donor_code,
            donor_es: self.donor_es,
            donor_en: self.donor_en,
            recipient_es: if regional {
                "Regional".into()
            } else {
                self.recipient_es.unwrap_or_default()
            },
            recipient_en: if regional {
                "Regional".into()
            } else {
                self.recipient_en.unwrap_or_default()
            },
            recipient_iso2: self.recipient_iso2,
            recipient_iso3: self.recipient_iso3,
            channel_code: self.channel_code,
            channel_es: self.channel_es.unwrap_or_default(),
            channel_en: self.channel_en.unwrap_or_default(),
            kind: ContributionKind::from_code(&self.kind).unwrap_or(ContributionKind::Financial),
            mechanism: self
                .mechanism
                .as_deref()
                .and_then(FinancingMechanism::from_code),
            pillar: self.pillar,
            sector_code: self.sector_code,
            working_group_code: self.working_group_code,
            status: Status::from_code(&self.status).unwrap_or(Status::Pledged),
            decision_date: self.decision_date.to_string(),
            year: self.year,
            currency: self.currency,
            title_es: self.title_es,
            title_en: self.title_en,
            pledged_usd: self.pledged_usd,
            committed_usd: self.committed_usd,
            disbursed_usd: self.disbursed_usd,
            implemented_usd: self.implemented_usd,
            has_usd: self.has_usd,
            parent_id: self.parent_id,
            is_example: self.is_example,
            withdrawn: self.withdrawn_at.is_some(),
        }
    }
}

const SUMMARY_SELECT: &str = "SELECT c.id, c.donor_code, d.name_es AS donor_es, d.name_en AS donor_en, \
     c.recipient_iso2, r.iso3 AS recipient_iso3, r.name_es AS recipient_es, r.name_en AS recipient_en, \
     c.channel_code, ch.name_es AS channel_es, ch.name_en AS channel_en, c.kind, c.mechanism, c.pillar, c.sector_code, \
     c.working_group_code, \
     c.status, c.decision_date, c.year, c.currency, c.title_es, c.title_en, c.pledged_usd, \
     c.committed_usd, c.disbursed_usd, c.implemented_usd, c.has_usd, c.parent_id, c.is_example, \
     c.withdrawn_at \
     FROM contributions c JOIN organisations d ON d.code = c.donor_code \
     LEFT JOIN countries r ON r.iso2 = c.recipient_iso2 \
     LEFT JOIN organisations ch ON ch.code = c.channel_code";

/// The filter as a WHERE clause over `contributions c` with `$N` placeholders, numbered from
/// `first`; withdrawn contributions are left out.
pub(crate) fn filter_clause(f: &ContributionFilter, first: usize) -> (String, Vec<Param>) {
    let mut parts = vec!["c.withdrawn_at IS NULL".to_string()];
    let mut params = Vec::new();
    let mut add = |sql: &str, p: Param, parts: &mut Vec<String>| {
        params.push(p);
        parts.push(sql.replace('?', &format!("${}", first + params.len() - 1)));
    };
    if let Some(y) = f.year_from {
        add("c.year >= ?", Param::I32(y), &mut parts);
    }
    if let Some(y) = f.year_to {
        add("c.year <= ?", Param::I32(y), &mut parts);
    }
    if let Some(d) = f.donor.as_deref().filter(|d| !d.is_empty()) {
        add("c.donor_code = ?", Param::Text(d.to_string()), &mut parts);
    }
    match f.country.as_deref() {
        Some("regional") => parts.push("c.recipient_iso2 IS NULL".into()),
        Some(c) if !c.is_empty() => add(
            "c.recipient_iso2 = ?",
            Param::Text(c.to_string()),
            &mut parts,
        ),
        _ => {}
    }
    if let Some(p) = f.pillar {
        add("c.pillar = ?", Param::I32(p), &mut parts);
    }
    if let Some(k) = f.kind.as_deref().filter(|k| !k.is_empty()) {
        add("c.kind = ?", Param::Text(k.to_string()), &mut parts);
    }
    if let Some(s) = f.status.as_deref().filter(|s| !s.is_empty()) {
        add("c.status = ?", Param::Text(s.to_string()), &mut parts);
    }
    if let Some(m) = f.mechanism.as_deref().filter(|m| !m.is_empty()) {
        add("c.mechanism = ?", Param::Text(m.to_string()), &mut parts);
    }
    if let Some(s) = f.sector.as_deref().filter(|s| !s.is_empty()) {
        add("c.sector_code = ?", Param::Text(s.to_string()), &mut parts);
    }
    if let Some(g) = f.working_group.as_deref().filter(|g| !g.is_empty()) {
        add(
            "c.working_group_code = ?",
            Param::Text(g.to_string()),
            &mut parts,
        );
    }
    (format!(" WHERE {}", parts.join(" AND ")), params)
}

/// One page of contributions matching the filter, newest decision first, with the total count.
pub async fn list(
    db: &Db,
    filter: &ContributionFilter,
    page: i64,
    per_page: i64,
) -> Result<(Vec<ContributionSummary>, i64), sqlx::Error> {
    let (clause, params) = filter_clause(filter, 1);
    let per_page = per_page.clamp(1, 1000);
    let offset = crate::model::query::page_offset(page, per_page);
    let count_sql = format!("SELECT COUNT(*) FROM contributions c{clause}");
    let sql = format!("{SUMMARY_SELECT}{clause} ORDER BY c.decision_date DESC, c.id DESC LIMIT {per_page} OFFSET {offset}");
    let (total, rows): (i64, Vec<SummaryRow>) = on_db!(db, pool => {
        let total = crate::bind_params!(sqlx::query_scalar(&count_sql), &params).fetch_one(pool).await?;
        let rows = crate::bind_params!(sqlx::query_as(&sql), &params).fetch_all(pool).await?;
        (total, rows)
    });
    Ok((
        rows.into_iter().map(SummaryRow::into_summary).collect(),
        total,
    ))
}

/// Every contribution matching the filter (exports), oldest decision first, up to `limit`.
pub async fn export(
    db: &Db,
    filter: &ContributionFilter,
    limit: i64,
) -> Result<Vec<ContributionSummary>, sqlx::Error> {
    let (clause, params) = filter_clause(filter, 1);
    let sql = format!(
        "{SUMMARY_SELECT}{clause} ORDER BY c.decision_date, c.id LIMIT {}",
        limit.max(1)
    );
    let rows: Vec<SummaryRow> = on_db!(db, pool => crate::bind_params!(sqlx::query_as(&sql), &params).fetch_all(pool).await?);
    Ok(rows.into_iter().map(SummaryRow::into_summary).collect())
}

/// Pledges matching `filter`, older than `months` months at `now`, that never became a
/// commitment (or more).
pub async fn stale_pledges(
    db: &Db,
    filter: &ContributionFilter,
    now: NaiveDate,
    months: u32,
    limit: i64,
) -> Result<Vec<ContributionSummary>, sqlx::Error> {
    let cutoff = now
        .checked_sub_months(chrono::Months::new(months))
        .unwrap_or(now);
    let (clause, params) = filter_clause(filter, 2);
    let sql = format!(
        "{SUMMARY_SELECT}{clause} AND c.status = 'pledged' AND c.decision_date < $1 \
         AND c.parent_id IS NULL ORDER BY c.decision_date, c.id LIMIT {}",
        limit.max(1)
    );
    let rows: Vec<SummaryRow> = on_db!(db, pool => crate::bind_params!(sqlx::query_as(&sql).bind(cutoff), &params)
        .fetch_all(pool)
        .await?);
    Ok(rows.into_iter().map(SummaryRow::into_summary).collect())
}

#[derive(sqlx::FromRow)]
struct StepRow {
    id: i64,
    stage: String,
    step_date: NaiveDate,
    amount_minor: Option<i64>,
    currency: String,
    fx_rate: Option<String>,
    usd: Option<i64>,
    note: String,
}

#[derive(sqlx::FromRow)]
struct DetailExtra {
    description_es: String,
    description_en: String,
    source_url: Option<String>,
    working_group_code: Option<String>,
    event_id: Option<i64>,
    event_es: Option<String>,
    event_en: Option<String>,
    chair_es: Option<String>,
    chair_en: Option<String>,
    withdrawn_reason: Option<String>,
    version: i64,
}

/// One contribution with its steps, its parent and the contributions routed through it.
/// Withdrawn ones only with `include_withdrawn`.
pub async fn get(
    db: &Db,
    id: i64,
    include_withdrawn: bool,
) -> Result<Option<ContributionDetail>, sqlx::Error> {
    let sql = format!("{SUMMARY_SELECT} WHERE c.id = $1");
    let row: Option<SummaryRow> =
        on_db!(db, pool => sqlx::query_as(&sql).bind(id).fetch_optional(pool).await?);
    let Some(row) = row else { return Ok(None) };
    let summary = row.into_summary();
    if summary.withdrawn && !include_withdrawn {
        return Ok(None);
    }
    let extra: DetailExtra = on_db!(db, pool => sqlx::query_as(
        "SELECT c.description_es, c.description_en, c.source_url, c.working_group_code, c.event_id, \
         e.title_es AS event_es, e.title_en AS event_en, o.name_es AS chair_es, o.name_en AS chair_en, \
         c.withdrawn_reason, c.version FROM contributions c LEFT JOIN events e ON e.id = c.event_id \
         LEFT JOIN chair_periods p ON p.id = c.chair_period_id \
         LEFT JOIN organisations o ON o.code = p.organisation_code WHERE c.id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await?);
    let steps: Vec<StepRow> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, stage, step_date, amount_minor, currency, fx_rate, usd, note FROM contribution_steps \
         WHERE contribution_id = $1 ORDER BY step_date, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?);
    let children_sql =
        format!("{SUMMARY_SELECT} WHERE c.parent_id = $1 AND c.withdrawn_at IS NULL ORDER BY c.id");
    let children: Vec<SummaryRow> =
        on_db!(db, pool => sqlx::query_as(&children_sql).bind(id).fetch_all(pool).await?);
    let parent = match summary.parent_id {
        Some(p) => {
            let r: Option<SummaryRow> =
                on_db!(db, pool => sqlx::query_as(&sql).bind(p).fetch_optional(pool).await?);
            // A withdrawn parent shows only to those who may see withdrawn records.
            r.map(SummaryRow::into_summary)
                .filter(|p| include_withdrawn || !p.withdrawn)
        }
        None => None,
    };
    Ok(Some(ContributionDetail {
        summary,
        description_es: extra.description_es,
        description_en: extra.description_en,
        source_url: extra.source_url,
        working_group_code: extra.working_group_code,
        event_id: extra.event_id,
        event_es: extra.event_es.unwrap_or_default(),
        event_en: extra.event_en.unwrap_or_default(),
        chair_es: extra.chair_es.unwrap_or_default(),
        chair_en: extra.chair_en.unwrap_or_default(),
        steps: steps
            .into_iter()
            .map(|s| Step {
                id: s.id,
                stage: Stage::from_code(&s.stage).unwrap_or(Stage::Pledge),
                date: s.step_date.to_string(),
                amount_minor: s.amount_minor,
                currency: s.currency,
                fx_rate: s.fx_rate,
                usd: s.usd,
                note: s.note,
            })
            .collect(),
        children: children.into_iter().map(SummaryRow::into_summary).collect(),
        parent,
        withdrawn_reason: extra.withdrawn_reason,
        version: extra.version,
    }))
}
