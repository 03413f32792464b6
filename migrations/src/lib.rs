//! Database schema of covoit, one file per migration, applied in order by `Migrator`.
pub use sea_orm_migration::prelude::*;

mod portable;

mod m20261121_000001_events_offers_reservations;
mod m20261121_000002_outbox;
mod m20261121_000003_schedules;
mod m20261128_000004_instances;
mod m20261128_000005_offer_public_ids;
mod m20261128_000006_outbox_recipient_key;
mod m20261128_000007_admin_sessions;
mod m20261128_000008_needs;
mod m20261128_000009_email_optouts;
mod m20261129_000010_bounces;
mod m20261129_000011_places;
mod m20261129_000012_geocode_cache;
mod m20261129_000013_event_admin;
mod m20261129_000014_co_organisers;
mod m20261129_000015_organiser_messages;
mod m20261129_000016_personal_data;
mod m20261129_000017_series;
mod m20261129_000018_consent_digest;
mod m20261129_000019_routes;
mod m20261129_000020_outbox_drafts;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_events_offers_reservations::Migration),
            Box::new(m20261121_000002_outbox::Migration),
            Box::new(m20261121_000003_schedules::Migration),
            Box::new(m20261128_000004_instances::Migration),
            Box::new(m20261128_000005_offer_public_ids::Migration),
            Box::new(m20261128_000006_outbox_recipient_key::Migration),
            Box::new(m20261128_000007_admin_sessions::Migration),
            Box::new(m20261128_000008_needs::Migration),
            Box::new(m20261128_000009_email_optouts::Migration),
            Box::new(m20261129_000010_bounces::Migration),
            Box::new(m20261129_000011_places::Migration),
            Box::new(m20261129_000012_geocode_cache::Migration),
            Box::new(m20261129_000013_event_admin::Migration),
            Box::new(m20261129_000014_co_organisers::Migration),
            Box::new(m20261129_000015_organiser_messages::Migration),
            Box::new(m20261129_000016_personal_data::Migration),
            Box::new(m20261129_000017_series::Migration),
            Box::new(m20261129_000018_consent_digest::Migration),
            Box::new(m20261129_000019_routes::Migration),
            Box::new(m20261129_000020_outbox_drafts::Migration),
        ]
    }
}
