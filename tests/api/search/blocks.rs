//! Searches with more matches than one block: results come block by block (the newest matches
//! first, best first within each block), every page size gives the same order, a visitor's
//! blocks hold only what it may see, and hits that leave or join the results between pages make
//! paging skip no other hit.

use std::collections::HashSet;

use samenspel::search::BLOCK;
use samenspel::seed::bench::seed_bench;
use serde_json::{Value, json};

use super::search;
use crate::helpers::{TestApp, spawn_app};

/// A word of the bench data found in well over two blocks' worth of records at scale 0.02.
const WORD: &str = "schulden";

/// A bench dataset at scale 0.02 (2,000 contributions), indexed.
async fn bench_app() -> (TestApp, String) {
    let app = spawn_app().await;
    seed_bench(&app.db, 0.02).await.expect("seeding at scale 0.02");
    samenspel::search::backfill(&app.db)
        .await
        .expect("indexing the seeded rows");
    let admin = app.token(None, "PLATFORM_ADMIN").await;
    (app, admin)
}

/// Every hit of `query` in pages of `first`, as (node id, score); `between` runs after each page.
async fn page_through<F, Fut>(
    app: &TestApp,
    token: Option<&str>,
    query: &str,
    first: u64,
    mut between: F,
) -> Vec<(String, f64)>
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let mut out = Vec::new();
    let mut after = Value::Null;
    for page_no in 0.. {
        let page = search(app, token, query, json!({ "first": first, "after": after })).await;
        let edges = page["edges"].as_array().cloned().unwrap_or_default();
        out.extend(edges.iter().map(|e| {
            (
                e["node"]["id"].as_str().unwrap_or_default().to_string(),
                e["score"].as_f64().unwrap_or(-1.0),
            )
        }));
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        assert!(page_no < 1000, "paging ends");
        after = page["pageInfo"]["endCursor"].clone();
        between(page_no).await;
    }
    out
}

#[tokio::test]
async fn results_come_in_blocks_in_one_order_for_every_page_size() {
    let (app, admin) = bench_app().await;
    let total = search(&app, Some(&admin), WORD, json!({ "first": 1 })).await["totalCount"]
        .as_u64()
        .expect("a count");
    let block = BLOCK as usize;
    assert!(total as usize > 2 * block, "{total} hits: more than two blocks");

    let big = page_through(&app, Some(&admin), WORD, 100, |_| async {}).await;
    assert_eq!(big.len() as u64, total, "every hit once in pages of 100");
    let ids: Vec<&String> = big.iter().map(|(id, _)| id).collect();
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len(), "no hit twice");
    let small = page_through(&app, Some(&admin), WORD, 13, |_| async {}).await;
    assert_eq!(small, big, "pages of 13 in the order of pages of 100");

    // Best first within each block of the newest matches; a later block starts afresh.
    for (n, chunk) in big.chunks(block).enumerate() {
        let scores: Vec<f64> = chunk.iter().map(|(_, s)| *s).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "block {n} is best first");
    }
    let restarts = big.windows(2).filter(|w| w[1].1 > w[0].1).count();
    assert!(restarts >= 1, "the second block starts above where the first ended");
    // Anonymous visitors page through fewer hits (the public ones), each once, exactly as many
    // as their own count (which reads every match in one statement): no block leaks a record.
    let public = page_through(&app, None, WORD, 50, |_| async {}).await;
    let counted = search(&app, None, WORD, json!({ "first": 1 })).await["totalCount"].as_u64();
    assert_eq!(
        Some(public.len() as u64),
        counted,
        "the public pages add up to the public count"
    );
    assert!(
        block < public.len() && public.len() < big.len(),
        "anonymous visitors see more than a block, and fewer hits than an admin: {}",
        public.len()
    );
    let all: HashSet<&String> = ids.iter().copied().collect();
    assert!(
        public.iter().all(|(id, _)| all.contains(id)),
        "every public hit is a hit"
    );
    // Two words that rarely meet, in contributions only: on PostgreSQL the first walk finds one
    // of them and the text index reads the rest of the block (with that path cut off, this finds
    // 1 hit); pages of 2 give every hit once.
    let rare = "ervaring nieuwegein";
    let hits = page_through(&app, Some(&admin), rare, 2, |_| async {}).await;
    let counted = search(&app, Some(&admin), rare, json!({ "first": 1 })).await["totalCount"].as_u64();
    assert!(hits.len() > 2, "{} hits of {rare}", hits.len());
    assert_eq!(Some(hits.len() as u64), counted, "pages of 2 add up to the count");
    assert_eq!(
        hits.iter().map(|(id, _)| id).collect::<HashSet<_>>().len(),
        hits.len(),
        "no hit twice"
    );
    let code = app
        .error_code_as(
            &admin,
            "query($a: String) { search(query: \"schulden\", after: $a) { totalCount } }",
            json!({ "a": "bm90IGEgY3Vyc29y" }),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT", "a made-up cursor is refused");
}

