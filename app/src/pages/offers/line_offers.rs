//! The offers section of a plan line's page: the proposals made for the line (public), and for
//! those who keep its plan, the offers the app suggests with their score, why, and a form to
//! propose each.

use super::money_label;
use super::text::texts;
use crate::components::auth::{field_error, form_error};
use crate::components::data_table::{col, num, DataTable};
use crate::components::example_badge::ExampleBadge;
use crate::i18n::{localized, use_lang};
use crate::model::{LineOffers, Suggestion};
use crate::rpc::offers::ProposeOffer;
use leptos::prelude::*;

/// The section, from the line's data; a proposal made here bumps `saved`, which reads the line
/// again (its coverage and this section with it).
#[component]
pub fn LineOffersSection(d: LineOffers, line_id: i64, saved: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    view! {
        <h2 id="line-offers-title">{move || x().line_offers_title}</h2>
        <Offers d line_id proposed=saved />
    }
}

#[component]
fn Offers(d: LineOffers, line_id: i64, proposed: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let suggestions = d.suggestions.clone();
    view! {
        {if d.matches.is_empty() {
            view! { <p class="empty">{move || x().line_matches_none}</p> }.into_any()
        } else {
            view! {
                <DataTable labelled_by="line-offers-title" test_id="line-matches" columns=vec![col(|l| texts(l).col_offer), col(|l| texts(l).col_offeror), num(|l| texts(l).col_amount), col(|l| l.t().col_status), col(|l| texts(l).col_proposed), col(|l| texts(l).col_expires)]>
                    {d.matches.into_iter().map(|m| {
                        let oid = m.offer_id;
                        let (tes, ten) = (m.offer_title_es.clone(), m.offer_title_en.clone());
                        let offeror = m.offeror.clone();
                        let currency = m.currency.clone();
                        let minor = m.amount_minor;
                        let status = m.status;
                        let pledge = m.contribution_id;
                        view! {
                            <tr data-test-id=format!("line-match-{}", m.id)>
                                <td><a href=move || localized(lang.get(), &format!("/offers/{oid}"))>{move || lang.get().pick(&tes, &ten).to_string()}</a></td>
                                <td>{move || offeror.name(lang.get()).to_string()}</td>
                                <td class="num">{move || money_label(&currency, minor, lang.get())}</td>
                                <td>
                                    {move || status.name(lang.get())}
                                    {pledge.map(|c| view! { " · " <a href=move || localized(lang.get(), &format!("/contributions/{c}"))>{move || x().pledge_link}</a> })}
                                </td>
                                <td class="nowrap">{m.proposed_at.get(..10).unwrap_or_default().to_string()}</td>
                                <td class="nowrap">{m.expires_on.clone()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </DataTable>
            }.into_any()
        }}
        {(!suggestions.is_empty()).then(|| view! {
            <h3 id="suggestions-title">{move || x().suggestions_title}</h3>
            <p class="muted">{move || x().suggestions_lead}</p>
            <ol class="suggestions plain" data-test-id="line-suggestions">
                {suggestions.into_iter().map(|s| view! { <SuggestionItem s line_id proposed /> }).collect_view()}
            </ol>
        })}
    }
}

#[component]
fn SuggestionItem(s: Suggestion, line_id: i64, proposed: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let propose = ServerAction::<ProposeOffer>::new();
    let result = propose.value();
    Effect::new(move |_| {
        if matches!(result.get(), Some(Ok(_))) {
            proposed.update(|n| *n += 1);
        }
    });
    let amount_error = move || field_error(&result.get(), "amount", lang.get());
    let note_error = move || field_error(&result.get(), "note", lang.get());
    let general = move || form_error(&result.get(), &["amount", "note"], lang.get());
    let o = s.offer.clone();
    let oid = o.id;
    let title = o.clone();
    let offeror = o.offeror.clone();
    let why = s.clone();
    let amount_id = format!("p-{oid}-amount");
    let note_id = format!("p-{oid}-note");
    let currency = o.currency.clone();
    let with_amount = o.amount_minor.is_some();
    view! {
        <li class="card suggestion" data-test-id=format!("suggestion-{oid}")>
            <p>
                <span class="score" title=move || x().col_score>{s.score}</span>
                " · "
                <a href=move || localized(lang.get(), &format!("/offers/{oid}"))>{move || title.title(lang.get()).to_string()}</a>
                {o.is_example.then(|| view! { " " <ExampleBadge /> })}
                " · "
                {move || offeror.name(lang.get()).to_string()}
            </p>
            <p class="small" data-test-id="suggestion-why"><strong>{move || x().col_why} ": "</strong>{move || why.why(lang.get())}</p>
            <ActionForm action=propose attr:class="form-row" attr:data-test-id="propose-form">
                <input type="hidden" name="lang" value=move || lang.get().code() />
                <input type="hidden" name="input[offer_id]" value=oid.to_string() />
                <input type="hidden" name="input[line_id]" value=line_id.to_string() />
                {with_amount.then(|| {
                    let amount_id = amount_id.clone();
                    view! {
                        <div class="field" class:field--invalid=move || amount_error().is_some()>
                            <label for=amount_id.clone()>{move || x().proposal_amount} " (" {currency.clone()} ")"</label>
                            <input id=amount_id.clone() name="input[amount]" value=s.proposed_amount.clone() inputmode="decimal" data-test-id="proposal-amount" />
                            {move || amount_error().map(|e| view! { <p class="field-error">{e}</p> })}
                        </div>
                    }
                })}
                <div class="field" class:field--invalid=move || note_error().is_some()>
                    <label for=note_id.clone()>{move || x().proposal_note}</label>
                    <input id=note_id.clone() name="input[note]" />
                    {move || note_error().map(|e| view! { <p class="field-error">{e}</p> })}
                </div>
                <button type="submit" class="button" data-test-id="propose">{move || x().propose}</button>
                {move || general().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            </ActionForm>
        </li>
    }
}
