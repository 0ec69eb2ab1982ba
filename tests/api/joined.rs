//! A single learning question read with its workgroup, coalition and first page of
//! contributions: one statement on PostgreSQL (where joins pay; SQLite keeps one statement per
//! relation), the same answer and the same visibility on both, and never a row from before a
//! write.

use entity::Visibility;
use samenspel::graphql::ids::{NodeType, encode};
use serde_json::json;

use crate::fixtures::{self, world};
use crate::helpers::{TestApp, spawn_app};

/// `joined` statements on PostgreSQL, where related rows are joined in; `separate` on SQLite.
fn expected(app: &TestApp, joined: u64, separate: u64) -> u64 {
    use sea_orm::DbBackend;
    match app.db.get_database_backend() {
        DbBackend::Postgres => joined,
        _ => separate,
    }
}

const LOOKUP: &str = r#"query($id: ID!) { node(id: $id) { ... on LearningQuestion {
    title workgroup { id name } coalition { id name } } } }"#;

#[tokio::test]
async fn a_question_lookup_reads_its_workgroup_and_coalition_in_one_statement_on_postgresql() {
    let app = spawn_app().await;
    let w = world(&app.db).await;
    let id = encode(NodeType::LearningQuestion, w.question.id);
    let wg = w.question.workgroup_id.expect("the world's question has a workgroup");

    let before = app.statements.get();
    let d = app.data(LOOKUP, json!({ "id": id })).await;
    let statements = app.statements.get() - before;
    let q = &d["node"];
    assert_eq!(q["title"], w.question.title.as_str());
    assert_eq!(q["workgroup"]["id"], encode(NodeType::Workgroup, wg).to_string());
    assert_eq!(q["workgroup"]["name"], "Werkgroep wooncirkels");
    assert_eq!(
        q["coalition"]["id"],
        encode(NodeType::Coalition, w.coalition.id).to_string()
    );
    assert_eq!(q["coalition"]["name"], w.coalition.name.as_str());
    assert_eq!(
        statements,
        expected(&app, 1, 3),
        "question, workgroup and coalition in one statement on PostgreSQL"
    );

    // Through a fragment spread as well, and with only one of the two asked for.
    let before = app.statements.get();
    let d = app
        .data(
            r#"query($id: ID!) { node(id: $id) { ...Q } }
               fragment Q on LearningQuestion { coalition { name } }"#,
            json!({ "id": id }),
        )
        .await;
    assert_eq!(d["node"]["coalition"]["name"], w.coalition.name.as_str());
    assert_eq!(app.statements.get() - before, expected(&app, 1, 2));
}

#[tokio::test]
async fn the_joined_lookup_hides_what_the_viewer_may_not_see() {
    let app = spawn_app().await;
    let w = world(&app.db).await;
    // A public question in a coalition-only workgroup: hidden with its workgroup from outsiders.
    let closed = fixtures::workgroup(&app.db, w.coalition.id, "Besloten werkgroep", Visibility::Coalition).await;
    let q = fixtures::question(
        &app.db,
        w.coalition.id,
        Some(closed.id),
        "Besloten vraag",
        Visibility::Public,
    )
    .await;
    let id = encode(NodeType::LearningQuestion, q.id);

    let anonymous = app.data(LOOKUP, json!({ "id": id })).await;
    assert!(anonymous["node"].is_null(), "hidden from anonymous: {anonymous}");
    let outsider_org = fixtures::org(&app.db, "buiten", entity::OrganisationKind::Welfare).await;
    let outsider = app.token(Some(outsider_org.id), "READER").await;
    let d = app.data_as(&outsider, LOOKUP, json!({ "id": id })).await;
    assert!(d["node"].is_null(), "hidden from a non-member: {d}");

    let member = app.token(Some(w.org.id), "READER").await;
    let d = app.data_as(&member, LOOKUP, json!({ "id": id })).await;
    assert_eq!(d["node"]["workgroup"]["name"], "Besloten werkgroep");
    assert_eq!(d["node"]["coalition"]["name"], w.coalition.name.as_str());
}

