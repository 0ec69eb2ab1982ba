//! Search shows each viewer of the visibility matrix exactly what the lists show it: hidden
//! records are neither found nor counted nor highlighted, and a hit in an ORGANISATION or
//! ANONYMOUS contribution never names its author (or organisation) outside the coalition.

use std::collections::BTreeSet;

use entity::{Attribution, OrganisationKind, Visibility, meeting, outcome};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, IntoActiveModel};
use serde_json::{Value, json};

use super::search;
use crate::fixtures;
use crate::helpers::{TestApp, spawn_app};
use samenspel::graphql::ids::{NodeType, encode};

const LEVELS: [(Visibility, &str); 3] = [
    (Visibility::Public, "appelboom"),
    (Visibility::Partners, "perenboom"),
    (Visibility::Coalition, "kersenboom"),
];

struct World {
    /// Every record with the visibility level it effectively has.
    records: Vec<(String, Visibility)>,
    member: i32,
    outsider: i32,
    anonymous: String,
    by_organisation: String,
}

async fn arrange(app: &TestApp) -> World {
    let db = &app.db;
    let member = fixtures::org(db, "cordaan", OrganisationKind::CareProvider).await;
    let outsider = fixtures::org(db, "tno", OrganisationKind::KnowledgeInstitute).await;
    let c = fixtures::coalition(db, "cop-wooncirkels").await;
    fixtures::member(db, c.id, member.id).await;
    let author = fixtures::person(db, Some(member.id), "Jantje Zoekmans").await;
    let open_q = fixtures::question(db, c.id, None, "open vraag", Visibility::Public).await;
    let mut records = vec![(
        encode(NodeType::LearningQuestion, open_q.id).to_string(),
        Visibility::Public,
    )];
    for (v, tag) in LEVELS {
        let text = format!("kompas {tag}");
        let w = fixtures::workgroup(db, c.id, &text, v).await;
        let q = fixtures::question(db, c.id, None, &text, v).await;
        let mut k = fixtures::contribution_am(&open_q, Some(author.id), Some(member.id), v);
        k.body = Set(text.clone());
        let k = k.insert(db).await.unwrap();
        let mut m: meeting::ActiveModel = fixtures::meeting(db, c.id, 1, v).await.into_active_model();
        m.title = Set(text.clone());
        let m = m.update(db).await.unwrap();
        let mut o: outcome::ActiveModel = fixtures::outcome(db, c.id, v).await.into_active_model();
        o.title = Set(text.clone());
        let o = o.update(db).await.unwrap();
        records.extend([
            (encode(NodeType::Workgroup, w.id).to_string(), v),
            (encode(NodeType::LearningQuestion, q.id).to_string(), v),
            (encode(NodeType::Contribution, k.id).to_string(), v),
            (encode(NodeType::Meeting, m.id).to_string(), v),
            (encode(NodeType::Outcome, o.id).to_string(), v),
        ]);
    }
    // A PUBLIC contribution to a COALITION question is as hidden as its question.
    let closed_q = fixtures::question(db, c.id, None, "dichte vraag", Visibility::Coalition).await;
    let mut hidden = fixtures::contribution_am(&closed_q, None, Some(member.id), Visibility::Public);
    hidden.body = Set("kompas kersenboom verstopt".into());
    let hidden = hidden.insert(db).await.unwrap();
    records.push((
        encode(NodeType::Contribution, hidden.id).to_string(),
        Visibility::Coalition,
    ));
    let mut ids = vec![];
    for (attribution, body) in [
        (Attribution::Anonymous, "kompas appelboom anoniem gedeeld"),
        (Attribution::Organisation, "kompas appelboom namens de organisatie"),
    ] {
        let mut k = fixtures::contribution_am(&open_q, Some(author.id), Some(member.id), Visibility::Public);
        k.body = Set(body.into());
        k.attribution = Set(attribution);
        let k = k.insert(db).await.unwrap();
        let id = encode(NodeType::Contribution, k.id).to_string();
        records.push((id.clone(), Visibility::Public));
        ids.push(id);
    }
    // Fixtures write beside the write path, as the seeds do: index them as on start.
    samenspel::search::backfill(db).await.unwrap();
    World {
        records,
        member: member.id,
        outsider: outsider.id,
        anonymous: ids[0].clone(),
        by_organisation: ids[1].clone(),
    }
}

