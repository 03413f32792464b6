//! `covoit stats`, `covoit backup` and `covoit restore`.
use std::process::ExitCode;

use super::{load_config, open_db};

pub(crate) async fn stats(json: bool) -> ExitCode {
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

pub(crate) async fn backup(to: &std::path::Path) -> ExitCode {
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

pub(crate) async fn restore(from: &std::path::Path, force: bool) -> ExitCode {
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
