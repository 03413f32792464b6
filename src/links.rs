//! Signed magic links: `{base_url}/link/{purpose}/{token}`. The token is
//! base64url(payload) "." base64url(HMAC-SHA256(key, domain separator ‖ payload)); the payload
//! holds a version, the purpose, the record id and the expiry time, and nothing personal.
//! The first key signs; every key verifies, so keys rotate without breaking links sent.
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use hmac::{KeyInit, Mac};
use secrecy::ExposeSecret;
use sha2::Sha256;

type HmacSha256 = hmac::Hmac<Sha256>;

const DOMAIN: &[u8] = b"covoit/magic-link/v1\0";
const VERSION: u8 = 1;
const PAYLOAD_LEN: usize = 1 + 1 + 8 + 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// The driver accepts one reservation.
    Accept,
    /// The driver refuses one reservation.
    Refuse,
    /// The passenger's status page for one reservation (with cancel).
    Booking,
    /// The driver's management page for one offer.
    Manage,
    /// The organiser's page for one event.
    Event,
    /// A waiting passenger takes seats freed on a ride (one alert).
    Claim,
    /// A waiting passenger accepts a driver's invitation.
    Join,
    /// A waiting passenger's own need: see, edit, withdraw.
    Need,
    /// The answer to "still going?" (one check).
    Still,
    /// Stops one family of emails for one trip or event (one-click, RFC 8058).
    Unsubscribe,
}

impl Purpose {
    pub const ALL: [Purpose; 10] = [
        Purpose::Accept,
        Purpose::Refuse,
        Purpose::Booking,
        Purpose::Manage,
        Purpose::Event,
        Purpose::Claim,
        Purpose::Join,
        Purpose::Need,
        Purpose::Still,
        Purpose::Unsubscribe,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Accept => "accept",
            Purpose::Refuse => "refuse",
            Purpose::Booking => "booking",
            Purpose::Manage => "manage",
            Purpose::Event => "event",
            Purpose::Claim => "claim",
            Purpose::Join => "join",
            Purpose::Need => "need",
            Purpose::Still => "still",
            Purpose::Unsubscribe => "unsubscribe",
        }
    }

    pub fn parse(s: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.as_str() == s)
    }

    fn code(self) -> u8 {
        match self {
            Purpose::Accept => 1,
            Purpose::Refuse => 2,
            Purpose::Booking => 3,
            Purpose::Manage => 4,
            Purpose::Event => 5,
            Purpose::Claim => 6,
            Purpose::Join => 7,
            Purpose::Need => 8,
            Purpose::Still => 9,
            Purpose::Unsubscribe => 10,
        }
    }
}

/// What an `event` link's id names: the event itself (the link emailed to its creator, a
/// positive id), or one co-organiser (the negated id of their row), so that each
/// co-organiser's link can be revoked alone while the same pages serve everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventLink {
    Organiser { event_id: i64 },
    CoOrganiser { id: i64 },
}

impl EventLink {
    pub fn of(id: i64) -> EventLink {
        if id < 0 {
            EventLink::CoOrganiser {
                id: id.saturating_neg(),
            }
        } else {
            EventLink::Organiser { event_id: id }
        }
    }

    /// The id an `event` link carries.
    pub fn id(self) -> i64 {
        match self {
            EventLink::Organiser { event_id } => event_id,
            EventLink::CoOrganiser { id } => -id,
        }
    }
}

/// A genuine, unexpired link: the record it is for and when it stops working.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    pub id: i64,
    pub expires: DateTime<Utc>,
}

/// How long a ride's links (the driver's page, the passenger's page) keep working after its
/// departure: time to look up a phone number on the day, not to manage a trip long gone.
pub const AFTER_TRIP: chrono::Duration = chrono::Duration::days(2);
/// How long an organiser's link keeps working after the event starts: rides back may leave up
/// to 14 days after the start.
pub const AFTER_EVENT: chrono::Duration = chrono::Duration::days(15);

