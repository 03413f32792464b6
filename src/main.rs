//! The `covoit` command: serve (default), migrate, sweeps, figures, a test email, backup and
//! restore of a SQLite database, and a health check for containers.
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

mod cli;

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
            Command::Migrate => cli::migrate().await,
            Command::Sweep { step } => cli::sweep(step).await,
            Command::SendTestEmail { to, lang } => cli::send_test_email(&to, &lang).await,
            Command::Stats { json } => cli::stats(json).await,
            Command::Backup { to } => cli::backup(&to).await,
            Command::Restore { from, force } => cli::restore(&from, force).await,
            Command::Healthcheck => cli::healthcheck(),
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
