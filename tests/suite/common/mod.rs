//! Test harness: the real app (`covoit::build`) on a fresh SQLite file, a fresh PostgreSQL
//! database or a fresh MariaDB / MySQL database, driven through Rocket's local HTTP client.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{Duration, Utc};
use covoit::Db;
use rocket::figment::Figment;
use rocket::http::{ContentType, Header, Status};
use rocket::local::asynchronous::{Client, LocalResponse};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

pub const TEST_KEY: &str = "test-signing-key-0123456789-abcdefghijklmnop";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
    Mysql,
}

impl Backend {
    /// The backends every database scenario runs on.
    pub const ALL: [Backend; 3] = [Backend::Sqlite, Backend::Postgres, Backend::Mysql];
    /// The backends several instances may share (one database server, many pools).
    pub const SERVERS: [Backend; 2] = [Backend::Postgres, Backend::Mysql];
}

/// Runs each named scenario `async fn name(app: TestApp)` once on every backend: SQLite,
/// PostgreSQL and MariaDB / MySQL (the name is older than the third one).
#[macro_export]
macro_rules! on_both_backends {
    ($($scenario:ident),+ $(,)?) => {
        $(
            mod $scenario {
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn sqlite() {
                    let app = $crate::common::TestApp::start($crate::common::Backend::Sqlite).await;
                    super::$scenario(&app).await;
                    app.finish().await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn postgres() {
                    let app = $crate::common::TestApp::start($crate::common::Backend::Postgres).await;
                    super::$scenario(&app).await;
                    app.finish().await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn mysql() {
                    let app = $crate::common::TestApp::start($crate::common::Backend::Mysql).await;
                    super::$scenario(&app).await;
                    app.finish().await;
                }
            }
        )+
    };
}

/// Runs each named scenario `async fn name(app: TestApp)` on SQLite only: for checks that stop
/// before the database (validation, escaping), which no backend changes.
#[macro_export]
macro_rules! on_sqlite {
    ($($scenario:ident),+ $(,)?) => {
        $(
            mod $scenario {
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn sqlite() {
                    let app = $crate::common::TestApp::start($crate::common::Backend::Sqlite).await;
                    super::$scenario(&app).await;
                    app.finish().await;
                }
            }
        )+
    };
}

pub struct TestApp {
    pub client: Client,
    pub db: Db,
    pub backend: Backend,
    /// The database this app uses (another instance may share it).
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(tempfile::TempDir),
    Postgres { admin_url: String, name: String },
    Mysql { admin_url: String, name: String },
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The PostgreSQL server used by the tests; `.ci/run` and the README's test command set it.
pub fn postgres_url() -> String {
    std::env::var("COVOIT_TEST_POSTGRES_URL").unwrap_or_else(|_| {
        panic!(
            "COVOIT_TEST_POSTGRES_URL is not set: run the tests with `./scripts/test.sh` \
             (README), which starts PostgreSQL and sets it"
        )
    })
}

/// The MariaDB / MySQL server used by the tests; `./scripts/test.sh` starts it and sets it.
pub fn mysql_url() -> String {
    std::env::var("COVOIT_TEST_MYSQL_URL").unwrap_or_else(|_| {
        panic!(
            "COVOIT_TEST_MYSQL_URL is not set: run the tests with `./scripts/test.sh` \
             (README), which starts MariaDB and sets it"
        )
    })
}

fn fresh_name() -> String {
    format!(
        "covoit_t_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        rand::random::<u32>()
    )
}

/// `admin_url` with its database replaced by `name`.
fn url_for(admin_url: &str, name: &str) -> String {
    let base = admin_url.rsplit_once('/').map_or(admin_url, |(b, _)| b);
    format!("{base}/{name}")
}

/// A fresh database URL for one test, with what is needed to remove it afterwards.
async fn fresh_database(backend: Backend) -> (String, Cleanup) {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}/covoit.db?mode=rwc", dir.path().display());
            (url, Cleanup::Sqlite(dir))
        }
        Backend::Postgres => {
            let admin_url = postgres_url();
            let name = fresh_name();
            let admin = Database::connect(admin_url.as_str())
                .await
                .expect("connect to PostgreSQL");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create test database");
            admin.close().await.ok();
            (
                url_for(&admin_url, &name),
                Cleanup::Postgres { admin_url, name },
            )
        }
        Backend::Mysql => {
            let admin_url = mysql_url();
            let name = fresh_name();
            let admin = Database::connect(admin_url.as_str())
                .await
                .expect("connect to MariaDB");
            admin
                .execute_unprepared(&format!(
                    "CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
                ))
                .await
                .expect("create test database");
            admin.close().await.ok();
            (
                url_for(&admin_url, &name),
                Cleanup::Mysql { admin_url, name },
            )
        }
    }
}

