//! Who hears what: a webhook gets only what its organisation's READER tokens could read,
//! decided again at each attempt, and names the organisation behind a contribution only where
//! the API would.

use std::time::Duration;

use entity::coalition_membership;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use super::receiver::{Hit, Receiver, Reply};
use super::support::{app_with, create, deliveries, ms, mutate, question, until, world};
use samenspel::graphql::ids::{NodeType, encode};

#[tokio::test]
async fn each_organisation_hears_what_it_may_read() {
    let app = app_with(|_| {}).await;
    let w = world(&app).await;
    let (inside, outside) = (Receiver::start(vec![]).await, Receiver::start(vec![]).await);
    create(&app, &w.member_admin, json!({ "url": inside.url })).await;
    create(&app, &w.outsider_admin, json!({ "url": outside.url })).await;
    let private = question(&app, &w, "Binnen de coalitie", "COALITION").await;
    let public = question(&app, &w, "Voor iedereen", "PUBLIC").await;
    let heard = inside.wait(2, Duration::from_secs(10)).await;
    let mut ids: Vec<String> = heard
        .iter()
        .map(|h| h.body["data"]["id"].as_str().unwrap().into())
        .collect();
    ids.sort();
    let mut want = vec![private, public.clone()];
    want.sort();
    assert_eq!(ids, want);
    let out = outside.wait(1, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(outside.hits().len(), 1, "{:?}", outside.hits());
    assert_eq!(out[0].body["data"]["id"], public.as_str());
}

#[tokio::test]
async fn an_organisation_that_left_the_coalition_stops_hearing_about_it() {
    let app = app_with(|s| s.webhooks.webhook_retry_schedule = ms(&[0, 1500])).await;
    let w = world(&app).await;
    let rx = Receiver::start(vec![Reply::Status(500)]).await;
    let (hook, _) = create(&app, &w.member_admin, json!({ "url": rx.url })).await;
    question(&app, &w, "Voor het vertrek", "COALITION").await;
    rx.wait(1, Duration::from_secs(10)).await;

    let m = coalition_membership::Entity::find()
        .filter(coalition_membership::Column::OrganisationId.eq(w.member_id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let removed = mutate(
        &app,
        &w.platform,
        "removeCoalitionMember",
        "RemoveCoalitionMemberInput",
        "removedMembershipId",
        json!({ "id": encode(NodeType::CoalitionMembership, m.id) }),
    )
    .await;
    assert_eq!(removed["userErrors"], json!([]), "{removed}");
    let h = until(&app, &w.member_admin, &hook, Duration::from_secs(6), |h| {
        deliveries(h).first().is_some_and(|d| d["state"] == "SKIPPED")
    })
    .await;
    assert!(
        deliveries(&h)[0]["error"].as_str().unwrap().contains("no longer see"),
        "{h}"
    );
    let input = json!({ "coalition": w.coalition, "title": "Na het vertrek", "context": "C." });
    let q = mutate(
        &app,
        &w.platform,
        "createLearningQuestion",
        "CreateLearningQuestionInput",
        "learningQuestion { id }",
        input,
    )
    .await;
    assert_eq!(q["userErrors"], json!([]), "{q}");
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let types: Vec<String> = rx
        .hits()
        .iter()
        .map(|h| h.body["type"].as_str().unwrap().into())
        .collect();
    // Memberships are public: it does hear that it left.
    assert_eq!(
        types,
        vec!["learningQuestion.created", "coalitionMembership.memberRemoved"],
        "the retry was not sent, nor the new question"
    );
}

#[tokio::test]
async fn an_anonymous_contribution_names_no_organisation_outside_the_coalition() {
    let app = app_with(|_| {}).await;
    let w = world(&app).await;
    let (inside, outside) = (Receiver::start(vec![]).await, Receiver::start(vec![]).await);
    let only = json!(["CONTRIBUTION"]);
    create(&app, &w.member_admin, json!({ "url": inside.url, "entityTypes": only })).await;
    create(
        &app,
        &w.outsider_admin,
        json!({ "url": outside.url, "entityTypes": only }),
    )
    .await;
    let q = question(&app, &w, "Openbaar", "PUBLIC").await;
    let mut ids = Vec::new();
    for attribution in ["ANONYMOUS", "ORGANISATION"] {
        let input = json!({ "question": q, "body": "Een ervaring.", "kind": "EXPERIENCE", "attribution": attribution, "visibility": "PUBLIC" });
        let p = mutate(
            &app,
            &w.member_editor,
            "addContribution",
            "AddContributionInput",
            "contribution { id }",
            input,
        )
        .await;
        assert_eq!(p["userErrors"], json!([]), "{p}");
        ids.push(p["contribution"]["id"].clone());
    }
    let org = encode(NodeType::Organisation, w.member_id).to_string();
    let ins = inside.wait(2, Duration::from_secs(10)).await;
    let outs = outside.wait(2, Duration::from_secs(10)).await;
    // Events of different records may arrive in either order: each is found by its record.
    let of = |hits: &[Hit], id: &Value| {
        let hit = hits.iter().find(|h| h.body["data"]["id"] == *id);
        hit.unwrap_or_else(|| panic!("no delivery of {id}")).body["data"]["organisation"].clone()
    };
    let (anonymous, attributed) = (&ids[0], &ids[1]);
    assert_eq!(of(&ins, anonymous), org.as_str(), "inside the coalition: named");
    assert_eq!(of(&ins, attributed), org.as_str());
    assert!(of(&outs, anonymous).is_null(), "anonymous outside");
    assert_eq!(of(&outs, attributed), org.as_str(), "attributed to the organisation");
}
