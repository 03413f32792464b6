//! `covoit send-test-email` and `covoit sweep outbox` as processes, against a real SMTP server.
use crate::common;

use std::process::Command;

use common::smtp::{SMTP_PASSWORD, SMTP_USER, SmtpServer, free_port, smtp_figment};
use common::{Backend, TestApp};
use serde_json::json;

fn covoit(server_port: u16, ca: &std::path::Path, password: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_covoit"));
    cmd.env_clear()
        .current_dir(std::env::temp_dir())
        .env("RUST_LOG", "warn")
        .env("SMTP_HOST", "localhost")
        .env("SMTP_PORT", server_port.to_string())
        .env("SMTP_TLS", "starttls")
        .env("SMTP_USER", SMTP_USER)
        .env("SMTP_PASSWORD", password)
        .env("ROCKET_SMTP_CA_FILE", ca)
        .env("ROCKET_SMTP_TIMEOUT_SECS", "5")
        .env("BASE_URL", "https://covoit.example.org")
        .env("FROM_EMAIL", "covoit <noreply@covoit.test>");
    cmd
}

async fn run(mut cmd: Command) -> (bool, String, String) {
    tokio::task::spawn_blocking(move || {
        let out = cmd.output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_test_email_reports_success_and_actionable_failures() {
    let server = SmtpServer::start();
    let mut ok = covoit(server.port, &server.ca_file, SMTP_PASSWORD);
    ok.args(["send-test-email", "--to", "ops@example.org"]);
    let (success, out, err) = run(ok).await;
    assert!(success, "{out}{err}");
    assert!(
        out.contains("sent to ops@example.org through localhost"),
        "{out}"
    );
    let received = server.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, vec!["ops@example.org".to_owned()]);
    // The greeting names the site, and the message is built like the app's real emails.
    assert_eq!(received[0].helo, "covoit.example.org");
    let message = mail_parser::MessageParser::default()
        .parse(&received[0].data)
        .unwrap();
    let id = message.message_id().expect("a Message-ID");
    assert!(
        id.starts_with("test.") && id.ends_with("@covoit.example.org"),
        "{id}"
    );
    assert_eq!(
        message.header("Auto-Submitted").and_then(|h| h.as_text()),
        Some("auto-generated")
    );
    assert!(message.date().is_some());
    let html = message.body_html(0).expect("an HTML part").into_owned();
    assert!(
        html.contains("<!DOCTYPE html>") && html.contains("https://covoit.example.org"),
        "{html}"
    );
    let text = message.body_text(0).unwrap().into_owned();
    assert!(text.contains("SMTP"), "{text}");

    let mut bad_password = covoit(server.port, &server.ca_file, "wrong");
    bad_password.args(["send-test-email", "--to", "ops@example.org"]);
    let (success, _, err) = run(bad_password).await;
    assert!(!success);
    assert!(err.contains("535"), "{err}");
    assert!(
        err.contains("hint: the server refused the credentials"),
        "{err}"
    );

    let mut nobody_there = covoit(free_port(), &server.ca_file, SMTP_PASSWORD);
    nobody_there.args(["send-test-email", "--to", "ops@example.org"]);
    let (success, _, err) = run(nobody_there).await;
    assert!(!success);
    assert!(
        err.contains("hint: nothing answers there: check SMTP_HOST and SMTP_PORT"),
        "{err}"
    );

    let mut dev = Command::new(env!("CARGO_BIN_EXE_covoit"));
    dev.env_clear().current_dir(std::env::temp_dir()).args([
        "send-test-email",
        "--to",
        "ops@example.org",
    ]);
    let (success, _, err) = run(dev).await;
    assert!(!success);
    assert!(err.contains("no smtp_host configured"), "{err}");
    assert_eq!(server.received().len(), 1, "no other message went out");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sweep_outbox_sends_what_is_queued_once() {
    let server = SmtpServer::start();
    let (port, ca) = (server.port, server.ca_file.clone());
    let app = TestApp::start_with(Backend::Sqlite, move |f| smtp_figment(f, port, &ca)).await;
    let (_, offer, _) = app.event_with_offer().await;
    let (_, body) = app
        .post_json(
            &format!("/api/offers/{}/reservations", offer["id"].as_str().unwrap()),
            &json!({"passenger_name": "Paul", "passenger_email": "paul@example.org"}),
        )
        .await;
    assert_eq!(body["email"]["status"], "queued");
    let url = app
        .client
        .rocket()
        .state::<covoit::Config>()
        .unwrap()
        .database_url
        .clone();

    let mut sweep = covoit(server.port, &server.ca_file, SMTP_PASSWORD);
    sweep.args(["sweep", "outbox"]).env("DATABASE_URL", &url);
    let (success, out, err) = run(sweep).await;
    assert!(success, "{err}");
    assert_eq!(
        out.trim(),
        "outbox: 4 sent, 0 to retry, 0 failed, 0 not sent (address bounces)"
    );
    assert_eq!(server.received().len(), 4);

    let mut again = covoit(server.port, &server.ca_file, SMTP_PASSWORD);
    again.args(["sweep", "outbox"]).env("DATABASE_URL", &url);
    let (_, out, _) = run(again).await;
    assert_eq!(
        out.trim(),
        "outbox: 0 sent, 0 to retry, 0 failed, 0 not sent (address bounces)"
    );
    assert_eq!(server.received().len(), 4);
    app.finish().await;
}