fn edges(page: &Value) -> Vec<Value> {
    page["edges"].as_array().cloned().unwrap_or_default()
}

async fn check_viewer(app: &TestApp, w: &World, token: Option<&str>, levels: &[Visibility], inside: bool) {
    let label = format!("viewer {token:?}");
    let page = search(app, token, "kompas", json!({ "first": 100 })).await;
    let found: BTreeSet<String> = super::ids(&page).into_iter().collect();
    // The open question (first record) has no "kompas" in it: it is in the world, not in the hits.
    let expected: BTreeSet<String> = w.records[1..]
        .iter()
        .filter(|(_, v)| levels.contains(v))
        .map(|(id, _)| id.clone())
        .collect();
    assert_eq!(found, expected, "{label}");
    assert_eq!(page["totalCount"].as_u64(), Some(expected.len() as u64), "{label}");
    for (v, tag) in LEVELS {
        if !levels.contains(&v) {
            let hidden = search(app, token, tag, json!({ "first": 100 })).await;
            assert_eq!(hidden["totalCount"], 0, "{label} {tag}");
            assert!(edges(&hidden).is_empty(), "{label} {tag}");
        }
    }
    for e in edges(&page) {
        let h = e["highlight"].as_str().unwrap();
        assert!(
            !h.contains("Jantje") && !h.contains("Zoekmans") && !h.contains("cordaan"),
            "{label} {h}"
        );
    }
    let node = |id: &str| edges(&page).into_iter().find(|e| e["node"]["id"] == id).unwrap()["node"].clone();
    let anonymous = node(&w.anonymous);
    let by_org = node(&w.by_organisation);
    if inside {
        assert_eq!(anonymous["author"]["name"], "Jantje Zoekmans", "{label}");
    } else {
        assert!(
            anonymous["author"].is_null() && anonymous["organisation"].is_null(),
            "{label} {anonymous}"
        );
        assert!(
            by_org["author"].is_null() && !by_org["organisation"].is_null(),
            "{label} {by_org}"
        );
    }
    // People are not searchable, and a contribution is never found by its author's name.
    let by_name = search(app, token, "Jantje Zoekmans", json!({ "first": 100 })).await;
    assert_eq!(by_name["totalCount"], 0, "{label}");
}

#[tokio::test]
async fn search_shows_each_viewer_what_it_may_see_and_no_author_it_may_not() {
    let app = spawn_app().await;
    let w = arrange(&app).await;
    let member_reader = app.token(Some(w.member), "READER").await;
    let outsider_reader = app.token(Some(w.outsider), "READER").await;
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    use Visibility::*;
    check_viewer(&app, &w, None, &[Public], false).await;
    check_viewer(&app, &w, Some(&outsider_reader), &[Public, Partners], false).await;
    check_viewer(&app, &w, Some(&member_reader), &[Public, Partners, Coalition], true).await;
    check_viewer(&app, &w, Some(&admin), &[Public, Partners, Coalition], true).await;
}

/// The ids search finds for `word` as `token`; the count agrees (a hit the candidate query
/// admits but the record's own check drops would show as a gap between the two).
async fn found(app: &TestApp, token: &str, word: &str) -> BTreeSet<String> {
    let page = search(app, Some(token), word, json!({ "first": 100 })).await;
    let ids: BTreeSet<String> = super::ids(&page).into_iter().collect();
    assert_eq!(page["totalCount"].as_u64(), Some(ids.len() as u64), "{page}");
    ids
}

