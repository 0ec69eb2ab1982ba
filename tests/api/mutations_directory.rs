//! Directory mutations over HTTP: organisations, coalitions and their members, people and
//! themes. Each success leaves one audit event; each refusal leaves the database as it was.

mod coalitions;
mod members;
mod organisations;
mod people;
mod themes;

use std::fmt::Debug;

use entity::{MembershipRole, OrganisationKind, audit_event};
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};
use serde_json::{Value, json};

use crate::fixtures;
use crate::helpers::TestApp;
use samenspel::graphql::ids::{NodeType, encode};

/// Two organisations, A leading coalition C and B a partner in it, and a token of every kind.
pub struct World {
    pub org_a: i32,
    pub org_b: i32,
    pub coalition: i32,
    pub platform: String,
    pub admin_a: String,
    pub editor_a: String,
    pub reader_a: String,
    pub admin_b: String,
}

pub async fn arrange(app: &TestApp) -> World {
    let db = &app.db;
    let a = fixtures::org(db, "cordaan", OrganisationKind::CareProvider).await;
    let b = fixtures::org(db, "philadelphia", OrganisationKind::CareProvider).await;
    let c = fixtures::coalition(db, "cop-wooncirkels").await;
    fixtures::member_as(db, c.id, a.id, MembershipRole::Lead).await;
    fixtures::member(db, c.id, b.id).await;
    World {
        org_a: a.id,
        org_b: b.id,
        coalition: c.id,
        platform: app.token(None, "PLATFORM_ADMIN").await,
        admin_a: app.token(Some(a.id), "ORG_ADMIN").await,
        editor_a: app.token(Some(a.id), "EDITOR").await,
        reader_a: app.token(Some(a.id), "READER").await,
        admin_b: app.token(Some(b.id), "ORG_ADMIN").await,
    }
}

/// The global ID of row `id` of type `t`.
pub fn gid(t: NodeType, id: i32) -> String {
    encode(t, id).to_string()
}

/// The mutation `name` taking an input of type `ty` and selecting `selection`.
pub fn mutation(name: &str, ty: &str, selection: &str) -> String {
    format!("mutation($input: {ty}!) {{ {name}(input: $input) {{ {selection} userErrors {{ field code message }} }} }}")
}

/// Runs mutation `q` (named `name`) with `input` as `token`; returns its payload.
pub async fn run(app: &TestApp, token: &str, q: &str, name: &str, input: Value) -> Value {
    app.data_as(token, q, json!({ "input": input })).await[name].clone()
}

/// `field:CODE` of every user error of a payload.
pub fn problems(payload: &Value) -> Vec<String> {
    let errors = payload["userErrors"].as_array().expect("userErrors");
    errors
        .iter()
        .map(|e| {
            format!(
                "{}:{}",
                e["field"][0].as_str().unwrap_or("-"),
                e["code"].as_str().unwrap()
            )
        })
        .collect()
}

/// Every audit event, oldest first.
pub async fn audits(app: &TestApp) -> Vec<audit_event::Model> {
    audit_event::Entity::find()
        .order_by_asc(audit_event::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
}

/// Asserts that the newest of `n` audit events records `action` on `entity_id` with `changed`.
pub async fn assert_audited(app: &TestApp, n: usize, action: &str, entity_id: &str, changed: &[&str]) {
    let all = audits(app).await;
    assert_eq!(all.len(), n, "audit events: {all:?}");
    let last = all.last().expect("an audit event");
    assert_eq!((last.action.as_str(), last.entity_id.as_str()), (action, entity_id));
    let got: Vec<String> = serde_json::from_str(&last.changed_fields).unwrap();
    assert_eq!(got, changed, "changed fields of {action}");
}

/// Every row of `E` and the number of audit events: what a refused write must leave alone.
pub async fn snapshot<E: EntityTrait>(app: &TestApp) -> (Vec<E::Model>, u64)
where
    E::Model: Sync,
{
    let rows = E::find().all(&app.db).await.unwrap();
    (rows, audit_event::Entity::find().count(&app.db).await.unwrap())
}

/// Asserts that `q` with `input` fails with `code` for `token` (anonymous when `None`) and
/// changes nothing in `E` or the audit log.
pub async fn refused<E: EntityTrait>(app: &TestApp, token: Option<&str>, q: &str, input: &Value, code: &str)
where
    E::Model: Sync + PartialEq + Debug,
{
    let before = snapshot::<E>(app).await;
    let vars = json!({ "input": input });
    let got = match token {
        Some(t) => app.error_code_as(t, q, vars).await,
        None => app.error_code(q, vars).await,
    };
    assert_eq!(got, code, "for {input}");
    assert_eq!(snapshot::<E>(app).await, before, "a refused write changed something");
}

/// Asserts that `q` with `input` is answered with exactly `expected` user errors and changes
/// nothing in `E` or the audit log.
pub async fn rejected<E: EntityTrait>(app: &TestApp, token: &str, q: &str, name: &str, input: Value, expected: &[&str])
where
    E::Model: Sync + PartialEq + Debug,
{
    let before = snapshot::<E>(app).await;
    let p = run(app, token, q, name, input.clone()).await;
    assert_eq!(problems(&p), expected, "for {input}");
    assert!(
        p.as_object().unwrap().values().all(|v| !v.is_object()),
        "no object on refusal: {p}"
    );
    assert_eq!(snapshot::<E>(app).await, before, "a rejected write changed something");
}