pub fn base_figment(database_url: &str) -> Figment {
    Figment::from(rocket::Config::debug_default())
        .merge(("log_level", "off"))
        .merge(("database_url", database_url))
        .merge(("secret_keys", vec![TEST_KEY]))
        .merge(("base_url", "https://covoit.test"))
        .merge(("jobs_interval_secs", 0))
        // Scenarios make many requests from one client; the rate-limit tests switch it on.
        .merge(("rate_limit_per_ip", 0))
        .merge(("rate_limit_per_email", 0))
}

impl TestApp {
    /// The plan SQLite makes for `stmt` on this app's database (`detail` of each line of
    /// `EXPLAIN QUERY PLAN`). On a connection of its own: one of the pool's may have read the
    /// schema before the migrations ended, and `EXPLAIN` plans with the schema a connection
    /// has (a real statement would notice the change and be prepared again).
    pub async fn sqlite_plan(&self, stmt: sea_orm::Statement) -> Vec<String> {
        self.plan("EXPLAIN QUERY PLAN", "detail", stmt).await
    }

    /// PostgreSQL statistics that lag behind the data: `insert` runs, `table` is analysed,
    /// then `change` runs, with autovacuum off for `table` so that nothing analyses it again
    /// behind the test's back.
    pub async fn with_lagging_statistics(&self, table: &str, insert: &str, change: &str) {
        let off = format!("ALTER TABLE {table} SET (autovacuum_enabled = false)");
        let analyse = format!("ANALYZE {table}");
        for sql in [off.as_str(), insert, analyse.as_str(), change] {
            self.db.conn.execute_unprepared(sql).await.unwrap();
        }
    }

    /// The plan PostgreSQL makes for `stmt` (`EXPLAIN`, one line per row), not running it.
    pub async fn postgres_plan(&self, stmt: sea_orm::Statement) -> Vec<String> {
        self.plan("EXPLAIN", "QUERY PLAN", stmt).await
    }

    async fn plan(&self, explain: &str, column: &str, stmt: sea_orm::Statement) -> Vec<String> {
        let explain = sea_orm::Statement::from_sql_and_values(
            stmt.db_backend,
            format!("{explain} {}", stmt.sql),
            stmt.values.map(|v| v.0).unwrap_or_default(),
        );
        let url = &self
            .client
            .rocket()
            .state::<covoit::Config>()
            .unwrap()
            .database_url;
        let conn = Database::connect(url.as_str()).await.unwrap();
        let rows = conn.query_all_raw(explain).await.unwrap();
        conn.close().await.unwrap();
        rows.iter()
            .map(|r| r.try_get::<String>("", column).unwrap())
            .collect()
    }

    pub async fn start(backend: Backend) -> TestApp {
        Self::start_with(backend, |f| f).await
    }

    pub async fn start_with(
        backend: Backend,
        configure: impl FnOnce(Figment) -> Figment,
    ) -> TestApp {
        let (url, cleanup) = fresh_database(backend).await;
        let figment = configure(base_figment(&url));
        let client = Client::tracked(covoit::build(figment))
            .await
            .expect("the app starts");
        let db = client
            .rocket()
            .state::<Db>()
            .expect("database managed")
            .clone();
        TestApp {
            client,
            db,
            backend,
            url,
            cleanup,
        }
    }

