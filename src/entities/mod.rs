//! SeaORM entities, one per table (see `migrations/` for the schema and its indexes).
pub mod admin_session;
pub mod bounce;
pub mod co_organiser;
pub mod email_optout;
pub mod email_suppression;
pub mod event;
pub mod geocode_cache;
pub mod instance;
pub mod invitation;
pub mod need;
pub mod need_alert;
pub mod offer;
pub mod organiser_message;
pub mod outbox;
pub mod reservation;
pub mod still_check;
