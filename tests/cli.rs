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

#[test]
fn secret_key_alone_starts_the_release_profile() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = covoit(dir.path())
        .arg("serve")
        .env("ROCKET_PROFILE", "release")
        .env(
            "SECRET_KEY",
            "a-long-random-production-key-0123456789abcdef",
        )
        .env("ROCKET_PORT", port.to_string())
        .env("ROCKET_ADDRESS", "127.0.0.1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut answered = false;
    while Instant::now() < deadline {
        if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            use std::io::Write;
            s.write_all(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
                .unwrap();
            let mut reply = String::new();
            s.read_to_string(&mut reply).ok();
            answered = reply.starts_with("HTTP/1.0 200") || reply.starts_with("HTTP/1.1 200");
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().ok();
    let mut err = String::new();
    child.wait().ok();
    child.stderr.take().unwrap().read_to_string(&mut err).ok();
    assert!(answered, "no answer: {err}");
    assert!(!err.contains("development key"), "{err}");
}
