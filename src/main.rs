//! The `covoit` command: serve (default), migrate, sweeps, figures, a test email, backup and
//! restore of a SQLite database, and a health check for containers.
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "covoit",
    version,
    about = "Carpooling to events: ride offers, seat requests, email-driven answers."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web server (the default). Configuration: Rocket.toml and the environment
    /// (DATABASE_URL, BASE_URL, SECRET_KEY, SMTP_*, FROM_EMAIL, ADMIN_TOKEN, ROCKET_<KEY>).
    Serve,
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Run background steps once and print what each did (for operators who prefer cron).
    Sweep {
        /// Which step to run.
        #[arg(value_enum, default_value_t = Step::All)]
        step: Step,
    },
    /// Print the operators' figures: offers, seats, requests by state, acceptance rate,
    /// median time to the driver's answer, share expired, emails today; in total and per event.
    Stats {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Send one test message with the configured SMTP settings and report the outcome.
    SendTestEmail {
        /// The address to send it to.
        #[arg(long)]
        to: String,
        /// The language of the message: fr, en, de, nl, it or es.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    /// Write an online backup of the SQLite database to a new file (SQLite's `VACUUM INTO`,
    /// safe while the service runs), then check it.
    Backup {
        /// The file to write; it must not exist yet.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Replace the SQLite database by a backup, after checking it. Stop the service first.
    Restore {
        /// The backup file to restore.
        #[arg(long)]
        from: std::path::PathBuf,
        /// Restore even though an instance ticked on the database in the last two minutes.
        #[arg(long)]
        force: bool,
    },
    /// Ask the running service's `/healthz` (on 127.0.0.1 and the configured port); exit 0
    /// when it answers 200 (for container health checks).
    Healthcheck,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Step {
    /// Expire pending requests past their deadline (passenger and driver are told).
    Expire,
    /// Remind drivers of requests waiting half-way to their expiry.
    Nudges,
    /// Send the day-before reminders that are due.
    Reminders,
    /// Ask "still going?" before departure; end the needs of events that started.
    Waiting,
    /// Queue the organisers' daily digests and day-before headcounts that are due.
    Digests,
    /// Read the bounce mailbox (imap_host) and record each bounce.
    Bounces,
    /// Delete the HTTP geocoder's expired answers (geocoder_cache_days).
    Geocache,
    /// Erase the personal data of events that ended `retention_days` ago (or were deleted).
    Purge,
    /// Send the due emails of the outbox.
    Outbox,
    /// Every step, in that order.
    All,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logs();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => serve().await,
            Command::Migrate => migrate().await,
            Command::Sweep { step } => sweep(step).await,
            Command::SendTestEmail { to, lang } => send_test_email(&to, &lang).await,
            Command::Stats { json } => stats(json).await,
            Command::Backup { to } => backup(&to).await,
            Command::Restore { from, force } => restore(&from, force).await,
            Command::Healthcheck => healthcheck(),
        }
    })
}

