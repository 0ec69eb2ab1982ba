//! A token's life: who the viewer is, expiry with its leeway, revocation that holds from the very
//! next request, and the generated secret file.

use chrono::{Duration, Utc};
use entity::OrganisationKind;
use serde_json::json;

use super::assert_refused;
use crate::fixtures;
use crate::helpers::{TestApp, spawn_app};
use samenspel::auth::store::{self, NewToken};
use samenspel::viewer::Role;

const VIEWER: &str = "{ viewer { role tokenId tokenLabel tokenExpiresAt organisation { slug } } }";

#[tokio::test]
async fn anonymous_has_no_viewer_and_a_token_is_its_viewer() {
    let app = spawn_app().await;
    let org = fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;
    assert!(app.data(VIEWER, json!({})).await["viewer"].is_null());

    let org_token = app.token(Some(org.id), "ORG_ADMIN").await;
    let v = app.data_as(&org_token, VIEWER, json!({})).await["viewer"].clone();
    assert_eq!(v["role"], "ORG_ADMIN");
    assert_eq!(v["organisation"]["slug"], "cordaan");
    assert_eq!(v["tokenLabel"], "test ORG_ADMIN");
    assert!(v["tokenExpiresAt"].as_str().is_some_and(|t| t.starts_with('2')), "{v}");
    assert!(v["tokenId"].is_string());

    let platform = app.token(None, "PLATFORM_ADMIN").await;
    let v = app.data_as(&platform, VIEWER, json!({})).await["viewer"].clone();
    assert_eq!(v["role"], "PLATFORM_ADMIN");
    assert!(v["organisation"].is_null());
}

#[tokio::test]
async fn a_revoked_token_fails_on_the_very_next_request() {
    let app = spawn_app().await;
    let org = fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;
    let admin = app.token(Some(org.id), "ORG_ADMIN").await;
    let editor = app.token(Some(org.id), "EDITOR").await;
    let id = app.data_as(&editor, VIEWER, json!({})).await["viewer"]["tokenId"].clone();

    let revoke =
        "mutation($id: ID!) { revokeApiToken(input: {id: $id}) { apiToken { revokedAt } userErrors { code } } }";
    let d = app.data_as(&admin, revoke, json!({ "id": id })).await;
    assert!(d["revokeApiToken"]["apiToken"]["revokedAt"].is_string(), "{d}");

    assert_refused(&app, &format!("Bearer {editor}"), "TOKEN_REVOKED").await;
    // The admin's own token is untouched.
    assert_eq!(
        app.data_as(&admin, VIEWER, json!({})).await["viewer"]["role"],
        "ORG_ADMIN"
    );
}

async fn expired_since(app: &TestApp, org: i32, seconds: i64) -> String {
    let new = NewToken {
        organisation_id: Some(org),
        role: Role::Reader,
        label: "expired".into(),
        expires_at: Utc::now() - Duration::seconds(seconds),
        created_by_token_id: None,
    };
    let Ok((jwt, _)) = store::issue(&app.db, &app.keys, new).await else {
        panic!("issue");
    };
    jwt
}

#[tokio::test]
async fn expiry_allows_thirty_seconds_of_clock_skew_and_no_more() {
    let app = spawn_app().await;
    let org = fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;

    let just = expired_since(&app, org.id, 10).await;
    assert_eq!(app.data_as(&just, VIEWER, json!({})).await["viewer"]["role"], "READER");

    let long_ago = expired_since(&app, org.id, 90).await;
    assert_refused(&app, &format!("Bearer {long_ago}"), "TOKEN_EXPIRED").await;
}

#[tokio::test]
async fn the_generated_secret_is_long_and_private() {
    let app = spawn_app().await;
    let secret = std::fs::read_to_string(&app.secret_file).expect("secret file");
    assert!(secret.trim().len() >= 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&app.secret_file)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert_eq!(app.keys.kid(), samenspel::auth::keys::kid_of(secret.trim().as_bytes()));
}

#[tokio::test]
async fn last_use_is_recorded_at_most_once_a_minute() {
    use entity::api_token;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};

    let app = spawn_app().await;
    let org = fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;
    let jwt = app.token(Some(org.id), "READER").await;
    let row = api_token::Entity::find()
        .one(&app.db)
        .await
        .expect("query")
        .expect("row");
    let set = |t: chrono::DateTime<Utc>| {
        let mut am = row.clone().into_active_model();
        am.last_used_at = Set(Some(t));
        am
    };
    let last_used = || async {
        api_token::Entity::find_by_id(row.id)
            .one(&app.db)
            .await
            .expect("query")
            .expect("row")
            .last_used_at
    };

    let recent = Utc::now() - Duration::seconds(20);
    set(recent).update(&app.db).await.expect("update");
    samenspel::auth::cache::forget_all(); // as if the minute had passed: no cached row is that old
    app.data_as(&jwt, VIEWER, json!({})).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        last_used().await.map(|t| t.timestamp()),
        Some(recent.timestamp()),
        "written again within a minute"
    );

    let old = Utc::now() - Duration::seconds(120);
    set(old).update(&app.db).await.expect("update");
    samenspel::auth::cache::forget_all(); // as if the minute had passed: no cached row is that old
    app.data_as(&jwt, VIEWER, json!({})).await;
    let mut updated = false;
    for _ in 0..20 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if last_used()
            .await
            .is_some_and(|t| t > Utc::now() - Duration::seconds(10))
        {
            updated = true;
            break;
        }
    }
    assert!(updated, "last use older than a minute was not refreshed");
}
