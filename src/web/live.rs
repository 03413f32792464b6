//! Live pages: `/live/{slug}` is a Server-Sent Events stream that says "changed" whenever a
//! committed write touched the event (a booking, an answer, a need, a ride), here or, with
//! PostgreSQL, on another instance. The event page, the offer pages and the driver's page
//! include `/static/live.js`, which then fetches the page again and swaps the parts marked
//! `data-live`; without JavaScript the pages work as before.
use std::time::Duration;

use rocket::response::stream::{Event, EventStream};
use rocket::tokio::select;
use rocket::tokio::sync::broadcast::error::RecvError;
use rocket::{Route, Shutdown, State, get, routes};

use super::AppError;
use crate::db::Db;
use crate::services::events;

pub fn routes() -> Vec<Route> {
    routes![live, live_js]
}

const LIVE_JS: &str = include_str!("../../static/live.js");

#[derive(rocket::Responder)]
#[response(content_type = "text/javascript")]
struct Js(&'static str, rocket::http::Header<'static>);

#[get("/static/live.js")]
fn live_js() -> Js {
    Js(
        LIVE_JS,
        rocket::http::Header::new("Cache-Control", "public, max-age=3600"),
    )
}

#[get("/live/<slug>")]
async fn live(
    db: &State<Db>,
    slug: &str,
    mut shutdown: Shutdown,
) -> Result<EventStream![], AppError> {
    let event = events::by_slug(db, slug).await?;
    let mut changes = db.changes.subscribe();
    let id = event.id;
    Ok(EventStream! {
        yield Event::comment("covoit live").with_retry(Duration::from_secs(5));
        loop {
            let changed = select! {
                news = changes.recv() => match news {
                    Ok(e) => e == id,
                    // Missed some news: say "changed" to be safe.
                    Err(RecvError::Lagged(_)) => true,
                    Err(RecvError::Closed) => break,
                },
                _ = &mut shutdown => break,
            };
            if changed {
                yield Event::data("changed").event("changed");
            }
        }
    }
    .heartbeat(Duration::from_secs(15)))
}
