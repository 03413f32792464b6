//! The `covoit` binary as operators run it: help, migrate, and start-up refusing bad
//! configuration with the key named.
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn covoit(dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_covoit"));
    // No inherited configuration, no Rocket.toml: only what each test sets.
    cmd.env_clear().current_dir(dir).env("RUST_LOG", "warn");
    cmd
}

/// Runs a command that is expected to stop by itself within 30 s; returns (success, stderr).
fn run_to_end(mut cmd: Command) -> (bool, String, String) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut out = String::new();
            let mut err = String::new();
            child
                .stdout
                .take()
                .unwrap()
                .read_to_string(&mut out)
                .unwrap();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.success(), out, err);
        }
        if Instant::now() > deadline {
            child.kill().ok();
            panic!("the command did not stop by itself");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn help_documents_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = covoit(dir.path());
    cmd.arg("--help");
    let (ok, out, _) = run_to_end(cmd);
    assert!(ok);
    for word in [
        "serve",
        "migrate",
        "Start the web server",
        "Apply pending database migrations",
    ] {
        assert!(out.contains(word), "{word} missing in {out}");
    }
}

#[test]
fn migrate_creates_the_sqlite_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = covoit(dir.path());
    cmd.arg("migrate")
        .env("DATABASE_URL", "sqlite://data.db?mode=rwc");
    let (ok, out, err) = run_to_end(cmd);
    assert!(ok, "{err}");
    assert!(out.contains("migrations applied"));
    let bytes = std::fs::read(dir.path().join("data.db")).unwrap();
    assert!(bytes.starts_with(b"SQLite format 3"));
    let text = String::from_utf8_lossy(&bytes);
    for table in [
        "events",
        "offers",
        "reservations",
        "uniq_reservations_offer_active_email",
    ] {
        assert!(text.contains(table), "{table} missing");
    }
    // Twice is fine.
    let mut again = covoit(dir.path());
    again
        .arg("migrate")
        .env("DATABASE_URL", "sqlite://data.db?mode=rwc");
    assert!(run_to_end(again).0);
}

#[test]
fn bad_values_stop_start_up_and_name_their_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = covoit(dir.path());
    cmd.arg("serve")
        .env("BASE_URL", "covoit.example.org")
        .env("ROCKET_DEFAULT_TIMEZONE", "Mars/Olympus")
        .env("SMTP_TLS", "sometimes")
        .env("SMTP_HOST", "smtp.example.org")
        .env("ROCKET_REQUEST_TTL_HOURS", "-5")
        .env("ROCKET_PORT", "0");
    let (ok, _, err) = run_to_end(cmd);
    assert!(!ok);
    for key in [
        "`base_url`",
        "`default_timezone`",
        "`smtp_tls`",
        "`request_ttl_hours`",
    ] {
        assert!(err.contains(key), "{key} not named in: {err}");
    }
    assert!(
        !dir.path().join("covoit.db").exists(),
        "nothing is created before the config is valid"
    );
}

#[test]
fn release_profile_without_secret_key_refuses_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = covoit(dir.path());
    cmd.arg("serve")
        .env("ROCKET_PROFILE", "release")
        .env("ROCKET_PORT", "0");
    let (ok, _, err) = run_to_end(cmd);
    assert!(!ok);
    assert!(
        err.contains("`secret_keys`") && err.contains("SECRET_KEY"),
        "{err}"
    );
}

#[test]
fn a_database_that_cannot_be_migrated_aborts_launch_with_the_cause() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.db"), vec![b'x'; 8192]).unwrap();
    let mut cmd = covoit(dir.path());
    cmd.arg("serve")
        .env("DATABASE_URL", "sqlite://broken.db?mode=rwc")
        .env("ROCKET_PORT", "0");
    let (ok, _, err) = run_to_end(cmd);
    assert!(!ok);
    assert!(err.contains("database"), "{err}");
    assert!(
        err.contains("not a database") || err.contains("file is not"),
        "the cause is given: {err}"
    );
}

const PRODUCTION_KEY: &str = "a-long-random-production-key-0123456789abcdef";