async fn serve() -> ExitCode {
    let limits = covoit::server::Limits::default();
    match covoit::server::serve(covoit::build(covoit::figment()), limits).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("covoit could not start: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr, as text or JSON (`log_format`). Rocket's own request lines quote raw
/// paths (which carry link tokens), so they are off; covoit logs one line per request with the
/// route template instead. Rocket's launch line is off too: its dispatcher is started as a
/// local client and would say "launched locally"; `server::serve` says where it listens.
fn init_logs() {
    let json = covoit::figment()
        .extract_inner::<String>("log_format")
        .is_ok_and(|f| f == "json");
    let mut filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn"));
    for directive in [
        "rocket=warn",
        "rocket::server=off",
        "rocket::launch=off",
        "_=warn",
    ] {
        if let Ok(d) = directive.parse() {
            filter = filter.add_directive(d);
        }
    }
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn load_config() -> Result<covoit::Config, ExitCode> {
    covoit::Config::from_figment(&covoit::figment(), !cfg!(debug_assertions)).map_err(|e| {
        eprintln!("{e}");
        ExitCode::FAILURE
    })
}

/// The configured database, with its migrations applied when `migrate` (the commands that
/// read or write covoit's tables); a failure is said on stderr.
async fn open_db(config: &covoit::Config, migrate: bool) -> Result<covoit::Db, ExitCode> {
    let db = covoit::Db::connect_with(&config.database_url, &config.db_options())
        .await
        .map_err(|e| {
            eprintln!("database_url: cannot open the database: {e}");
            ExitCode::FAILURE
        })?;
    if migrate && let Err(e) = db.migrate().await {
        eprintln!("database migrations failed: {e}");
        return Err(ExitCode::FAILURE);
    }
    Ok(db)
}

async fn migrate() -> ExitCode {
    let config = match load_config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let result = async {
        let db = covoit::Db::connect_with(&config.database_url, &config.db_options()).await?;
        db.migrate().await?;
        // Closing checkpoints SQLite's write-ahead log into the database file.
        db.conn.close().await
    }
    .await;
    match result {
        Ok(()) => {
            println!("migrations applied");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("migrations failed: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn sweep(step: Step) -> ExitCode {
    let config = match load_config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let (emails, mailer) = match covoit::mail::from_config(&config) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("invalid configuration: {e}");
            return ExitCode::FAILURE;
        }
    };
    let db = match open_db(&config, true).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    let owner = covoit::jobs::instance_id();
    let step = match step {
        Step::Expire => covoit::jobs::Step::Expire,
        Step::Nudges => covoit::jobs::Step::Nudges,
        Step::Reminders => covoit::jobs::Step::Reminders,
        Step::Waiting => covoit::jobs::Step::Waiting,
        Step::Digests => covoit::jobs::Step::Digests,
        Step::Bounces => covoit::jobs::Step::Bounces,
        Step::Outbox => covoit::jobs::Step::Outbox,
        Step::Geocache => covoit::jobs::Step::Geocache,
        Step::Purge => covoit::jobs::Step::Purge,
        Step::All => covoit::jobs::Step::All,
    };
    let r = covoit::jobs::run(&db, &emails, &mailer, &owner, step, chrono::Utc::now()).await;
    use covoit::jobs::Step as S;
    if matches!(step, S::Expire | S::All) {
        println!("expire: {} request(s) expired", r.expired);
    }
    if matches!(step, S::Nudges | S::All) {
        println!("nudges: {} driver(s) nudged", r.nudged);
    }
    if matches!(step, S::Reminders | S::All) {
        println!("reminders: {} ride(s) reminded", r.reminded);
    }
    if matches!(step, S::Waiting | S::All) {
        println!(
            "waiting: {} ride(s) asked \"still going?\", {} need(s) ended",
            r.asked, r.lapsed
        );
    }
    if matches!(step, S::Digests | S::All) {
        println!("digests: {} organiser email(s) queued", r.digests);
    }
    if matches!(step, S::Bounces | S::All) {
        if mailer.imap.is_none() {
            println!("bounces: no bounce mailbox is read (imap_host is not set)");
        } else {
            println!(
                "bounces: {} hard, {} soft recorded",
                r.bounces_hard, r.bounces_soft
            );
        }
    }
    if matches!(step, S::Geocache | S::All) {
        println!("geocache: {} expired answer(s) deleted", r.geocache_deleted);
    }
    if matches!(step, S::Purge | S::All) {
        println!(
            "purge: personal data of {} event(s) erased ({} email(s))",
            r.purged, r.purged_emails
        );
    }
    if matches!(step, S::Outbox | S::All) {
        if mailer.captures() {
            println!("outbox: dev mode (no smtp_host): emails are captured, nothing to send");
        } else {
            println!(
                "outbox: {} sent, {} to retry, {} failed, {} not sent (address bounces)",
                r.sent, r.retried, r.failed, r.suppressed
            );
        }
    }
    for error in &r.errors {
        eprintln!("{error}");
    }
    let ok = r.errors.is_empty();
    db.conn.close().await.ok();
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

async fn send_test_email(to: &str, lang: &str) -> ExitCode {
    let Some(lang) = covoit::domain::Lang::parse(lang) else {
        eprintln!("--lang: {lang:?} is not one of fr, en, de, nl, it, es");
        return ExitCode::FAILURE;
    };
    let config = match load_config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    match covoit::mail::test_email::send(&config, to, lang).await {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(report) => {
            eprintln!("{report}");
            ExitCode::FAILURE
        }
    }
}

async fn stats(json: bool) -> ExitCode {
    let config = match load_config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let db = match open_db(&config, true).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    let stats = match covoit::services::stats::compute(&db, chrono::Utc::now()).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("stats: {e}");
            return ExitCode::FAILURE;
        }
    };
    db.conn.close().await.ok();
    if json {
        match serde_json::to_string_pretty(&stats) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("stats: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", covoit::services::stats::table(&stats));
    }
    ExitCode::SUCCESS
}

async fn backup(to: &std::path::Path) -> ExitCode {
    let config = match load_config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    if covoit::services::backup::sqlite_path(&config.database_url).is_none() {
        eprintln!("{}", covoit::services::backup::BackupError::NotSqlite);
        return ExitCode::FAILURE;
    }
    let db = match open_db(&config, false).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    let result = covoit::services::backup::backup(&db, to).await;
    db.conn.close().await.ok();
    match result {
        Ok(w) => {
            println!(
                "backup written to {} ({} bytes, {} event(s)); integrity check ok",
                to.display(),
                w.bytes,
                w.events
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("backup failed: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn restore(from: &std::path::Path, force: bool) -> ExitCode {
    use covoit::services::backup;
    let config = match load_config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let Some(target) = backup::sqlite_path(&config.database_url) else {
        eprintln!("{}", backup::BackupError::NotSqlite);
        return ExitCode::FAILURE;
    };
    if let Err(e) = backup::check(from).await {
        eprintln!("restore refused: {e}");
        return ExitCode::FAILURE;
    }
    if target.exists() && !force {
        let running = async {
            let db = covoit::Db::connect_with(&config.database_url, &config.db_options()).await?;
            let found =
                backup::running_instance(&db, chrono::Utc::now(), chrono::Duration::minutes(2))
                    .await;
            db.conn.close().await.ok();
            found
        }
        .await;
        match running {
            Ok(None) => {}
            Ok(Some((id, ago))) => {
                eprintln!(
                    "restore refused: {}",
                    backup::BackupError::InstanceRunning { id, ago }
                );
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("restore refused: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    match backup::restore(from, &target).await {
        Ok(events) => {
            println!(
                "{} restored from {} ({events} event(s)); start the service again",
                target.display(),
                from.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("restore failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A plain HTTP/1.0 GET of `/healthz` on the loopback: the runtime image has no curl.
fn healthcheck() -> ExitCode {
    use std::io::{Read, Write};
    let port = covoit::figment()
        .extract_inner::<u16>("port")
        .unwrap_or(8000);
    let answer = (|| -> std::io::Result<String> {
        let timeout = Some(std::time::Duration::from_secs(5));
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port))?;
        s.set_read_timeout(timeout)?;
        s.set_write_timeout(timeout)?;
        s.write_all(b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
        let mut reply = String::new();
        s.take(64 * 1024).read_to_string(&mut reply)?;
        Ok(reply)
    })();
    match answer {
        Ok(reply) if reply.starts_with("HTTP/1.1 200") || reply.starts_with("HTTP/1.0 200") => {
            ExitCode::SUCCESS
        }
        Ok(reply) => {
            eprintln!("unhealthy: {}", reply.lines().next().unwrap_or("no answer"));
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("unhealthy: 127.0.0.1:{port}: {e}");
            ExitCode::FAILURE
        }
    }
}
