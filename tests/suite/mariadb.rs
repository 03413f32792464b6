//! MariaDB / MySQL sessions: what every pooled connection sets (README, "MariaDB / MySQL"),
//! reached through a `mariadb://` URL as an operator may write it.
use crate::common::{Backend, TestApp};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mariadb_url_opens_strict_utc_read_committed_byte_compared_sessions() {
    let app = TestApp::start(Backend::Mysql).await;
    let url = app.url.replacen("mysql:", "mariadb:", 1);
    let db = covoit::Db::connect(&url).await.unwrap();
    let row = db
        .conn
        .query_one_raw(Statement::from_string(
            DbBackend::MySql,
            "SELECT CAST(@@session.tx_isolation AS CHAR) AS iso, \
             CAST(@@session.sql_mode AS CHAR) AS mode, \
             CAST(@@session.time_zone AS CHAR) AS tz, \
             CAST(@@collation_database AS CHAR) AS coll, \
             CAST('Anne@x' = 'anne@x' AS SIGNED) AS same",
        ))
        .await
        .unwrap()
        .unwrap();
    let get = |c: &str| -> String { row.try_get("", c).unwrap() };
    assert_eq!(get("iso"), "READ-COMMITTED");
    assert!(get("mode").contains("STRICT_ALL_TABLES"), "{}", get("mode"));
    assert!(get("mode").contains("PIPES_AS_CONCAT"), "{}", get("mode"));
    assert_eq!(get("tz"), "+00:00");
    assert_eq!(get("coll"), "utf8mb4_bin");
    let same: i64 = row.try_get("", "same").unwrap();
    assert_eq!(same, 0, "text is compared byte for byte");
    db.conn.close().await.ok();
    app.finish().await;
}