    /// Drops the PostgreSQL or MariaDB test database (a SQLite temp dir goes away by itself).
    pub async fn finish(self) {
        let TestApp {
            client,
            db,
            cleanup,
            ..
        } = self;
        drop(client);
        db.conn.close().await.ok();
        let (admin_url, drop) = match cleanup {
            Cleanup::Sqlite(_) => return,
            Cleanup::Postgres { admin_url, name } => (
                admin_url,
                format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            ),
            Cleanup::Mysql { admin_url, name } => {
                (admin_url, format!("DROP DATABASE IF EXISTS {name}"))
            }
        };
        if let Ok(admin) = Database::connect(admin_url.as_str()).await {
            admin.execute_unprepared(&drop).await.ok();
            admin.close().await.ok();
        }
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> (Status, Value) {
        let res = self
            .client
            .post(path)
            .header(ContentType::JSON)
            .body(body.to_string())
            .dispatch()
            .await;
        json_of(res).await
    }

    pub async fn post_raw(
        &self,
        path: &str,
        content_type: ContentType,
        body: impl AsRef<[u8]>,
    ) -> (Status, String) {
        let res = self
            .client
            .post(path)
            .header(content_type)
            .body(body)
            .dispatch()
            .await;
        let status = res.status();
        (status, res.into_string().await.unwrap_or_default())
    }

    pub async fn get_json(&self, path: &str) -> (Status, Value) {
        let res = self.client.get(path).dispatch().await;
        json_of(res).await
    }

    pub async fn get(&self, path: &str) -> (Status, String) {
        let res = self.client.get(path).dispatch().await;
        let status = res.status();
        (status, res.into_string().await.unwrap_or_default())
    }

    pub async fn get_lang(&self, path: &str, accept_language: &'static str) -> (Status, String) {
        let res = self
            .client
            .get(path)
            .header(Header::new("Accept-Language", accept_language))
            .dispatch()
            .await;
        let status = res.status();
        (status, res.into_string().await.unwrap_or_default())
    }

    /// Posts a form; returns the status, the body and the redirect target.
    pub async fn post_form(
        &self,
        path: &str,
        fields: &[(&str, &str)],
    ) -> (Status, String, Option<String>) {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let res = self
            .client
            .post(path)
            .header(ContentType::Form)
            .body(body)
            .dispatch()
            .await;
        let status = res.status();
        let location = res.headers().get_one("Location").map(str::to_owned);
        (
            status,
            res.into_string().await.unwrap_or_default(),
            location,
        )
    }

    /// Queues one plain email (no links, no draft) for each record of `records`, to
    /// `reader<i>@example.org`, subject `Message <i>`, in one transaction.
    pub async fn queue_plain_emails(
        &self,
        records: std::ops::Range<i64>,
        now: chrono::DateTime<chrono::Utc>,
    ) {
        use covoit::mail::outbox as queue;
        use sea_orm::TransactionTrait;
        let tx = self.db.conn.begin().await.unwrap();
        for i in records {
            let email = queue::Outgoing {
                kind: covoit::domain::EmailKind::RequestReceived,
                record_id: i,
                version: 0,
                to: queue::Person {
                    name: format!("Reader {i}"),
                    email: format!("reader{i}@example.org"),
                },
                reply_to: None,
                lang: covoit::domain::Lang::Fr,
                subject: format!("Message {i}"),
                text: format!("Body {i}"),
                html: format!("<p>Body {i}</p>"),
                attachments: vec![],
                unsubscribe: None,
                event_id: None,
                draft: None,
            };
            queue::queue(&tx, &self.emails(), email, now).await.unwrap();
        }
        tx.commit().await.unwrap();
    }

    pub async fn create_event(&self) -> Value {
        let (status, body) = self.post_json("/api/events", &event_body()).await;
        assert_eq!(status, Status::Created, "{body}");
        body["event"].clone()
    }

    /// A new event (its slug) with an offer to it (3 seats) and its ride back.
    pub async fn event_with_offer(&self) -> (String, Value, Value) {
        let slug = self.create_event().await["slug"]
            .as_str()
            .unwrap()
            .to_owned();
        let (offer, back) = self.create_offer(&slug).await;
        (slug, offer, back)
    }

    /// An offer to the event (3 seats), with a ride back.
    pub async fn create_offer(&self, slug: &str) -> (Value, Value) {
        self.create_offer_as(slug, DRIVER_EMAIL).await
    }

    /// The same, by a driver with this address.
    pub async fn create_offer_as(&self, slug: &str, driver_email: &str) -> (Value, Value) {
        let mut body = offer_body();
        body["driver_email"] = json!(driver_email);
        let (status, body) = self
            .post_json(&format!("/api/events/{slug}/offers"), &body)
            .await;
        assert_eq!(status, Status::Created, "{body}");
        (body["offer"].clone(), body["return_offer"].clone())
    }

    /// What the services take to write emails.
    pub fn emails(&self) -> covoit::mail::Emails {
        self.client
            .rocket()
            .state::<covoit::mail::Emails>()
            .expect("emails managed")
            .clone()
    }

    /// What sends the outbox.
    pub fn mailer(&self) -> covoit::mail::Mailer {
        self.client
            .rocket()
            .state::<covoit::mail::Mailer>()
            .expect("mailer managed")
            .clone()
    }

    /// The offer row behind a public identifier (tests also act through the services, which
    /// take the internal id).
    pub async fn offer_row(&self, public_id: &str) -> covoit::entities::offer::Model {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        covoit::entities::offer::Entity::find()
            .filter(covoit::entities::offer::Column::PublicId.eq(public_id))
            .one(&self.db.conn)
            .await
            .unwrap()
            .expect("an offer with this public id")
    }

    pub async fn book(&self, offer_id: &str, email: &str, seats: i64) -> (Status, Value) {
        self.post_json(
            &format!("/api/offers/{offer_id}/reservations"),
            &json!({"passenger_name": "Paul Passager", "passenger_email": email, "seats": seats,
                    "passenger_phone": "07 98 76 54 32", "pickup": "Gare", "message": "Merci !"}),
        )
        .await
    }
}

async fn json_of(res: LocalResponse<'_>) -> (Status, Value) {
    let status = res.status();
    let text = res.into_string().await.unwrap_or_default();
    let value =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
    (status, value)
}

/// Local time (event zone) `days` from now at 18:00, as a form would send it.
pub fn local_in_days(days: i64, hour: u32) -> String {
    let date = (Utc::now() + Duration::days(days)).date_naive();
    format!("{}T{hour:02}:00", date.format("%Y-%m-%d"))
}

pub const ORGANIZER_EMAIL: &str = "orga.secret@club.example";
pub const DRIVER_EMAIL: &str = "driver.secret@mail.example";
pub const DRIVER_PHONE: &str = "06 12 34 56 78";
pub const PASSENGER_PHONE: &str = "07 98 76 54 32";

pub fn event_body() -> Value {
    json!({
        "name": "Tournoi de printemps",
        "venue": "Stade municipal, Lyon",
        "starts_at": local_in_days(10, 14),
        "timezone": "Europe/Paris",
        "organizer_name": "Odile Organisatrice",
        "organizer_email": ORGANIZER_EMAIL,
        "locale": "fr",
    })
}

pub fn offer_body() -> Value {
    json!({
        "driver_name": "Denise Conductrice",
        "driver_email": DRIVER_EMAIL,
        "driver_phone": DRIVER_PHONE,
        "direction": "to_event",
        "place": "Villeurbanne, place Grandclément",
        "departs_at": local_in_days(10, 12),
        "seats": 3,
        "notes": "Petit coffre",
        "return": {"departs_at": local_in_days(10, 19)},
    })
}

pub mod html;
pub mod imap;
pub mod inbox;
pub mod languages;
pub mod smtp;
