//! The app's connections to PostgreSQL and MariaDB over TCP send without Nagle's delay
//! (issue 19): sqlx 0.9 opens them without `TCP_NODELAY`, and a statement longer than one
//! segment (a sweep's batch of outbox rows) waited for the server's delayed acknowledgement.
//! Each test asks the server which client port it sees for the connection that answers, and
//! reads the option on this process's socket bound to that port.
use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::common::{Backend, TestApp};

async fn ports_seen_by_server(app: &TestApp, backend: DbBackend, sql: &str) -> (u16, u16) {
    let row = app
        .db
        .conn
        .query_one_raw(Statement::from_string(backend, sql))
        .await
        .unwrap()
        .expect("one row");
    match backend {
        DbBackend::Postgres => {
            let client: i32 = row.try_get("", "client").unwrap();
            let server: i32 = row.try_get("", "server").unwrap();
            (client as u16, server as u16)
        }
        _ => {
            let host: String = row.try_get("", "client").unwrap();
            let server: i64 = row.try_get("", "server").unwrap();
            let port = host.rsplit_once(':').expect("address:port").1;
            (port.parse().unwrap(), server as u16)
        }
    }
}

/// The socket of the connection that answers `sql` (the client's and the server's ports, as
/// the server sees them) has `TCP_NODELAY`.
async fn sends_without_delay(backend: Backend, sql: &str) {
    let app = TestApp::start(backend).await;
    let db = app.db.conn.get_database_backend();
    let (client, server) = ports_seen_by_server(&app, db, sql).await;
    assert_eq!(
        covoit::db::nodelay::is_set(client, server),
        Some(true),
        "the socket from port {client} to {server}"
    );
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_connections_send_without_delay() {
    sends_without_delay(
        Backend::Postgres,
        "SELECT inet_client_port() AS client, inet_server_port() AS server",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mariadb_connections_send_without_delay() {
    sends_without_delay(
        Backend::Mysql,
        "SELECT host AS client, CAST(@@port AS SIGNED) AS server \
         FROM information_schema.processlist WHERE id = CONNECTION_ID()",
    )
    .await;
}
