//! Personal data (issue 15, DESIGN §8.4): each person's `data` link (what covoit holds about
//! them for one event, its JSON export, its deletion), the retention purge by moving time, the
//! privacy page, and the operator hiding or deleting an abusive event. On SQLite and
//! PostgreSQL, with the emails read over SMTP.
use crate::common;

use common::smtp::{SmtpServer, smtp_figment};
use common::{Backend, TestApp};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

mod admin;
mod data_link;
mod privacy_page;
mod purge;

pub const ADMIN: &str = "admin-token-0123456789-abcdefghijklmnopqrstuvwxyz";

/// An app that sends its emails to a real SMTP server, with /admin on.
pub async fn smtp_app(backend: Backend) -> (TestApp, SmtpServer) {
    let server = SmtpServer::start();
    let (port, ca) = (server.port, server.ca_file.clone());
    let app = TestApp::start_with(backend, move |f| {
        smtp_figment(f, port, &ca).merge(("admin_token", ADMIN))
    })
    .await;
    (app, server)
}

/// Every text column of every table: (table, column).
async fn text_columns(app: &TestApp) -> Vec<(String, String)> {
    let conn = &app.db.conn;
    let mut out = Vec::new();
    match app.backend {
        Backend::Sqlite => {
            let tables = conn
                .query_all_raw(Statement::from_string(
                    DbBackend::Sqlite,
                    "SELECT name FROM sqlite_master WHERE type = 'table' \
                     AND name NOT LIKE 'sqlite_%'",
                ))
                .await
                .unwrap();
            for t in tables {
                let table: String = t.try_get("", "name").unwrap();
                let cols = conn
                    .query_all_raw(Statement::from_string(
                        DbBackend::Sqlite,
                        format!("PRAGMA table_info(\"{table}\")"),
                    ))
                    .await
                    .unwrap();
                for c in cols {
                    let name: String = c.try_get("", "name").unwrap();
                    let kind: String = c.try_get("", "type").unwrap();
                    let kind = kind.to_lowercase();
                    if kind.contains("char") || kind.contains("text") || kind.contains("clob") {
                        out.push((table.clone(), name));
                    }
                }
            }
        }
        Backend::Postgres => {
            let cols = conn
                .query_all_raw(Statement::from_string(
                    DbBackend::Postgres,
                    "SELECT table_name::text AS t, column_name::text AS c \
                     FROM information_schema.columns WHERE table_schema = 'public' \
                     AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')",
                ))
                .await
                .unwrap();
            for c in cols {
                out.push((c.try_get("", "t").unwrap(), c.try_get("", "c").unwrap()));
            }
        }
        Backend::Mysql => {
            let cols = conn
                .query_all_raw(Statement::from_string(
                    DbBackend::MySql,
                    "SELECT CAST(table_name AS CHAR) AS t, CAST(column_name AS CHAR) AS c \
                     FROM information_schema.columns WHERE table_schema = DATABASE() \
                     AND data_type IN ('text', 'mediumtext', 'longtext', 'varchar', 'char', \
                     'json')",
                ))
                .await
                .unwrap();
            for c in cols {
                out.push((c.try_get("", "t").unwrap(), c.try_get("", "c").unwrap()));
            }
        }
    }
    assert!(
        out.iter().any(|(t, c)| t == "outbox" && c == "text_body"),
        "the scan sees the outbox: {out:?}"
    );
    out
}

/// Where any of `needles` (case-insensitive) still is: (table, column, needle).
pub async fn scan(app: &TestApp, needles: &[&str]) -> Vec<(String, String, String)> {
    let conn = &app.db.conn;
    let backend = conn.get_database_backend();
    let mut found = Vec::new();
    for (table, column) in text_columns(app).await {
        let rows = conn
            .query_all_raw(Statement::from_string(
                backend,
                if backend == DbBackend::MySql {
                    format!("SELECT CAST(`{column}` AS CHAR) AS v FROM `{table}`")
                } else {
                    format!("SELECT CAST(\"{column}\" AS TEXT) AS v FROM \"{table}\"")
                },
            ))
            .await
            .unwrap();
        for row in rows {
            let value: Option<String> = row.try_get("", "v").unwrap();
            let value = value.unwrap_or_default().to_lowercase();
            for needle in needles {
                if value.contains(&needle.to_lowercase()) {
                    found.push((table.clone(), column.clone(), (*needle).to_owned()));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// The page's text as a person reads it (markup entities undone).
pub fn text(page: &str) -> String {
    common::html::unescape(page)
}
