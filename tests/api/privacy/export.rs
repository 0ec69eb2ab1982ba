//! `exportPersonData`: one JSON document with the person, memberships, every contribution they
//! wrote whatever its attribution, questions they asked and audit events about them, with
//! purposes and retention. Audited without the name; no change event.

use serde_json::json;

use super::support::{EMAIL, EXTERNAL_REF, NAME, count, export, world};
use crate::helpers::spawn_app;

#[tokio::test]
async fn the_export_holds_everything_about_the_person_and_says_why_and_how_long() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let events = count(&app, "change_event").await;
    let body = export(&app, &w.own_admin, &w.person).await;
    let doc = &body["data"]["exportPersonData"]["data"];
    assert_eq!(body["data"]["exportPersonData"]["userErrors"], json!([]), "{body}");
    assert_eq!(doc["format"], "samenspel-person-export/1");
    assert!(
        doc["generatedAt"].as_str().is_some_and(|t| t.starts_with("20")),
        "{doc}"
    );
    for part in ["person", "memberships", "contributions", "questions", "auditEvents"] {
        assert!(
            doc["purposes"][part].as_str().is_some_and(|p| p.len() > 10),
            "purpose of {part}"
        );
        assert!(
            doc["retention"][part].as_str().is_some_and(|p| !p.is_empty()),
            "retention of {part}"
        );
    }
    assert_eq!(doc["retention"]["auditEvents"], "730 days");
    assert!(
        doc["retention"]["changeEvents"]
            .as_str()
            .unwrap()
            .starts_with("30 days")
    );

    let p = &doc["person"];
    assert_eq!(
        (&p["id"], &p["name"], &p["email"], &p["externalRef"], &p["role"]),
        (
            &json!(w.person),
            &json!(NAME),
            &json!(EMAIL),
            &json!(EXTERNAL_REF),
            &json!("RESIDENT")
        )
    );
    assert_eq!(p["organisation"]["name"], "Organisatie cordaan");
    assert_eq!(p["erasedAt"], json!(null));

    let m = doc["memberships"].as_array().unwrap();
    assert_eq!(m.len(), 1, "{doc}");
    assert_eq!(
        (&m[0]["workgroup"]["id"], &m[0]["role"]),
        (&json!(w.workgroup), &json!("PARTICIPANT"))
    );
    assert_eq!(m[0]["coalition"]["name"], "Coalitie cop-wooncirkels");

    let c = doc["contributions"].as_array().unwrap();
    let ids: Vec<_> = c.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, w.contributions, "every contribution, whatever its attribution");
    let attributions: Vec<_> = c.iter().map(|c| c["attribution"].as_str().unwrap()).collect();
    assert_eq!(attributions, ["NAMED", "ORGANISATION", "ANONYMOUS"]);
    assert!(c[0]["body"].as_str().unwrap().contains("samen koken"));

    let q = doc["questions"].as_array().unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(
        (&q[0]["id"], &q[0]["title"]),
        (&json!(w.question), &json!("Hoe houden bewoners regie?"))
    );

    let audit: Vec<_> = doc["auditEvents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert_eq!(audit, ["createPerson", "updatePerson"], "{doc}");

    // Audited, with the person's ID and no name; no change event.
    assert_eq!(count(&app, "change_event").await, events, "an export changes nothing");
    let q = "query($id: ID!) { auditEvents(filter: { entityId: $id }, first: 10) { nodes { action entityId changedFields } } }";
    let log = app.data_as(&w.own_admin, q, json!({ "id": w.person })).await;
    let newest = &log["auditEvents"]["nodes"][0];
    assert_eq!(newest["action"], "exportPersonData", "{log}");
    assert_eq!(newest["changedFields"], json!([]));
    assert!(!log.to_string().contains("Olifantsdotter"));
}
