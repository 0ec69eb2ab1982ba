//! Who may export and erase: the person's own organisation's ORG_ADMIN and platform admins.
//! Editors and readers are FORBIDDEN, anonymous callers UNAUTHENTICATED; a person of another
//! organisation is NOT_FOUND with exactly the answer of a missing one; malformed IDs are
//! BAD_USER_INPUT. A refusal writes nothing; each token has an hourly budget.

use serde_json::{Value, json};

use super::support::{EMAIL, NAME, World, count, erase, export, world};
use crate::fixtures;
use crate::helpers::{TestApp, spawn_app, spawn_app_with};
use samenspel::graphql::ids::{NodeType, encode};

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"].as_str().unwrap_or_default()
}

/// The error of `body` without its path, which names the mutation.
fn error_of(body: &Value) -> Value {
    let e = &body["errors"][0];
    json!({ "message": e["message"], "extensions": e["extensions"], "data": body["data"] })
}

type Ask = for<'a> fn(&'a TestApp, &'a str, &'a str) -> futures_util::future::BoxFuture<'a, Value>;

fn asks() -> [(&'static str, Ask); 2] {
    [
        ("exportPersonData", |a, t, p| Box::pin(export(a, t, p))),
        ("erasePerson", |a, t, p| Box::pin(erase(a, t, p))),
    ]
}

async fn untouched(app: &TestApp, w: &World, audits: i64, events: i64) {
    assert_eq!(
        count(app, "audit_event").await,
        audits,
        "a refusal writes no audit event"
    );
    assert_eq!(
        count(app, "change_event").await,
        events,
        "a refusal writes no change event"
    );
    let q = "query($id: ID!) { node(id: $id) { ... on Person { name email erasedAt } } }";
    let p = app.data_as(&w.platform, q, json!({ "id": w.person })).await;
    assert_eq!(p["node"], json!({ "name": NAME, "email": EMAIL, "erasedAt": null }));
}

#[tokio::test]
async fn only_admins_of_the_persons_organisation_and_platform_admins_may_ask() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let (audits, events) = (count(&app, "audit_event").await, count(&app, "change_event").await);
    let missing = encode(NodeType::Person, 987_654);
    for (name, ask) in asks() {
        assert_eq!(
            code(&ask(&app, "", &w.person).await),
            "UNAUTHENTICATED",
            "{name} anonymous"
        );
        for token in [&w.own_editor, &w.own_reader] {
            assert_eq!(
                code(&ask(&app, token, &w.person).await),
                "FORBIDDEN",
                "{name} editor/reader"
            );
        }
        // Another organisation's admin: the person looks exactly like a missing one.
        let elsewhere = ask(&app, &w.other_admin, &w.person).await;
        assert_eq!(code(&elsewhere), "NOT_FOUND", "{name}: {elsewhere}");
        let absent = ask(&app, &w.other_admin, &missing).await;
        assert_eq!(error_of(&elsewhere), error_of(&absent), "{name}");
        let absent_own = ask(&app, &w.own_admin, &missing).await;
        assert_eq!(error_of(&elsewhere), error_of(&absent_own), "{name}");
        assert_eq!(code(&ask(&app, &w.platform, &missing).await), "NOT_FOUND", "{name}");
        for bad in ["", "not-an-id", "%%%", &encode(NodeType::Organisation, w.person_id)] {
            assert_eq!(
                code(&ask(&app, &w.own_admin, bad).await),
                "BAD_USER_INPUT",
                "{name} {bad:?}"
            );
        }
        assert!(elsewhere["data"].is_null(), "{name}: {elsewhere}");
    }
    untouched(&app, &w, audits, events).await;
    // The own organisation's admin and a platform admin may export.
    for token in [&w.own_admin, &w.platform] {
        let body = export(&app, token, &w.person).await;
        assert_eq!(
            body["data"]["exportPersonData"]["data"]["person"]["name"], NAME,
            "{body}"
        );
    }
}

#[tokio::test]
async fn a_resident_without_an_organisation_is_for_platform_admins_only() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let resident = fixtures::person(&app.db, None, "Bewoner Zonder Organisatie").await;
    let id = encode(NodeType::Person, resident.id);
    for (name, ask) in asks() {
        assert_eq!(code(&ask(&app, &w.own_admin, &id).await), "NOT_FOUND", "{name}");
    }
    let body = export(&app, &w.platform, &id).await;
    assert_eq!(
        body["data"]["exportPersonData"]["data"]["person"]["organisation"],
        json!(null),
        "{body}"
    );
    let body = erase(&app, &w.platform, &id).await;
    assert!(body["data"]["erasePerson"]["person"]["erasedAt"].is_string(), "{body}");
}

#[tokio::test]
async fn own_admin_may_erase_and_a_platform_admin_too() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let body = erase(&app, &w.own_admin, &w.person).await;
    assert_eq!(body["data"]["erasePerson"]["erasedPersonId"], json!(w.person), "{body}");
    let second = fixtures::person(&app.db, Some(w.person_id_org(&app).await), "Tweede Persoon").await;
    let body = erase(&app, &w.platform, &encode(NodeType::Person, second.id)).await;
    assert!(body["data"]["erasePerson"]["person"]["erasedAt"].is_string(), "{body}");
}

#[tokio::test]
async fn each_token_may_ask_a_limited_number_of_times_an_hour() {
    let app = spawn_app_with(|s| s.privacy.privacy_requests_per_hour = 2).await;
    let w = world(&app).await;
    for _ in 0..2 {
        let body = export(&app, &w.own_admin, &w.person).await;
        assert!(body["errors"].is_null(), "{body}");
    }
    let audits = count(&app, "audit_event").await;
    for (name, ask) in asks() {
        let refused = ask(&app, &w.own_admin, &w.person).await;
        assert_eq!(code(&refused), "RATE_LIMITED", "{name}: {refused}");
        let wait = refused["errors"][0]["extensions"]["retryAfter"]
            .as_u64()
            .unwrap_or_default();
        assert!((1..=3600).contains(&wait), "{name}: {refused}");
    }
    assert_eq!(
        count(&app, "audit_event").await,
        audits,
        "a refused request writes nothing"
    );
    // Another token has a budget of its own.
    let body = export(&app, &w.platform, &w.person).await;
    assert!(body["errors"].is_null(), "{body}");
}

impl World {
    /// The organisation of the world's person.
    async fn person_id_org(&self, app: &TestApp) -> i32 {
        use sea_orm::EntityTrait;
        let p = entity::person::Entity::find_by_id(self.person_id)
            .one(&app.db)
            .await
            .unwrap();
        p.unwrap().organisation_id.unwrap()
    }
}
