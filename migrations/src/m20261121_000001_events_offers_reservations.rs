//! Events, the ride offers made for them, and the seat requests made on offers.
use crate::portable::{ts, ts_null};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    Slug,
    Name,
    Venue,
    StartsAt,
    Timezone,
    OrganizerName,
    OrganizerEmail,
    Locale,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
    EventId,
    ReturnOf,
    Direction,
    Place,
    PlaceLat,
    PlaceLon,
    DepartsAt,
    SeatsTotal,
    SeatsTaken,
    Status,
    DriverName,
    DriverEmail,
    DriverPhone,
    Notes,
    Locale,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Reservations {
    Table,
    Id,
    OfferId,
    Status,
    Seats,
    PassengerName,
    PassengerEmail,
    PassengerPhone,
    Pickup,
    Message,
    Locale,
    ActiveEmail,
    Reason,
    CreatedAt,
    ExpiresAt,
    DecidedAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::portable::binary_collation(manager).await?;
        manager
            .create_table(
                Table::create()
                    .table(Events::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Events::Id))
                    .col(string_len_uniq(Events::Slug, 96))
                    .col(string_len(Events::Name, 200))
                    .col(string_len(Events::Venue, 300))
                    .col(ts(manager, Events::StartsAt))
                    .col(string_len(Events::Timezone, 64))
                    .col(string_len(Events::OrganizerName, 120))
                    .col(string_len(Events::OrganizerEmail, 254))
                    .col(string_len(Events::Locale, 8))
                    .col(ts(manager, Events::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Offers::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Offers::Id))
                    .col(big_integer(Offers::EventId))
                    .col(big_integer_null(Offers::ReturnOf))
                    .col(string_len(Offers::Direction, 16))
                    .col(string_len(Offers::Place, 300))
                    .col(double_null(Offers::PlaceLat))
                    .col(double_null(Offers::PlaceLon))
                    .col(ts(manager, Offers::DepartsAt))
                    .col(integer(Offers::SeatsTotal))
                    .col(integer(Offers::SeatsTaken).default(0))
                    .col(string_len(Offers::Status, 16))
                    .col(string_len(Offers::DriverName, 120))
                    .col(string_len(Offers::DriverEmail, 254))
                    .col(string_len_null(Offers::DriverPhone, 40))
                    .col(text(Offers::Notes))
                    .col(string_len(Offers::Locale, 8))
                    .col(integer(Offers::Version).default(0))
                    .col(ts(manager, Offers::CreatedAt))
                    .col(ts(manager, Offers::UpdatedAt))
                    .check(Expr::col(Offers::SeatsTaken).gte(0))
                    .check(Expr::col(Offers::SeatsTaken).lte(Expr::col(Offers::SeatsTotal)))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Offers::Table, Offers::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Offers::Table, Offers::ReturnOf)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Reservations::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Reservations::Id))
                    .col(big_integer(Reservations::OfferId))
                    .col(string_len(Reservations::Status, 16))
                    .col(integer(Reservations::Seats))
                    .col(string_len(Reservations::PassengerName, 120))
                    .col(string_len(Reservations::PassengerEmail, 254))
                    .col(string_len_null(Reservations::PassengerPhone, 40))
                    .col(text(Reservations::Pickup))
                    .col(text(Reservations::Message))
                    .col(string_len(Reservations::Locale, 8))
                    // The normalised email while the request is pending or confirmed, NULL once
                    // it is over: a unique index on (offer_id, active_email) then allows one
                    // active request per passenger and offer on every backend (NULLs never clash).
                    .col(string_len_null(Reservations::ActiveEmail, 254))
                    .col(string_len_null(Reservations::Reason, 32))
                    .col(ts(manager, Reservations::CreatedAt))
                    .col(ts(manager, Reservations::ExpiresAt))
                    .col(ts_null(manager, Reservations::DecidedAt))
                    .col(ts(manager, Reservations::UpdatedAt))
                    .check(Expr::col(Reservations::Seats).gt(0))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Reservations::Table, Reservations::OfferId)
                            .to(Offers::Table, Offers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        let indexes = [
            // event page: the offers of one event, by direction and time
            Index::create()
                .name("idx_offers_event_departs")
                .table(Offers::Table)
                .col(Offers::EventId)
                .col(Offers::DepartsAt)
                .to_owned(),
            Index::create()
                .name("idx_offers_return_of")
                .table(Offers::Table)
                .col(Offers::ReturnOf)
                .to_owned(),
            // an offer's requests (management page, "full" refusals)
            Index::create()
                .name("idx_reservations_offer_status")
                .table(Reservations::Table)
                .col(Reservations::OfferId)
                .col(Reservations::Status)
                .to_owned(),
            // the expiry sweep: due pending requests
            Index::create()
                .name("idx_reservations_status_expires")
                .table(Reservations::Table)
                .col(Reservations::Status)
                .col(Reservations::ExpiresAt)
                .to_owned(),
            Index::create()
                .name("uniq_reservations_offer_active_email")
                .table(Reservations::Table)
                .col(Reservations::OfferId)
                .col(Reservations::ActiveEmail)
                .unique()
                .to_owned(),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Reservations::Table.into_iden(),
            Offers::Table.into_iden(),
            Events::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
