//! Generated input (proptest) against the live schema over HTTP: every root field with
//! arguments, every mutation, with hostile text wherever a String or ID goes. Whatever comes in,
//! the answer is never a 5xx nor INTERNAL, every error has a code, an argument holding a refused
//! character is BAD_USER_INPUT, and a write that succeeds held none in its input.

mod schema;
mod strategy;

use std::collections::HashMap;

use proptest::prelude::*;
use proptest::strategy::Union;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app};
use crate::writes;
use schema::Target;

/// Cases per run; `PROPTEST_CASES` changes it (the default stays well under 20 s per database).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000)
}

/// Any string in `v` holding a character no text may hold.
fn refused(v: &Value) -> bool {
    match v {
        Value::String(s) => samenspel::text::first_refused(s).is_some(),
        Value::Array(items) => items.iter().any(refused),
        Value::Object(fields) => fields.values().any(refused),
        _ => false,
    }
}

/// How the answers went: `errors` by first code, `written` and `refused` (userErrors) writes.
type Tally = std::sync::Mutex<std::collections::BTreeMap<String, usize>>;

async fn check(app: &TestApp, token: &str, target: &Target, vars: &Value, tally: &Tally) -> Result<(), TestCaseError> {
    let doc = target.document();
    let res = app
        .client
        .post(app.graphql_url())
        .bearer_auth(token)
        .json(&json!({ "query": doc, "variables": vars }))
        .send()
        .await
        .map_err(|e| TestCaseError::fail(format!("request failed: {e}")))?;
    let status = res.status().as_u16();
    let text = res.text().await.unwrap_or_default();
    prop_assert!(status < 500, "HTTP {status} for {doc} {vars}: {text}");
    let body: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let errors = body["errors"].as_array().cloned().unwrap_or_default();
    for e in &errors {
        let code = e["extensions"]["code"].as_str();
        prop_assert!(code.is_some_and(|c| c != "INTERNAL"), "{doc} {vars}: {e}");
    }
    if !target.mutation && refused(vars) {
        prop_assert_eq!(
            errors.first().map(|e| e["extensions"]["code"].clone()),
            Some(json!("BAD_USER_INPUT"))
        );
    }
    let payload = &body["data"][&target.field];
    if target.mutation && errors.is_empty() && payload["userErrors"] == json!([]) {
        prop_assert!(
            !refused(vars),
            "{} wrote an input holding a refused character: {vars}",
            target.field
        );
    }
    let outcome = match errors.first() {
        Some(e) => e["extensions"]["code"].as_str().unwrap_or_default().to_string(),
        None if !target.mutation => "answered".into(),
        None if payload["userErrors"] == json!([]) => "written".into(),
        None => "userErrors".into(),
    };
    *tally.lock().unwrap().entry(outcome).or_default() += 1;
    Ok(())
}

#[test]
fn generated_input_never_gets_internal_or_a_server_error() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let (app, token, schema) = rt.block_on(async {
        let app = spawn_app().await;
        let rows = writes::arrange(&app).await;
        let kinds = [
            "organisation",
            "coalition",
            "workgroup",
            "person",
            "theme",
            "question",
            "contribution",
            "track",
            "meeting",
            "outcome",
        ];
        let ids: HashMap<String, Value> = kinds.iter().map(|k| (k.to_string(), rows.id(k))).collect();
        let schema = schema::introspect(&app, ids).await;
        (app, rows.token, schema)
    });
    let queries = schema.targets.iter().filter(|t| !t.mutation).count();
    assert!(
        queries >= 8 && schema.targets.len() - queries >= 40,
        "{:?}",
        schema.targets
    );
    let strategy = Union::new((0..schema.targets.len()).map(|i| schema.case(i)));
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        max_shrink_iters: 200,
        ..Config::default()
    };
    let (started, tally) = (std::time::Instant::now(), Tally::default());
    let result = TestRunner::new(config).run(&strategy, |(i, vars)| {
        rt.block_on(check(&app, &token, &schema.targets[i], &vars, &tally))
    });
    if let Err(e) = result {
        panic!("{e} (the database had seen the cases before it, too)");
    }
    let tally = tally.into_inner().unwrap();
    eprintln!(
        "generated input: {} cases in {:?}: {tally:?}",
        cases(),
        started.elapsed()
    );
    for outcome in ["answered", "written", "userErrors", "BAD_USER_INPUT"] {
        assert!(
            tally.get(outcome).is_some_and(|n| *n > 0),
            "no case was {outcome}: {tally:?}"
        );
    }
}
