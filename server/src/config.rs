//! Typed configuration, read once from the environment at start.
//!
//! | variable           | meaning                                             | default                     |
//! |--------------------|-----------------------------------------------------|-----------------------------|
//! | `DATABASE_URL`     | `sqlite://path` or `postgres://...`                 | `sqlite://data/mirps-hub.db` |
//! | `LEPTOS_SITE_ADDR` | listen address                                      | `127.0.0.1:3000`            |
//! | `LEPTOS_SITE_ROOT` | folder with `pkg/` (wasm, js, css) and assets       | `target/site`               |
//! | `MIRPS_SEED`       | `real`: the records from public sources; `demo`: those plus flagged examples; `none` | `real` (`demo` when `MIRPS_DEMO_DATA=1`) |
//! | `MIRPS_PUBLIC_URL` | the address people use (invitation links; `https://` turns on Secure cookies) | `http://` + listen address |
//! | `MIRPS_TRUSTED_PROXIES` | comma-separated proxy IPs whose `X-Forwarded-For` is believed | none |
//! | `MIRPS_SESSION_IDLE_MINUTES` | sign out after this much inactivity | `120` |
//! | `MIRPS_SESSION_MAX_HOURS` | sign out this long after signing in, active or not | `12` |
//! | `RUST_LOG`         | log filter                                          | `info,sqlx=warn`            |
//! | `LOG_FORMAT`       | `json` for JSON lines                               | human-readable              |

use anyhow::Context;
use leptos::prelude::LeptosOptions;
use std::fmt;

/// A value that must never reach a log line (a database URL can hold a password).
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: Secret,
    pub leptos: LeptosOptions,
    pub seed: app::server::seed::Mode,
    pub settings: app::server::state::Settings,
}

/// The name cargo-leptos gives the wasm and js files (`[[workspace.metadata.leptos]] name`).
pub const OUTPUT_NAME: &str = "mirps-hub";

impl Config {
    pub fn from_env() -> anyhow::Result<Config> {
        let mut leptos = leptos::config::get_configuration(None)
            .context("reading LEPTOS_* settings")?
            .leptos_options;
        if leptos.output_name.is_empty() {
            leptos.output_name = OUTPUT_NAME.into();
        }
        let database_url = std::env::var("DATABASE_URL")
            .ok()
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| app::server::store::DEFAULT_SQLITE_URL.to_string());
        let seed = app::server::seed::Mode::from_vars(
            std::env::var("MIRPS_SEED").ok().as_deref(),
            std::env::var("MIRPS_DEMO_DATA").ok().as_deref(),
        )
        .map_err(anyhow::Error::msg)?;
        let public_url = std::env::var("MIRPS_PUBLIC_URL")
            .ok()
            .map(|v| v.trim().trim_end_matches('/').to_string())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| format!("http://{}", leptos.site_addr));
        let trusted_proxies = std::env::var("MIRPS_TRUSTED_PROXIES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| {
                v.parse()
                    .with_context(|| format!("MIRPS_TRUSTED_PROXIES: {v} is not an IP address"))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let session_idle_minutes = env_number("MIRPS_SESSION_IDLE_MINUTES", 120, 5, 60 * 24 * 30)?;
        let session_max_hours = env_number("MIRPS_SESSION_MAX_HOURS", 12, 1, 24 * 30)?;
        Ok(Config {
            database_url: Secret::new(database_url),
            leptos,
            seed,
            settings: app::server::state::Settings {
                public_url,
                trusted_proxies,
                session_idle_minutes,
                session_max_hours,
            },
        })
    }
}

/// A whole number from the environment: `default` when unset, held to `min..=max`; an error
/// when it is set and not a number.
fn env_number(name: &str, default: i64, min: i64, max: i64) -> anyhow::Result<i64> {
    Ok(std::env::var(name)
        .ok()
        .map(|v| {
            v.trim()
                .parse::<i64>()
                .with_context(|| format!("{name} must be a number"))
        })
        .transpose()?
        .unwrap_or(default)
        .clamp(min, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_do_not_print() {
        let s = Secret::new("postgres://user:hunter2@db/x");
        assert!(!format!("{s:?}").contains("hunter2"));
        assert_eq!(s.expose(), "postgres://user:hunter2@db/x");
    }
}
