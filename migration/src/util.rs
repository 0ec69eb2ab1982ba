//! Small builders that keep the migrations declarative: a table, its foreign keys and its indexes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// A foreign key column of `table` pointing at `target.id`.
pub struct Fk {
    pub column: &'static str,
    pub target: &'static str,
    pub nullable: bool,
    pub cascade: bool,
}

/// Required foreign key; rows go when their parent goes.
pub fn fk(column: &'static str, target: &'static str) -> Fk {
    Fk {
        column,
        target,
        nullable: false,
        cascade: true,
    }
}

/// Optional foreign key; set to NULL when the parent goes.
pub fn fk_null(column: &'static str, target: &'static str) -> Fk {
    Fk {
        column,
        target,
        nullable: true,
        cascade: false,
    }
}

/// Optional foreign key; rows go when their parent goes.
pub fn fk_null_cascade(column: &'static str, target: &'static str) -> Fk {
    Fk {
        column,
        target,
        nullable: true,
        cascade: true,
    }
}

/// Creates `name` with an `id` primary key (unless `pk` names a composite key), the columns,
/// the foreign keys with an index each, and `created_at`/`updated_at` when `stamps` is set.
pub async fn create_table(
    m: &SchemaManager<'_>,
    name: &'static str,
    pk: &[&'static str],
    mut columns: Vec<ColumnDef>,
    fks: Vec<Fk>,
    stamps: bool,
) -> Result<(), DbErr> {
    let mut t = Table::create();
    t.table(name).if_not_exists();
    if pk.is_empty() {
        t.col(pk_auto("id"));
    }
    for f in &fks {
        t.col(if f.nullable {
            integer_null(f.column)
        } else {
            integer(f.column)
        });
        let mut key = ForeignKey::create();
        key.name(format!("fk_{name}_{}", f.column))
            .from(name, f.column)
            .to(f.target, "id")
            .on_delete(if f.cascade {
                ForeignKeyAction::Cascade
            } else {
                ForeignKeyAction::SetNull
            });
        t.foreign_key(&mut key);
    }
    for c in columns.iter_mut() {
        t.col(c);
    }
    if stamps {
        t.col(timestamp_with_time_zone("created_at"));
        t.col(timestamp_with_time_zone("updated_at"));
    }
    if !pk.is_empty() {
        let mut key = Index::create();
        key.name(format!("pk_{name}"));
        for c in pk {
            key.col(*c);
        }
        t.primary_key(&mut key);
    }
    m.create_table(t).await?;
    for f in &fks {
        // The first column of a composite primary key is already indexed by the key itself.
        if pk.first() != Some(&f.column) {
            index(m, name, &[f.column]).await?;
        }
    }
    Ok(())
}

/// An index on `columns` of `table`, named after them.
pub async fn index(m: &SchemaManager<'_>, table: &'static str, columns: &[&'static str]) -> Result<(), DbErr> {
    create_index(m, table, columns, false).await
}

/// A unique index on `columns` of `table`.
pub async fn unique(m: &SchemaManager<'_>, table: &'static str, columns: &[&'static str]) -> Result<(), DbErr> {
    create_index(m, table, columns, true).await
}

async fn create_index(
    m: &SchemaManager<'_>,
    table: &'static str,
    columns: &[&'static str],
    uniq: bool,
) -> Result<(), DbErr> {
    let prefix = if uniq { "ux" } else { "ix" };
    let mut ix = Index::create();
    ix.name(format!("{prefix}_{table}_{}", columns.join("_")))
        .table(table)
        .if_not_exists();
    for c in columns {
        ix.col(*c);
    }
    if uniq {
        ix.unique();
    }
    m.create_index(ix).await
}

/// Drops tables in the given order.
pub async fn drop_tables(m: &SchemaManager<'_>, names: &[&'static str]) -> Result<(), DbErr> {
    for n in names {
        m.drop_table(Table::drop().table(*n).if_exists().to_owned()).await?;
    }
    Ok(())
}
