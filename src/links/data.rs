//! The `data` link's record: who it is for (one record of one event and its role, never an
//! address) and how long it lives (until the event's personal data is erased).
use chrono::{DateTime, Utc};

use super::event_end;

/// Who a `data` link is for: the person behind one record of one event (the organiser, a
/// co-organiser, a driver, a passenger, a waiting passenger). The link's id is the record's id
/// times 8 plus the role, so that the token names a record and nothing personal; the page then
/// gathers everything of that record's address in that event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataLink {
    Organiser { event_id: i64 },
    CoOrganiser { id: i64 },
    Driver { offer_id: i64 },
    Passenger { reservation_id: i64 },
    Waiter { need_id: i64 },
}

impl DataLink {
    pub fn of(id: i64) -> Option<DataLink> {
        let record = id.div_euclid(8);
        Some(match id.rem_euclid(8) {
            1 => DataLink::Organiser { event_id: record },
            2 => DataLink::CoOrganiser { id: record },
            3 => DataLink::Driver { offer_id: record },
            4 => DataLink::Passenger {
                reservation_id: record,
            },
            5 => DataLink::Waiter { need_id: record },
            _ => return None,
        })
    }

    /// The id a `data` link carries.
    pub fn id(self) -> i64 {
        let (record, role) = match self {
            DataLink::Organiser { event_id } => (event_id, 1),
            DataLink::CoOrganiser { id } => (id, 2),
            DataLink::Driver { offer_id } => (offer_id, 3),
            DataLink::Passenger { reservation_id } => (reservation_id, 4),
            DataLink::Waiter { need_id } => (need_id, 5),
        };
        record.saturating_mul(8).saturating_add(role)
    }
}

/// When an event's personal data is erased: `retention_days` after it ends (the end of what
/// its organiser's link grants, rides back included). A `data` link lives until then: it
/// grants access to that data, which exists until that day.
pub fn purge_due(starts_at: DateTime<Utc>, retention_days: u32) -> DateTime<Utc> {
    crate::domain::plus(
        event_end(starts_at),
        chrono::Duration::days(i64::from(retention_days)),
    )
}

#[cfg(test)]
mod tests {
    use super::super::{Purpose, sign, verify};
    use super::*;
    use chrono::{Duration, TimeZone};

    const KEY: &[u8] = b"data-key-0123456789-0123456789-abcd";

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 10, 0, 0).unwrap()
    }

    #[test]
    fn data_links_name_one_record_and_its_role() {
        for link in [
            DataLink::Organiser { event_id: 7 },
            DataLink::CoOrganiser { id: 7 },
            DataLink::Driver { offer_id: 7 },
            DataLink::Passenger { reservation_id: 7 },
            DataLink::Waiter { need_id: 7 },
        ] {
            let t = sign(KEY, Purpose::Data, link.id(), now() + Duration::days(1));
            let v = verify(&[KEY.to_vec().into()], Purpose::Data, &t, now()).unwrap();
            assert_eq!(DataLink::of(v.id), Some(link));
        }
        assert_eq!(DataLink::of(8 * 7), None);
        assert_eq!(DataLink::of(8 * 7 + 6), None);
        let start = now();
        assert_eq!(
            purge_due(start, 30),
            start + super::super::AFTER_EVENT + Duration::days(30)
        );
    }
}
