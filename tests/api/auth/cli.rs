//! `samenspel token …`: the built binary issues a token that works over HTTP, lists tokens
//! without them, and revokes them.

use std::process::Output;

use entity::{OrganisationKind, api_token};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

use super::assert_refused;
use crate::fixtures;
use crate::helpers::{TestApp, spawn_app};

/// Runs `samenspel token <args>` against the test's database and secret.
async fn samenspel(app: &TestApp, args: &[&str]) -> Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_samenspel"));
    cmd.arg("token")
        .args(args)
        .env("DATABASE_URL", &app.database_url)
        .env("SAMENSPEL_JWT_SECRET_FILE", &app.secret_file)
        .env("SAMENSPEL_LOG", "warn")
        .env_remove("SAMENSPEL_JWT_SECRET")
        .env_remove("SAMENSPEL_JWT_PREVIOUS_SECRETS");
    tokio::task::spawn_blocking(move || cmd.output().expect("run samenspel"))
        .await
        .expect("join")
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test]
async fn the_cli_issues_lists_and_revokes_tokens() {
    let app = spawn_app().await;
    fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;

    let issued = stdout(&samenspel(&app, &["issue", "--role", "PLATFORM_ADMIN", "--label", "bootstrap"]).await);
    let platform = issued.trim();
    assert_eq!(issued.lines().count(), 1, "only the token on stdout: {issued}");
    assert_eq!(platform.split('.').count(), 3);
    let v = app
        .data_as(platform, "{ viewer { role organisation { slug } } }", json!({}))
        .await;
    assert_eq!(v["viewer"], json!({ "role": "PLATFORM_ADMIN", "organisation": null }));

    let args = [
        "issue",
        "--org",
        "cordaan",
        "--role",
        "ORG_ADMIN",
        "--expires-in",
        "30d",
        "--label",
        "Beheer",
    ];
    let admin = stdout(&samenspel(&app, &args).await).trim().to_string();
    let v = app
        .data_as(&admin, "{ viewer { role organisation { slug } } }", json!({}))
        .await;
    assert_eq!(
        v["viewer"],
        json!({ "role": "ORG_ADMIN", "organisation": { "slug": "cordaan" } })
    );

    let list = stdout(&samenspel(&app, &["list"]).await);
    assert!(
        list.contains("bootstrap") && list.contains("cordaan") && list.contains("ORG_ADMIN"),
        "{list}"
    );
    assert!(
        !list.contains(platform) && !list.contains(&admin),
        "list shows a token: {list}"
    );

    let id = samenspel::auth::store::parse_id(super::claims_of(&admin)["sub"].as_str().unwrap_or_default());
    let revoked = samenspel(&app, &["revoke", &id.unwrap_or_default().to_string()]).await;
    stdout(&revoked);
    if app.db.get_database_backend() == sea_orm::DbBackend::Postgres {
        // The command line is another process: on PostgreSQL the server may answer from the
        // token row it read less than a second ago, and promises the revocation within it.
        tokio::time::sleep(samenspel::auth::cache::TTL).await;
    }
    assert_refused(&app, &format!("Bearer {admin}"), "TOKEN_REVOKED").await;
}

#[tokio::test]
async fn the_cli_refuses_bad_requests() {
    let app = spawn_app().await;
    fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;
    let bad: [&[&str]; 5] = [
        &["issue", "--role", "PLATFORM_ADMIN", "--org", "cordaan", "--label", "x"],
        &["issue", "--role", "EDITOR", "--label", "x"],
        &["issue", "--role", "EDITOR", "--org", "nergens", "--label", "x"],
        &[
            "issue",
            "--role",
            "EDITOR",
            "--org",
            "cordaan",
            "--expires-in",
            "400d",
            "--label",
            "x",
        ],
        &["issue", "--role", "ROOT", "--org", "cordaan", "--label", "x"],
    ];
    for args in bad {
        let out = samenspel(&app, args).await;
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(
            out.stdout.is_empty(),
            "{args:?} printed {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[tokio::test]
async fn the_cli_issues_no_token_for_an_archived_organisation() {
    let app = spawn_app().await;
    let org = fixtures::org(&app.db, "cordaan", OrganisationKind::CareProvider).await;
    let mut am: entity::organisation::ActiveModel = org.into();
    am.archived_at = sea_orm::ActiveValue::Set(Some(chrono::Utc::now()));
    sea_orm::ActiveModelTrait::update(am, &app.db).await.expect("archive");
    let before = api_token::Entity::find().count(&app.db).await.expect("count");

    let args = ["issue", "--org", "cordaan", "--role", "EDITOR", "--label", "x"];
    let out = samenspel(&app, &args).await;
    assert!(!out.status.success(), "issued for an archived organisation");
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("archived"), "{stderr}");
    assert_eq!(api_token::Entity::find().count(&app.db).await.expect("count"), before);
}