/// Each entry keeps who may find it: a workgroup or question made narrower (or moved into a
/// narrower workgroup) takes the records below it out of an outsider's search in the same
/// write, and widening it brings them back.
#[tokio::test]
async fn narrowing_a_workgroup_or_question_hides_what_is_below_it_from_search_at_once() {
    let app = spawn_app().await;
    let db = &app.db;
    let member = fixtures::org(db, "cordaan", OrganisationKind::CareProvider).await;
    let outsider = fixtures::org(db, "tno", OrganisationKind::KnowledgeInstitute).await;
    let c = fixtures::coalition(db, "cop-wijkkracht").await;
    fixtures::member(db, c.id, member.id).await;
    let open_group = fixtures::workgroup(db, c.id, "open groep", Visibility::Public).await;
    let closed_group = fixtures::workgroup(db, c.id, "dichte groep", Visibility::Coalition).await;
    let q = fixtures::question(db, c.id, Some(open_group.id), "zonnebloem vraag", Visibility::Public).await;
    let mut k = fixtures::contribution_am(&q, None, Some(member.id), Visibility::Public);
    k.body = Set("zonnebloem bijdrage".into());
    let k = k.insert(db).await.unwrap();
    let mut m: meeting::ActiveModel = fixtures::meeting(db, c.id, 1, Visibility::Public)
        .await
        .into_active_model();
    m.title = Set("zonnebloem bijeenkomst".into());
    m.workgroup_id = Set(Some(open_group.id));
    let m = m.update(db).await.unwrap();
    samenspel::search::backfill(db).await.unwrap();
    let (q_id, k_id, m_id) = (
        encode(NodeType::LearningQuestion, q.id).to_string(),
        encode(NodeType::Contribution, k.id).to_string(),
        encode(NodeType::Meeting, m.id).to_string(),
    );
    let all: BTreeSet<String> = [&q_id, &k_id, &m_id].into_iter().cloned().collect();
    let outside = app.token(Some(outsider.id), "READER").await;
    let inside = app.token(Some(member.id), "READER").await;
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    assert_eq!(found(&app, &outside, "zonnebloem").await, all);

    let set_group = |v: &'static str| {
        let (app, admin) = (&app, &admin);
        let id = encode(NodeType::Workgroup, open_group.id).to_string();
        async move {
            let d = app
                .data_as(
                    admin,
                    "mutation($i: UpdateWorkgroupInput!) { updateWorkgroup(input: $i) { userErrors { code } } }",
                    json!({ "i": { "id": id, "visibility": v } }),
                )
                .await;
            assert_eq!(d["updateWorkgroup"]["userErrors"], json!([]), "{d}");
        }
    };
    let update_question = |input: Value| {
        let (app, admin) = (&app, &admin);
        async move {
            let d = app
                .data_as(
                    admin,
                    "mutation($i: UpdateLearningQuestionInput!) { updateLearningQuestion(input: $i) { userErrors { code } } }",
                    json!({ "i": input }),
                )
                .await;
            assert_eq!(d["updateLearningQuestion"]["userErrors"], json!([]), "{d}");
        }
    };

    set_group("COALITION").await;
    assert!(found(&app, &outside, "zonnebloem").await.is_empty());
    assert_eq!(found(&app, &inside, "zonnebloem").await, all);
    // A filter checks the record's own table; the scope still decides who finds it.
    let filter = json!({ "first": 100, "filter": {
        "coalition": encode(NodeType::Coalition, c.id).to_string(),
        "types": ["LEARNING_QUESTION", "CONTRIBUTION", "MEETING"] } });
    let outside_filtered = search(&app, Some(&outside), "zonnebloem", filter.clone()).await;
    assert_eq!(outside_filtered["totalCount"], 0, "{outside_filtered}");
    let inside_filtered = search(&app, Some(&inside), "zonnebloem", filter).await;
    let inside_ids: BTreeSet<String> = super::ids(&inside_filtered).into_iter().collect();
    assert_eq!(inside_ids, all);
    assert_eq!(inside_filtered["totalCount"].as_u64(), Some(3));
    set_group("PUBLIC").await;
    assert_eq!(found(&app, &outside, "zonnebloem").await, all);

    update_question(json!({ "id": q_id, "visibility": "COALITION" })).await;
    let meeting_only: BTreeSet<String> = [m_id.clone()].into_iter().collect();
    assert_eq!(found(&app, &outside, "zonnebloem").await, meeting_only);
    update_question(json!({ "id": q_id, "visibility": "PUBLIC" })).await;
    assert_eq!(found(&app, &outside, "zonnebloem").await, all);

    let closed = encode(NodeType::Workgroup, closed_group.id).to_string();
    update_question(json!({ "id": q_id, "workgroup": closed })).await;
    assert_eq!(found(&app, &outside, "zonnebloem").await, meeting_only);
    assert_eq!(found(&app, &inside, "zonnebloem").await, all);
}
