//! The home page, creating an event, and the event page (on the site or in the widget).
use askama::Template;
use chrono::Utc;
use rocket::http::Status;
use rocket::response::Redirect;
use rocket::{Either, State, get, post};

use super::near::{Nearness, distance_text};
use super::rendered::{Key, RenderedPages};
use super::{EventView, OfferRow, caught_by_honeypot, raw_event, unemailed};
use crate::config::Config;
use crate::db::Db;
use crate::domain::{Direction, Lang, Slug, zone_names};
use crate::entities::offer;
use crate::i18n::T;
use crate::links::{Purpose, event_end};
use crate::services::events::{self, EventCache};
use crate::services::input;
use crate::services::places::Places;
use crate::services::places::near::sort_by_distance;
use crate::urls::{Urls, paths};
use crate::web::body::FormFields;
use crate::web::lang::ReqLang;
use crate::web::map::{MapView, event_map};
use crate::web::ratelimit::{ClientIp, RateLimiter, admit, record};
use crate::web::{AppError, Ctx, FormView, Page, Shell};

#[derive(Template)]
#[template(path = "pages/home.html")]
struct HomePage {
    ctx: Ctx,
}

#[get("/")]
pub fn home(lang: ReqLang) -> Result<Page, AppError> {
    Page::render(
        Status::Ok,
        &HomePage {
            ctx: Ctx::new(lang.0, "/"),
        },
    )
}

#[derive(Template)]
#[template(path = "pages/event_new.html")]
struct NewEventPage {
    ctx: Ctx,
    form: FormView,
    /// The zones to pick from (a searchable list).
    zones: &'static [&'static str],
    /// The zone field holds the server's default, not a choice: the browser may put its own.
    guess_zone: bool,
}

impl NewEventPage {
    fn new(lang: Lang, form: FormView, guess_zone: bool) -> NewEventPage {
        NewEventPage {
            ctx: Ctx::new(lang, "/events/new"),
            form: form.named(super::EVENT_FIELDS),
            zones: zone_names(),
            guess_zone,
        }
    }
}

