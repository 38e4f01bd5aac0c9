//! `server`: serves MIRPS Hub, or runs an admin command (see `cli.rs`).

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    server::telemetry::init();
    server::cli::run(std::env::args().skip(1).collect()).await
}