#[tokio::test]
async fn hits_leaving_or_joining_between_pages_make_paging_skip_no_other_hit() {
    let (app, admin) = bench_app().await;
    let before = page_through(&app, Some(&admin), WORD, 100, |_| async {}).await;
    let coalition = app
        .data_as(&admin, "{ coalitions(first: 1) { nodes { id } } }", json!({}))
        .await["coalitions"]["nodes"][0]["id"]
        .clone();
    // Between pages of 40, delete a hit further on in the same block or the next, and add a
    // new record that matches.
    let ahead: Vec<String> = before.iter().map(|(id, _)| id.clone()).collect();
    let deleted = std::cell::RefCell::new(HashSet::new());
    let (app_ref, admin_ref, ahead_ref, deleted_ref) = (&app, &admin, &ahead, &deleted);
    let during = page_through(&app, Some(&admin), WORD, 40, move |page_no| {
        let victim = ahead_ref
            .iter()
            .skip(40 * (page_no + 1) + 30)
            .find(|id| id.starts_with(CONTRIBUTION))
            .cloned();
        let (app, admin, deleted) = (app_ref, admin_ref, deleted_ref);
        let coalition = coalition.clone();
        async move {
            if let Some(id) = victim {
                let d = app
                    .data_as(
                        admin,
                        "mutation($id: ID!) { deleteContribution(input: {id: $id}) { deletedContributionId } }",
                        json!({ "id": id }),
                    )
                    .await;
                assert!(d["deleteContribution"]["deletedContributionId"].is_string(), "{d}");
                deleted.borrow_mut().insert(id);
            }
            let title = format!("Wat helpt bij schulden, vraag {page_no}?");
            let c = app
                .data_as(
                    admin,
                    "mutation($c: ID!, $t: String!) { createLearningQuestion(input: {coalition: $c, title: $t, context: \"Met de buurt.\"}) { learningQuestion { id } } }",
                    json!({ "c": coalition, "t": title }),
                )
                .await;
            assert!(c["createLearningQuestion"]["learningQuestion"]["id"].is_string(), "{c}");
        }
    })
    .await;
    let deleted = deleted.into_inner();
    assert!(deleted.len() >= 5, "hits deleted while paging: {}", deleted.len());
    let seen: HashSet<&String> = during.iter().map(|(id, _)| id).collect();
    let missed: Vec<&String> = ahead
        .iter()
        .filter(|id| !deleted.contains(*id) && !seen.contains(id))
        .collect();
    assert!(missed.is_empty(), "hits skipped while paging: {missed:?}");
    assert!(
        deleted.iter().all(|id| !seen.contains(id)),
        "a deleted hit is never shown"
    );
}

/// The start every contribution's global id has (base64url of `Contribution:` and a digit).
const CONTRIBUTION: &str = "Q29udHJpYnV0aW9uOj";
