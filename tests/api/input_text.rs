//! Text PostgreSQL cannot store (NUL) and its fellow C0 control characters are refused on both
//! databases: `BAD_USER_INPUT` in arguments and variables, a `userError` INVALID naming the
//! field in a mutation's input. Tab, newline and carriage return are ordinary text.

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};
use crate::text_fields::text_fields;
use crate::writes;

async fn audit_count(app: &TestApp) -> i64 {
    let sql = "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM audit_event";
    let stmt = Statement::from_string(app.db.get_database_backend(), sql);
    let row = app.db.query_one_raw(stmt).await.unwrap().unwrap();
    row.try_get("", "n").unwrap()
}

#[tokio::test]
async fn control_characters_in_arguments_and_variables_are_bad_user_input() {
    let app = spawn_app().await;
    let rows = writes::arrange(&app).await;
    let before = audit_count(&app).await;
    let theme = "mutation($s: String!) { createTheme(input: {slug: \"ab\", name: \"x\"}) { theme { learningQuestions(after: $s) { totalCount } } } }";
    let cases: Vec<(&str, Value)> = vec![
        (r#"{ organisation(slug: "cord\u0000aan") { id } }"#, json!({})),
        (
            "query($s: String!) { organisation(slug: $s) { id } }",
            json!({ "s": "cord\u{0}aan" }),
        ),
        (
            "query($s: String!) { coalition(slug: $s) { id } }",
            json!({ "s": "\u{1}" }),
        ),
        (
            "query($s: String!) { theme(slug: $s) { id } }",
            json!({ "s": "wonen\u{1f}" }),
        ),
        (
            "query($s: String!) { theme(slug: $s) { id } }",
            json!({ "s": "wonen\u{b}zorg" }),
        ),
        (
            r#"{ auditEvents(filter: {action: "create\u0000"}) { totalCount } }"#,
            json!({}),
        ),
        (
            "query($f: AuditEventFilter) { auditEvents(filter: $f) { totalCount } }",
            json!({ "f": { "action": "x\u{1b}[31m" } }),
        ),
        (r#"{ organisations(after: "\u0000") { totalCount } }"#, json!({})),
        (
            "query($s: String = \"a\\u0000\") { organisation(slug: $s) { id } }",
            json!({}),
        ),
        (
            "{ ...F } fragment F on Query { coalition(slug: \"\\u0007\") { id } }",
            json!({}),
        ),
        // Only a mutation's own `input` is left to the write service; a variable used there and
        // in an argument is checked, and nothing runs.
        (theme, json!({ "s": "\u{0}" })),
        (
            "mutation($n: String!) { createTheme(input: {slug: \"ab\", name: $n}) { theme { workgroups(before: $n) { totalCount } } } }",
            json!({ "n": "x\u{0}" }),
        ),
    ];
    for (query, vars) in cases {
        let body = app.post_as(&rows.token, query, vars.clone()).await;
        let e = &body["errors"][0];
        assert_eq!(e["extensions"]["code"], "BAD_USER_INPUT", "{query} {vars}: {body}");
        assert!(e["message"].as_str().unwrap().contains("control character"), "{body}");
        assert!(body["data"].is_null(), "nothing ran: {body}");
    }
    assert_eq!(audit_count(&app).await, before, "nothing was written");
}

#[tokio::test]
async fn tab_newline_and_carriage_return_are_ordinary_text() {
    let app = spawn_app().await;
    let rows = writes::arrange(&app).await;
    let code = app
        .error_code(
            "query($s: String!) { organisation(slug: $s) { id } }",
            json!({ "s": "a\tb\r\nc" }),
        )
        .await;
    assert_eq!(code, "NOT_FOUND");
    let mut input = rows.input("createTheme", 1);
    input["description"] = json!("kolom\tkolom\r\nregel\nregel");
    let p = rows.send(&app, "createTheme", input).await;
    assert_eq!(p["userErrors"], json!([]));
    let q = "{ theme(slug: \"th-1\") { description } }";
    assert_eq!(
        app.data(q, json!({})).await["theme"]["description"],
        "kolom\tkolom\r\nregel\nregel"
    );
}

#[tokio::test]
async fn control_characters_in_input_fields_are_user_errors_naming_the_field() {
    let app = spawn_app().await;
    let rows = writes::arrange(&app).await;
    let before = audit_count(&app).await;
    // NUL (which PostgreSQL cannot store, nor even compare) in every field, and one of the
    // others, which PostgreSQL would store.
    let others = ['\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{1f}'];
    for (k, (mutation, field, _)) in text_fields().enumerate() {
        for c in ['\u{0}', others[k % others.len()]] {
            let mut input = rows.input(mutation, k);
            input[field] = json!(format!("ab{c}cd"));
            let p = rows.send(&app, mutation, input).await;
            let codes = writes::codes_on(&p, field);
            assert!(
                codes.contains(&"INVALID".to_string()),
                "{mutation}.{field} with {c:?}: {p}"
            );
        }
    }
    let mut input = rows.input("createOrganisation", 0);
    input["name"] = json!("\u{0}");
    input["city"] = json!("Amster\u{0}dam");
    let p = rows.send(&app, "createOrganisation", input).await;
    assert_eq!(writes::codes_on(&p, "name"), ["INVALID"], "{p}");
    assert_eq!(
        writes::codes_on(&p, "city"),
        ["INVALID"],
        "every problem in one round: {p}"
    );
    assert_eq!(audit_count(&app).await, before, "nothing was written");
}
