//! Cursors are opaque for real: only a cursor this server issued for the same list and ordering
//! pages on; anything else (forged, altered, of another list, ordering or server) is
//! BAD_USER_INPUT on every connection, on SQLite and PostgreSQL alike.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use entity::OrganisationKind;
use serde_json::{Value, json};

use crate::fixtures;
use crate::helpers::{TestApp, spawn_app, spawn_app_with};
use crate::writes;

/// The root fields of the live schema that are connections.
async fn root_connections(app: &TestApp) -> Vec<String> {
    let q = "{ __schema { queryType { fields { name type { name ofType { name } } } } } }";
    let fields = app.data(q, json!({})).await["__schema"]["queryType"]["fields"].clone();
    let names: Vec<String> = fields
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            let ty = f["type"]["name"].as_str().or(f["type"]["ofType"]["name"].as_str());
            // The change feed pages forward only and has no totalCount: its cursors are tested
            // in `changes::feed`. Search needs a query and pages forward only: its cursors are
            // tested in `search::paging` and `search::hostile`.
            ty.unwrap_or_default().ends_with("Connection") && f["name"] != "changes" && f["name"] != "search"
        })
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    names
}

/// A cursor the server issued for the first row of `field`.
async fn issued(app: &TestApp, token: &str, field: &str) -> String {
    let q = format!("{{ {field}(first: 1) {{ edges {{ cursor }} pageInfo {{ endCursor }} }} }}");
    let d = app.data_as(token, &q, json!({})).await;
    let end = d[field]["pageInfo"]["endCursor"]
        .as_str()
        .unwrap_or_else(|| panic!("a row of {field}: {d}"))
        .to_string();
    assert_eq!(d[field]["edges"][0]["cursor"], end, "one row, one cursor");
    end
}

/// The cursors of the old, unsigned form (base64url of JSON `[sort, value, id]`) with every
/// ordering name and every kind of value: each a wrong type for some column.
fn forged() -> Vec<String> {
    let sorts = [
        "NAME",
        "NAME_DESC",
        "ID",
        "TITLE",
        "TITLE_ASC",
        "TITLE_DESC",
        "CREATED_AT_ASC",
        "CREATED_AT_DESC",
        "UPDATED_AT_ASC",
        "UPDATED_AT_DESC",
        "STARTS_AT_ASC",
        "STARTS_AT_DESC",
    ];
    let values = [
        json!({ "Int": 7 }),
        json!({ "Text": "x" }),
        json!({ "Time": "2025-01-01T00:00:00Z" }),
        json!({ "Date": "2025-01-01" }),
    ];
    let mut out = vec![
        "garbage".to_string(),
        "".to_string(),
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".to_string(),
    ];
    for s in sorts {
        for v in &values {
            out.push(URL_SAFE_NO_PAD.encode(json!([s, v, 1]).to_string()));
        }
    }
    out
}

/// Webhook receivers on this machine are allowed, so the `webhooks` list can have a row.
fn receivers_allowed(s: &mut samenspel::config::ServeSettings) {
    s.webhooks.webhook_allow_private = true;
    s.webhooks.webhook_allow_http = true;
}

/// A webhook of the token's own organisation (a receiver that is never there: port 9).
async fn a_webhook(app: &TestApp, token: &str) {
    let q = "mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { userErrors { code } } }";
    let d = app
        .data_as(token, q, json!({ "i": { "url": "http://127.0.0.1:9/hook" } }))
        .await;
    assert_eq!(d["createWebhook"]["userErrors"], json!([]), "{d}");
}

async fn code(app: &TestApp, token: &str, field: &str, arg: &str, cursor: &str) -> String {
    let q = format!("query($c: String) {{ {field}({arg}: $c, first: 1) {{ totalCount }} }}");
    let q = if arg == "before" { q.replace("first", "last") } else { q };
    let body = app.post_as(token, &q, json!({ "c": cursor })).await;
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("none")
        .to_string()
}

