//! A nested list leaves unread the long texts no field of the request shows (`loaders::Unread`,
//! `graphql::spare`). Every field that shows one must still read it, however it is asked for:
//! directly, under `edges { node }`, in a named or inline fragment, under an alias, beside an
//! alias of the same list that does not ask for it, or through `similarQuestions`, which reads
//! the question's context. The reference is the root lists, which read whole rows, as the same
//! viewer: a platform admin, and a reader of one organisation, who sees fewer rows.

use std::collections::HashMap;

use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_demo_app_with};

/// Each node of the root list `field`, by id, as `selection` shows it.
async fn by_id(app: &TestApp, token: &str, field: &str, selection: &str) -> HashMap<String, Value> {
    let doc = format!("{{ {field}(first: 100) {{ pageInfo {{ hasNextPage }} nodes {{ id {selection} }} }} }}");
    let d = app.data_as(token, &doc, json!({})).await;
    assert_eq!(
        d[field]["pageInfo"]["hasNextPage"], false,
        "{field}: the demo fits in one page"
    );
    let nodes = d[field]["nodes"].as_array().expect("nodes").clone();
    assert!(!nodes.is_empty(), "the demo has no {field}");
    nodes
        .into_iter()
        .map(|n| (n["id"].as_str().unwrap().to_owned(), n))
        .collect()
}

/// Checks `key` of every node in `nodes` against the reference node of the same id (its
/// `reference_key`); returns how many had a text that is not empty.
fn same(nodes: &Value, key: &str, reference: &HashMap<String, Value>, reference_key: &str, what: &str) -> usize {
    let mut texts = 0;
    for node in nodes.as_array().expect("a list of nodes") {
        let id = node["id"].as_str().expect("id");
        let whole = &reference[id];
        assert_eq!(node[key], whole[reference_key], "{what} of {id}");
        texts += usize::from(node[key].as_str().is_some_and(|s| !s.is_empty()));
    }
    texts
}

