//! `/{lang}/contributions/{id}/edit`: those who may edit a contribution (its member, the
//! secretariat) change what describes it; its steps stay as they are (they are added on its
//! page). Errors come back translated and nothing is saved until everything is right; a record
//! changed by someone else in the meantime is refused, not overwritten.

use crate::components::auth::{form_error, use_auth};
use crate::components::error_panel::or_error_panel;
use crate::error::AppError;
use crate::i18n::{localized, use_lang};
use crate::model::{ContributionFormChoices, ContributionView};
use crate::pages::contributions::fields::DescriptiveFields;
use crate::pages::contributions::text::texts;
use crate::rpc::contributions::{
    contribution_form_options, fetch_contribution, UpdateContribution,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn EditContributionPage() -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let auth = use_auth();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|v| v.parse::<i64>().ok()));
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            let id = id.ok_or(AppError::NotFound)?;
            let record = fetch_contribution(id).await?;
            if !record.can_edit || record.detail.summary.withdrawn {
                return Err(AppError::Forbidden);
            }
            Ok((record, contribution_form_options().await?))
        },
    );
    view! {
        <crate::components::PageTitle text=|l| texts(l).edit_contribution_title />
        <section class="page">
            <h1>{move || x().edit_contribution_title}</h1>
            <Suspense fallback=move || view! { <p>{move || t().loading}</p> }>
                {move || Suspend::new(or_error_panel(async move {
                    auth.user.await?.ok_or(AppError::Unauthorized)?;
                    let (record, options) = data.await?;
                    Ok::<_, AppError>(view! { <EditForm record options /> })
                }))}
            </Suspense>
        </section>
    }
}

#[component]
fn EditForm(record: ContributionView, options: ContributionFormChoices) -> impl IntoView {
    let lang = use_lang();
    let t = move || lang.get().t();
    let x = move || texts(lang.get());
    let update = ServerAction::<UpdateContribution>::new();
    let result = update.value();
    let failure = Signal::derive(move || match result.get() {
        Some(Err(e)) => Some(e),
        _ => None,
    });
    let general = move || form_error(&result.get(), crate::model::IMPORT_COLUMNS, lang.get());
    let d = record.detail;
    let id = d.summary.id;
    let version = d.version;
    let (tes, ten) = (d.summary.title_es.clone(), d.summary.title_en.clone());
    view! {
        <p>
            <a href=move || localized(lang.get(), &format!("/contributions/{id}"))>
                "← " {move || lang.get().pick(&tes, &ten).to_string()}
            </a>
        </p>
        <p class="lead">{move || x().edit_contribution_lead}</p>
        <ActionForm action=update attr:class="form-grid contribution-form" attr:data-test-id="contribution-edit-form">
            <input type="hidden" name="lang" value=move || lang.get().code() />
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="version" value=version />
            <DescriptiveFields options current=d failure />
            <div class="form-actions">
                <button type="submit" class="button" data-test-id="contribution-save">{move || t().save}</button>
            </div>
            {move || general().map(|e| view! { <p class="form-error" role="alert" data-test-id="contribution-error">{e}</p> })}
        </ActionForm>
    }
}
