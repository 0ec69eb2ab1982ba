//! Sixteen writers at once on one service: every mutation succeeds, none sees "database is
//! locked", an INTERNAL error or a 500, and every row and its audit event is there afterwards.

use entity::{OrganisationKind, audit_event, contribution, learning_question};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;
use tokio::task::JoinSet;

use crate::fixtures;
use crate::helpers::spawn_app;
use crate::server::{Written, write};
use samenspel::graphql::ids::{NodeType, encode};

const WRITERS: usize = 16;
const WRITES: usize = 15;

/// One question, then contributions to it, as fast as the server answers.
async fn writer(client: reqwest::Client, address: String, token: String, coalition: String) -> Vec<Written> {
    let input = json!({ "coalition": coalition, "title": "Hoe houden we het vol?", "context": "Gelijktijdig" });
    let first = write(&client, &address, &token, "createLearningQuestion", input).await;
    let Ok(question) = first.clone() else {
        return vec![first];
    };
    let mut answers = vec![first];
    for i in 1..WRITES {
        let input = json!({ "question": question, "body": format!("Ervaring {i}"), "kind": "TIP" });
        answers.push(write(&client, &address, &token, "addContribution", input).await);
    }
    answers
}

#[tokio::test]
async fn sixteen_concurrent_writers_all_succeed() {
    // Arrange
    let app = spawn_app().await;
    let org = fixtures::org(&app.db, "hvo-querido", OrganisationKind::CareProvider).await;
    let c = fixtures::coalition(&app.db, "cop-wooncirkels").await;
    fixtures::member(&app.db, c.id, org.id).await;
    let coalition = encode(NodeType::Coalition, c.id).to_string();
    let mut writers = JoinSet::new();
    for _ in 0..WRITERS {
        let token = app.token(Some(org.id), "EDITOR").await;
        let (client, address) = (app.client.clone(), app.address.clone());
        writers.spawn(writer(client, address, token, coalition.clone()));
    }
    // Act
    let answers: Vec<Written> = writers.join_all().await.into_iter().flatten().collect();
    // Assert
    let failures: Vec<&String> = answers.iter().filter_map(|a| a.as_ref().err()).collect();
    assert!(
        failures.is_empty(),
        "{} failed, e.g. {:?}",
        failures.len(),
        failures.first()
    );
    assert_eq!(answers.len(), WRITERS * WRITES);
    let questions = learning_question::Entity::find().count(&app.db).await.unwrap();
    let contributions = contribution::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(
        (questions, contributions),
        (WRITERS as u64, (WRITERS * (WRITES - 1)) as u64)
    );
    let audits = audit_event::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(audits, (WRITERS * WRITES) as u64, "one audit event per write");
}
