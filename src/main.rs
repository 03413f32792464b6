//! The `covoit` command: serve (default) or migrate.
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
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
        }
    })
}

async fn serve() -> ExitCode {
    match covoit::build(covoit::figment()).launch().await {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("covoit could not start: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn migrate() -> ExitCode {
    let figment = covoit::figment();
    let config = match covoit::Config::from_figment(&figment, !cfg!(debug_assertions)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let result = async {
        let db = covoit::Db::connect(&config.database_url).await?;
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
