//! Bounces: a delivery report (read from the bounce mailbox, or a refusal at send time) is
//! recorded once; a hard bounce marks the email bounced, keeps its address from being mailed
//! for `bounce_suppress_days`, and tells the other party of each trip the address is in (the
//! driver learns that a passenger's address does not work, with the phone they gave; the
//! passengers learn it of their driver). Soft bounces are only counted. A report is believed
//! only when it names an email covoit sent: by its signed return address, or by the email's
//! unguessable Message-ID.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func, OnConflict};
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};

use super::Result;
use crate::db::Db;
use crate::domain::verp::Verp;
use crate::domain::{BounceKind, EmailStatus, OfferStatus, ReservationStatus};
use crate::entities::{bounce, email_suppression, event, offer, outbox, reservation};
use crate::mail::bounce::Report;
use crate::mail::templates::BouncedRole;
use crate::mail::{Emails, bounced, outbox as queue};

/// What became of one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    /// Recorded now; `told` emails were queued to other parties.
    New { kind: BounceKind, told: usize },
    /// Another instance (or an earlier tick) recorded it already.
    AlreadySeen,
    /// It names no email covoit sent (forged, or about someone else's mail): ignored.
    Unmatched,
}

/// The email a report is about: by its signed return address, else by its Message-ID.
async fn email_of(db: &Db, verp: Option<&Verp>, report: &Report) -> Result<Option<outbox::Model>> {
    let by_tag = verp.and_then(|v| report.returned_to.iter().find_map(|a| v.parse(a)));
    if let Some(id) = by_tag {
        return Ok(outbox::Entity::find_by_id(id).one(&db.conn).await?);
    }
    let Some(mid) = &report.original_message_id else {
        return Ok(None);
    };
    Ok(outbox::Entity::find()
        .filter(outbox::Column::MessageId.eq(format!("<{}>", mid.trim_matches(['<', '>']))))
        .one(&db.conn)
        .await?)
}

/// Records a report read from the bounce mailbox.
pub async fn record(
    db: &Db,
    emails: &Emails,
    verp: Option<&Verp>,
    report: &Report,
    suppress_days: u32,
    now: DateTime<Utc>,
) -> Result<Recorded> {
    let Some(row) = email_of(db, verp, report).await? else {
        return Ok(Recorded::Unmatched);
    };
    let entry = Entry {
        report_key: report.key.clone(),
        kind: report.kind,
        status: report.status.clone(),
        diagnostic: report.diagnostic.clone(),
        source: report.source,
    };
    apply(db, emails, &row, entry, suppress_days, now).await
}

/// Records a refusal at send time (a 5xx answer to the recipient): the same as a report.
pub async fn record_refusal(
    db: &Db,
    emails: &Emails,
    refused: &crate::mail::dispatcher::Refused,
    suppress_days: u32,
    now: DateTime<Utc>,
) -> Result<Recorded> {
    let entry = Entry {
        report_key: format!("smtp:{}", refused.row.id),
        kind: BounceKind::Hard,
        status: refused.status.clone(),
        diagnostic: refused.answer.clone(),
        source: "smtp",
    };
    apply(db, emails, &refused.row, entry, suppress_days, now).await
}

struct Entry {
    report_key: String,
    kind: BounceKind,
    status: String,
    diagnostic: String,
    source: &'static str,
}

fn key_of(row: &outbox::Model) -> String {
    row.recipient_key
        .clone()
        .unwrap_or_else(|| row.recipient_email.to_lowercase())
}