/// A server process started with `envs`; killed on drop, its stderr kept.
struct Served {
    child: std::process::Child,
    port: u16,
}

impl Served {
    fn start(dir: &std::path::Path, envs: &[(&str, &str)]) -> Served {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut cmd = covoit(dir);
        cmd.arg("serve")
            .env("RUST_LOG", "info")
            .env("ROCKET_PORT", port.to_string())
            .env("ROCKET_ADDRESS", "127.0.0.1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut served = Served {
            child: cmd.spawn().unwrap(),
            port,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if served.child.try_wait().unwrap().is_some() || Instant::now() > deadline {
                panic!("the server did not start: {}", served.stop());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        served
    }

    /// (status, body) of one HTTP/1.0 request.
    fn http(&self, method: &str, path: &str, headers: &[&str], body: &str) -> (u16, String) {
        use std::io::Write;
        let mut s = std::net::TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut head = format!("{method} {path} HTTP/1.0\r\nHost: localhost\r\n");
        for h in headers {
            head.push_str(h);
            head.push_str("\r\n");
        }
        write!(s, "{head}Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        let mut reply = String::new();
        s.read_to_string(&mut reply).ok();
        let status = reply.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
        let body = reply.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        (status, body.to_owned())
    }

    /// Stops the server; returns what it logged.
    fn stop(&mut self) -> String {
        self.child.kill().ok();
        self.child.wait().ok();
        let mut err = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            e.read_to_string(&mut err).ok();
        }
        err
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.child.kill().ok();
    }
}

#[test]
fn a_release_profile_without_smtp_refuses_to_start_and_names_mail_mode() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = covoit(dir.path());
    cmd.arg("serve")
        .env("ROCKET_PROFILE", "release")
        .env("SECRET_KEY", PRODUCTION_KEY)
        .env("ROCKET_PORT", "0");
    let (ok, _, err) = run_to_end(cmd);
    assert!(
        !ok,
        "a release server with no SMTP and no mail_mode started"
    );
    assert!(
        err.contains("`mail_mode`") && err.contains("SMTP_HOST") && err.contains("capture"),
        "{err}"
    );
}

#[test]
fn a_release_profile_that_captures_email_keeps_it_for_the_operator() {
    let dir = tempfile::tempdir().unwrap();
    let release = [
        ("ROCKET_PROFILE", "release"),
        ("SECRET_KEY", PRODUCTION_KEY),
        ("ROCKET_MAIL_MODE", "capture"),
    ];
    let mut server = Served::start(dir.path(), &release);
    let (status, _) = server.http("GET", "/", &[], "");
    assert_eq!(status, 200);
    let event = serde_json::json!({"name": "Fête", "venue": "Lyon",
        "starts_at": (chrono::Utc::now() + chrono::Duration::days(5)).to_rfc3339(),
        "organizer_name": "Odile", "organizer_email": "odile.private@club.example"});
    let (status, body) = server.http(
        "POST",
        "/api/events",
        &["Content-Type: application/json"],
        &event.to_string(),
    );
    assert_eq!(status, 201, "{body}");
    // No admin token: nobody may read captured emails on a release server.
    for path in ["/dev/mail", "/dev/mail/1", "/dev/mail/1/text"] {
        assert_eq!(server.http("GET", path, &[], "").0, 404, "{path}");
    }
    let log = server.stop();
    assert!(!log.contains("development key"), "{log}");
    assert!(
        !log.contains("odile.private") && !log.contains("/link/"),
        "addresses or links logged outside development: {log}"
    );

    // With an admin token, captured emails are for the signed-in operator only.
    let token = "operator-token-0123456789";
    let mut with_admin = release.to_vec();
    with_admin.push(("ADMIN_TOKEN", token));
    let server = Served::start(dir.path(), &with_admin);
    assert_eq!(server.http("GET", "/dev/mail", &[], "").0, 401);
    let bearer = format!("Authorization: Bearer {token}");
    let (status, list) = server.http("GET", "/dev/mail", &[&bearer], "");
    assert_eq!(status, 200);
    assert!(list.contains("odile.private@club.example"), "{list}");
}
