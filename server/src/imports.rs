//! The contribution import upload: a multipart form post (so it works without JavaScript) that
//! starts checking the file and sends the browser to the page showing its progress; and the
//! template to fill in.

use app::{
    error::AppError,
    i18n::{localized, Lang},
    model::{FileProblem, MAX_IMPORT_BYTES},
    server::{
        auth::{authorize, Action, AuthSession},
        imports::contributions::template_csv,
        AppState,
    },
};
use axum::{
    extract::{multipart::MultipartRejection, DefaultBodyLimit, Multipart, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
    Json, Router,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/contributions",
            // Room for the file and the form's other fields; a bigger file is reported, not cut.
            post(upload).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES + 256 * 1024)),
        )
        .route("/contributions/template.csv", get(template))
}

async fn template() -> impl IntoResponse {
    crate::open_data::download(
        crate::open_data::CSV,
        "mirps-contributions-template.csv",
        template_csv(),
    )
}

/// Reads the uploaded file, at most `MAX_IMPORT_BYTES` of it.
async fn read_upload(
    multipart: &mut Multipart,
) -> (Option<Lang>, String, Result<Vec<u8>, FileProblem>) {
    let too_large = FileProblem::TooLarge {
        max_mb: (MAX_IMPORT_BYTES / (1024 * 1024)) as u32,
    };
    let mut lang = None;
    let mut filename = String::new();
    let mut file: Result<Vec<u8>, FileProblem> = Err(FileProblem::Empty);
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            // The body limit cuts the stream: the file was too big.
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                file = Err(too_large);
                break;
            }
            Err(_) => {
                file = Err(FileProblem::Unreadable);
                break;
            }
        };
        match field.name() {
            Some("lang") => {
                lang = field.text().await.ok().and_then(|l| Lang::from_code(&l));
            }
            Some("file") => {
                filename = field.file_name().unwrap_or("upload").to_string();
                let mut bytes = Vec::new();
                let mut result = Ok(());
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            if bytes.len() + chunk.len() > MAX_IMPORT_BYTES {
                                result = Err(too_large.clone());
                                break;
                            }
                            bytes.extend_from_slice(&chunk);
                        }
                        Ok(None) => break,
                        Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                            result = Err(too_large.clone());
                            break;
                        }
                        Err(_) => {
                            result = Err(FileProblem::Unreadable);
                            break;
                        }
                    }
                }
                file = result.map(|_| bytes);
                if matches!(file, Err(FileProblem::TooLarge { .. })) {
                    break;
                }
            }
            _ => {}
        }
    }
    (lang, filename, file)
}

/// The page's language, from the form's page (the `lang` field comes later in the body).
fn referer_lang(headers: &HeaderMap) -> Lang {
    headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| {
            let path = r
                .split_once("://")
                .map_or(r, |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
            path.trim_start_matches('/')
                .get(..2)
                .and_then(Lang::from_code)
        })
        .unwrap_or_default()
}

async fn upload(
    State(state): State<AppState>,
    session: AuthSession,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    match start(&state, &session, multipart).await {
        Ok((lang, id)) if wants_html => {
            let lang = lang.unwrap_or_else(|| referer_lang(&headers));
            Ok(
                Redirect::to(&localized(lang, &format!("/contributions/import/{id}")))
                    .into_response(),
            )
        }
        Ok((_, id)) => {
            Ok((StatusCode::ACCEPTED, Json(serde_json::json!({ "id": id }))).into_response())
        }
        // A browser posting the plain form gets a page, not JSON: sign-in, or the form again
        // with the reason.
        Err(e) if wants_html => {
            let lang = referer_lang(&headers);
            let form = localized(lang, "/contributions/import");
            let to = match e {
                AppError::Unauthorized => {
                    format!("{}?next={form}", localized(lang, "/login"))
                }
                AppError::Forbidden => format!("{form}?error=forbidden"),
                AppError::RateLimited => format!("{form}?error=busy"),
                _ => format!("{form}?error=no_file"),
            };
            Ok(Redirect::to(&to).into_response())
        }
        Err(e) => Err(e),
    }
}

async fn start(
    state: &AppState,
    session: &AuthSession,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(Option<Lang>, String), AppError> {
    authorize(session.user.as_ref(), &Action::RecordContributions)?;
    let user = session.user.clone().ok_or(AppError::Unauthorized)?;
    // Refuse before reading up to 8 MB.
    if !state.imports.has_room(&state.db, &user).await? {
        return Err(AppError::RateLimited);
    }
    let mut multipart = multipart.map_err(|_| {
        AppError::Validation(vec![app::error::FieldError::new(
            "file",
            app::error::Problem::Required,
        )])
    })?;
    let (lang, filename, file) = read_upload(&mut multipart).await;
    let id = state
        .imports
        .start(
            state.db.clone(),
            user,
            filename,
            file,
            chrono::Utc::now().date_naive(),
        )
        .await?;
    Ok((lang, id))
}
