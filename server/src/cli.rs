//! Command line: `server` (or `server serve`) serves; `server create-admin --email .. --name ..`
//! creates the first secretariat account, reading the password from standard input (a prompt on
//! a terminal, the first line otherwise). There is never a default password.

use crate::config::Config;
use anyhow::{bail, Context};
use app::model::{normalise_email, Role};
use app::server::{auth::password, store::accounts};
use std::io::{BufRead, IsTerminal};

pub enum Command {
    Serve,
    CreateAdmin {
        email: String,
        name: String,
    },
    /// Benchmarks only: adds synthetic example contributions.
    LoadSynthetic {
        rows: i64,
    },
    /// Benchmarks only: adds synthetic published example practices.
    LoadSyntheticPractices {
        rows: i64,
    },
    Help,
}

pub const USAGE: &str = "usage:
  server                                      serve the app (settings from the environment)
  server create-admin --email EMAIL --name NAME
                                              create a secretariat account; the password is read
                                              from standard input (prompted on a terminal)
  server load-synthetic --rows N              benchmarks only: add N synthetic example
                                              contributions to the database
  server load-synthetic --practices N         benchmarks only: add N synthetic published
                                              example practices to the database";

pub fn parse(args: &[String]) -> anyhow::Result<Command> {
    match args.first().map(String::as_str) {
        None | Some("serve") => Ok(Command::Serve),
        Some("help" | "--help" | "-h") => Ok(Command::Help),
        Some("create-admin") => {
            let mut email = None;
            let mut name = None;
            let mut it = args[1..].iter();
            while let Some(flag) = it.next() {
                let value = it.next().with_context(|| format!("{flag} needs a value"))?;
                match flag.as_str() {
                    "--email" => email = Some(value.clone()),
                    "--name" => name = Some(value.clone()),
                    other => bail!("unknown option {other}\n{USAGE}"),
                }
            }
            Ok(Command::CreateAdmin {
                email: email.with_context(|| format!("--email is required\n{USAGE}"))?,
                name: name.with_context(|| format!("--name is required\n{USAGE}"))?,
            })
        }
        Some("load-synthetic") => match (args.get(1).map(String::as_str), args.get(2)) {
            (Some("--rows"), Some(n)) => Ok(Command::LoadSynthetic {
                rows: n
                    .parse()
                    .ok()
                    .filter(|n| (1..=50_000_000).contains(n))
                    .with_context(|| {
                        format!("--rows must be a number from 1 to 50000000\n{USAGE}")
                    })?,
            }),
            (Some("--practices"), Some(n)) => Ok(Command::LoadSyntheticPractices {
                rows: n
                    .parse()
                    .ok()
                    .filter(|n| (1..=5_000_000).contains(n))
                    .with_context(|| {
                        format!("--practices must be a number from 1 to 5000000\n{USAGE}")
                    })?,
            }),
            _ => bail!("--rows or --practices is required\n{USAGE}"),
        },
        Some(other) => bail!("unknown command {other}\n{USAGE}"),
    }
}

fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ")?;
        let second = rpassword::prompt_password("Repeat the password: ")?;
        if first != second {
            bail!("the two passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

/// Creates a secretariat account; the password comes from `password_source`.
pub async fn create_admin(
    config: &Config,
    email: &str,
    name: &str,
    password_source: impl FnOnce() -> anyhow::Result<String>,
) -> anyhow::Result<i64> {
    let email = normalise_email(email).context("that email address is not valid")?;
    let name = name.trim();
    if name.is_empty() {
        bail!("--name must not be empty");
    }
    let pw = password_source()?;
    password::check_strength("password", &pw, &email).map_err(|_| {
        anyhow::anyhow!("the password must have 12 to 128 characters and differ from the email")
    })?;
    let db = crate::connect(config).await?;
    let hash = password::hash(pw)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let id = accounts::create(
        &db,
        None,
        accounts::NewUser {
            email: &email,
            display_name: name,
            password_hash: &hash,
            role: &Role::Secretariat,
        },
    )
    .await
    .map_err(|e| match e {
        app::error::AppError::Validation(_) => {
            anyhow::anyhow!("an account with {email} already exists")
        }
        other => anyhow::anyhow!("could not create the account: {other}"),
    })?;
    db.close().await;
    Ok(id)
}

pub async fn run(args: Vec<String>) -> anyhow::Result<()> {
    match parse(&args)? {
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Command::Serve => crate::serve(Config::from_env()?).await,
        Command::LoadSynthetic { rows } => {
            let config = Config::from_env()?;
            let db = crate::connect(&config).await?;
            let started = std::time::Instant::now();
            let total = app::server::seed::synthetic::load(&db, rows).await?;
            println!(
                "Added {rows} synthetic contributions in {:.1} s; the ledger has {total}.",
                started.elapsed().as_secs_f64()
            );
            db.close().await;
            Ok(())
        }
        Command::LoadSyntheticPractices { rows } => {
            let config = Config::from_env()?;
            let db = crate::connect(&config).await?;
            let started = std::time::Instant::now();
            let total = app::server::seed::synthetic::load_practices(&db, rows).await?;
            println!(
                "Added {rows} synthetic practices in {:.1} s; {total} practices are published.",
                started.elapsed().as_secs_f64()
            );
            db.close().await;
            Ok(())
        }
        Command::CreateAdmin { email, name } => {
            let config = Config::from_env()?;
            let id = create_admin(&config, &email, &name, read_password).await?;
            println!("Created secretariat account {id} for {email}.");
            Ok(())
        }
    }
}
