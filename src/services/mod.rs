//! Use cases, one transaction each. They take `now` so that tests control time, hold the SQL,
//! and answer `error::Result<T>`: the routes turn a value into a page or JSON, an error into
//! its status.
pub mod admin_sessions;
pub mod backup;
pub mod booking;
pub mod bounces;
pub mod co_organisers;
pub mod decisions;
pub mod digest;
pub mod erasure;
pub mod error;
pub mod event_cache;
pub mod event_page;
pub mod events;
pub mod input;
pub mod instances;
pub mod lost_links;
pub mod matching;
pub mod messages;
pub mod moderation;
pub mod need_input;
pub mod needs;
pub mod offer_admin;
pub mod offers;
pub mod operations;
pub mod organiser;
pub mod personal_data;
pub mod places;
pub mod purge;
pub mod read;
pub mod routing;
pub mod series;
pub mod stats;
pub mod still;
pub mod sweeps;
pub mod transitions;
pub mod unsubscribe;

pub use error::{Error, Result};
