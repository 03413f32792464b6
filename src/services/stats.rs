//! The operators' figures: offers, seats, requests by state, acceptance rate, time to the
//! driver's answer, share expired, and today's emails by state; in total and per event.
use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;

use crate::db::Db;
use crate::domain::{NeedStatus, OfferStatus};
use crate::entities::{event, need, offer, outbox, reservation};

#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct Figures {
    pub offers: u64,
    pub seats_offered: i64,
    pub seats_taken: i64,
    pub requests: u64,
    pub pending: u64,
    pub confirmed: u64,
    pub refused: u64,
    pub expired: u64,
    pub cancelled: u64,
    /// Requests the driver accepted / requests that got an outcome other than the passenger
    /// withdrawing while pending (accepted, refused, refused as full, expired). None if none.
    pub acceptance_rate: Option<f64>,
    /// Median seconds from request to the driver's answer (accept or refuse).
    pub median_answer_secs: Option<i64>,
    /// Expired / all requests.
    pub expired_share: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventFigures {
    pub slug: String,
    pub name: String,
    pub starts_at: DateTime<Utc>,
    #[serde(flatten)]
    pub figures: Figures,
}

/// The waiting list: needs by state, the share that found a seat, the time it took.
#[derive(Debug, Default, Clone, Serialize, PartialEq)]
pub struct NeedFigures {
    pub waiting: u64,
    pub matched: u64,
    pub withdrawn: u64,
    pub lapsed: u64,
    /// Matched / needs that ended (matched, withdrawn, lapsed). None if none ended.
    pub matched_share: Option<f64>,
    /// Median seconds from registering a need to its seat.
    pub median_match_secs: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Stats {
    pub events: u64,
    #[serde(flatten)]
    pub totals: Figures,
    pub needs: NeedFigures,
    /// Emails created since midnight UTC, by state (queued, sending, sent, failed, captured).
    pub emails_today: BTreeMap<String, u64>,
    pub per_event: Vec<EventFigures>,
}

type Row = (
    i64,
    String,
    Option<String>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    i64,
);

/// Did the driver accept this request at some point (even if it was cancelled later)?
fn ever_accepted(status: &str, reason: Option<&str>) -> bool {
    status == "confirmed"
        || (status == "cancelled"
            && matches!(reason, Some("passenger" | "removed" | "offer_cancelled")))
}

fn figures(offers: &[&offer::Model], rows: &[&Row]) -> Figures {
    let open: Vec<&&offer::Model> = offers
        .iter()
        .filter(|o| o.status == OfferStatus::Open)
        .collect();
    let mut f = Figures {
        offers: open.len() as u64,
        seats_offered: open.iter().map(|o| i64::from(o.seats_total)).sum(),
        seats_taken: open.iter().map(|o| i64::from(o.seats_taken)).sum(),
        requests: rows.len() as u64,
        ..Figures::default()
    };
    let mut answer_times = Vec::new();
    let (mut accepted, mut outcomes) = (0u64, 0u64);
    for (_, status, reason, created, decided, _) in rows {
        match status.as_str() {
            "pending" => f.pending += 1,
            "confirmed" => f.confirmed += 1,
            "refused" => f.refused += 1,
            "expired" => f.expired += 1,
            _ => f.cancelled += 1,
        }
        let accepted_now = ever_accepted(status, reason.as_deref());
        let refused_by_driver = status == "refused" && reason.as_deref() == Some("driver");
        if accepted_now {
            accepted += 1;
        }
        if accepted_now || status == "refused" || status == "expired" {
            outcomes += 1;
        }
        if (accepted_now || refused_by_driver)
            && let Some(d) = decided
        {
            answer_times.push((*d - *created).num_seconds());
        }
    }
    f.acceptance_rate = (outcomes > 0).then(|| accepted as f64 / outcomes as f64);
    f.expired_share = (f.requests > 0).then(|| f.expired as f64 / f.requests as f64);
    answer_times.sort_unstable();
    f.median_answer_secs = match answer_times.len() {
        0 => None,
        n if n % 2 == 1 => Some(answer_times[n / 2]),
        n => Some((answer_times[n / 2 - 1] + answer_times[n / 2]) / 2),
    };
    f
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    v.sort_unstable();
    match v.len() {
        0 => None,
        n if n % 2 == 1 => Some(v[n / 2]),
        n => Some((v[n / 2 - 1] + v[n / 2]) / 2),
    }
}

/// A need's state, when it was registered, and when it found a seat.
type NeedRow = (NeedStatus, DateTime<Utc>, Option<DateTime<Utc>>);

fn need_figures(rows: &[NeedRow]) -> NeedFigures {
    let mut f = NeedFigures::default();
    let mut times = Vec::new();
    for (status, created, matched) in rows {
        match status {
            NeedStatus::Waiting => f.waiting += 1,
            NeedStatus::Matched => f.matched += 1,
            NeedStatus::Withdrawn => f.withdrawn += 1,
            // An event cancelled ends its needs unmatched, as a start does.
            NeedStatus::Lapsed | NeedStatus::Cancelled => f.lapsed += 1,
        }
        if *status == NeedStatus::Matched
            && let Some(m) = matched
        {
            times.push((*m - *created).num_seconds());
        }
    }
    let ended = f.matched + f.withdrawn + f.lapsed;
    f.matched_share = (ended > 0).then(|| f.matched as f64 / ended as f64);
    f.median_match_secs = median(times);
    f
}

pub async fn compute(db: &Db, now: DateTime<Utc>) -> super::Result<Stats> {
    let events = event::Entity::find().all(&db.conn).await?;
    let offers = offer::Entity::find().all(&db.conn).await?;
    let rows: Vec<Row> = reservation::Entity::find()
        .select_only()
        .column(reservation::Column::Id)
        .column(reservation::Column::Status)
        .column(reservation::Column::Reason)
        .column(reservation::Column::CreatedAt)
        .column(reservation::Column::DecidedAt)
        .column(reservation::Column::OfferId)
        .into_tuple()
        .all(&db.conn)
        .await?;
    let midnight = now
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .map_or(now - Duration::days(1), |t| t.and_utc());
    let statuses: Vec<String> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Status)
        .filter(outbox::Column::CreatedAt.gte(midnight))
        .into_tuple()
        .all(&db.conn)
        .await?;
    let mut emails_today = BTreeMap::new();
    for s in statuses {
        *emails_today.entry(s).or_insert(0) += 1;
    }
    let all_offers: Vec<&offer::Model> = offers.iter().collect();
    let all_rows: Vec<&Row> = rows.iter().collect();
    let mut per_event: Vec<EventFigures> = events
        .iter()
        .map(|e| {
            let its_offers: Vec<&offer::Model> =
                offers.iter().filter(|o| o.event_id == e.id).collect();
            let ids: Vec<i64> = its_offers.iter().map(|o| o.id).collect();
            let its_rows: Vec<&Row> = rows.iter().filter(|r| ids.contains(&r.5)).collect();
            EventFigures {
                slug: e.slug.clone(),
                name: e.name.clone(),
                starts_at: e.starts_at,
                figures: figures(&its_offers, &its_rows),
            }
        })
        .collect();
    per_event.sort_by_key(|e| std::cmp::Reverse(e.starts_at));
    let needs: Vec<NeedRow> = need::Entity::find()
        .select_only()
        .column(need::Column::Status)
        .column(need::Column::CreatedAt)
        .column(need::Column::MatchedAt)
        .into_tuple()
        .all(&db.conn)
        .await?;
    Ok(Stats {
        events: events.len() as u64,
        totals: figures(&all_offers, &all_rows),
        needs: need_figures(&needs),
        emails_today,
        per_event,
    })
}

