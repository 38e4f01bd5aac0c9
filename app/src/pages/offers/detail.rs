//! `/{lang}/offers/{id}`: one offer: what it brings, where and until when, whom to contact (for
//! people signed in) and the proposals made for plan commitments. The offeror answers each
//! proposal here (accepting records the pledge) and may withdraw the offer.

use super::text::texts;
use super::{amount_label, money_label, place_label};
use crate::components::auth::{field_error, form_error};
use crate::components::data_table::{col, num, DataTable};
use crate::components::field::TextArea;
use crate::components::{error_panel::or_error_panel, example_badge::ExampleBadge, DataTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::{MatchStatus, OfferMatch, OfferView};
use crate::rpc::offers::{fetch_offer, AnswerOfferMatch, WithdrawOffer};
use leptos::prelude::*;

#[component]
pub fn OfferPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    // Read once: an answer redirects, and this page must not rebuild while it is replaced.
    let id = crate::pages::route_id_once("id").unwrap_or(0);
    let data = Resource::new(move || id, fetch_offer);
    view! {
        <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
            {move || Suspend::new(or_error_panel(async move {
                let d = data.await?;
                Ok::<_, AppError>(view! { <Offer d /> })
            }))}
        </Suspense>
    }
}

/// Names of codes from a list, joined.
fn names(list: &[crate::model::Named], codes: &[String], lang: crate::i18n::Lang) -> String {
    list.iter()
        .filter(|n| codes.contains(&n.code))
        .map(|n| n.name(lang).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn Offer(d: OfferView) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let o = d.offer.clone();
    let id = o.id;
    let (des, den) = (o.description_es.clone(), o.description_en.clone());
    let title = o.clone();
    let title_es = format!("{} · Oferta", o.title(crate::i18n::Lang::Es));
    let title_en = format!("{} · Offer", o.title(crate::i18n::Lang::En));
    let offeror = o.offeror.clone();
    let kind = o.kind;
    let status = o.status;
    let place = {
        let o = o.clone();
        let countries = d.countries.clone();
        move || place_label(&o, &countries, lang.get())
    };
    let amount = {
        let o = o.clone();
        move || amount_label(&o, lang.get())
    };
    let free = o.remaining_usd.filter(|_| o.amount_usd.is_some());
    let (ces, cen) = (o.capacity_es.clone(), o.capacity_en.clone());
    let has_capacity = !(ces.is_empty() && cen.is_empty()) && o.amount_minor.is_some();
    let themes = {
        let (list, codes) = (d.themes.clone(), o.themes.clone());
        move || names(&list, &codes, lang.get())
    };
    let pillar_codes: Vec<String> = o.pillars.iter().map(|p| p.to_string()).collect();
    let pillars = {
        let list = d.pillars.clone();
        move || names(&list, &pillar_codes, lang.get())
    };
    let period = format!("{} – {}", o.available_from, o.available_until);
    let can_answer = d.can_answer && status.is_active();
    let notes = d.notes.clone();
    view! {
        <DataTitle es=title_es en=title_en />
        <section class="page" data-test-id="offer-page">
            <nav class="breadcrumbs" aria-label=move || x().offers_title>
                <a href=move || localized(lang.get(), "/offers")>{move || x().offers_title}</a>
            </nav>
            <h1>
                {move || title.title(lang.get()).to_string()}
                {o.is_example.then(|| view! { " " <ExampleBadge /> })}
            </h1>
            <p>{move || lang.get().pick(&des, &den).to_string()}</p>
            <h2 id="offer-details">{move || x().details_title}</h2>
            <dl class="facts" aria-labelledby="offer-details">
                <dt>{move || x().col_offeror}</dt>
                <dd>{move || offeror.name(lang.get()).to_string()}</dd>
                <dt>{move || x().col_kind}</dt>
                <dd>{move || kind.name(lang.get())}</dd>
                <dt>{move || x().col_where}</dt>
                <dd>{place}</dd>
                <dt>{move || x().col_amount}</dt>
                <dd data-test-id="offer-amount">{amount}</dd>
                {free.map(|f| view! {
                    <dt>{move || x().col_free}</dt>
                    <dd data-test-id="offer-free">{move || format!("USD {}", lang.get().format_int(f / 100))}</dd>
                })}
                {has_capacity.then(|| view! {
                    <dt>{move || x().capacity}</dt>
                    <dd>{move || lang.get().pick(&ces, &cen).to_string()}</dd>
                })}
                <dt>{move || x().themes}</dt>
                <dd>{themes}</dd>
                <dt>{move || x().pillars}</dt>
                <dd>{pillars}</dd>
                <dt>{move || x().period}</dt>
                <dd>{period}</dd>
                <dt>{move || lang.get().t().col_status}</dt>
                <dd data-test-id="offer-status">{move || status.name(lang.get())}</dd>
            </dl>
            <h2>{move || x().contact_title}</h2>
            {match d.contact.clone() {
                Some(c) if !(c.name.is_empty() && c.email.is_empty()) => view! {
                    <p data-test-id="offer-contact">
                        {c.name.clone()}
                        {(!c.email.is_empty()).then(|| view! { " · " <a href=format!("mailto:{}", c.email)>{c.email.clone()}</a> })}
                    </p>
                }.into_any(),
                Some(_) => view! { <p class="empty">"—"</p> }.into_any(),
                None => view! { <p class="muted" data-test-id="offer-contact-hidden">{move || x().contact_hidden}</p> }.into_any(),
            }}
            <h2 id="matches-title">{move || x().matches_title}</h2>
            {if d.matches.is_empty() {
                view! { <p class="empty">{move || x().matches_none}</p> }.into_any()
            } else {
                view! {
                    <DataTable labelled_by="matches-title" test_id="offer-matches" columns=vec![col(|l| texts(l).col_line), num(|l| texts(l).col_amount), num(|l| texts(l).col_score), col(|l| l.t().col_status), col(|l| texts(l).col_expires), col(|l| texts(l).col_answer)]>
                        {d.matches.iter().cloned().map(|m| {
                            let note = notes.iter().find(|(i, _)| *i == m.id).map(|(_, n)| n.clone()).filter(|n| !n.is_empty());
                            view! { <MatchRow m note can_answer /> }
                        }).collect_view()}
                    </DataTable>
                }.into_any()
            }}
            {can_answer.then(|| view! { <WithdrawForm id version=o.version /> })}
        </section>
    }
}

/// A proposal: the line it is for, its amount and score, where it stands; for the offeror, the
/// forms to accept or decline it.
#[component]
fn MatchRow(m: OfferMatch, note: Option<String>, can_answer: bool) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let (country, line_id) = (m.country_iso2.clone(), m.line_id);
    let (tes, ten) = (m.line_title_es.clone(), m.line_title_en.clone());
    let code = m.line_code.clone();
    let status = m.status;
    let currency = m.currency.clone();
    let minor = m.amount_minor;
    let pending = status == MatchStatus::Proposed;
    let reason = m.answer_reason.clone();
    let pledge = m.contribution_id;
    view! {
        <tr data-test-id=format!("match-{}", m.id)>
            <td>
                <a href=move || localized(lang.get(), &format!("/plans/{country}/lines/{line_id}"))>{format!("{code} · ")}{move || lang.get().pick(&tes, &ten).to_string()}</a>
                {note.map(|n| view! { <p class="small"><strong>{move || x().proposal_note_title} ": "</strong>{n.clone()}</p> })}
            </td>
            <td class="num">{move || money_label(&currency, minor, lang.get())}</td>
            <td class="num score">{m.score}</td>
            <td data-test-id="match-status">{move || status.name(lang.get())}</td>
            <td class="nowrap">{m.expires_on.clone()}</td>
            <td>
                {(!reason.is_empty()).then(|| view! { <p class="small">{reason.clone()}</p> })}
                {pledge.map(|c| view! { <a href=move || localized(lang.get(), &format!("/contributions/{c}")) data-test-id="match-pledge">{move || x().pledge_link}</a> })}
                {(can_answer && pending).then(|| view! { <AnswerForms match_id=m.id version=m.version /> })}
            </td>
        </tr>
    }
}

