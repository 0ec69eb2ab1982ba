//! Who sees which event: the record's readers now; for a deletion or a narrowing also its
//! readers before; never the organisation behind an ANONYMOUS contribution outside the
//! coalition; tokens only for their organisation's admins.

use serde_json::json;

use super::support::{all, mutate, pairs, question, world};
use crate::helpers::spawn_app;

#[tokio::test]
async fn a_coalition_record_is_heard_of_by_its_members_only() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let private = question(&app, &w, "Binnen de coalitie", None).await;
    let public = question(&app, &w, "Voor iedereen", Some("PUBLIC")).await;
    let created = |id: &str| ("CREATED".to_string(), id.to_string());
    assert_eq!(pairs(&all(&app, None).await), vec![created(&public)]);
    assert_eq!(pairs(&all(&app, Some(&w.outsider)).await), vec![created(&public)]);
    assert_eq!(
        pairs(&all(&app, Some(&w.member_reader)).await),
        vec![created(&private), created(&public)],
        "private by default: the member sees both"
    );
}

#[tokio::test]
async fn a_deletion_reaches_whom_could_see_the_record_and_a_narrowing_its_former_readers() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let q = question(&app, &w, "Openbaar", Some("PUBLIC")).await;
    let c = mutate(
        &app,
        &w.editor,
        "addContribution",
        "AddContributionInput",
        "contribution { id }",
        json!({ "question": q, "body": "Een tip.", "kind": "TIP" }),
    )
    .await["contribution"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    mutate(
        &app,
        &w.editor,
        "deleteContribution",
        "DeleteContributionInput",
        "deletedContributionId",
        json!({ "id": c }),
    )
    .await;
    let seen = pairs(&all(&app, None).await);
    assert!(seen.contains(&("CREATED".into(), c.clone())), "{seen:?}");
    assert!(seen.contains(&("DELETED".into(), c.clone())), "{seen:?}");

    mutate(
        &app,
        &w.editor,
        "updateLearningQuestion",
        "UpdateLearningQuestionInput",
        "learningQuestion { id }",
        json!({ "id": q, "visibility": "COALITION" }),
    )
    .await;
    let anonymous = all(&app, None).await;
    let last = anonymous.last().unwrap();
    assert_eq!(
        last["action"], "VISIBILITY_CHANGED",
        "the former reader hears to drop its copy"
    );
    assert_eq!(last["nodeId"], q.as_str());
    let node = app
        .data(
            "{ changes(first: 100) { nodes { action node { __typename } } } }",
            json!({}),
        )
        .await;
    let nodes = node["changes"]["nodes"].as_array().unwrap();
    assert!(
        nodes.iter().all(|n| n["node"].is_null()),
        "nothing is shown of the record now: {nodes:?}"
    );
    assert!(
        !pairs(&anonymous).contains(&("CREATED".into(), q.clone())),
        "the question's own events now follow its visibility"
    );
}

#[tokio::test]
async fn an_anonymous_contribution_names_no_organisation_outside_the_coalition() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let q = question(&app, &w, "Openbaar", Some("PUBLIC")).await;
    mutate(
        &app,
        &w.editor,
        "addContribution",
        "AddContributionInput",
        "contribution { id }",
        json!({ "question": q, "body": "Anoniem.", "kind": "EXPERIENCE", "attribution": "ANONYMOUS" }),
    )
    .await;
    let q = "{ changes(first: 10, filter: { entityTypes: [CONTRIBUTION] }) { nodes { \
             node { ... on Contribution { body organisation { slug } author { name } } } } } }";
    let outside = app.data_as(&w.outsider, q, json!({})).await;
    let node = &outside["changes"]["nodes"][0]["node"];
    assert_eq!(node["body"], "Anoniem.");
    assert!(node["organisation"].is_null(), "{node}");
    let inside = app.data_as(&w.member_reader, q, json!({})).await;
    assert_eq!(
        inside["changes"]["nodes"][0]["node"]["organisation"]["slug"],
        "hvo-querido"
    );
}

#[tokio::test]
async fn a_revoked_token_is_an_event_for_its_organisation_admins_only() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let created = app
        .data_as(
            &w.org_admin,
            "mutation { createApiToken(input: { label: \"CRM\", role: READER, expiresInDays: 5 }) { apiToken { id } } }",
            json!({}),
        )
        .await;
    let id = created["createApiToken"]["apiToken"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.data_as(
        &w.org_admin,
        "mutation($id: ID!) { revokeApiToken(input: { id: $id }) { apiToken { revokedAt } } }",
        json!({ "id": id }),
    )
    .await;
    let admin = pairs(&all(&app, Some(&w.org_admin)).await);
    assert!(admin.contains(&("REVOKED".into(), id.clone())), "{admin:?}");
    assert!(admin.contains(&("CREATED".into(), id.clone())), "{admin:?}");
    for other in [&w.member_reader, &w.outsider] {
        let seen = pairs(&all(&app, Some(other)).await);
        assert!(seen.iter().all(|(_, n)| n != &id), "{seen:?}");
    }
}

#[tokio::test]
async fn a_new_record_is_private_and_widening_it_is_on_record() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let q = question(&app, &w, "Nog binnenskamers", None).await;
    let seen = app
        .data_as(
            &w.member_reader,
            "query($id: ID!) { node(id: $id) { ... on LearningQuestion { visibility } } }",
            json!({ "id": q }),
        )
        .await;
    assert_eq!(seen["node"]["visibility"], "COALITION", "private by default");
    mutate(
        &app,
        &w.editor,
        "updateLearningQuestion",
        "UpdateLearningQuestionInput",
        "learningQuestion { id }",
        json!({ "id": q, "visibility": "PUBLIC" }),
    )
    .await;
    let audit = app
        .data_as(
            &w.admin,
            "{ auditEvents(filter: { action: \"updateLearningQuestion\" }) { nodes { changedFields visibilityFrom visibilityTo } } }",
            json!({}),
        )
        .await;
    let e = &audit["auditEvents"]["nodes"][0];
    assert_eq!(e["visibilityFrom"], "COALITION");
    assert_eq!(e["visibilityTo"], "PUBLIC");
    assert_eq!(e["changedFields"], json!(["visibility"]));
    let last = all(&app, None).await.pop().unwrap();
    assert_eq!(last["action"], "VISIBILITY_CHANGED");
    assert_eq!(last["nodeId"], q.as_str());
}
