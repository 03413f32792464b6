//! Use cases, one transaction each. They take `now` so that tests control time, hold the SQL,
//! and return domain results that the routes turn into pages or JSON.
pub mod admin_sessions;
pub mod booking;
pub mod decisions;
pub mod events;
pub mod input;
pub mod instances;
pub mod offer_admin;
pub mod offers;
pub mod stats;
pub mod sweeps;
pub mod transitions;
