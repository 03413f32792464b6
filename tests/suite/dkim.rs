//! DKIM: every email sent is signed with the configured key (RSA or Ed25519), and an
//! independent verifier (dkimpy) accepts the signatures; a message changed on the way fails.
use crate::common;

use std::cell::RefCell;
use std::path::Path;
use std::process::Command;

use common::inbox::Inbox;
use common::smtp::{SmtpServer, smtp_figment};
use common::{Backend, TestApp};

fn openssl(args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .output()
        .expect("openssl");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// (private key file, public key file)
pub(crate) fn keypair(dir: &Path, algorithm: &str) -> (String, String) {
    let private = dir.join(format!("{algorithm}.pem")).display().to_string();
    let public = dir.join(format!("{algorithm}.pub")).display().to_string();
    match algorithm {
        "rsa" => openssl(&["genrsa", "-traditional", "-out", &private, "2048"]),
        _ => openssl(&["genpkey", "-algorithm", "ed25519", "-out", &private]),
    }
    openssl(&["pkey", "-in", &private, "-pubout", "-out", &public]);
    (private, public)
}

fn verify(public: &str, messages: &[Vec<u8>]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let p = dir.path().join(format!("{i}.eml"));
            std::fs::write(&p, m).unwrap();
            p.display().to_string()
        })
        .collect();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/dkim_check.py");
    let out = Command::new("python3")
        .arg(script)
        .args([public, "covoit2026", "covoit.test"])
        .args(&files)
        .output()
        .expect("python3 (./scripts/test.sh installs dkimpy)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_email_is_signed_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    for algorithm in ["rsa", "ed25519"] {
        let (private, public) = keypair(dir.path(), algorithm);
        let server = SmtpServer::start();
        let (port, ca) = (server.port, server.ca_file.clone());
        let app = TestApp::start_with(Backend::Sqlite, move |f| {
            smtp_figment(f, port, &ca)
                .merge(("dkim_key_file", private.clone()))
                .merge(("dkim_selector", "covoit2026"))
        })
        .await;
        let inbox = Inbox {
            app: &app,
            server,
            seen: RefCell::new(0),
        };
        // Accents, a long subject, an attachment: the event, the ride, a request both ways.
        let (_, offer, _) = app.event_with_offer().await;
        let (status, _) = app
            .book(offer["id"].as_str().unwrap(), "zoe@example.org", 1)
            .await;
        assert_eq!(status, rocket::http::Status::Created);
        inbox.deliver().await;
        let raw: Vec<Vec<u8>> = inbox
            .server
            .received()
            .into_iter()
            .map(|r| r.data)
            .collect();
        assert!(raw.len() >= 4, "{} emails", raw.len());
        for m in &raw {
            let text = String::from_utf8_lossy(m);
            assert!(
                text.contains(&format!(
                    "a={algorithm}-sha256; d=covoit.test; s=covoit2026"
                )),
                "{algorithm}: {}",
                &text[..text.len().min(600)]
            );
        }
        assert_eq!(
            verify(&public, &raw),
            vec!["pass"; raw.len()],
            "{algorithm}: the verifier accepts every signature"
        );
        // Changed on the way: the signature no longer holds.
        let forged = String::from_utf8_lossy(&raw[0])
            .replacen("Subject: ", "Subject: Urgent: ", 1)
            .into_bytes();
        assert_eq!(verify(&public, &[forged]), vec!["fail"], "{algorithm}");
        drop(inbox);
        app.finish().await;
    }
}
