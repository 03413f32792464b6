//! The organisers' daily emails: each organiser or co-organiser asks for them on their page;
//! at 08:00 in the event's zone a digest of what happened since the previous one, only when
//! something did, once per reader and day even with two instances at once (SQLite and
//! PostgreSQL); the day before, a headcount with each direction's numbers; one-click stop.
use super::{post, queued, smtp_app, story, text};
use crate::common::inbox::{Mail, link, one};
use crate::common::{self, TestApp};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use covoit::domain::{EmailKind, Lang};
use covoit::i18n::T;
use covoit::jobs::{self, Step};
use rocket::http::{ContentType, Status};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

on_both_backends!(a_digest_a_day_while_there_is_activity_and_a_headcount_the_day_before);

const CORA: &str = "cora@club.example";

/// 08:01 in Paris on `day`.
fn morning(day: NaiveDate) -> DateTime<Utc> {
    Paris
        .from_local_datetime(&day.and_hms_opt(8, 1, 0).unwrap())
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
}

/// The next 08:01 in Paris after `now`.
fn next_morning(now: DateTime<Utc>) -> DateTime<Utc> {
    let today = now.with_timezone(&Paris).date_naive();
    let at = morning(today);
    if at > now {
        at
    } else {
        morning(today.succ_opt().unwrap())
    }
}

/// Two instances running the step at the same moment.
async fn two_ticks(app: &TestApp, at: DateTime<Utc>) {
    let (emails, mailer) = (app.emails(), app.mailer());
    let (a, b) = tokio::join!(
        jobs::run(&app.db, &emails, &mailer, "a", Step::Digests, at),
        jobs::run(&app.db, &emails, &mailer, "b", Step::Digests, at),
    );
    assert!(a.errors.is_empty() && b.errors.is_empty(), "{a:?} {b:?}");
}

fn of_kind<'m>(mails: &'m [Mail], subject_start: &str) -> Vec<&'m Mail> {
    mails
        .iter()
        .filter(|m| m.subject.starts_with(subject_start))
        .collect()
}

