//! The audit trail for the secretariat: filter by record type, record, person, action and dates;
//! page through it; download exactly the filtered list as CSV.

use crate::components::data_table::{col, DataTable};
use crate::components::error_panel::or_error_panel;
use crate::components::PageTitle;
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::model::query::url_encode;
use crate::model::{AuditEntry, AuditFilter, AuditPage};
use crate::pages::accounts::text::texts;
use crate::rpc::audit::list_audit;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The kinds of record the trail covers, as stored in `audit_log.entity`.
pub const AUDITED_ENTITIES: &[&str] = &["user", "invitation"];

/// Localized names of audited record kinds (unknown codes are shown as they are).
pub fn entity_name(code: &str, lang: Lang) -> String {
    let x = texts(lang);
    match code {
        "user" => x.entity_user.to_string(),
        "invitation" => x.entity_invitation.to_string(),
        other => other.to_string(),
    }
}

/// Localized names of audit actions (unknown codes are shown as they are).
pub fn action_name(code: &str, lang: Lang) -> String {
    let name = match (code, lang) {
        ("create", Lang::Es) => "creación",
        ("create", Lang::En) => "created",
        ("update", Lang::Es) => "cambio",
        ("update", Lang::En) => "changed",
        ("withdraw", Lang::Es) => "retiro",
        ("withdraw", Lang::En) => "withdrawn",
        ("restore", Lang::Es) => "restauración",
        ("restore", Lang::En) => "restored",
        ("transition", Lang::Es) => "cambio de estado",
        ("transition", Lang::En) => "status change",
        ("password_changed", Lang::Es) => "contraseña cambiada",
        ("password_changed", Lang::En) => "password changed",
        _ => code,
    };
    name.to_string()
}

/// "field: before → after" for each field that changed (or the new values on creation).
pub fn describe_change(entry: &AuditEntry) -> String {
    use serde_json::Value;
    let show = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => "—".into(),
        other => other.to_string(),
    };
    match (&entry.before, &entry.after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => a
            .iter()
            .filter(|(k, v)| b.get(*k) != Some(*v))
            .map(|(k, v)| {
                format!(
                    "{k}: {} → {}",
                    b.get(k).map(show).unwrap_or_else(|| "—".into()),
                    show(v)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        (None, Some(Value::Object(a))) => a
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{k}: {}", show(v)))
            .collect::<Vec<_>>()
            .join("; "),
        _ => String::new(),
    }
}

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        AuditFilter {
            entity: q.get("entity"),
            entity_id: q.get("record"),
            actor: q.get("actor"),
            action: q.get("action"),
            from: q.get("from"),
            to: q.get("to"),
        }
    });
    let page = Memo::new(move |_| i64::from(crate::pages::page_from_address(&query.read())));
    let entries = Resource::new(
        move || (filter.get(), page.get()),
        |(f, p)| list_audit(f, p),
    );
    let export_href = move || {
        let q = query.read();
        let pairs: Vec<String> = ["entity", "record", "actor", "action", "from", "to"]
            .iter()
            .filter_map(|k| q.get(k).filter(|v| !v.is_empty()).map(|v| (k, v)))
            .map(|(k, v)| {
                let key = if *k == "record" { "entity_id" } else { k };
                format!("{key}={}", url_encode(&v))
            })
            .collect();
        format!("/export/audit.csv?{}", pairs.join("&"))
    };
    let value = move |k: &'static str| move || query.read().get(k).unwrap_or_default();
    view! {
        <PageTitle text=|l| texts(l).audit_title />
        <section class="page">
            <h1>{move || x().audit_title}</h1>
            <p class="lead">{move || x().audit_lead}</p>
            <form method="get" class="form-grid filters" data-test-id="audit-filters">
                <div class="field">
                    <label for="audit-entity">{move || x().field_entity}</label>
                    <select id="audit-entity" name="entity">
                        <option value="">{move || t().all}</option>
                        {AUDITED_ENTITIES
                            .iter()
                            .map(|code| {
                                let selected = move || query.read().get("entity").as_deref() == Some(*code);
                                view! {
                                    <option value=*code selected=selected>
                                        {move || entity_name(code, lang.get())}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="audit-record">{move || x().field_record}</label>
                    <input id="audit-record" name="record" value=value("record") />
                </div>
                <div class="field">
                    <label for="audit-actor">{move || x().field_actor}</label>
                    <input id="audit-actor" name="actor" type="email" value=value("actor") />
                </div>
                <div class="field">
                    <label for="audit-action">{move || x().field_action}</label>
                    <input id="audit-action" name="action" value=value("action") />
                </div>
                <div class="field">
                    <label for="audit-from">{move || x().field_from}</label>
                    <input id="audit-from" name="from" type="date" value=value("from") />
                </div>
                <div class="field">
                    <label for="audit-to">{move || x().field_to}</label>
                    <input id="audit-to" name="to" type="date" value=value("to") />
                </div>
                <div class="form-actions">
                    <button type="submit" class="button">{move || x().filter_submit}</button>
                    <a
                        class="button button--quiet"
                        href=export_href
                        download="mirps-hub-audit.csv"
                        rel="external"
                        data-test-id="audit-export"
                    >
                        {move || t().export_csv}
                    </a>
                </div>
            </form>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    let page = entries.await?;
                    Ok::<_, AppError>(view! { <AuditTable page /> })
                }))}
            </Suspense>
        </section>
    }
}

