//! `node(id)` and `nodes(ids)` round-trip every type.

use serde_json::json;

use crate::fixtures::world;
use crate::helpers::spawn_app;

#[tokio::test]
async fn node_round_trips_every_type() {
    let app = spawn_app().await;
    world(&app.db).await;
    let d = app
        .data(
            r#"{ organisation(slug: "cordaan") { id
                   memberships { nodes { id coalition { id } } }
                   people { nodes { id workgroupMemberships { nodes { id } } } } }
                 workgroups { nodes { id } } themes { nodes { id } } learningQuestions { nodes { id contributions { nodes { id } } } }
                 learningTracks { nodes { id } } meetings { nodes { id } } outcomes { nodes { id } } }"#,
            json!({}),
        )
        .await;
    let o = &d["organisation"];
    let cases = [
        ("Organisation", &o["id"]),
        ("CoalitionMembership", &o["memberships"]["nodes"][0]["id"]),
        ("Coalition", &o["memberships"]["nodes"][0]["coalition"]["id"]),
        ("Person", &o["people"]["nodes"][0]["id"]),
        (
            "WorkgroupMembership",
            &o["people"]["nodes"][0]["workgroupMemberships"]["nodes"][0]["id"],
        ),
        ("Workgroup", &d["workgroups"]["nodes"][0]["id"]),
        ("Theme", &d["themes"]["nodes"][0]["id"]),
        ("LearningQuestion", &d["learningQuestions"]["nodes"][0]["id"]),
        (
            "Contribution",
            &d["learningQuestions"]["nodes"][0]["contributions"]["nodes"][0]["id"],
        ),
        ("LearningTrack", &d["learningTracks"]["nodes"][0]["id"]),
        ("Meeting", &d["meetings"]["nodes"][0]["id"]),
        ("Outcome", &d["outcomes"]["nodes"][0]["id"]),
    ];
    let mut ids = vec![];
    for (typename, id) in cases {
        assert!(id.is_string(), "{typename} has no id: {d}");
        let n = app
            .data(
                "query($id: ID!) { node(id: $id) { __typename id } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(n["node"]["__typename"], typename);
        assert_eq!(&n["node"]["id"], id);
        ids.push(id.clone());
    }
    // nodes keeps the order given, and a missing row is null in its place.
    let missing = samenspel::graphql::ids::encode(samenspel::graphql::ids::NodeType::Theme, 999_999);
    ids.insert(3, json!(missing.to_string()));
    let n = app
        .data("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", json!({ "ids": ids }))
        .await;
    let got = n["nodes"].as_array().unwrap();
    assert_eq!(got.len(), ids.len());
    for (i, id) in ids.iter().enumerate() {
        if i == 3 {
            assert!(got[i].is_null());
        } else {
            assert_eq!(&got[i]["id"], id);
        }
    }
}