#[get("/events/new")]
pub fn new_event(lang: ReqLang, config: &State<Config>) -> Result<Page, AppError> {
    let t = T::get(lang.0);
    let mut form = FormView::empty(t);
    form.set("timezone", config.default_timezone.name().to_owned());
    form.set("locale", lang.0.code().to_owned());
    Page::render(Status::Ok, &NewEventPage::new(lang.0, form, true))
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[post("/events", data = "<fields>")]
pub async fn create_event(
    lang: ReqLang,
    config: &State<Config>,
    db: &State<Db>,
    emails: &State<crate::mail::Emails>,
    places: &State<crate::services::places::Places>,
    urls: &State<Urls>,
    limiter: &State<RateLimiter>,
    ip: ClientIp,
    fields: Result<FormFields, AppError>,
) -> Result<Either<Redirect, Page>, AppError> {
    let fields = fields?;
    let trapped = caught_by_honeypot(&fields);
    admit(limiter, &ip, &fields.get("organizer_email"))?;
    let now = Utc::now();
    let created_page = |slug: &str| format!("{}?created=1", paths::event(slug));
    let raw = raw_event(&fields);
    // Without a zone, the venue's (when places know it), else the server's.
    // The venue is looked up once, for its zone and its point.
    let venue = places.resolve(&raw.venue, lang.0).await;
    let zone = venue
        .as_ref()
        .and_then(|v| v.zone())
        .unwrap_or(config.default_timezone);
    match input::validate_event(&raw, fields.encoding_errors(), zone, lang.0, now) {
        Ok(new) if trapped => Ok(Either::Left(Redirect::to(created_page(
            Slug::generate(&new.name).as_str(),
        )))),
        Ok(new) => {
            let created = events::create_at(db, emails, venue.as_ref(), new, now).await?;
            record(limiter, &ip, &fields.get("organizer_email"));
            let last = created.others.last().map(|o| o.starts_at);
            let event = created.event;
            if !created.acknowledged {
                let until = event_end(last.unwrap_or(event.starts_at));
                let link = urls.link_path(Purpose::Event, event.id, now, until);
                return unemailed(lang.0, &paths::event(&event.slug), link).map(Either::Right);
            }
            Ok(Either::Left(Redirect::to(created_page(&event.slug))))
        }
        Err(errors) => {
            let form = FormView::with_values(T::get(lang.0), fields.values, &errors);
            let page = NewEventPage::new(lang.0, form, false);
            Ok(Either::Right(Page::render(
                Status::UnprocessableEntity,
                &page,
            )?))
        }
    }
}

#[derive(Template)]
#[template(path = "pages/event.html")]
struct EventPage {
    ctx: Ctx,
    event: EventView,
    when: String,
    url: String,
    snippet: String,
    created: bool,
    sections: Vec<Section>,
    near: Nearness,
    map: Option<MapView>,
    /// Every date of the series this event is one of (empty for a single date).
    dates: Vec<DateLink>,
    share: ShareMeta,
}

/// One date of a series, linked from each of its pages.
pub struct DateLink {
    pub when: String,
    pub url: String,
    pub current: bool,
    /// "cancelled", "booking closed", or "".
    pub state: &'static str,
}

/// What the page tells link previews (OpenGraph, Twitter cards): the event only, never a
/// person.
pub struct ShareMeta {
    pub description: String,
    /// `fr_FR`, `en_GB`…
    pub locale: &'static str,
    pub qr_svg: String,
}

pub struct Section {
    pub title: &'static str,
    pub direction: &'static str,
    pub rows: Vec<OfferRow>,
    /// Seats left, requests awaiting an answer, people waiting (in words).
    pub counts: [String; 3],
}

#[expect(
    clippy::too_many_arguments,
    reason = "a Rocket handler takes one argument per guard"
)]
#[get("/e/<slug>?<created>&<near>&<radius_km>")]
pub async fn event_page(
    shell: Shell,
    urls: &State<Urls>,
    db: &State<Db>,
    cache: &State<EventCache>,
    drawn: &State<RenderedPages>,
    config: &State<Config>,
    places: &State<Places>,
    slug: &str,
    created: Option<&str>,
    near: Option<&str>,
    radius_km: Option<&str>,
) -> Result<Page, AppError> {
    event_view(
        &shell,
        urls,
        db,
        (cache, drawn),
        (places, config.tile_map.as_ref()),
        slug,
        created.is_some(),
        Some((near, radius_km)),
    )
    .await
}

/// The event page, on the site or in the widget.
#[expect(
    clippy::too_many_arguments,
    reason = "the page's context, the event, and what the reader asked"
)]
pub async fn event_view(
    shell: &Shell,
    urls: &Urls,
    db: &Db,
    (cache, drawn): (&EventCache, &RenderedPages),
    places: (&Places, Option<&crate::config::TileMap>),
    slug: &str,
    created: bool,
    near: Option<(Option<&str>, Option<&str>)>,
) -> Result<Page, AppError> {
    let data = events::with_offers_cached(db, cache, slug).await?;
    let asked_near = near.is_some_and(|(n, r)| {
        n.is_some_and(|n| !n.trim().is_empty()) || r.is_some_and(|r| !r.trim().is_empty())
    });
    // The public page as every reader of this language and look gets it: drawn once per copy
    // of its data (see `rendered`). With the page cache off no two views share a copy: each
    // draws its own, side by side (waiting for a turn would draw them one at a time).
    if !cache.enabled() || created || asked_near || data.0.series_id.is_some() {
        return draw(shell, urls, db, places, &data, created, near).await;
    }
    let key = Key::new(slug, &shell.for_event(&data.0.locale));
    if let Some(html) = drawn.get(&key, &data) {
        return Ok(Page(Status::Ok, html));
    }
    let Some(turn) = drawn.turn(&key) else {
        return draw(shell, urls, db, places, &data, created, near).await;
    };
    let _turn = turn.lock().await;
    if let Some(html) = drawn.get(&key, &data) {
        return Ok(Page(Status::Ok, html));
    }
    let at = std::time::Instant::now();
    let page = draw(shell, urls, db, places, &data, created, near).await?;
    if page.0 == Status::Ok {
        drawn.put(&key, data.clone(), at, page.1.clone());
    }
    Ok(page)
}

