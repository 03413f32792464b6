//! What a receiving server thinks of covoit's email: every kind of email, in every language,
//! built into the message the dispatcher sends (headers, parts, calendar, DKIM signature), with
//! the `Received` header a receiving server writes (naming the host covoit greets it with),
//! then parsed by Python's email package (no MIME or header defect) and scored by SpamAssassin
//! (at most 0.5). The address in that header is a routable one: a documentation range (TEST-NET)
//! is scored as illegal by SpamAssassin, as a receiver would score a forged header.
use std::process::Command;

use covoit::domain::Lang;
use covoit::mail::message::{Parts, build_parts};
use covoit::mail::transport::helo_name;

use crate::common::base_figment;
use crate::email_templates::kinds::all_emails;

const BASE_URL: &str = "https://covoit.example.org";

/// One line per file from a checker: (file, score or count, details).
fn run(program: &str, script: &str, files: &[String]) -> Vec<(String, f64, String)> {
    let out = Command::new(program)
        .arg(script)
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("{program} ({e}): ./scripts/test.sh installs it"));
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let mut f = l.splitn(3, '\t');
            let file = f.next().unwrap_or("").to_owned();
            let value = f.next().unwrap_or("").parse().unwrap_or(f64::NAN);
            (file, value, f.next().unwrap_or("").to_owned())
        })
        .collect()
}

#[test]
fn every_email_is_clean_and_scores_as_ham() {
    let dir = tempfile::tempdir().unwrap();
    let (key, _) = crate::dkim::keypair(dir.path(), "rsa");
    let figment = base_figment("sqlite::memory:")
        .merge(("base_url", BASE_URL))
        .merge(("mail_from", "covoit <noreply@covoit.example.org>"))
        .merge(("smtp_host", "smtp.example.org"))
        .merge(("mail_mode", "smtp"))
        .merge(("dkim_key_file", key))
        .merge(("dkim_selector", "covoit2026"));
    let config = covoit::Config::from_figment(&figment, false).expect("config");
    let dkim = covoit::mail::dkim_config(config.dkim.as_ref().unwrap()).unwrap();
    let from: lettre::message::Mailbox = config.mail_from.parse().unwrap();
    // The name covoit's transport greets the receiving server with.
    let helo = helo_name(config.smtp.as_ref().unwrap(), &config.base_url).to_string();
    assert_eq!(helo, "covoit.example.org");

    let mut files = Vec::new();
    for lang in Lang::ALL {
        for (i, o) in all_emails(lang).into_iter().enumerate() {
            let message_id = format!("<{}.{i}.{:?}@covoit.example.org>", o.kind, lang);
            let mut message = build_parts(
                Parts {
                    to_name: &o.to.name,
                    to_email: &o.to.email,
                    reply_to: o
                        .reply_to
                        .as_ref()
                        .map(|p| (p.name.as_str(), p.email.as_str())),
                    locale: lang.code(),
                    subject: &o.subject,
                    text: o.text.clone(),
                    html: o.html.clone(),
                    attachments: o.attachments.clone(),
                    message_id,
                    list_unsubscribe: o.unsubscribe.as_ref().map(|u| u.url.as_str()),
                },
                &from,
            )
            .unwrap();
            message.sign(&dkim);
            let received = format!(
                "Received: from {helo} ({helo} [51.158.0.10])\r\n\tby mx.example.net (Postfix) \
                 with ESMTPS id 4QxYz0{i:04}\r\n\tfor <{}>; {}\r\n",
                o.to.email,
                chrono::Utc::now().to_rfc2822()
            );
            let mut raw = received.into_bytes();
            raw.extend(message.formatted());
            let path = dir.path().join(format!("{}-{:?}-{i}.eml", o.kind, lang));
            std::fs::write(&path, raw).unwrap();
            files.push(path.display().to_string());
        }
    }
    assert!(files.len() >= 6 * 28, "{} emails", files.len());

    let tools = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools");
    let mime = run("python3", &format!("{tools}/mime_check.py"), &files);
    assert_eq!(mime.len(), files.len());
    let defective: Vec<_> = mime.iter().filter(|(_, n, _)| *n != 0.0).collect();
    assert!(defective.is_empty(), "MIME defects: {defective:?}");

    let spam = run("perl", &format!("{tools}/spam_check.pl"), &files);
    assert_eq!(spam.len(), files.len());
    let worst = spam
        .iter()
        .map(|(_, s, _)| *s)
        .fold(f64::NEG_INFINITY, f64::max);
    let high: Vec<_> = spam.iter().filter(|(_, s, _)| *s > 0.5).collect();
    assert!(high.is_empty(), "scored above 0.5: {high:?}");
    eprintln!(
        "{} emails: 0 MIME defects, SpamAssassin at most {worst:.1}",
        files.len()
    );
}
