//! The route keeper: with a router configured, one task started at liftoff hears which events
//! changed (after their transactions commit, `Db::changes`, from this instance and, on
//! PostgreSQL, the others) and refreshes those events' routes — pickup times and detours — out
//! of any transaction. Missed news (a lagging subscriber) refresh every upcoming ride. It stops
//! on shutdown. Without a router no task starts.
use chrono::Utc;
use rocket::fairing::AdHoc;
use rocket::{Orbit, Rocket};
use tokio::sync::broadcast::error::RecvError;

use crate::db::Db;
use crate::mail::Emails;
use crate::services::routing::{Routing, refresh};

pub fn fairing() -> AdHoc {
    AdHoc::on_liftoff("covoit routes", |rocket| Box::pin(start(rocket)))
}

async fn start(rocket: &Rocket<Orbit>) {
    let (Some(routing), Some(db), Some(emails)) = (
        rocket.state::<Routing>(),
        rocket.state::<Db>(),
        rocket.state::<Emails>(),
    ) else {
        return;
    };
    if !routing.enabled() {
        return;
    }
    let (routing, db, emails) = (routing.clone(), db.clone(), emails.clone());
    // Subscribed before the task runs: nothing committed from now on is missed.
    let mut news = db.changes.subscribe();
    let mut shutdown = rocket.shutdown();
    tokio::spawn(async move {
        // Changes made while no instance was listening.
        let mut catch_up = true;
        loop {
            if catch_up {
                catch_up = false;
                if let Err(e) = refresh::refresh_upcoming(&db, &emails, &routing, Utc::now()).await
                {
                    tracing::warn!(error = %e, "routes: refreshing upcoming rides failed");
                }
            }
            let event_id = tokio::select! {
                _ = &mut shutdown => break,
                heard = news.recv() => match heard {
                    Ok(id) => id,
                    Err(RecvError::Lagged(_)) => {
                        catch_up = true;
                        continue;
                    }
                    Err(RecvError::Closed) => break,
                },
            };
            if let Err(e) =
                refresh::refresh_event(&db, &emails, &routing, event_id, Utc::now()).await
            {
                tracing::warn!(error = %e, event = event_id, "routes: refresh failed");
            }
        }
    });
}
