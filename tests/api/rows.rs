//! `rows::Reader` reads a row by column position into the very model sea-orm's own decoding
//! (by column name) gives: for every entity the loaders read, on the demo dataset, unprefixed
//! and under a join's prefix; and a row with no match under a LEFT JOIN is an error, not a
//! panic or a made-up model.

use entity::{
    api_token, audit_event, coalition, coalition_membership, contribution, learning_question, learning_track, meeting,
    organisation, outcome, person, theme, webhook, webhook_delivery, workgroup, workgroup_membership,
};
use samenspel::paging::Keyed;
use samenspel::rows::{self, Reader};
use sea_orm::{ConnectionTrait, EntityTrait, FromQueryResult, QuerySelect, QueryTrait};

use crate::helpers::{TestApp, spawn_demo_app};

/// Every row of `E`, decoded by sea-orm and by `rows::models`; returns how many.
async fn same_as_sea_orm<E: Keyed>(app: &TestApp) -> usize
where
    E::Model: PartialEq + std::fmt::Debug,
{
    let by_name = E::find().all(&app.db).await.expect("sea-orm reads the table");
    let raw = app
        .db
        .query_all(&E::find().into_query())
        .await
        .expect("the same statement, raw");
    let by_position = rows::models::<E>(&raw, "").expect("the reader reads every row");
    assert_eq!(by_position, by_name, "{}", std::any::type_name::<E>());
    by_name.len()
}

#[tokio::test]
async fn the_reader_decodes_every_entity_as_sea_orm_does() {
    let app = spawn_demo_app().await;
    // The tables the demo fills: each must have rows, or the comparison proves nothing.
    let filled = [
        ("organisation", same_as_sea_orm::<organisation::Entity>(&app).await),
        ("coalition", same_as_sea_orm::<coalition::Entity>(&app).await),
        (
            "coalition_membership",
            same_as_sea_orm::<coalition_membership::Entity>(&app).await,
        ),
        ("workgroup", same_as_sea_orm::<workgroup::Entity>(&app).await),
        (
            "workgroup_membership",
            same_as_sea_orm::<workgroup_membership::Entity>(&app).await,
        ),
        ("person", same_as_sea_orm::<person::Entity>(&app).await),
        ("theme", same_as_sea_orm::<theme::Entity>(&app).await),
        (
            "learning_question",
            same_as_sea_orm::<learning_question::Entity>(&app).await,
        ),
        ("contribution", same_as_sea_orm::<contribution::Entity>(&app).await),
        ("learning_track", same_as_sea_orm::<learning_track::Entity>(&app).await),
        ("meeting", same_as_sea_orm::<meeting::Entity>(&app).await),
        ("outcome", same_as_sea_orm::<outcome::Entity>(&app).await),
    ];
    for (table, n) in filled {
        assert!(n > 0, "the demo dataset has no {table} rows");
    }
    // Tables the demo leaves empty still decode (to nothing) without an error; their rows are
    // read by the tests of audit events, tokens and webhooks.
    same_as_sea_orm::<audit_event::Entity>(&app).await;
    same_as_sea_orm::<api_token::Entity>(&app).await;
    same_as_sea_orm::<webhook::Entity>(&app).await;
    same_as_sea_orm::<webhook_delivery::Entity>(&app).await;
}

#[tokio::test]
async fn the_reader_reads_a_joined_row_under_its_prefix_and_refuses_a_missing_one() {
    let app = spawn_demo_app().await;
    // Questions with their workgroup (sea-orm's "A_" and "B_" prefixes); some have none.
    let mut select = learning_question::Entity::find().find_also_related(workgroup::Entity);
    let raw = app
        .db
        .query_all(&*QuerySelect::query(&mut select))
        .await
        .expect("questions with their workgroups");
    let first = raw.first().expect("the demo has questions");
    let questions = Reader::<learning_question::Entity>::new(first, "A_");
    let workgroups = Reader::<workgroup::Entity>::new(first, "B_");
    let (mut with, mut without) = (0, 0);
    for row in &raw {
        let q = questions.read(row).expect("every row has its question");
        assert_eq!(q, learning_question::Model::from_query_result(row, "A_").unwrap());
        match workgroup::Model::from_query_result(row, "B_") {
            Ok(w) => {
                assert_eq!(workgroups.read(row).expect("a joined workgroup reads"), w);
                assert_eq!(q.workgroup_id, Some(w.id));
                with += 1;
            }
            Err(_) => {
                assert!(q.workgroup_id.is_none());
                let refused = workgroups.read(row);
                assert!(refused.is_err(), "no workgroup joined, yet read as {refused:?}");
                without += 1;
            }
        }
    }
    assert!(with > 0, "no question of the demo has a workgroup");
    assert!(without > 0, "every question of the demo has a workgroup");

    // A prefix the statement does not have falls back to sea-orm, which refuses as well.
    assert!(Reader::<workgroup::Entity>::new(first, "Z_").read(first).is_err());
}
