//! The commands other than `serve`: each opens the configuration (and the database) itself and
//! says on stdout what it did, on stderr what failed.
use std::process::ExitCode;

mod data;
mod ops;
mod sweep;

pub(crate) use data::{backup, restore, stats};
pub(crate) use ops::{healthcheck, send_test_email};
pub(crate) use sweep::sweep;

pub(crate) fn load_config() -> Result<covoit::Config, ExitCode> {
    covoit::Config::from_figment(&covoit::figment(), !cfg!(debug_assertions)).map_err(|e| {
        eprintln!("{e}");
        ExitCode::FAILURE
    })
}

/// The configured database, with its migrations applied when `migrate` (the commands that
/// read or write covoit's tables); a failure is said on stderr.
pub(crate) async fn open_db(
    config: &covoit::Config,
    migrate: bool,
) -> Result<covoit::Db, ExitCode> {
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

pub(crate) async fn migrate() -> ExitCode {
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