#[tokio::test]
async fn a_write_in_the_same_request_is_never_answered_with_a_row_read_before_it() {
    let app = spawn_app().await;
    let w = world(&app.db).await;
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    let wg = encode(NodeType::Workgroup, w.question.workgroup_id.unwrap()).to_string();
    let question = encode(NodeType::LearningQuestion, w.question.id).to_string();
    // A batch: a read that joins (and would keep) the workgroup, then a mutation that renames
    // it and reads it back through the question.
    let batch = json!([
        { "query": LOOKUP, "variables": { "id": question } },
        { "query": r#"mutation($wg: ID!, $q: ID!) {
              a: updateWorkgroup(input: { id: $wg, name: "Nieuwe naam" }) { userErrors { code } }
              b: updateLearningQuestion(input: { id: $q, title: "Wat is een wooncirkel precies?" }) {
                   learningQuestion { title workgroup { name } } userErrors { code } } }"#,
          "variables": { "wg": wg, "q": question } }
    ]);
    let answer = app
        .send(app.client.post(app.graphql_url()).bearer_auth(&admin).json(&batch))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let written = &answer.body[1]["data"];
    assert_eq!(written["a"]["userErrors"], json!([]), "{}", answer.text);
    assert_eq!(
        written["b"]["learningQuestion"]["workgroup"]["name"], "Nieuwe naam",
        "the payload reads the workgroup as the write left it: {}",
        answer.text
    );
}

#[tokio::test]
async fn a_page_of_contributions_brings_its_organisations_and_attribution_still_decides() {
    use entity::Attribution;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let app = spawn_app().await;
    let w = world(&app.db).await;
    // Beside the world's NAMED contribution of Cordaan: an ANONYMOUS one of another partner and
    // one of no organisation, all public.
    let other = fixtures::org(&app.db, "philadelphia", entity::OrganisationKind::CareProvider).await;
    fixtures::member(&app.db, w.coalition.id, other.id).await;
    let mut anonymous = fixtures::contribution_am(&w.question, None, Some(other.id), Visibility::Public);
    anonymous.attribution = Set(Attribution::Anonymous);
    anonymous.body = Set("Zonder naam.".into());
    anonymous.insert(&app.db).await.unwrap();
    let mut loose = fixtures::contribution_am(&w.question, None, None, Visibility::Public);
    loose.body = Set("Van niemand in het bijzonder.".into());
    loose.insert(&app.db).await.unwrap();
    let id = encode(NodeType::LearningQuestion, w.question.id);
    let query = r#"query($id: ID!) { node(id: $id) { ... on LearningQuestion {
        contributions(first: 10) { nodes { body organisation { slug name } }
                                   edges { node { organisation { slug } } } } } } }"#;
    let organisations = |d: &serde_json::Value| -> Vec<(String, serde_json::Value)> {
        d["node"]["contributions"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| {
                (
                    n["body"].as_str().unwrap().to_string(),
                    n["organisation"]["slug"].clone(),
                )
            })
            .collect()
    };

    let before = app.statements.get();
    let d = app.data(query, json!({ "id": id })).await;
    assert_eq!(
        app.statements.get() - before,
        expected(&app, 1, 3),
        "the question with its page and their organisations (on SQLite: the question, the page, \
         the organisations)"
    );
    assert_eq!(
        organisations(&d),
        vec![
            ("Een tip uit de praktijk.".to_string(), json!("cordaan")),
            ("Zonder naam.".to_string(), json!(null)),
            ("Van niemand in het bijzonder.".to_string(), json!(null)),
        ],
        "outside the coalition an ANONYMOUS contribution names no organisation: {d}"
    );
    assert_eq!(
        d["node"]["contributions"]["edges"][0]["node"]["organisation"]["slug"],
        "cordaan"
    );

    let member = app.token(Some(w.org.id), "READER").await;
    let d = app.data_as(&member, query, json!({ "id": id })).await;
    assert_eq!(
        organisations(&d)[1],
        ("Zonder naam.".to_string(), json!("philadelphia"))
    );
    assert_eq!(
        d["node"]["contributions"]["nodes"][1]["organisation"]["name"],
        other.name.as_str()
    );
}