async fn apply(
    db: &Db,
    emails: &Emails,
    row: &outbox::Model,
    entry: Entry,
    suppress_days: u32,
    now: DateTime<Utc>,
) -> Result<Recorded> {
    let email_key = key_of(row);
    let reason = format!("{} {}", entry.status, entry.diagnostic)
        .trim()
        .chars()
        .take(300)
        .collect::<String>();
    let tx = db.conn.begin().await?;
    let inserted = crate::db::portable::insert(
        &tx,
        bounce::Entity::insert(bounce::ActiveModel {
            report_key: Set(entry.report_key.chars().take(190).collect()),
            outbox_id: Set(Some(row.id)),
            email_key: Set(email_key.clone()),
            kind: Set(entry.kind),
            status: Set(entry.status.chars().take(16).collect()),
            diagnostic: Set(entry.diagnostic.chars().take(300).collect()),
            source: Set(entry.source.to_owned()),
            received_at: Set(now),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::column(bounce::Column::ReportKey)
                .do_nothing()
                .to_owned(),
        ),
    )
    .await?
        > 0;
    if !inserted {
        tx.rollback().await?;
        return Ok(Recorded::AlreadySeen);
    }
    if entry.kind == BounceKind::Soft {
        tx.commit().await?;
        return Ok(Recorded::New {
            kind: BounceKind::Soft,
            told: 0,
        });
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(EmailStatus::Bounced))
        .col_expr(outbox::Column::LastError, Expr::value(reason.clone()))
        .col_expr(outbox::Column::UpdatedAt, Expr::value(now))
        .filter(outbox::Column::Id.eq(row.id))
        .filter(outbox::Column::Status.is_in([EmailStatus::Sent, EmailStatus::Failed]))
        .exec(&tx)
        .await?;
    email_suppression::Entity::insert(email_suppression::ActiveModel {
        email_key: Set(email_key.clone()),
        reason: Set(reason),
        bounced_at: Set(now),
        until: Set(now + Duration::days(i64::from(suppress_days))),
        hits: Set(1),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(email_suppression::Column::EmailKey)
            .update_columns([
                email_suppression::Column::Reason,
                email_suppression::Column::BouncedAt,
                email_suppression::Column::Until,
            ])
            .value(
                email_suppression::Column::Hits,
                Expr::col((email_suppression::Entity, email_suppression::Column::Hits)).add(1),
            )
            .to_owned(),
    )
    .exec_without_returning(&tx)
    .await?;
    let batch = tell_others(&tx, emails, &email_key, now).await?;
    let told = batch.len();
    let queued = queue::queue_many(&tx, emails, batch, now).await?;
    tx.commit().await?;
    emails.after_commit(&queued);
    tracing::info!(outbox_id = row.id, told, "hard bounce: address suppressed");
    Ok(Recorded::New {
        kind: BounceKind::Hard,
        told,
    })
}

/// The emails to the other parties of every trip to come that this address is part of.
async fn tell_others(
    tx: &sea_orm::DatabaseTransaction,
    emails: &Emails,
    email_key: &str,
    now: DateTime<Utc>,
) -> Result<Vec<queue::Outgoing>> {
    let active = [ReservationStatus::Pending, ReservationStatus::Confirmed];
    let mut out = Vec::new();
    // As a passenger: each driver of a trip they asked for or sit in.
    let asked = reservation::Entity::find()
        .filter(
            Expr::expr(Func::lower(Expr::col(reservation::Column::PassengerEmail))).eq(email_key),
        )
        .filter(reservation::Column::Status.is_in(active))
        .all(tx)
        .await?;
    for r in asked {
        let Some((e, o)) = trip_to_come(tx, r.offer_id, now).await? else {
            continue;
        };
        out.push(bounced::address_bounced(
            emails,
            &e,
            &o,
            &r,
            BouncedRole::Passenger,
            now,
        )?);
    }
    // As a driver: each passenger of their rides to come.
    let driving = offer::Entity::find()
        .filter(Expr::expr(Func::lower(Expr::col(offer::Column::DriverEmail))).eq(email_key))
        .filter(offer::Column::Status.eq(OfferStatus::Open))
        .filter(offer::Column::DepartsAt.gt(now))
        .all(tx)
        .await?;
    for o in driving {
        let Some(e) = event::Entity::find_by_id(o.event_id).one(tx).await? else {
            continue;
        };
        let riders = reservation::Entity::find()
            .filter(reservation::Column::OfferId.eq(o.id))
            .filter(reservation::Column::Status.is_in(active))
            .all(tx)
            .await?;
        for r in riders {
            out.push(bounced::address_bounced(
                emails,
                &e,
                &o,
                &r,
                BouncedRole::Driver,
                now,
            )?);
        }
    }
    Ok(out)
}

async fn trip_to_come(
    tx: &sea_orm::DatabaseTransaction,
    offer_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<(event::Model, offer::Model)>> {
    let Some(o) = offer::Entity::find_by_id(offer_id).one(tx).await? else {
        return Ok(None);
    };
    if o.status != OfferStatus::Open || o.departs_at <= now {
        return Ok(None);
    }
    Ok(event::Entity::find_by_id(o.event_id)
        .one(tx)
        .await?
        .map(|e| (e, o)))
}

/// What the operator sees: the reports of the last 30 days, the suppressions in force, and
/// how many soft bounces each address had in that time.
pub struct Overview {
    pub recent: Vec<bounce::Model>,
    pub suppressed: Vec<email_suppression::Model>,
    pub soft_last_30_days: u64,
    pub hard_last_30_days: u64,
}

pub async fn overview(db: &Db, now: DateTime<Utc>) -> Result<Overview> {
    let since = now - Duration::days(30);
    let recent = bounce::Entity::find()
        .filter(bounce::Column::ReceivedAt.gt(since))
        .order_by_desc(bounce::Column::ReceivedAt)
        .order_by_desc(bounce::Column::Id)
        .limit(100)
        .all(&db.conn)
        .await?;
    let suppressed = email_suppression::Entity::find()
        .filter(email_suppression::Column::Until.gt(now))
        .order_by_desc(email_suppression::Column::BouncedAt)
        .limit(200)
        .all(&db.conn)
        .await?;
    let count = |kind: BounceKind| {
        bounce::Entity::find()
            .filter(bounce::Column::ReceivedAt.gt(since))
            .filter(bounce::Column::Kind.eq(kind))
            .count(&db.conn)
    };
    Ok(Overview {
        recent,
        suppressed,
        soft_last_30_days: count(BounceKind::Soft).await?,
        hard_last_30_days: count(BounceKind::Hard).await?,
    })
}

/// Lifts the suppression of one address (the operator learnt it works again). `false`: there
/// was none.
pub async fn lift(db: &Db, id: i64) -> Result<bool> {
    let done = email_suppression::Entity::delete_by_id(id)
        .exec(&db.conn)
        .await?;
    Ok(done.rows_affected > 0)
}

/// What one read of the bounce mailbox did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MailboxRead {
    pub hard: u64,
    pub soft: u64,
    /// Read before (by another instance, or a tick whose clean-up failed).
    pub seen_before: u64,
    /// Not a failed delivery, or about no email covoit sent: left in the mailbox, marked seen.
    pub ignored: u64,
}

/// Reads the bounce mailbox once, records each report, and cleans up what was recorded. A
/// report whose recording failed (the database) stays unseen for the next tick.
pub async fn read_mailbox(
    db: &Db,
    emails: &Emails,
    mailer: &crate::mail::Mailer,
    now: DateTime<Utc>,
) -> std::result::Result<MailboxRead, String> {
    let mut read = MailboxRead::default();
    let Some(imap) = &mailer.imap else {
        return Ok(read);
    };
    let mut mailbox = crate::mail::imap::Mailbox::open(imap).await?;
    let messages = mailbox.unseen().await?;
    let (mut recorded, mut ignored) = (Vec::new(), Vec::new());
    let mut failure = None;
    for (uid, raw) in messages {
        let Some(report) = crate::mail::bounce::parse(&raw) else {
            read.ignored += 1;
            ignored.push(uid);
            continue;
        };
        match record(
            db,
            emails,
            mailer.verp.as_ref(),
            &report,
            mailer.suppress_days,
            now,
        )
        .await
        {
            Ok(Recorded::New {
                kind: BounceKind::Hard,
                ..
            }) => {
                read.hard += 1;
                recorded.push(uid);
            }
            Ok(Recorded::New { .. }) => {
                read.soft += 1;
                recorded.push(uid);
            }
            Ok(Recorded::AlreadySeen) => {
                read.seen_before += 1;
                recorded.push(uid);
            }
            Ok(Recorded::Unmatched) => {
                read.ignored += 1;
                ignored.push(uid);
            }
            Err(e) => {
                failure = Some(format!("recording a bounce: {e}"));
                break;
            }
        }
    }
    let settled = mailbox.settle(&recorded, &ignored).await;
    mailbox.close().await;
    settled?;
    match failure {
        Some(e) => Err(e),
        None => Ok(read),
    }
}
