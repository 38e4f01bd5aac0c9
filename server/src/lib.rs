//! The MIRPS Hub server: configuration, telemetry, the router, start-up and admin commands.

// The app's pages are rendered here, and their (type-erased) views nest deeply.
#![recursion_limit = "256"]

pub mod backup;
pub mod cli;
pub mod config;
pub mod exports;
pub mod imports;
pub mod open_data;
pub mod router;
pub mod security;
pub mod telemetry;

use anyhow::Context;
use app::server::{auth::sessions::DbSessionStore, seed, AppState, Db};
use config::Config;
use std::net::SocketAddr;

/// Connects, migrates and writes reference data (what every command needs).
pub async fn connect(config: &Config) -> anyhow::Result<Db> {
    let url = config.database_url.expose();
    if let Some(path) = url.strip_prefix("sqlite://") {
        let file = path.split('?').next().unwrap_or(path);
        if let Some(dir) = std::path::Path::new(file).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating the database folder {}", dir.display()))?;
            }
        }
    }
    let db = Db::connect(url)
        .await
        .context("connecting to the database")?;
    app::server::setup::prepare(&db).await?;
    Ok(db)
}

/// Connects, prepares the database, writes demo data if asked and returns the state.
pub async fn prepare_state(config: &Config) -> anyhow::Result<AppState> {
    let db = connect(config).await?;
    seed::apply(&db, config.seed, chrono::Utc::now())
        .await
        .context("writing seed data")?;
    Ok(AppState::new(
        config.leptos.clone(),
        db,
        config.settings.clone(),
    ))
}

/// Serves until Ctrl-C or SIGTERM, then drains open requests.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let state = prepare_state(&config).await?;
    let addr = config.leptos.site_addr;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    tracing::info!(%addr, engine = ?state.db.engine(), seed = ?config.seed, "MIRPS Hub listening on http://{addr}");
    let db = state.db.clone();
    // Expired sessions are deleted hourly.
    let cleanup = tokio::spawn(
        tower_sessions::session_store::ExpiredDeletion::continuously_delete_expired(
            DbSessionStore::new(&db),
            tokio::time::Duration::from_secs(3600),
        ),
    );
    // Offers and proposals past their day expire on their own: checked at start, then hourly.
    let expiry = tokio::spawn(expire_offers(db.clone()));
    axum::serve(
        listener,
        router::build_router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("serving")?;
    cleanup.abort();
    expiry.abort();
    db.close().await;
    Ok(())
}

/// Expires offers and proposals past their day, hourly (the first run at once).
async fn expire_offers(db: app::server::Db) {
    let mut every = tokio::time::interval(tokio::time::Duration::from_secs(3600));
    loop {
        every.tick().await;
        match app::server::store::offers::expire_due(&db, chrono::Utc::now().date_naive()).await {
            Ok((0, 0)) => {}
            Ok((offers, proposals)) => {
                tracing::info!(offers, proposals, "expired offers and proposals")
            }
            Err(e) => tracing::warn!(error = %e, "expiring offers failed"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
