//! SQLite group commit: concurrent writers share one transaction, yet each one's answer is
//! its own — a booking answered 201 is saved, a failed one does not undo its neighbours, and a
//! failed shared COMMIT answers an error to every writer in it, leaving nothing half-saved.
use crate::common;

use common::{Backend, TestApp};
use covoit::Db;
use covoit::db::DbOptions;
use futures::future::join_all;
use rocket::http::Status;
use sea_orm::{ConnectionTrait, DbErr, Statement};
use serde_json::json;
use std::time::Duration;

async fn scratch_db(max_bytes: Option<u64>) -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/group.db?mode=rwc", dir.path().display());
    let db = Db::connect_with(
        &url,
        &DbOptions {
            sqlite_max_bytes: max_bytes,
        },
    )
    .await
    .expect("connect");
    db.conn
        .execute_unprepared(
            "CREATE TABLE parent (id INTEGER PRIMARY KEY);
             CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL
                 REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
             CREATE TABLE item (name TEXT NOT NULL UNIQUE, body BLOB)",
        )
        .await
        .expect("scratch tables");
    (dir, db)
}

async fn insert(db: &Db, tx: &impl ConnectionTrait, name: &str, bytes: usize) -> Result<(), DbErr> {
    let stmt = Statement::from_sql_and_values(
        db.conn.get_database_backend(),
        "INSERT INTO item (name, body) VALUES (?, zeroblob(?))",
        [name.into(), (bytes as i64).into()],
    );
    tx.execute_raw(stmt).await.map(|_| ())
}

async fn saved(db: &Db, name: &str) -> bool {
    let stmt = Statement::from_sql_and_values(
        db.conn.get_database_backend(),
        "SELECT count(*) FROM item WHERE name = ?",
        [name.into()],
    );
    let row = db.conn.query_one_raw(stmt).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap() == 1
}