/// Draws the event page from its data.
async fn draw(
    shell: &Shell,
    urls: &Urls,
    db: &Db,
    (places, tiles): (&Places, Option<&crate::config::TileMap>),
    data: &events::EventData,
    created: bool,
    near: Option<(Option<&str>, Option<&str>)>,
) -> Result<Page, AppError> {
    let (event, offers) = (&data.0, &data.1);
    let shell = &shell.for_event(&event.locale);
    let t = T::get(shell.lang);
    let now = Utc::now();
    let z = event.zone();
    let (waiting, pending, by_offer) = (&data.2, &data.3, &data.4);
    // Read in the page's language, which may be the event's.
    let near = match near {
        Some((near, radius_km)) => Nearness::ask(places, t, shell.lang, near, radius_km).await,
        None => Nearness::none(t),
    };
    // The widget stays compact: the map is for the site's page.
    let map = match shell.embed {
        true => None,
        false => event_map(places, tiles, t, event, offers).await,
    };
    let section = |d: Direction, title| {
        let open = |o: &&crate::entities::offer::Model| {
            o.direction == d && o.status == crate::domain::OfferStatus::Open && o.departs_at > now
        };
        let seats_left: i32 = offers.iter().filter(open).map(|o| o.seats_left()).sum();
        Section {
            title,
            direction: d.as_str(),
            rows: ordered(&near, offers.iter().filter(|o| o.direction == d))
                .into_iter()
                .map(|(o, km)| {
                    let mut row = OfferRow::new(o, z, t, now);
                    if let Some(km) = km {
                        row.distance = distance_text(t, km);
                    }
                    match by_offer.get(&o.id) {
                        Some(p) if row.bookable() => row.with_pending(*p, t),
                        _ => row,
                    }
                })
                .collect(),
            counts: [
                t.seats_left(seats_left),
                t.t1("pending-count", "count", pending.of(d)),
                t.t1("waiting-count", "count", waiting.of(d)),
            ],
        }
    };
    let dates = match event.series_id {
        Some(series) if !shell.embed => events::occurrences(db, series)
            .await?
            .iter()
            .map(|d| DateLink {
                when: t.datetime(d.starts_at, d.zone()),
                url: shell.event(&d.slug),
                current: d.id == event.id,
                state: if d.status == crate::domain::EventStatus::Cancelled {
                    t.t("org-state-cancelled")
                } else if d.booking_closed {
                    t.t("org-state-closed")
                } else {
                    ""
                },
            })
            .collect(),
        _ => Vec::new(),
    };
    let when = t.datetime(event.starts_at, z);
    let share = ShareMeta {
        description: format!("{when} · {}", event.venue),
        locale: shell.lang.og_locale(),
        qr_svg: paths::event_qr(&event.slug, "svg"),
    };
    let page = EventPage {
        ctx: Ctx::in_shell(shell, &shell.event_path(&event.slug)).follow(&event.slug),
        when,
        url: urls.event(&event.slug),
        snippet: urls.widget_snippet(&event.slug),
        created: created && !shell.embed,
        sections: vec![
            section(Direction::ToEvent, t.t("rides-to")),
            section(Direction::FromEvent, t.t("rides-from")),
        ],
        event: EventView::of(event),
        near,
        map,
        dates,
        share,
    };
    Page::render(Status::Ok, &page)
}

/// The rides in their listed order, or nearest first (within the radius) when the reader said
/// where they are.
fn ordered<'a>(
    near: &Nearness,
    offers: impl Iterator<Item = &'a offer::Model>,
) -> Vec<(&'a offer::Model, Option<f64>)> {
    match near.point {
        Some(from) => sort_by_distance(from, near.radius, offers),
        None => offers.map(|o| (o, None)).collect(),
    }
}