#[tokio::test]
async fn only_cursors_issued_for_the_same_list_page_on_every_root_connection() {
    let app = spawn_app_with(receivers_allowed).await;
    let rows = writes::arrange(&app).await;
    let token = &rows.token;
    rows.send(&app, "createTheme", rows.input("createTheme", 1)).await; // an audit event
    a_webhook(&app, token).await;
    let other = spawn_app_with(receivers_allowed).await;
    let other_rows = writes::arrange(&other).await;
    other_rows
        .send(&other, "createTheme", other_rows.input("createTheme", 1))
        .await;
    a_webhook(&other, &other_rows.token).await;
    let connections = root_connections(&app).await;
    let forged = forged();
    for (i, field) in connections.iter().enumerate() {
        let own = issued(&app, token, field).await;
        assert_eq!(
            code(&app, token, field, "after", &own).await,
            "none",
            "{field}: its own cursor"
        );
        let decoded = URL_SAFE_NO_PAD.decode(&own).unwrap();
        assert!(serde_json::from_slice::<Value>(&decoded).is_err(), "{field}: not JSON");
        let mut altered = decoded.clone();
        altered[decoded.len() / 2] ^= 0x01;
        let neighbour = &connections[(i + 1) % connections.len()];
        let mut bad = vec![
            URL_SAFE_NO_PAD.encode(&altered),
            own[..own.len() - 1].to_string(),
            issued(&app, token, neighbour).await,
            issued(&other, &other_rows.token, field).await,
        ];
        bad.extend(forged.iter().cloned());
        for cursor in &bad {
            for arg in ["after", "before"] {
                let got = code(&app, token, field, arg, cursor).await;
                assert_eq!(got, "BAD_USER_INPUT", "{field}({arg}: {cursor:?})");
            }
        }
    }
}

#[tokio::test]
async fn a_cursor_of_another_ordering_or_nested_list_is_refused() {
    let app = spawn_app().await;
    let rows = writes::arrange(&app).await;
    let by_name = issued(&app, &rows.token, "organisations").await;
    let q = "query($c: String) { organisations(after: $c, orderBy: {field: CREATED_AT}) { totalCount } }";
    assert_eq!(app.error_code(q, json!({ "c": by_name })).await, "BAD_USER_INPUT");
    // The workgroups of a coalition and of a theme: the same table and ordering, other lists.
    let q = "{ coalition(slug: \"cop-wooncirkels\") { workgroups(first: 1) { pageInfo { endCursor } } } }";
    let of_coalition = app.data(q, json!({})).await["coalition"]["workgroups"]["pageInfo"]["endCursor"].clone();
    let nested = |of: &str| {
        format!(
            "query($c: String) {{ {of}(slug: \"{}\") {{ workgroups(after: $c) {{ totalCount }} }} }}",
            if of == "theme" {
                "wooncirkels"
            } else {
                "cop-wooncirkels"
            }
        )
    };
    let body = app.post(&nested("coalition"), json!({ "c": of_coalition })).await;
    assert!(body["errors"].is_null(), "{body}");
    assert_eq!(body["data"]["coalition"]["workgroups"]["totalCount"], 1);
    let code = app.error_code(&nested("theme"), json!({ "c": of_coalition })).await;
    assert_eq!(code, "BAD_USER_INPUT");
    let code = app
        .error_code(
            "query($c: String) { workgroups(after: $c) { totalCount } }",
            json!({ "c": of_coalition }),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT", "nor in the root list of the same rows");
}

#[tokio::test]
async fn cursors_outlive_a_rotation_of_the_secret_while_the_old_one_is_kept() {
    let (old, new) = ("a".repeat(40), "b".repeat(40));
    let before = spawn_app_with(|s| s.jwt.secret = Some(old.clone())).await;
    fixtures::org(&before.db, "cordaan", OrganisationKind::CareProvider).await;
    let cursor = before
        .data("{ organisations(first: 1) { pageInfo { endCursor } } }", json!({}))
        .await["organisations"]["pageInfo"]["endCursor"]
        .clone();
    let q = "query($c: String) { organisations(after: $c) { totalCount } }";
    let rotated = spawn_app_with(|s| {
        s.jwt.secret = Some(new.clone());
        s.jwt.previous_secrets = vec![old.clone()];
    })
    .await;
    let body = rotated.post(q, json!({ "c": cursor })).await;
    assert!(body["errors"].is_null(), "signed under the previous secret: {body}");
    let dropped = spawn_app_with(|s| s.jwt.secret = Some(new.clone())).await;
    assert_eq!(dropped.error_code(q, json!({ "c": cursor })).await, "BAD_USER_INPUT");
}
