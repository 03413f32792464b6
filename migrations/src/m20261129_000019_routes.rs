//! Routes (issue 16, pickup times): a driver's maximum detour and the route last computed for
//! an offer (its inputs' key and total detour), and each reservation's time at its stop and the
//! detour it would add.
use crate::portable::ts_null;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Offers {
    Table,
    MaxDetourMin,
    RouteKey,
    RouteDetourS,
    RouteDistanceM,
}

#[derive(DeriveIden)]
enum Reservations {
    Table,
    StopAt,
    DetourS,
}

/// One column per statement: SQLite adds one column per ALTER TABLE.
fn columns(manager: &SchemaManager) -> Vec<(DynIden, ColumnDef)> {
    vec![
        (
            Offers::Table.into_iden(),
            integer_null(Offers::MaxDetourMin),
        ),
        (
            Offers::Table.into_iden(),
            string_len_null(Offers::RouteKey, 128),
        ),
        (
            Offers::Table.into_iden(),
            integer_null(Offers::RouteDetourS),
        ),
        (
            Offers::Table.into_iden(),
            integer_null(Offers::RouteDistanceM),
        ),
        (
            Reservations::Table.into_iden(),
            ts_null(manager, Reservations::StopAt),
        ),
        (
            Reservations::Table.into_iden(),
            integer_null(Reservations::DetourS),
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, mut column) in columns(manager) {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in columns(manager).into_iter().rev() {
            let name = column.get_column_name();
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .drop_column(Alias::new(name))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
