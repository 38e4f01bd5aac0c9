//! Typed configuration, read once from the environment at start.
//!
//! | variable           | meaning                                             | default                     |
//! |--------------------|-----------------------------------------------------|-----------------------------|
//! | `DATABASE_URL`     | `sqlite://path` or `postgres://...`                 | `sqlite://data/mirps-hub.db` |
//! | `LEPTOS_SITE_ADDR` | listen address                                      | `127.0.0.1:3000`            |
//! | `LEPTOS_SITE_ROOT` | folder with `pkg/` (wasm, js, css) and assets       | `target/site`               |
//! | `MIRPS_DEMO_DATA`  | `1`/`true`: write demo and example data at start     | off                         |
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
    pub demo_data: bool,
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
        let demo_data = std::env::var("MIRPS_DEMO_DATA")
            .map(|v| {
                matches!(
                    v.trim().to_ascii_lowercase().as_str(),
                    "1" | "true" | "yes" | "on"
                )
            })
            .unwrap_or(false);
        Ok(Config {
            database_url: Secret::new(database_url),
            leptos,
            demo_data,
        })
    }
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
