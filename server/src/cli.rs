//! Command line: `server` (or `server serve`) serves; `server create-admin --email .. --name ..`
//! creates the first secretariat account, reading the password from standard input (a prompt on
//! a terminal, the first line otherwise). There is never a default password. `server backup
//! --to FILE` copies the SQLite database while it serves; `server restore --from FILE` puts a
//! copy back (app stopped).

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
    /// Benchmarks only: adds synthetic example plan lines (per country) and offers.
    LoadSyntheticOffers {
        lines: i64,
        offers: i64,
    },
    /// Benchmarks only: times the offer suggestions for every line of one country's plan.
    BenchMatching {
        country: String,
        runs: usize,
    },
    Backup {
        to: std::path::PathBuf,
    },
    Restore {
        from: std::path::PathBuf,
    },
    Help,
}

pub const USAGE: &str = "usage:
  server                                      serve the app (settings from the environment)
  server create-admin --email EMAIL --name NAME
                                              create a secretariat account; the password is read
                                              from standard input (prompted on a terminal)
  server backup --to FILE                     copy the SQLite database to FILE, consistent, while
                                              the app serves (PostgreSQL: prints the pg_dump way)
  server restore --from FILE                  put the backup FILE in place of the SQLite database,
                                              keeping the current one beside it; app stopped
  server load-synthetic --rows N              benchmarks only: add N synthetic example
                                              contributions to the database
  server load-synthetic --practices N         benchmarks only: add N synthetic published
                                              example practices to the database
  server load-synthetic --offers N --lines M  benchmarks only: add M synthetic example plan lines
                                              per country and N synthetic example offers
  server bench-matching --country CC --runs N benchmarks only: time the offer suggestions for
                                              every line of country CC's plan, N times";

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
        Some(verb @ ("backup" | "restore")) => {
            let flag = if verb == "backup" { "--to" } else { "--from" };
            match (args.get(1).map(String::as_str), args.get(2), args.len()) {
                (Some(f), Some(path), 3) if f == flag && !path.is_empty() => {
                    let path = std::path::PathBuf::from(path);
                    Ok(if verb == "backup" {
                        Command::Backup { to: path }
                    } else {
                        Command::Restore { from: path }
                    })
                }
                _ => bail!("{verb} needs {flag} FILE\n{USAGE}"),
            }
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
            (Some("--offers"), Some(n)) => {
                let lines = match (args.get(3).map(String::as_str), args.get(4)) {
                    (Some("--lines"), Some(m)) => m
                        .parse()
                        .with_context(|| format!("--lines wants a number, not {m}"))?,
                    _ => 500,
                };
                Ok(Command::LoadSyntheticOffers {
                    lines,
                    offers: n
                        .parse()
                        .with_context(|| format!("--offers wants a number, not {n}"))?,
                })
            }
            _ => bail!("--rows, --practices or --offers is required\n{USAGE}"),
        },
        Some("bench-matching") => {
            let (mut country, mut runs) = ("GT".to_string(), 30usize);
            for pair in args[1..].chunks(2) {
                match (pair[0].as_str(), pair.get(1)) {
                    ("--country", Some(c)) => country = c.to_ascii_uppercase(),
                    ("--runs", Some(n)) => {
                        runs = n
                            .parse()
                            .with_context(|| format!("--runs wants a number, not {n}"))?
                    }
                    (other, _) => bail!("unknown option {other}\n{USAGE}"),
                }
            }
            Ok(Command::BenchMatching { country, runs })
        }
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
        Command::Backup { to } => {
            let config = Config::from_env()?;
            if crate::backup::sqlite_file(config.database_url.expose()).is_none() {
                bail!("{}", crate::backup::POSTGRES_RECIPE);
            }
            let db = crate::connect(&config).await?;
            let started = std::time::Instant::now();
            let done = crate::backup::backup(&db, &to).await;
            db.close().await;
            done?;
            println!(
                "Backed up to {} in {:.1} s.",
                to.display(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Restore { from } => {
            let config = Config::from_env()?;
            let Some(target) = crate::backup::sqlite_file(config.database_url.expose()) else {
                bail!("{}", crate::backup::POSTGRES_RECIPE);
            };
            let kept = crate::backup::restore(&from, &target).await?;
            match kept {
                Some(k) => println!(
                    "Restored {} from {}; the previous database is kept as {}.",
                    target.display(),
                    from.display(),
                    k.display()
                ),
                None => println!("Restored {} from {}.", target.display(), from.display()),
            }
            Ok(())
        }
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
        Command::LoadSyntheticOffers { lines, offers } => {
            let config = Config::from_env()?;
            let db = crate::connect(&config).await?;
            let started = std::time::Instant::now();
            let (l, o) = app::server::seed::synthetic::load_offers(&db, lines, offers)
                .await
                .map_err(|e| anyhow::anyhow!("loading synthetic offers: {e:?}"))?;
            println!(
                "Added {l} synthetic plan lines and {o} synthetic offers in {:.1} s.",
                started.elapsed().as_secs_f64()
            );
            db.close().await;
            Ok(())
        }
        Command::BenchMatching { country, runs } => {
            bench_matching(&Config::from_env()?, &country, runs).await
        }
        Command::CreateAdmin { email, name } => {
            let config = Config::from_env()?;
            let id = create_admin(&config, &email, &name, read_password).await?;
            println!("Created secretariat account {id} for {email}.");
            Ok(())
        }
    }
}

/// Times the suggestions for every line of `country`'s plan, `runs` times: reading the active
/// offers and the lines from the store and ranking, then the ranking alone. Prints p50 and p99.
pub async fn bench_matching(config: &Config, country: &str, runs: usize) -> anyhow::Result<()> {
    use app::server::matching::Matcher;
    use app::server::store::{offers, plans, vocabulary::Vocabulary};
    use std::time::Instant;
    let db = crate::connect(config).await?;
    let vocabulary = Vocabulary::load(&db).await?;
    let countries = vocabulary.country_names();
    let today = chrono::Utc::now().date_naive();
    let query = app::model::OfferQuery {
        country: country.to_string(),
        ..Default::default()
    };
    let rank = |all: &[app::model::Offer], lines: &[(String, app::model::PlanLine)]| {
        let m = Matcher::new(
            all,
            &countries,
            &vocabulary.themes,
            &vocabulary.pillars,
            today,
        );
        lines
            .iter()
            .map(|(_, l)| {
                let missing =
                    (l.required_usd() - l.funding.pledged_usd - l.funding.offered_usd).max(0);
                m.for_line(l, country, missing, &[], 10).len()
            })
            .sum::<usize>()
    };
    let (mut whole, mut ranking) = (Vec::new(), Vec::new());
    let (mut n_offers, mut n_lines, mut n_suggestions) = (0, 0, 0);
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let all = offers::offers(&db, &query).await?;
        let lines = plans::lines(&db, Some(country)).await?;
        let read = Instant::now();
        n_suggestions = rank(&all, &lines);
        let done = Instant::now();
        whole.push(done - started);
        ranking.push(done - read);
        (n_offers, n_lines) = (all.len(), lines.len());
    }
    let pct = |v: &mut Vec<std::time::Duration>, p: usize| {
        v.sort();
        v[(v.len() * p / 100).min(v.len() - 1)].as_secs_f64() * 1000.0
    };
    println!(
        "{country}: {n_lines} lines, {n_offers} offers for the country, {n_suggestions} suggestions per run, {} runs",
        whole.len()
    );
    println!(
        "read and rank: p50 {:.1} ms, p99 {:.1} ms; rank only: p50 {:.1} ms, p99 {:.1} ms",
        pct(&mut whole, 50),
        pct(&mut whole, 99),
        pct(&mut ranking, 50),
        pct(&mut ranking, 99)
    );
    db.close().await;
    Ok(())
}
