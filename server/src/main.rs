//! `server`: serves MIRPS Hub. Settings come from the environment (see `config.rs`).

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    server::telemetry::init();
    let config = server::config::Config::from_env()?;
    server::serve(config).await
}
