//! email_templates: Outbox dedupe.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

#[test]
fn outbox_dedupe_keys() {
    let k = |kind, record: i64, to: &str, version: i32| dedupe_key(kind, record, to, version);
    let base = k(EmailKind::RequestReceived, 42, "bob@example.com", 0);
    assert_eq!(
        base,
        k(EmailKind::RequestReceived, 42, "Bob@Example.COM", 0)
    );
    assert_eq!(
        base,
        k(EmailKind::RequestReceived, 42, "BOB@EXAMPLE.COM", 0)
    );
    assert_eq!(
        base,
        k(EmailKind::RequestReceived, 42, "bob@example.com", 0)
    );
    assert_ne!(
        base,
        k(EmailKind::RequestReceived, 42, "bob@example.com", 1)
    );
    assert_ne!(base, k(EmailKind::RequestSent, 42, "bob@example.com", 0));
    assert_ne!(
        base,
        k(EmailKind::RequestReceived, 43, "bob@example.com", 0)
    );
    assert_ne!(
        base,
        k(EmailKind::RequestReceived, 42, "alice@example.com", 0)
    );
    // The driver's and the passenger's emails about one request are two rows.
    assert_ne!(
        k(RequestReceived::KIND, 42, "driver@example.com", 0),
        k(RequestSent::KIND, 42, "passenger@example.com", 0)
    );
    assert_ne!(RequestReceived::KIND, RequestSent::KIND);
    assert_ne!(EventCreated::KIND, OfferPublished::KIND);
}
