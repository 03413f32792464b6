//! covoit: carpooling to events. `build` assembles the whole app from a figment; `main.rs`
//! (through `server::serve`) and every test use it.
pub mod config;
pub mod db;
pub mod domain;
pub mod entities;
pub mod i18n;
pub mod jobs;
pub mod links;
pub mod live;
pub mod mail;
pub mod metrics;
pub mod route_keeper;
pub mod server;
pub mod services;
pub mod urls;
pub mod web;

use rocket::fairing::AdHoc;
use rocket::figment::Figment;
use rocket::{Build, Rocket};

pub use config::{Config, figment};
pub use db::Db;

/// The app, configured by `figment`. Configuration is validated and the database migrated at
/// ignite; either failing stops the launch with the cause.
pub fn build(figment: Figment) -> Rocket<Build> {
    let rocket = rocket::custom(figment)
        .attach(AdHoc::try_on_ignite("covoit configuration", configure))
        .attach(AdHoc::try_on_ignite("covoit database", connect_database))
        .manage(jobs::JobsStatus::default())
        .manage(metrics::Metrics::default())
        .manage(web::admin::LoginThrottle::default())
        .manage(web::pages::rendered::RenderedPages::default())
        .attach(metrics::RequestLog)
        .attach(jobs::fairing())
        .attach(route_keeper::fairing())
        .attach(web::ratelimit::pruning())
        // Rocket's default Shield would add `X-Frame-Options: SAMEORIGIN` to the widget's pages;
        // our own fairing sets every security header per path instead.
        .attach(rocket::shield::Shield::new())
        .attach(web::security::SecurityHeaders)
        .mount("/", web::routes())
        .mount("/embed", web::pages::embed_routes());
    web::error::catchers()
        .into_iter()
        .fold(rocket, |rocket, (base, catchers)| {
            rocket.register(base, catchers)
        })
}

async fn configure(rocket: Rocket<Build>) -> Result<Rocket<Build>, Rocket<Build>> {
    let release_build = !cfg!(debug_assertions);
    match Config::from_figment(rocket.figment(), release_build) {
        Ok(config) => {
            if config.using_dev_key {
                tracing::warn!(
                    "no secret_keys configured: using the built-in development key (debug builds only); \
                     set SECRET_KEY before exposing this instance"
                );
            }
            if config.captures_mail() {
                tracing::warn!("emails are captured, not sent: read them at /dev/mail");
            }
            // Rocket's own secret (private cookies) comes from the signing key unless set.
            let figment = rocket.figment().clone();
            let explicit = figment
                .extract_inner::<rocket::config::SecretKey>("secret_key")
                .is_ok_and(|k| k.is_provided());
            let rocket = if explicit {
                rocket
            } else {
                let profile = figment.profile().clone();
                let key = hex::encode(&config.rocket_secret()[..32]);
                rocket.configure(figment.merge(("secret_key", key)).select(profile))
            };
            match mail::from_config(&config) {
                Ok((emails, mailer)) => {
                    let limiter = web::ratelimit::RateLimiter::new(config.rate_limit);
                    let places_limiter = web::places::PlacesLimiter::new(config.places_per_minute);
                    Ok(rocket
                        .manage(services::events::EventCache::new(config.page_cache))
                        .manage(services::routing::Routing::from_config(
                            config.router.as_ref(),
                        ))
                        .manage(places_limiter)
                        .manage(emails.urls.clone())
                        .manage(config)
                        .manage(emails)
                        .manage(mailer)
                        .manage(limiter))
                }
                Err(e) => {
                    tracing::error!("{e}");
                    eprintln!("invalid configuration:\n  - {e}");
                    Err(rocket)
                }
            }
        }
        Err(errors) => {
            tracing::error!("{errors}");
            eprintln!("{errors}");
            Err(rocket)
        }
    }
}

async fn connect_database(rocket: Rocket<Build>) -> Result<Rocket<Build>, Rocket<Build>> {
    let Some(config) = rocket.state::<Config>() else {
        return Err(rocket);
    };
    let url = config.database_url.clone();
    let geocoder = config.geocoder.clone();
    let site = config.base_url.clone();
    let db = match Db::connect_with(&url, &config.db_options()).await {
        Ok(db) => db,
        Err(e) => {
            let msg = format!("database_url: cannot open the database: {e}");
            tracing::error!("{msg}");
            eprintln!("{msg}");
            return Err(rocket);
        }
    };
    if let Err(e) = db.migrate().await {
        let msg = format!("database migrations failed: {e}");
        tracing::error!("{msg}");
        eprintln!("{msg}");
        return Err(rocket);
    }
    if url.starts_with("postgres") {
        // Changes made through the other instances reach this one's live pages: wait (a
        // little) for the listener, so that what commits once this instance serves is heard.
        let ready = db.changes.listen_postgres(url);
        if tokio::time::timeout(std::time::Duration::from_secs(5), ready)
            .await
            .is_err()
        {
            tracing::warn!("live changes: not listening yet; other instances' changes may be late");
        }
    }
    // The HTTP geocoder keeps its answers in the database; the gazetteer needs nothing.
    let places = match geocoder {
        Some(settings) => services::places::Places::with_first(
            services::places::HttpGeocoder::new(settings, db.clone(), &site),
        ),
        None => services::places::Places::gazetteer(),
    };
    let db = match rocket.state::<metrics::Metrics>() {
        Some(m) => db.with_metrics(m.clone()),
        None => db,
    };
    Ok(rocket.manage(places).manage(db))
}
