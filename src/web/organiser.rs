//! The organiser's page (`event` link): the event, every ride with its seats and pending
//! requests, the totals, the public page and widget snippet, and the CSV (`csv_export`); the
//! organisers' own forms (edit, booking, cancel) are drawn from `organiser_actions`.
use askama::Template;
use chrono::Utc;
use rocket::http::Status;

use super::FormView;
use super::co_organisers::CoView;
use super::messages::{AudienceChoice, MessageView};
use super::organiser_actions::{AdminView, admin_view};
use super::roster::{CarView, WaitingView};

use super::links::expired_page;
use super::{AppError, Ctx, Page};
use crate::db::Db;
use crate::domain::{Direction, Lang, OfferStatus, ReservationStatus};
use crate::i18n::T;
use crate::links::{EventLink, event_end};
use crate::services::places::Places;
use crate::services::read;
use crate::urls::Urls;
use crate::web::map::{MapView, event_map};

pub struct OfferLine {
    pub direction: &'static str,
    pub when: String,
    pub driver: String,
    pub seats_total: i32,
    pub seats_taken: i32,
    pub pending: usize,
    pub cancelled: bool,
}

#[derive(Template)]
#[template(path = "pages/link_event.html")]
struct OrganiserPage {
    ctx: Ctx,
    lt: &'static T,
    event_name: String,
    when: String,
    venue: String,
    url: String,
    snippet: String,
    offers: Vec<OfferLine>,
    total_seats: i32,
    total_taken: i32,
    total_pending: usize,
    csv_url: String,
    admin: AdminView,
    cars: Vec<CarView>,
    waiting: Vec<WaitingView>,
    team: Vec<CoView>,
    team_form: FormView,
    /// This reader asked for the daily digest and the headcount.
    digest: bool,
    audiences: Vec<AudienceChoice>,
    messages: Vec<MessageView>,
    map: Option<MapView>,
}

/// A form of the page sent back with its errors, the values typed kept.
pub enum Retry {
    /// The event's edit form.
    Edit(FormView),
    /// The co-organiser invitation.
    Team(FormView),
}

#[expect(
    clippy::too_many_arguments,
    reason = "the page draws on the database, the places and the link's own state (done, form)"
)]
pub async fn organiser_page(
    urls: &Urls,
    db: &Db,
    (places, tiles): (&Places, Option<&crate::config::TileMap>),
    lang: Lang,
    path: &str,
    (event_id, reader): (i64, EventLink),
    done: Option<&str>,
    form: Option<(Retry, Status)>,
) -> Result<Page, AppError> {
    let now = Utc::now();
    let roster = read::roster(db, event_id).await?;
    let e = &roster.event;
    if now >= event_end(e.starts_at) {
        return expired_page(lang, path);
    }
    let t = T::get(lang);
    let z = e.zone();
    let lines: Vec<OfferLine> = roster
        .rides
        .iter()
        .map(|(o, requests)| OfferLine {
            direction: match o.direction {
                Direction::ToEvent => t.t("to-event"),
                Direction::FromEvent => t.t("from-event"),
            },
            when: t.datetime(o.departs_at, z),
            driver: o.driver_first_name().to_owned(),
            seats_total: o.seats_total,
            seats_taken: o.seats_taken,
            pending: requests
                .iter()
                .filter(|r| r.status == ReservationStatus::Pending && r.expires_at > now)
                .count(),
            cancelled: o.status == OfferStatus::Cancelled,
        })
        .collect();
    let open: Vec<&OfferLine> = lines.iter().filter(|l| !l.cancelled).collect();
    let (edit, team_form, status) = match form {
        Some((Retry::Edit(f), status)) => (Some((f, status)), FormView::empty(t), None),
        Some((Retry::Team(f), status)) => (None, f, Some(status)),
        None => (None, FormView::empty(t), None),
    };
    let (admin, edit_status) = admin_view(lang, path, e, done, edit, now);
    let status = status.unwrap_or(edit_status);
    let digest = crate::services::digest::subscribed(db, event_id, reader).await?;
    let waiting = read::waiting_list(db, event_id).await?;
    let (cars, waiting) = super::roster::views(t, &roster, &waiting, now);
    let team = crate::services::co_organisers::active(db, event_id).await?;
    let team = super::co_organisers::views(&team);
    let log = crate::services::messages::log(db, event_id).await?;
    let messages = super::messages::views(t, e, &log);
    let offers: Vec<_> = roster.rides.iter().map(|(o, _)| o.clone()).collect();
    let map = event_map(places, tiles, t, e, &offers).await;
    let page = OrganiserPage {
        ctx: Ctx::new(lang, path),
        lt: T::get(lang),
        event_name: e.name.clone(),
        when: t.datetime(e.starts_at, z),
        venue: e.venue.clone(),
        url: urls.event(&e.slug),
        snippet: urls.widget_snippet(&e.slug),
        total_seats: open.iter().map(|l| l.seats_total).sum(),
        total_taken: open.iter().map(|l| l.seats_taken).sum(),
        total_pending: open.iter().map(|l| l.pending).sum(),
        csv_url: format!("{path}/csv"),
        offers: lines,
        admin,
        cars,
        waiting,
        team,
        team_form: team_form.named(super::co_organisers::INVITE_FIELDS),
        digest,
        audiences: super::messages::choices(t),
        messages,
        map,
    };
    Page::render(status, &page)
}
