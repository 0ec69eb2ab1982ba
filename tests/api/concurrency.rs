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

#[tokio::test]
async fn one_execution_at_a_time_still_answers_every_request() {
    // Arrange: a single turn to execute, and more clients than turns, reading and writing.
    let app = crate::helpers::spawn_app_with(|s| s.limits.max_concurrent_requests = 1).await;
    let org = fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;
    let c = fixtures::coalition(&app.db, "cop-buurtzorg").await;
    fixtures::member(&app.db, c.id, org.id).await;
    let coalition = encode(NodeType::Coalition, c.id).to_string();
    let token = app.token(Some(org.id), "EDITOR").await;
    let read = "{ coalitions(first: 5) { nodes { name members(first: 5) { nodes { organisation { name } } } } } }";
    let mut clients = JoinSet::new();
    for i in 0..12 {
        let (client, address, token, coalition) = (
            app.client.clone(),
            app.address.clone(),
            token.clone(),
            coalition.clone(),
        );
        clients.spawn(async move {
            if i % 3 == 0 {
                let input = json!({ "coalition": coalition, "title": format!("Vraag {i}"), "context": "Om de beurt" });
                write(&client, &address, &token, "createLearningQuestion", input)
                    .await
                    .map(|_| ())
            } else {
                // A batch of two reads runs within the one turn of its HTTP request.
                let body = json!([{ "query": read }, { "query": "{ viewer { role } }" }]);
                let res = client
                    .post(format!("{address}/graphql"))
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await
                    .map_err(|e| e.to_string())?;
                let status = res.status().as_u16();
                let body: serde_json::Value = res.json().await.map_err(|e| e.to_string())?;
                let names = body[0]["data"]["coalitions"]["nodes"][0]["name"]
                    .as_str()
                    .map(str::to_owned);
                match (status, names, body[1]["data"]["viewer"]["role"].as_str()) {
                    (200, Some(_), Some("EDITOR")) => Ok(()),
                    _ => Err(format!("{status}: {body}")),
                }
            }
        });
    }
    // Act
    let answers: Vec<Result<(), String>> = clients.join_all().await;
    // Assert
    let failures: Vec<&String> = answers.iter().filter_map(|a| a.as_ref().err()).collect();
    assert!(failures.is_empty(), "{failures:?}");
    let questions = learning_question::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(questions, 4);
}