/// Reads every kind of long text through nested lists as the holder of `token`, each compared
/// with the same viewer's root lists; returns how many real texts of each kind were compared and
/// how many questions the viewer's root list has.
async fn nested_texts_match_root_lists(app: &TestApp, token: &str) -> (HashMap<&'static str, usize>, usize) {
    let questions = by_id(
        app,
        token,
        "learningQuestions",
        "context resolutionSummary similarQuestions(first: 3) { id }",
    )
    .await;
    let workgroups = by_id(app, token, "workgroups", "description").await;
    let meetings = by_id(app, token, "meetings", "report").await;
    let tracks = by_id(app, token, "learningTracks", "goal").await;
    let outcomes = by_id(app, token, "outcomes", "summary").await;
    let themes = by_id(app, token, "themes", "description").await;

    let doc = r#"
        fragment Context on LearningQuestion { context }
        {
          coalitions(first: 100) {
            nodes {
              workgroups(first: 100) { nodes { id description } }
              named: workgroups(first: 100) { nodes { id name } }
              learningQuestions(first: 100) { edges { node { id ...Context resolutionSummary } } }
              bare: learningQuestions(first: 100) { nodes { id title } }
              inline: learningQuestions(first: 100) { nodes { id ... on LearningQuestion { s: resolutionSummary } } }
              similar: learningQuestions(first: 100) { nodes { id similarQuestions(first: 3) { id } } }
              meetings(first: 100) { nodes { id report } }
              learningTracks(first: 100) { nodes { id goal } }
              outcomes(first: 100) { nodes { id summary } }
            }
          }
          themes(first: 100) { nodes { workgroups(first: 100) { nodes { id description } } } }
        }"#;
    let d = app.data_as(token, doc, json!({})).await;
    let coalitions = d["coalitions"]["nodes"].as_array().expect("coalitions");
    assert!(!coalitions.is_empty());

    let mut texts: HashMap<&str, usize> = HashMap::new();
    let mut count = |what: &'static str, n: usize| *texts.entry(what).or_default() += n;
    for c in coalitions {
        count(
            "workgroup description",
            same(
                &c["workgroups"]["nodes"],
                "description",
                &workgroups,
                "description",
                "description",
            ),
        );
        let edges = c["learningQuestions"]["edges"].as_array().expect("edges");
        let nodes: Value = edges.iter().map(|e| e["node"].clone()).collect();
        count(
            "question context",
            same(&nodes, "context", &questions, "context", "context (fragment)"),
        );
        count(
            "question resolution summary",
            same(
                &nodes,
                "resolutionSummary",
                &questions,
                "resolutionSummary",
                "resolutionSummary",
            ),
        );
        same(
            &c["inline"]["nodes"],
            "s",
            &questions,
            "resolutionSummary",
            "resolutionSummary (inline, aliased)",
        );
        for q in c["similar"]["nodes"].as_array().expect("similar") {
            let id = q["id"].as_str().unwrap();
            assert_eq!(
                q["similarQuestions"], questions[id]["similarQuestions"],
                "similar questions of {id}"
            );
            count(
                "similar questions",
                usize::from(!q["similarQuestions"].as_array().unwrap().is_empty()),
            );
        }
        // The lists that read no text are the same pages.
        let ids = |list: &Value| -> Vec<Value> { list.as_array().unwrap().iter().map(|n| n["id"].clone()).collect() };
        assert_eq!(ids(&c["bare"]["nodes"]), ids(&nodes));
        assert_eq!(ids(&c["named"]["nodes"]), ids(&c["workgroups"]["nodes"]));
        count(
            "meeting report",
            same(&c["meetings"]["nodes"], "report", &meetings, "report", "report"),
        );
        count(
            "track goal",
            same(&c["learningTracks"]["nodes"], "goal", &tracks, "goal", "goal"),
        );
        count(
            "outcome summary",
            same(&c["outcomes"]["nodes"], "summary", &outcomes, "summary", "summary"),
        );
    }
    for t in d["themes"]["nodes"].as_array().expect("themes") {
        count(
            "theme workgroup description",
            same(
                &t["workgroups"]["nodes"],
                "description",
                &workgroups,
                "description",
                "description (through a theme)",
            ),
        );
    }
    // Theme descriptions are read through a nested list of a question's themes.
    let d = app
        .data_as(
            token,
            "{ learningQuestions(first: 100) { nodes { themes(first: 100) { nodes { id description } } } } }",
            json!({}),
        )
        .await;
    let mut theme_texts = 0;
    for q in d["learningQuestions"]["nodes"].as_array().unwrap() {
        theme_texts += same(
            &q["themes"]["nodes"],
            "description",
            &themes,
            "description",
            "theme description",
        );
    }
    texts.insert("theme description", theme_texts);
    (texts, questions.len())
}

#[tokio::test]
async fn every_field_that_shows_a_long_text_reads_it_in_a_nested_list() {
    let app = spawn_demo_app_with(|s| {
        s.limits.limit_complexity = usize::MAX;
        s.limits.limit_selections = usize::MAX;
        s.limits.limit_aliases = usize::MAX;
    })
    .await;
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    let (texts, all) = nested_texts_match_root_lists(&app, &admin).await;
    // Every kind of text was compared on real text at least once, or the test proves nothing.
    for what in [
        "workgroup description",
        "question context",
        "question resolution summary",
        "similar questions",
        "meeting report",
        "track goal",
        "outcome summary",
        "theme workgroup description",
        "theme description",
    ] {
        assert!(
            texts.get(what).copied().unwrap_or(0) > 0,
            "no {what} was compared: {texts:?}"
        );
    }
    // A reader of one organisation sees fewer rows, and the texts of those it sees.
    let member = entity::coalition_membership::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo has members");
    let reader = app.token(Some(member.organisation_id), "READER").await;
    let (texts, seen) = nested_texts_match_root_lists(&app, &reader).await;
    assert!(seen < all, "the reader sees {seen} of {all} questions");
    assert!(texts["question context"] > 0, "{texts:?}");
}
