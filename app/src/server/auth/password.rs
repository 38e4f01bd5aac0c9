//! Password hashing with argon2id (the `password-auth` crate's defaults), off the async threads.

use crate::error::{AppError, Problem};
use crate::model::{MAX_PASSWORD_LEN, MIN_PASSWORD_LEN};
use std::sync::OnceLock;

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || password_auth::generate_hash(password))
        .await
        .map_err(|e| AppError::internal("password hashing", e))
}

/// True when `password` matches `hash`. With no hash (no such account) it still does the work of
/// one verification against a dummy hash, then answers false.
pub async fn verify(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match hash {
        Some(h) => password_auth::verify_password(password, &h).is_ok(),
        None => {
            let _ = password_auth::verify_password(password, dummy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| password_auth::generate_hash("not a real password, only here for timing"))
}

/// Length rules only (long passphrases beat composition rules), and not the email itself.
pub fn check_strength(field: &str, password: &str, email: &str) -> Result<(), AppError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD_LEN {
        return Err(AppError::invalid(
            field,
            Problem::TooShort {
                min: MIN_PASSWORD_LEN as u32,
            },
        ));
    }
    if n > MAX_PASSWORD_LEN {
        return Err(AppError::invalid(
            field,
            Problem::TooLong {
                max: MAX_PASSWORD_LEN as u32,
            },
        ));
    }
    if password.trim().eq_ignore_ascii_case(email.trim()) {
        return Err(AppError::invalid(field, Problem::NotAllowed));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_rules() {
        assert!(check_strength("p", "short", "a@b.org").is_err());
        assert!(check_strength("p", "a@b.org.a@b.org", "a@b.org.a@b.org").is_err());
        assert!(check_strength("p", &"x".repeat(200), "a@b.org").is_err());
        assert!(check_strength("p", "correct horse battery", "a@b.org").is_ok());
    }

    #[tokio::test]
    async fn hashes_verify() {
        let h = hash("correct horse battery".into()).await.expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), Some(h.clone())).await);
        assert!(!verify("wrong horse battery".into(), Some(h)).await);
        assert!(!verify("anything".into(), None).await);
    }
}
