//! The parser on delivery reports in the shapes real servers send (Postfix, Gmail, Exchange
//! Online, qmail, Exim), and on messages that are not bounces.
use super::*;

const RETURN_PATH: &str = "bounces+b42-0123456789abcdef0123@covoit.example.org";
const RECIPIENT: &str = "zoe.martin@example.net";
const MESSAGE_ID: &str = "request_sent.7.zoe@covoit.example.org";

fn sample(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/data/bounces/{name}.eml",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .replace("{{RETURN_PATH}}", RETURN_PATH)
        .replace("{{RECIPIENT}}", RECIPIENT)
        .replace("{{MESSAGE_ID}}", MESSAGE_ID)
        .replace('\n', "\r\n")
        .into_bytes()
}

fn report(name: &str) -> Report {
    parse(&sample(name)).unwrap_or_else(|| panic!("{name}: not read as a bounce"))
}

#[test]
fn standard_reports_of_unknown_addresses_are_hard() {
    for (name, status) in [
        ("postfix_user_unknown", "5.1.1"),
        ("gmail_no_such_account", "5.1.1"),
        ("exchange_recipient_not_found", "5.1.10"),
    ] {
        let r = report(name);
        assert_eq!(r.source, "dsn", "{name}");
        assert_eq!(r.kind, BounceKind::Hard, "{name}");
        assert_eq!(r.status, status, "{name}");
        assert_eq!(r.recipient.as_deref(), Some(RECIPIENT), "{name}");
        assert!(
            r.returned_to.iter().any(|a| a == RETURN_PATH),
            "{name}: {:?}",
            r.returned_to
        );
        assert_eq!(r.original_message_id.as_deref(), Some(MESSAGE_ID), "{name}");
        assert!(
            r.diagnostic.contains("5.1.1") || r.diagnostic.contains("5.1.10"),
            "{name}: {}",
            r.diagnostic
        );
        assert!(
            r.diagnostic.len() <= 300 && !r.diagnostic.contains('\n'),
            "{name}"
        );
        assert!(r.key.starts_with("mid:"), "{name}: {}", r.key);
    }
}

#[test]
fn non_standard_reports_are_read_from_their_words() {
    for name in ["qmail_no_mailbox", "exim_failed"] {
        let r = report(name);
        assert_eq!(r.source, "text", "{name}");
        assert_eq!(r.kind, BounceKind::Hard, "{name}: {r:?}");
        assert_eq!(r.recipient.as_deref(), Some(RECIPIENT), "{name}");
        assert!(r.returned_to.iter().any(|a| a == RETURN_PATH), "{name}");
        assert_eq!(r.original_message_id.as_deref(), Some(MESSAGE_ID), "{name}");
    }
    assert_eq!(report("qmail_no_mailbox").status, "5.1.1");
    assert_eq!(report("exim_failed").status, "550");
}

#[test]
fn a_full_mailbox_or_a_refused_message_is_soft() {
    let delayed = report("postfix_mailbox_full_delayed");
    assert_eq!(
        (delayed.kind, delayed.status.as_str()),
        (BounceKind::Soft, "4.2.2")
    );
    let policy = report("policy_rejected");
    assert_eq!(
        (policy.kind, policy.status.as_str()),
        (BounceKind::Soft, "5.7.1")
    );
}

#[test]
fn replies_and_success_reports_are_not_bounces() {
    assert_eq!(parse(&sample("out_of_office")), None);
    assert_eq!(parse(&sample("delivered_report")), None);
    assert_eq!(parse(b"Subject: hello\r\n\r\nJust a note.\r\n"), None);
    assert_eq!(parse(b""), None);
}

#[test]
fn status_codes_are_sorted_as_rfc_3463_says() {
    assert_eq!(classify("5.1.1", ""), BounceKind::Hard);
    assert_eq!(classify("5.2.1", ""), BounceKind::Hard);
    assert_eq!(classify("5.4.4", ""), BounceKind::Hard);
    assert_eq!(classify("5.2.2", "mailbox full"), BounceKind::Soft);
    assert_eq!(classify("5.7.1", "spam"), BounceKind::Soft);
    assert_eq!(classify("4.4.1", "no answer"), BounceKind::Soft);
    assert_eq!(classify("5.0.0", "User unknown"), BounceKind::Hard);
    assert_eq!(classify("5.0.0", "message too big"), BounceKind::Soft);
    assert_eq!(classify("550", "No such user here"), BounceKind::Hard);
    assert_eq!(classify("554", "transaction failed"), BounceKind::Soft);
}

#[test]
fn codes_are_found_in_text_and_dates_or_addresses_are_not_taken_for_codes() {
    assert_eq!(
        enhanced_code("550-5.1.1 The email account").as_deref(),
        Some("5.1.1")
    );
    assert_eq!(enhanced_code("(#5.1.1)").as_deref(), Some("5.1.1"));
    assert_eq!(enhanced_code("host [198.51.100.25] at 07:01:11"), None);
    assert_eq!(enhanced_code("250 2.0.0 Ok"), None);
    assert_eq!(smtp_code("said: 550 No such user").as_deref(), Some("550"));
    assert_eq!(smtp_code("host mx.example.be [192.0.2.80]"), None);
}

proptest::proptest! {
    #[test]
    fn any_bytes_parse_without_panicking(raw in proptest::collection::vec(proptest::num::u8::ANY, 0..2000)) {
        let _ = parse(&raw);
    }

    #[test]
    fn any_text_after_a_report_header_parses_without_panicking(body in "\\PC{0,600}") {
        let raw = format!(
            "From: MAILER-DAEMON@x.org\r\nSubject: Undelivered\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n{body}\r\n--b--\r\n"
        );
        let _ = parse(raw.as_bytes());
    }
}