#[component]
fn AuditTable(page: AuditPage) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let query = use_query_map();
    let pages = ((page.total + page.per_page - 1) / page.per_page).max(1);
    let current = page.page;
    let link = move |p: i64| {
        let q = query.read();
        let mut pairs: Vec<String> = ["entity", "record", "actor", "action", "from", "to"]
            .iter()
            .filter_map(|k| {
                q.get(k)
                    .filter(|v| !v.is_empty())
                    .map(|v| format!("{k}={}", url_encode(&v)))
            })
            .collect();
        pairs.push(format!("page={p}"));
        format!("?{}", pairs.join("&"))
    };
    if page.entries.is_empty() {
        return view! { <p data-test-id="audit-empty">{move || x().audit_none}</p> }.into_any();
    }
    view! {
        <DataTable columns=vec![col(|l| texts(l).col_at), col(|l| texts(l).col_actor), col(|l| texts(l).col_action), col(|l| texts(l).col_record), col(|l| texts(l).col_change)] plain=true test_id="audit-table">
                    {page
                        .entries
                        .into_iter()
                        .map(|e| {
                            let change = describe_change(&e);
                            let reason = e.reason.clone();
                            let action = e.action.clone();
                            let at = e.at.format("%Y-%m-%d %H:%M:%S").to_string();
                            let actor = e.actor_email.clone();
                            view! {
                                <tr>
                                    <td>{at}</td>
                                    <td>{move || actor.clone().unwrap_or_else(|| x().audit_system.to_string())}</td>
                                    <td>{move || action_name(&action, lang.get())}</td>
                                    <td>{move || format!("{} #{}", entity_name(&e.entity, lang.get()), e.entity_id)}</td>
                                    <td>
                                        {change}
                                        {reason.map(|r| view! { <br /> <em>{move || t().audit_reason} ": " {r.clone()}</em> })}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
        </DataTable>
        <nav class="pager" aria-label=move || t().pagination_label>
            {(current > 1).then(|| view! { <a href=link(current - 1) rel="prev">{move || t().page_prev}</a> })}
            <span>
                {move || {
                    t().page_of.replace("{page}", &current.to_string()).replace("{pages}", &pages.to_string())
                }}
            </span>
            {(current < pages).then(|| view! { <a href=link(current + 1) rel="next">{move || t().page_next}</a> })}
        </nav>
    }
        .into_any()
}