/// Rates as percentages and durations as "1 h 05 min", for the table and the admin page.
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".into(), |r| format!("{:.1} %", r * 100.0))
}

pub fn duration(secs: Option<i64>) -> String {
    secs.map_or_else(
        || "—".into(),
        |s| {
            let m = (s.max(0) + 59) / 60;
            if m < 60 {
                format!("{m} min")
            } else {
                format!("{} h {:02} min", m / 60, m % 60)
            }
        },
    )
}

/// The figures as a plain-text table (`covoit stats`).
pub fn table(stats: &Stats) -> String {
    let t = &stats.totals;
    let mut out = String::new();
    let mut row = |k: &str, v: String| out.push_str(&format!("{k:<36} {v}\n"));
    row("events", stats.events.to_string());
    row("open offers", t.offers.to_string());
    row("seats offered", t.seats_offered.to_string());
    row("seats taken", t.seats_taken.to_string());
    row("requests", t.requests.to_string());
    row("pending", t.pending.to_string());
    row("confirmed", t.confirmed.to_string());
    row("refused", t.refused.to_string());
    row("expired", t.expired.to_string());
    row("cancelled", t.cancelled.to_string());
    row("acceptance rate", percent(t.acceptance_rate));
    row(
        "median time to the driver's answer",
        duration(t.median_answer_secs),
    );
    row("share expired", percent(t.expired_share));
    let n = &stats.needs;
    row("needs waiting", n.waiting.to_string());
    row("needs matched", n.matched.to_string());
    row("needs withdrawn", n.withdrawn.to_string());
    row("needs lapsed", n.lapsed.to_string());
    row("matched share", percent(n.matched_share));
    row("median time to a seat", duration(n.median_match_secs));
    for (state, n) in &stats.emails_today {
        row(&format!("emails today: {state}"), n.to_string());
    }
    if !stats.per_event.is_empty() {
        out.push_str(&format!(
            "\n{:<32} {:>6} {:>7} {:>7} {:>8} {:>8} {:>9}\n",
            "event", "offers", "seats", "taken", "requests", "pending", "accepted"
        ));
        for e in &stats.per_event {
            let f = &e.figures;
            out.push_str(&format!(
                "{:<32} {:>6} {:>7} {:>7} {:>8} {:>8} {:>9}\n",
                e.slug.chars().take(32).collect::<String>(),
                f.offers,
                f.seats_offered,
                f.seats_taken,
                f.requests,
                f.pending,
                percent(f.acceptance_rate)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(status: &str, reason: Option<&str>, answer_min: Option<i64>) -> Row {
        let t = Utc::now();
        (
            1,
            status.into(),
            reason.map(Into::into),
            t,
            answer_min.map(|m| t + Duration::minutes(m)),
            1,
        )
    }

    #[test]
    fn acceptance_and_median() {
        let rows = [
            row("confirmed", None, Some(10)),
            row("cancelled", Some("passenger"), Some(30)),
            row("refused", Some("driver"), Some(20)),
            row("refused", Some("full"), Some(5)),
            row("expired", Some("timeout"), Some(1440)),
            row("cancelled", Some("passenger_pending"), None),
            row("pending", None, None),
        ];
        let refs: Vec<&Row> = rows.iter().collect();
        let f = figures(&[], &refs);
        assert_eq!(
            (
                f.requests,
                f.pending,
                f.confirmed,
                f.refused,
                f.expired,
                f.cancelled
            ),
            (7, 1, 1, 2, 1, 2)
        );
        // accepted: confirmed + cancelled after acceptance = 2; outcomes: those + 2 refused + 1 expired = 5
        assert_eq!(f.acceptance_rate, Some(0.4));
        // driver answers: 10, 30, 20 minutes → median 20 min
        assert_eq!(f.median_answer_secs, Some(1200));
        assert_eq!(percent(f.expired_share), "14.3 %");
        assert_eq!(duration(Some(3900)), "1 h 05 min");
    }
}