#[tokio::test]
async fn contributions_with_their_organisations_page_forward_and_backward_without_skipping() {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let app = spawn_app().await;
    let w = world(&app.db).await;
    let other = fixtures::org(&app.db, "philadelphia", entity::OrganisationKind::CareProvider).await;
    for (i, org) in [(2, other.id), (3, w.org.id)] {
        let mut c = fixtures::contribution_am(&w.question, None, Some(org), Visibility::Public);
        c.body = Set(format!("Tip {i}"));
        c.insert(&app.db).await.unwrap();
    }
    let id = encode(NodeType::LearningQuestion, w.question.id);
    let query = r#"query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
        node(id: $id) { ... on LearningQuestion {
          contributions(first: $first, after: $after, last: $last, before: $before) {
            edges { cursor node { body organisation { slug } } }
            pageInfo { hasNextPage hasPreviousPage } } } } }"#;
    let page = |d: serde_json::Value| d["node"]["contributions"].clone();
    let rows = |p: &serde_json::Value| -> Vec<(String, String)> {
        p["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let n = &e["node"];
                (
                    n["body"].as_str().unwrap().to_string(),
                    n["organisation"]["slug"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };

    let mut seen = vec![];
    let mut after = serde_json::Value::Null;
    loop {
        let p = page(app.data(query, json!({ "id": id, "first": 1, "after": after })).await);
        seen.extend(rows(&p));
        if p["pageInfo"]["hasNextPage"] != json!(true) {
            break;
        }
        after = p["edges"][0]["cursor"].clone();
    }
    let expected = vec![
        ("Een tip uit de praktijk.".to_string(), "cordaan".to_string()),
        ("Tip 2".to_string(), "philadelphia".to_string()),
        ("Tip 3".to_string(), "cordaan".to_string()),
    ];
    assert_eq!(seen, expected, "forward, one at a time");

    let last = page(app.data(query, json!({ "id": id, "last": 2 })).await);
    assert_eq!(rows(&last), expected[1..].to_vec(), "the last two");
    let before = last["edges"][0]["cursor"].clone();
    let earlier = page(app.data(query, json!({ "id": id, "last": 2, "before": before })).await);
    assert_eq!(rows(&earlier), expected[..1].to_vec(), "and what precedes them");
    assert_eq!(earlier["pageInfo"]["hasPreviousPage"], json!(false));
}

#[tokio::test]
async fn the_joined_first_page_of_contributions_is_the_page_each_viewer_may_see() {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let app = spawn_app().await;
    let w = world(&app.db).await;
    // Beside the world's public contribution: one for partners and one for the coalition only.
    for (body, visibility) in [
        ("Voor partners.", Visibility::Partners),
        ("Alleen voor de coalitie.", Visibility::Coalition),
    ] {
        let mut c = fixtures::contribution_am(&w.question, None, Some(w.org.id), visibility);
        c.body = Set(body.into());
        c.insert(&app.db).await.unwrap();
    }
    let empty = fixtures::question(
        &app.db,
        w.coalition.id,
        w.question.workgroup_id,
        "Nog zonder bijdragen",
        Visibility::Public,
    )
    .await;
    let id = encode(NodeType::LearningQuestion, w.question.id).to_string();
    let selection = "title workgroup { name } contributions(first: 2) { nodes { body organisation { slug } } \
                     pageInfo { hasNextPage hasPreviousPage } }";
    // `node` joins the page in; `nodes` reads it through the contributions' own loader.
    let joined = format!("query($id: ID!) {{ node(id: $id) {{ ... on LearningQuestion {{ {selection} }} }} }}");
    let separate = format!("query($id: ID!) {{ nodes(ids: [$id]) {{ ... on LearningQuestion {{ {selection} }} }} }}");
    // The bodies of a page of contributions, in order.
    let bodies = |page: &serde_json::Value| -> Vec<String> {
        page["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["body"].as_str().unwrap().to_string())
            .collect()
    };

    let outsider_org = fixtures::org(&app.db, "buiten", entity::OrganisationKind::Welfare).await;
    let outsider = app.token(Some(outsider_org.id), "READER").await;
    let member = app.token(Some(w.org.id), "READER").await;
    let tip = "Een tip uit de praktijk.".to_string();
    let cases = [
        ("anonymous", None, vec![tip.clone()], false),
        (
            "outsider",
            Some(&outsider),
            vec![tip.clone(), "Voor partners.".into()],
            false,
        ),
        (
            "member",
            Some(&member),
            vec![tip.clone(), "Voor partners.".into()],
            true,
        ),
    ];
    // Twice round: the second time each viewer's statement comes from its kept template.
    for (round, (who, token, expected_bodies, more)) in cases.iter().chain(&cases).cloned().enumerate() {
        let vars = json!({ "id": id });
        let before = app.statements.get();
        let d = match token {
            Some(t) => app.data_as(t, &joined, vars.clone()).await,
            None => app.data(&joined, vars.clone()).await,
        };
        // (Counted in the first round only: later, a token's last use may be written meanwhile.)
        if round == 0 {
            assert_eq!(
                app.statements.get() - before,
                expected(&app, 1, 4),
                "one statement on PostgreSQL"
            );
        }
        let e = match token {
            Some(t) => app.data_as(t, &separate, vars).await,
            None => app.data(&separate, vars).await,
        };
        let q = &d["node"];
        assert_eq!(bodies(&q["contributions"]), expected_bodies, "{who}: {d}");
        assert_eq!(q["contributions"]["pageInfo"]["hasNextPage"], json!(more), "{who}: {d}");
        assert_eq!(q["contributions"]["pageInfo"]["hasPreviousPage"], json!(false), "{who}");
        assert_eq!(q, &e["nodes"][0], "{who}: the joined page is the loader's page");
    }

    // A question without contributions: an empty page, not a page of nothing.
    let empty_id = encode(NodeType::LearningQuestion, empty.id).to_string();
    let d = app.data(&joined, json!({ "id": empty_id })).await;
    assert_eq!(d["node"]["title"], "Nog zonder bijdragen");
    assert_eq!(d["node"]["contributions"]["nodes"], json!([]));
    assert_eq!(d["node"]["contributions"]["pageInfo"]["hasNextPage"], json!(false));

    // `first` from a variable takes the joined path too; two aliased pages take the loaders,
    // and each is still the page the viewer may see.
    let variable = "query($id: ID!, $n: Int) { node(id: $id) { ... on LearningQuestion {
        contributions(first: $n) { nodes { body } } } } }";
    let before = app.statements.get();
    let d = app.data(variable, json!({ "id": id, "n": 1 })).await;
    assert_eq!(bodies(&d["node"]["contributions"]), vec![tip.clone()]);
    assert_eq!(
        app.statements.get() - before,
        expected(&app, 1, 2),
        "joined with a variable `first`"
    );
    let aliased = "query($id: ID!) { node(id: $id) { ... on LearningQuestion {
        a: contributions(first: 1) { nodes { body } } b: contributions(last: 5) { nodes { body } } } } }";
    let d = app.data_as(&outsider, aliased, json!({ "id": id })).await;
    let (a, b) = (bodies(&d["node"]["a"]), bodies(&d["node"]["b"]));
    assert_eq!(a, vec![tip.as_str()], "aliased first page: {d}");
    assert_eq!(
        b,
        vec![tip.as_str(), "Voor partners."],
        "aliased last page, no coalition-only: {d}"
    );

    // Arguments the field refuses are refused as before, not swallowed by the join.
    let bad = "query($id: ID!) { node(id: $id) { ... on LearningQuestion { contributions(first: 101) { nodes { body } } } } }";
    assert_eq!(app.error_code(bad, json!({ "id": id })).await, "BAD_USER_INPUT");
}
