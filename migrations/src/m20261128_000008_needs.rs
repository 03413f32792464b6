//! The waiting list: passengers' needs, the alerts sent to them when seats are freed, drivers'
//! invitations, the "still going?" checks before departure; offers that accept requests
//! automatically; requests that came from a need.
use crate::portable::{ts, ts_null};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Needs {
    Table,
    Id,
    PublicId,
    EventId,
    Direction,
    Place,
    Seats,
    Earliest,
    Latest,
    Name,
    Email,
    Phone,
    Locale,
    Status,
    ActiveEmail,
    CreatedAt,
    UpdatedAt,
    MatchedAt,
}

#[derive(DeriveIden)]
enum NeedAlerts {
    Table,
    Id,
    NeedId,
    OfferId,
    EmailKey,
    CreatedAt,
    ClaimedAt,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    OfferId,
    NeedId,
    Seats,
    Status,
    CreatedAt,
    AnsweredAt,
}

#[derive(DeriveIden)]
enum StillChecks {
    Table,
    Id,
    OfferId,
    ReservationId,
    CreatedAt,
    AnsweredAt,
    Answer,
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    AutoAccept,
    StillAskedAt,
}

#[derive(DeriveIden)]
enum Reservations {
    Table,
    NeedId,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Needs::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Needs::Id))
                    .col(string_len(Needs::PublicId, 32))
                    .col(big_integer(Needs::EventId))
                    .col(string_len(Needs::Direction, 32))
                    .col(string(Needs::Place))
                    .col(integer(Needs::Seats))
                    .col(ts_null(manager, Needs::Earliest))
                    .col(ts_null(manager, Needs::Latest))
                    .col(string(Needs::Name))
                    .col(string(Needs::Email))
                    .col(string_null(Needs::Phone))
                    .col(string_len(Needs::Locale, 8))
                    .col(string_len(Needs::Status, 32))
                    // The normalised email while waiting or matched, NULL afterwards.
                    .col(string_null(Needs::ActiveEmail))
                    .col(ts(manager, Needs::CreatedAt))
                    .col(ts(manager, Needs::UpdatedAt))
                    .col(ts_null(manager, Needs::MatchedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Needs::Table, Needs::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NeedAlerts::Table)
                    .if_not_exists()
                    .col(big_pk_auto(NeedAlerts::Id))
                    .col(big_integer(NeedAlerts::NeedId))
                    .col(big_integer(NeedAlerts::OfferId))
                    .col(string(NeedAlerts::EmailKey))
                    .col(ts(manager, NeedAlerts::CreatedAt))
                    .col(ts_null(manager, NeedAlerts::ClaimedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(NeedAlerts::Table, NeedAlerts::NeedId)
                            .to(Needs::Table, Needs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Invitations::Id))
                    .col(big_integer(Invitations::OfferId))
                    .col(big_integer(Invitations::NeedId))
                    .col(integer(Invitations::Seats))
                    .col(string_len(Invitations::Status, 32))
                    .col(ts(manager, Invitations::CreatedAt))
                    .col(ts_null(manager, Invitations::AnsweredAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Invitations::Table, Invitations::NeedId)
                            .to(Needs::Table, Needs::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StillChecks::Table)
                    .if_not_exists()
                    .col(big_pk_auto(StillChecks::Id))
                    .col(big_integer(StillChecks::OfferId))
                    // NULL: the driver's check; otherwise a confirmed passenger's.
                    .col(big_integer_null(StillChecks::ReservationId))
                    .col(ts(manager, StillChecks::CreatedAt))
                    .col(ts_null(manager, StillChecks::AnsweredAt))
                    .col(string_len_null(StillChecks::Answer, 8))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Offers::Table)
                    .add_column(
                        ColumnDef::new(Offers::AutoAccept)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Offers::Table)
                    .add_column(ts_null(manager, Offers::StillAskedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Reservations::Table)
                    .add_column(ColumnDef::new(Reservations::NeedId).big_integer().null())
                    .to_owned(),
            )
            .await?;
        let indexes = [
            Index::create()
                .name("uniq_needs_public_id")
                .table(Needs::Table)
                .col(Needs::PublicId)
                .unique()
                .to_owned(),
            // One active need per person, event and direction ("both" is checked under the
            // event's lock).
            Index::create()
                .name("uniq_needs_active")
                .table(Needs::Table)
                .col(Needs::EventId)
                .col(Needs::Direction)
                .col(Needs::ActiveEmail)
                .unique()
                .to_owned(),
            Index::create()
                .name("idx_needs_event_status")
                .table(Needs::Table)
                .col(Needs::EventId)
                .col(Needs::Status)
                .col(Needs::CreatedAt)
                .to_owned(),
            Index::create()
                .name("idx_needs_status_created")
                .table(Needs::Table)
                .col(Needs::Status)
                .col(Needs::CreatedAt)
                .to_owned(),
            // A need is told at most once per offer.
            Index::create()
                .name("uniq_need_alerts_need_offer")
                .table(NeedAlerts::Table)
                .col(NeedAlerts::NeedId)
                .col(NeedAlerts::OfferId)
                .unique()
                .to_owned(),
            Index::create()
                .name("idx_need_alerts_email_created")
                .table(NeedAlerts::Table)
                .col(NeedAlerts::EmailKey)
                .col(NeedAlerts::CreatedAt)
                .to_owned(),
            Index::create()
                .name("uniq_invitations_offer_need")
                .table(Invitations::Table)
                .col(Invitations::OfferId)
                .col(Invitations::NeedId)
                .unique()
                .to_owned(),
            Index::create()
                .name("idx_still_checks_offer")
                .table(StillChecks::Table)
                .col(StillChecks::OfferId)
                .to_owned(),
            Index::create()
                .name("idx_reservations_need")
                .table(Reservations::Table)
                .col(Reservations::NeedId)
                .to_owned(),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_reservations_need")
                    .table(Reservations::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Reservations::Table)
                    .drop_column(Reservations::NeedId)
                    .to_owned(),
            )
            .await?;
        for column in [Offers::StillAskedAt, Offers::AutoAccept] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Offers::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        for table in [
            StillChecks::Table.into_iden(),
            Invitations::Table.into_iden(),
            NeedAlerts::Table.into_iden(),
            Needs::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