#[component]
fn AnswerForms(match_id: i64, version: i64) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let accept = ServerAction::<AnswerOfferMatch>::new();
    let decline = ServerAction::<AnswerOfferMatch>::new();
    let aresult = accept.value();
    let dresult = decline.value();
    let reason_error = Signal::derive(move || field_error(&dresult.get(), "reason", lang.get()));
    let ageneral = move || form_error(&aresult.get(), &[], lang.get());
    let dgeneral = move || form_error(&dresult.get(), &["reason"], lang.get());
    view! {
        <ActionForm action=accept attr:data-test-id="accept-form">
            <input type="hidden" name="lang" value=move || lang.get().code() />
            <input type="hidden" name="input[match_id]" value=match_id.to_string() />
            <input type="hidden" name="input[version]" value=version.to_string() />
            <input type="hidden" name="input[answer]" value="accept" />
            <p class="field__hint">{move || x().accept_hint}</p>
            <button type="submit" class="button" data-test-id="accept-match">{move || x().accept}</button>
            {move || ageneral().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        </ActionForm>
        <details>
            <summary>{move || x().decline}</summary>
            <ActionForm action=decline attr:data-test-id="decline-form">
                <input type="hidden" name="lang" value=move || lang.get().code() />
                <input type="hidden" name="input[match_id]" value=match_id.to_string() />
                <input type="hidden" name="input[version]" value=version.to_string() />
                <input type="hidden" name="input[answer]" value="decline" />
                <TextArea name="input[reason]" id=format!("decline-{match_id}") rows=2 label=Signal::derive(move || x().answer_reason) error=reason_error />
                <button type="submit" class="button button--quiet" data-test-id="decline-match">{move || x().decline}</button>
                {move || dgeneral().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            </ActionForm>
        </details>
    }
}

#[component]
fn WithdrawForm(id: i64, version: i64) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let withdraw = ServerAction::<WithdrawOffer>::new();
    let result = withdraw.value();
    let reason_error = Signal::derive(move || field_error(&result.get(), "reason", lang.get()));
    let general = move || form_error(&result.get(), &["reason"], lang.get());
    view! {
        <details class="danger-zone">
            <summary>{move || x().withdraw}</summary>
            <ActionForm action=withdraw attr:class="form-grid" attr:data-test-id="offer-withdraw-form">
                <input type="hidden" name="lang" value=move || lang.get().code() />
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="version" value=version.to_string() />
                <TextArea name="reason" rows=2 label=Signal::derive(move || x().withdraw_reason) error=reason_error />
                <div class="form-actions">
                    <button type="submit" class="button button--danger">{move || x().withdraw}</button>
                </div>
                {move || general().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            </ActionForm>
        </details>
    }
}
