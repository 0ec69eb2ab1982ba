//! Inputs the generated-input test found to give INTERNAL or an error without a code, pinned
//! here so they stay fixed whatever the generator draws.

use serde_json::json;

use crate::helpers::spawn_app;
use crate::writes::{self, codes_on};

#[tokio::test]
async fn a_value_a_custom_scalar_cannot_parse_is_bad_user_input() {
    let app = spawn_app().await;
    let rows = writes::arrange(&app).await;
    let mut input = rows.input("createLearningTrack", 1);
    input["startsOn"] = json!("");
    let q =
        "mutation($input: CreateLearningTrackInput!) { createLearningTrack(input: $input) { userErrors { code } } }";
    assert_eq!(
        app.error_code_as(&rows.token, q, json!({ "input": input })).await,
        "BAD_USER_INPUT"
    );
}

#[tokio::test]
async fn a_deleted_person_cannot_ask_or_author_even_for_a_platform_admin() {
    let app = spawn_app().await;
    let rows = writes::arrange(&app).await;
    let p = rows
        .send(&app, "deletePerson", json!({ "id": rows.id("person") }))
        .await;
    assert_eq!(p["userErrors"], json!([]));
    let mut input = rows.input("createLearningQuestion", 1);
    input["askedByPerson"] = rows.id("person");
    let p = rows.send(&app, "createLearningQuestion", input).await;
    assert_eq!(codes_on(&p, "askedByPerson"), ["INVALID"], "{p}");
    let mut input = rows.input("addContribution", 1);
    input["author"] = rows.id("person");
    let p = rows.send(&app, "addContribution", input).await;
    assert_eq!(codes_on(&p, "author"), ["INVALID"], "{p}");
}

#[tokio::test]
async fn a_theme_named_twice_is_linked_once() {
    let app = spawn_app().await;
    let rows = writes::arrange(&app).await;
    let mut input = rows.input("createLearningQuestion", 1);
    input["themes"] = json!([rows.id("theme"), rows.id("theme")]);
    let q = "mutation($input: CreateLearningQuestionInput!) { createLearningQuestion(input: $input) {
        learningQuestion { themes { totalCount } } userErrors { code } } }";
    let d = app.data_as(&rows.token, q, json!({ "input": input })).await;
    assert_eq!(
        d["createLearningQuestion"]["learningQuestion"]["themes"]["totalCount"], 1,
        "{d}"
    );
}

#[tokio::test]
async fn creating_with_an_external_ref_in_use_is_a_duplicate() {
    let app = spawn_app().await;
    let rows = writes::arrange(&app).await;
    for mutation in ["createLearningQuestion", "addContribution", "createMeeting"] {
        let mut input = rows.input(mutation, 1);
        input["externalRef"] = json!("crm-42");
        let first = rows.send(&app, mutation, input.clone()).await;
        assert_eq!(first["userErrors"], json!([]), "{mutation}");
        let again = rows.send(&app, mutation, input).await;
        assert_eq!(codes_on(&again, "externalRef"), ["DUPLICATE"], "{mutation}: {again}");
    }
}