/// When what a ride's links grant ends.
pub fn trip_end(departs_at: DateTime<Utc>) -> DateTime<Utc> {
    crate::domain::plus(departs_at, AFTER_TRIP)
}

/// When what an organiser's link grants ends.
pub fn event_end(starts_at: DateTime<Utc>) -> DateTime<Utc> {
    crate::domain::plus(starts_at, AFTER_EVENT)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkError {
    /// Malformed, tampered with, signed with an unknown key, or made for another purpose.
    Invalid,
    /// Genuine, but past its expiry: the record is known, so a fresh link can be sent.
    Expired { id: i64 },
}

/// HMAC takes keys of any length, so this never fails in practice; if it did, signing would
/// give an invalid token and verifying would refuse, never panic.
fn mac(key: &[u8], payload: &[u8]) -> Option<HmacSha256> {
    let mut mac = <HmacSha256 as KeyInit>::new_from_slice(key).ok()?;
    mac.update(DOMAIN);
    mac.update(payload);
    Some(mac)
}

/// Signs a token with `key` (the first configured key).
pub fn sign(key: &[u8], purpose: Purpose, id: i64, expires: DateTime<Utc>) -> String {
    let mut payload = Vec::with_capacity(PAYLOAD_LEN);
    payload.push(VERSION);
    payload.push(purpose.code());
    payload.extend_from_slice(&id.to_be_bytes());
    payload.extend_from_slice(&expires.timestamp().to_be_bytes());
    let tag = mac(key, &payload)
        .map(|m| m.finalize().into_bytes().to_vec())
        .unwrap_or_default();
    format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(&payload),
        URL_SAFE_NO_PAD.encode(tag)
    )
}