async fn a_digest_a_day_while_there_is_activity_and_a_headcount_the_day_before(base: &TestApp) {
    let (app, server) = smtp_app(base.backend).await;
    let s = story(&app, server).await;
    let fr = T::get(Lang::Fr);

    // The organiser asks for it (a GET shows the box, unticked); so does a co-organiser.
    let (_, page) = app.get(&s.organiser).await;
    assert!(text(&page).contains(fr.t("org-digest-label")), "{page}");
    assert!(
        !page.contains("name=\"digest\" value=\"on\" aria-describedby=\"h-digest-hint\" checked")
    );
    let (status, _, location) = post(
        &app,
        &format!("{}/digest", s.organiser),
        &[("digest", "on".into())],
    )
    .await;
    assert_eq!(status, Status::SeeOther);
    assert!(location.unwrap().ends_with("?done=digest-on"));
    let (_, page) = app.get(&format!("{}?done=digest-on", s.organiser)).await;
    assert!(text(&page).contains(fr.t("org-digest-on-done")));
    assert!(
        page.contains("aria-describedby=\"h-digest-hint\" checked"),
        "ticked now"
    );
    post(
        &app,
        &format!("{}/co-organisers", s.organiser),
        &[
            ("co_name", "Cora Coorganisatrice".into()),
            ("co_email", CORA.into()),
        ],
    )
    .await;
    let cora = link(&one(&s.inbox.deliver().await, CORA).text, "event");
    post(&app, &format!("{cora}/digest"), &[("digest", "on".into())]).await;
    // Asking for it sends nothing by itself.
    assert!(s.inbox.deliver().await.is_empty());

    // The next morning: the story's activity (two rides, two requests, one accepted, one
    // person waiting), told once to each reader although two instances run the step at once.
    let first = next_morning(Utc::now());
    two_ticks(&app, first).await;
    assert_eq!(queued(&app, EmailKind::OrganiserDigest).await, 2);
    two_ticks(&app, first + Duration::hours(3)).await;
    assert_eq!(
        queued(&app, EmailKind::OrganiserDigest).await,
        2,
        "once a day"
    );
    let mails = s.inbox.deliver_at(first).await;
    assert_eq!(
        mails.len(),
        2,
        "{:?}",
        mails.iter().map(|m| &m.to).collect::<Vec<_>>()
    );
    let odile = one(&mails, common::ORGANIZER_EMAIL);
    assert!(
        odile
            .subject
            .starts_with("Le point du jour — Tournoi de printemps"),
        "{}",
        odile.subject
    );
    for (key, count) in [
        ("digest-new-rides", 2),
        ("digest-new-requests", 2),
        ("digest-accepted", 1),
        ("digest-new-waiting", 1),
        ("digest-waiting", 1),
    ] {
        let line = fr.label_value(key, count);
        assert!(odile.text.contains(&line), "{line} in {}", odile.text);
    }
    assert!(
        !odile.text.contains(fr.t("digest-rides-cancelled")),
        "nothing cancelled"
    );
    assert!(
        odile.text.contains("https://covoit.test/link/event/"),
        "her page"
    );
    let cora_mail = one(&mails, CORA);
    assert!(
        cora_mail
            .text
            .contains(&fr.label_value("digest-new-rides", 2))
    );

    // A quiet day: no digest.
    let second = morning(first.with_timezone(&Paris).date_naive().succ_opt().unwrap());
    two_ticks(&app, second).await;
    assert_eq!(
        queued(&app, EmailKind::OrganiserDigest).await,
        2,
        "no news, no email"
    );

    // The organiser stops it with one click from her email (RFC 8058); Cora still gets hers.
    let header = odile.list_unsubscribe.as_deref().expect("List-Unsubscribe");
    assert_eq!(
        odile.list_unsubscribe_post.as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let url = header.trim_start_matches('<').trim_end_matches('>');
    let path = url
        .trim_start_matches("https://covoit.test")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let status = app
        .client
        .post(path)
        .header(ContentType::Form)
        .body("List-Unsubscribe=One-Click")
        .dispatch()
        .await
        .status();
    assert_eq!(status, Status::Ok);
    let (_, page) = app.get(&s.organiser).await;
    assert!(
        !page.contains("aria-describedby=\"h-digest-hint\" checked"),
        "unticked again"
    );

    // The day before the event: the digest of a cancellation, and the headcount.
    let eve = covoit::services::events::by_slug(&app.db, &s.slug)
        .await
        .unwrap()
        .starts_at
        .with_timezone(&Paris)
        .date_naive()
        .pred_opt()
        .unwrap();
    // Anne gives up her seat in the night before.
    let anne = covoit::entities::reservation::Entity::find()
        .filter(covoit::entities::reservation::Column::PassengerEmail.eq(super::ANNE))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    let night = morning(eve) - Duration::hours(5);
    covoit::services::decisions::cancel_by_passenger(&app.db, &app.emails(), anne.id, night)
        .await
        .unwrap();
    s.inbox.deliver_at(morning(eve)).await;
    two_ticks(&app, morning(eve)).await;
    assert_eq!(queued(&app, EmailKind::Headcount).await, 1, "Cora only");
    assert_eq!(
        queued(&app, EmailKind::OrganiserDigest).await,
        3,
        "Cora only"
    );
    let mails = s.inbox.deliver_at(morning(eve)).await;
    assert!(
        mails.iter().all(|m| m.to == CORA),
        "the organiser stopped them"
    );
    let digest = of_kind(&mails, "Le point du jour");
    assert_eq!(digest.len(), 1);
    assert!(
        digest[0]
            .text
            .contains(&fr.label_value("digest-requests-cancelled", 1)),
        "{}",
        digest[0].text
    );
    let headcount = of_kind(&mails, "Les effectifs pour demain");
    assert_eq!(headcount.len(), 1);
    let h = &headcount[0].text;
    let there = h.find(fr.t("headcount-there")).expect("rides there");
    let back = h.find(fr.t("headcount-back")).expect("rides back");
    let (to, from) = (&h[there..back], &h[back..]);
    for (part, drivers, seats, passengers, waiting) in [(to, 1, 3, 0, 1), (from, 1, 3, 0, 0)] {
        for (key, n) in [
            ("headcount-drivers", drivers),
            ("headcount-seats", seats),
            ("headcount-passengers", passengers),
            ("headcount-waiting", waiting),
        ] {
            let line = fr.label_value(key, n);
            assert!(part.contains(&line), "{line} in {part}");
        }
    }
    // Ticking the box again takes the one-click stop back.
    post(
        &app,
        &format!("{}/digest", s.organiser),
        &[("digest", "on".into())],
    )
    .await;
    let (_, page) = app.get(&s.organiser).await;
    assert!(page.contains("aria-describedby=\"h-digest-hint\" checked"));
    app.finish().await;
}
