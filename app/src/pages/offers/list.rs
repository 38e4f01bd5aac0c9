//! `/{lang}/offers`: the offers of support, filtered by country, kind and status, with their
//! exports; members and the secretariat find the way to record one here.

use super::text::texts;
use super::{amount_label, place_label};
use crate::components::data_table::{col, num, DataTable};
use crate::components::{error_panel::or_error_panel, example_badge::ExampleBadge, PageTitle};
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::{Filter, OfferKind, OfferQuery, OfferStatus, OffersPage};
use crate::rpc::offers::fetch_offers;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn OffersListPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let q = query_map.read();
        OfferQuery {
            country: q.get("country").unwrap_or_default(),
            kind: q.get("kind").unwrap_or_default(),
            status: q.get("status").unwrap_or_default(),
        }
    });
    let data = Resource::new(move || query.get(), fetch_offers);
    view! {
        <PageTitle text=|l| texts(l).offers_title />
        <section class="page" data-test-id="offers-page">
            <h1>{move || x().offers_title}</h1>
            <p class="lead">{move || x().offers_lead}</p>
            <Transition fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || {
                    let q = query.get();
                    Suspend::new(or_error_panel(async move {
                        let d = data.await?;
                        Ok::<_, AppError>(view! { <Offers d q /> })
                    }))
                }}
            </Transition>
        </section>
    }
}

#[component]
fn Offers(d: OffersPage, q: OfferQuery) -> impl IntoView {
    let lang = use_lang();
    let x = move || texts(lang.get());
    let countries = d.countries.clone();
    let qs = q.to_query();
    let csv = qs.clone();
    let xlsx = qs.clone();
    let n = d.offers.len() as i64;
    view! {
        {d.can_offer.then(|| view! {
            <p class="actions">
                <a class="button" href=move || localized(lang.get(), "/offers/new") data-test-id="offer-new-link">{move || x().offer_new}</a>
            </p>
        })}
        <form method="get" class="filters filters--row" data-test-id="offer-filters">
            <div class="field">
                <label for="of-country">{move || x().filter_country}</label>
                <select id="of-country" name="country">
                    <option value="">{move || x().filter_all}</option>
                    {d.countries.iter().cloned().map(|c| {
                        let selected = c.code == q.country;
                        let code = c.code.clone();
                        view! { <option value=code selected=selected>{move || c.name(lang.get()).to_string()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="of-kind">{move || x().filter_kind}</label>
                <select id="of-kind" name="kind">
                    <option value="">{move || x().filter_all}</option>
                    {OfferKind::ALL.iter().map(|k| {
                        let k = *k;
                        view! { <option value=k.code() selected=k.code() == q.kind>{move || k.name(lang.get())}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="of-status">{move || x().filter_status}</label>
                <select id="of-status" name="status">
                    <option value="">{move || x().filter_active}</option>
                    {OfferStatus::ALL.iter().map(|s| {
                        let s = *s;
                        view! { <option value=s.code() selected=s.code() == q.status>{move || s.name(lang.get())}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button">{move || x().apply}</button>
        </form>
        <h2 id="offers-caption">{move || x().offers_count.of(lang.get(), n)}</h2>
        {if d.offers.is_empty() {
            view! { <p class="empty" data-test-id="offers-none">{move || x().offers_none}</p> }.into_any()
        } else {
            view! {
                <DataTable labelled_by="offers-caption" test_id="offers-table" columns=vec![col(|l| texts(l).col_offer), col(|l| texts(l).col_offeror), col(|l| texts(l).col_kind), col(|l| texts(l).col_where), num(|l| texts(l).col_amount), col(|l| texts(l).col_until), col(|l| l.t().col_status), num(|l| texts(l).col_in_discussion)]>
                    {d.offers.into_iter().map(|o| {
                        let id = o.id;
                        let place = {
                            let o = o.clone();
                            let countries = countries.clone();
                            move || place_label(&o, &countries, lang.get())
                        };
                        let amount = {
                            let o = o.clone();
                            move || amount_label(&o, lang.get())
                        };
                        let offeror = o.offeror.clone();
                        let (kind, status) = (o.kind, o.status);
                        let o2 = o.clone();
                        view! {
                            <tr data-test-id=format!("offer-{id}")>
                                <td>
                                    <a href=move || localized(lang.get(), &format!("/offers/{id}"))>{move || o2.title(lang.get()).to_string()}</a>
                                    {o.is_example.then(|| view! { " " <ExampleBadge /> })}
                                </td>
                                <td>{move || offeror.name(lang.get()).to_string()}</td>
                                <td>{move || kind.name(lang.get())}</td>
                                <td>{place}</td>
                                <td class="num">{amount}</td>
                                <td class="nowrap">{o.available_until.clone()}</td>
                                <td>{move || status.name(lang.get())}</td>
                                <td class="num">{o.in_discussion}</td>
                            </tr>
                        }
                    }).collect_view()}
                </DataTable>
            }.into_any()
        }}
        <p class="actions">
            <a href=move || format!("/api/v1/offers.csv?{}{}lang={}", csv, if csv.is_empty() { "" } else { "&" }, lang.get().code()) data-test-id="offers-csv">{move || x().download_csv}</a>
            " · "
            <a href=move || format!("/api/v1/offers.xlsx?{}{}lang={}", xlsx, if xlsx.is_empty() { "" } else { "&" }, lang.get().code()) data-test-id="offers-xlsx">{move || x().download_xlsx}</a>
            " · "
            <a href=format!("/api/v1/offers{}{}", if qs.is_empty() { "" } else { "?" }, qs)>{move || x().download_json}</a>
        </p>
    }
}
