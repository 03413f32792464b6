//! Places: the point (when the gazetteer or a geocoder knew the text) of an event's venue, a
//! reservation's pickup and a waiting passenger's place; offers had theirs from the start.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Events {
    Table,
    VenueLat,
    VenueLon,
}

#[derive(DeriveIden)]
enum Reservations {
    Table,
    PickupLat,
    PickupLon,
}

#[derive(DeriveIden)]
enum Needs {
    Table,
    PlaceLat,
    PlaceLon,
}

/// One column per statement: SQLite adds one column per ALTER TABLE.
fn columns() -> Vec<(DynIden, DynIden)> {
    vec![
        (Events::Table.into_iden(), Events::VenueLat.into_iden()),
        (Events::Table.into_iden(), Events::VenueLon.into_iden()),
        (
            Reservations::Table.into_iden(),
            Reservations::PickupLat.into_iden(),
        ),
        (
            Reservations::Table.into_iden(),
            Reservations::PickupLon.into_iden(),
        ),
        (Needs::Table.into_iden(), Needs::PlaceLat.into_iden()),
        (Needs::Table.into_iden(), Needs::PlaceLon.into_iden()),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in columns() {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(double_null(column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in columns().into_iter().rev() {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