/// Takes the write lock, lets `n` writers queue behind it, and returns the holder: what the
/// holder and the queued writers then do lands in one batch.
async fn queue_behind<F, Fut, T>(
    db: &Db,
    n: usize,
    writer: F,
) -> (covoit::db::WriteTx, Vec<tokio::task::JoinHandle<T>>)
where
    F: Fn(Db, usize) -> Fut,
    Fut: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let first = db.begin_write().await.expect("begin");
    let handles = (0..n)
        .map(|i| tokio::spawn(writer(db.clone(), i)))
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    (first, handles)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_bookings_never_overbook_and_each_answer_is_true() {
    let app = TestApp::start(Backend::Sqlite).await;
    let event = app.create_event().await;
    let slug = event["slug"].as_str().unwrap();
    let mut body = common::offer_body();
    body["auto_accept"] = json!(true);
    let (status, offer) = app
        .post_json(&format!("/api/events/{slug}/offers"), &body)
        .await;
    assert_eq!(status, Status::Created, "{offer}");
    let id = offer["offer"]["id"].as_str().unwrap().to_owned();

    let emails: Vec<String> = (0..40).map(|i| format!("p{i}@example.org")).collect();
    let results = join_all(emails.iter().map(|e| app.book(&id, e, 1))).await;
    let mut confirmed = Vec::new();
    for ((status, body), email) in results.iter().zip(&emails) {
        match *status {
            Status::Created => {
                assert_eq!(body["reservation"]["status"], "confirmed", "{body}");
                confirmed.push(email.clone());
            }
            Status::Conflict => assert_eq!(body["error"]["code"], "not_enough_seats", "{body}"),
            other => panic!("{email}: {other} {body}"),
        }
    }
    assert_eq!(confirmed.len(), 3, "{results:?}");
    let row = app.offer_row(&id).await;
    assert_eq!((row.seats_taken, row.seats_total), (3, 3));
    use covoit::entities::reservation;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let rows = reservation::Entity::find()
        .filter(reservation::Column::OfferId.eq(row.id))
        .all(&app.db.conn)
        .await
        .unwrap();
    let mut in_db: Vec<String> = rows.into_iter().map(|r| r.passenger_email).collect();
    in_db.sort();
    confirmed.sort();
    assert_eq!(in_db, confirmed, "the answers and the database disagree");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failing_writer_does_not_undo_its_batch() {
    let (_dir, db) = scratch_db(None).await;
    let (first, handles) = queue_behind(&db, 12, |db, i| async move {
        let tx = db.begin_write().await?;
        insert(&db, &tx, &format!("w{i}"), 10).await?;
        match i % 4 {
            // A duplicate: fails inside its own savepoint.
            0 => insert(&db, &tx, "first", 10).await?,
            // Gives up after writing (an error path returning early).
            1 => return Ok::<bool, DbErr>(false),
            _ => {}
        }
        tx.commit().await?;
        Ok(true)
    })
    .await;
    insert(&db, &first, "first", 10).await.unwrap();
    first.commit().await.expect("the first writer commits");
    for (i, h) in handles.into_iter().enumerate() {
        let name = format!("w{i}");
        match h.await.unwrap() {
            Ok(true) => assert!(saved(&db, &name).await, "{name} answered saved, is not"),
            Ok(false) => assert!(!saved(&db, &name).await, "{name} gave up, yet is saved"),
            Err(e) => {
                assert_eq!(i % 4, 0, "{name}: {e}");
                assert!(covoit::db::is_unique_violation(&e), "{name}: {e}");
                assert!(!saved(&db, &name).await, "{name} failed, yet is saved");
            }
        }
    }
    assert!(saved(&db, "first").await);
    for i in [2, 3, 6, 7, 10, 11] {
        assert!(saved(&db, &format!("w{i}")).await, "w{i}");
    }
}

/// The first writer of a batch runs without a savepoint of its own: when it gives up, the
/// whole batch (its work only) is rolled back, and the writers queued behind it start afresh.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_first_writer_that_gives_up_undoes_only_its_own_work() {
    let (_dir, db) = scratch_db(None).await;
    let (first, handles) = queue_behind(&db, 6, |db, i| async move {
        let tx = db.begin_write().await?;
        insert(&db, &tx, &format!("w{i}"), 10).await?;
        if i == 3 {
            return Ok::<bool, DbErr>(false);
        }
        tx.commit().await?;
        Ok(true)
    })
    .await;
    insert(&db, &first, "first", 10).await.unwrap();
    drop(first);
    for (i, h) in handles.into_iter().enumerate() {
        let name = format!("w{i}");
        let kept = h.await.unwrap().expect("the queued writers are not failed");
        assert_eq!(kept, i != 3, "{name}");
        assert_eq!(saved(&db, &name).await, kept, "{name}");
    }
    assert!(
        !saved(&db, "first").await,
        "the writer that gave up is saved"
    );
    // The writer after them all starts a clean batch.
    let tx = db.begin_write().await.unwrap();
    insert(&db, &tx, "after", 10).await.unwrap();
    tx.commit().await.unwrap();
    assert!(saved(&db, "after").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failed_shared_commit_fails_every_writer_of_the_batch() {
    let (_dir, db) = scratch_db(None).await;
    let (first, handles) = queue_behind(&db, 8, |db, i| async move {
        let tx = db.begin_write().await?;
        insert(&db, &tx, &format!("w{i}"), 10).await?;
        tx.commit().await
    })
    .await;
    // A child without its parent: the deferred foreign key fails only at the shared COMMIT.
    insert(&db, &first, "first", 10).await.unwrap();
    first
        .execute_unprepared("INSERT INTO child (id, parent_id) VALUES (1, 42)")
        .await
        .unwrap();
    let result = first.commit().await;
    let err = result.expect_err("the batch cannot commit");
    assert!(covoit::db::is_unavailable(&err), "{err}");
    let mut failed = 0;
    for (i, h) in handles.into_iter().enumerate() {
        let name = format!("w{i}");
        match h.await.unwrap() {
            Ok(()) => assert!(saved(&db, &name).await, "{name} answered saved, is not"),
            Err(e) => {
                assert!(covoit::db::is_unavailable(&e), "{name}: {e}");
                assert!(!saved(&db, &name).await, "{name} failed, yet is saved");
                failed += 1;
            }
        }
    }
    assert!(failed > 0, "no writer shared the failed batch");
    assert!(!saved(&db, "first").await);
    // The connection was reset: the next writers work.
    let tx = db.begin_write().await.unwrap();
    insert(&db, &tx, "after", 10).await.unwrap();
    tx.commit().await.unwrap();
    assert!(saved(&db, "after").await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_full_disk_in_a_batch_leaves_nothing_half_saved() {
    let (_dir, db) = scratch_db(Some(4096 * 40)).await;
    // Writers 3 and 7 need more room than the cap leaves; the others fit.
    let (first, handles) = queue_behind(&db, 10, |db, i| async move {
        let tx = db.begin_write().await?;
        let bytes = if i % 4 == 3 { 400_000 } else { 100 };
        insert(&db, &tx, &format!("w{i}"), bytes).await?;
        tx.commit().await
    })
    .await;
    insert(&db, &first, "first", 100).await.unwrap();
    let first = first.commit().await;
    let mut answers = vec![("first".to_owned(), first)];
    for (i, h) in handles.into_iter().enumerate() {
        answers.push((format!("w{i}"), h.await.unwrap()));
    }
    let mut refused = 0;
    for (name, answer) in &answers {
        match answer {
            Ok(()) => assert!(saved(&db, name).await, "{name} answered saved, is not"),
            Err(e) => {
                assert!(covoit::db::is_unavailable(e), "{name}: {e}");
                assert!(!saved(&db, name).await, "{name} refused, yet saved");
                refused += 1;
            }
        }
    }
    assert!(refused >= 2, "{answers:?}");
    // Writes work again on the same pool.
    let tx = db.begin_write().await.unwrap();
    insert(&db, &tx, "after", 100).await.unwrap();
    tx.commit().await.unwrap();
    assert!(saved(&db, "after").await);
}