/// Checks the signature against every key (in constant time each), then the purpose, then the
/// expiry. Returns the record id and the link's expiry.
pub fn verify(
    keys: &[crate::domain::SigningKey],
    purpose: Purpose,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Verified, LinkError> {
    if token.len() > 200 {
        return Err(LinkError::Invalid);
    }
    let (payload_b64, tag_b64) = token.split_once('.').ok_or(LinkError::Invalid)?;
    let payload = URL_SAFE_NO_PAD
        .decode(payload_b64)
        .map_err(|_| LinkError::Invalid)?;
    let tag = URL_SAFE_NO_PAD
        .decode(tag_b64)
        .map_err(|_| LinkError::Invalid)?;
    if payload.len() != PAYLOAD_LEN {
        return Err(LinkError::Invalid);
    }
    // Base64 has several spellings of the same bytes in its last character: only the
    // canonical one is accepted, so that a changed character always means a changed token.
    if URL_SAFE_NO_PAD.encode(&payload) != payload_b64 || URL_SAFE_NO_PAD.encode(&tag) != tag_b64 {
        return Err(LinkError::Invalid);
    }
    let genuine = keys.iter().any(|key| {
        mac(key.expose_secret(), &payload).is_some_and(|m| m.verify_slice(&tag).is_ok())
    });
    if !genuine || payload[0] != VERSION || payload[1] != purpose.code() {
        return Err(LinkError::Invalid);
    }
    let id = i64::from_be_bytes(payload[2..10].try_into().map_err(|_| LinkError::Invalid)?);
    let expires = i64::from_be_bytes(payload[10..18].try_into().map_err(|_| LinkError::Invalid)?);
    if now.timestamp() >= expires {
        return Err(LinkError::Expired { id });
    }
    let expires = DateTime::from_timestamp(expires, 0).ok_or(LinkError::Invalid)?;
    Ok(Verified { id, expires })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap()
    }

    const KEY: &[u8] = b"first-key-0123456789-0123456789-abc";
    const OLD: &[u8] = b"older-key-0123456789-0123456789-xyz";

    #[test]
    fn round_trip_purpose_and_expiry() {
        let t = sign(KEY, Purpose::Accept, 42, now() + Duration::days(7));
        assert_eq!(
            verify(&[KEY.to_vec().into()], Purpose::Accept, &t, now()).map(|v| v.id),
            Ok(42)
        );
        assert_eq!(
            verify(&[KEY.to_vec().into()], Purpose::Refuse, &t, now()),
            Err(LinkError::Invalid)
        );
        assert_eq!(
            verify(
                &[KEY.to_vec().into()],
                Purpose::Accept,
                &t,
                now() + Duration::days(7)
            ),
            Err(LinkError::Expired { id: 42 })
        );
    }

    #[test]
    fn event_links_name_the_event_or_one_co_organiser() {
        for link in [
            EventLink::Organiser { event_id: 7 },
            EventLink::CoOrganiser { id: 7 },
        ] {
            let t = sign(KEY, Purpose::Event, link.id(), now() + Duration::days(1));
            let v = verify(&[KEY.to_vec().into()], Purpose::Event, &t, now()).unwrap();
            assert_eq!(EventLink::of(v.id), link);
        }
        assert_ne!(
            EventLink::Organiser { event_id: 7 }.id(),
            EventLink::CoOrganiser { id: 7 }.id()
        );
    }

    #[test]
    fn rotation_keeps_old_links_and_refuses_unknown_keys() {
        let old = sign(OLD, Purpose::Manage, 7, now() + Duration::days(1));
        assert_eq!(
            verify(
                &[KEY.to_vec().into(), OLD.to_vec().into()],
                Purpose::Manage,
                &old,
                now()
            )
            .map(|v| v.id),
            Ok(7)
        );
        assert_eq!(
            verify(&[KEY.to_vec().into()], Purpose::Manage, &old, now()),
            Err(LinkError::Invalid)
        );
    }

    #[test]
    fn tokens_carry_nothing_personal_and_are_url_safe() {
        let t = sign(KEY, Purpose::Booking, 123, now());
        assert!(
            t.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
            "{t}"
        );
        assert!(t.len() < 80);
        for junk in ["", ".", "abc", "a.b.c", &"A".repeat(500)] {
            assert_eq!(
                verify(&[KEY.to_vec().into()], Purpose::Booking, junk, now()),
                Err(LinkError::Invalid)
            );
        }
    }

    proptest! {
        #[test]
        fn sign_verify_round_trips(id in any::<i64>(), p in 0usize..5, secs in 1i64..10_000_000) {
            let purpose = Purpose::ALL[p];
            let t = sign(KEY, purpose, id, now() + Duration::seconds(secs));
            prop_assert_eq!(verify(&[KEY.to_vec().into()], purpose, &t, now()).map(|v| v.id), Ok(id));
        }

        #[test]
        fn any_changed_character_is_refused(id in any::<i64>(), pos in any::<prop::sample::Index>(), c in prop::char::range('-', 'z')) {
            let t = sign(KEY, Purpose::Accept, id, now() + Duration::days(1));
            let i = pos.index(t.len());
            let mut bytes = t.clone().into_bytes();
            prop_assume!(bytes[i] != c as u8);
            bytes[i] = c as u8;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert_eq!(verify(&[KEY.to_vec().into()], Purpose::Accept, &changed, now()), Err(LinkError::Invalid));
        }

        #[test]
        fn any_flipped_payload_bit_is_refused(id in any::<i64>(), byte in 0usize..PAYLOAD_LEN, bit in 0u8..8) {
            let t = sign(KEY, Purpose::Refuse, id, now() + Duration::days(1));
            let (p, tag) = t.split_once('.').unwrap();
            let mut payload = URL_SAFE_NO_PAD.decode(p).unwrap();
            payload[byte] ^= 1 << bit;
            let forged = format!("{}.{}", URL_SAFE_NO_PAD.encode(&payload), tag);
            prop_assert_eq!(verify(&[KEY.to_vec().into()], Purpose::Refuse, &forged, now()), Err(LinkError::Invalid));
        }
    }
}
