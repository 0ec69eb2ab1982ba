//! The demo dataset loads on a new database, and a partner can explore it anonymously.

use entity::{contribution, learning_question, organisation};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use crate::helpers::spawn_demo_app;

#[tokio::test]
async fn demo_dataset_loads_and_is_explorable() {
    let app = spawn_demo_app().await;
    let db = &app.db;
    assert!(organisation::Entity::find().count(db).await.unwrap() >= 20);
    assert!(learning_question::Entity::find().count(db).await.unwrap() >= 30);
    assert!(contribution::Entity::find().count(db).await.unwrap() >= 60);
    let d = app
        .data(
            r#"{ coalitions { totalCount } organisation(slug: "cordaan") { name }
                 coalition(slug: "cop-wooncirkels") { name members { totalCount nodes { organisation { name } } } }
                 learningQuestions(first: 100) { totalCount nodes { visibility contributions { totalCount } } } }"#,
            json!({}),
        )
        .await;
    assert!(d["coalitions"]["totalCount"].as_u64().unwrap() >= 6);
    assert_eq!(d["organisation"]["name"], "Cordaan");
    assert!(d["coalition"]["members"]["totalCount"].as_u64().unwrap() >= 5);
    let nodes = d["learningQuestions"]["nodes"].as_array().unwrap();
    assert!(!nodes.is_empty());
    assert!(
        nodes.iter().all(|q| q["visibility"] == "PUBLIC"),
        "anonymous viewers see PUBLIC questions only"
    );
    let total = learning_question::Entity::find().count(db).await.unwrap();
    assert!(
        d["learningQuestions"]["totalCount"].as_u64().unwrap() < total,
        "some questions are not public"
    );
}
