//! Paging forward never skips and never repeats an event, also while concurrent writers commit
//! out of the order in which they began.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::json;

use super::support::{page, world};
use crate::helpers::spawn_app;

const WRITERS: usize = 6;
const WRITES: usize = 12;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_reader_paging_continuously_sees_every_acknowledged_write_exactly_once() {
    let app = Arc::new(spawn_app().await);
    let w = Arc::new(world(&app).await);
    let done = Arc::new(AtomicBool::new(false));

    let reader = {
        let (app, w, done) = (app.clone(), w.clone(), done.clone());
        tokio::spawn(async move {
            let mut seen = Vec::new();
            let mut after: Option<String> = None;
            loop {
                let finished = done.load(Ordering::SeqCst);
                let p = page(&app, Some(&w.admin), after.as_deref(), 7, "").await;
                for e in p["nodes"].as_array().unwrap() {
                    seen.push(e["nodeId"].as_str().unwrap().to_string());
                }
                after = p["endCursor"].as_str().map(str::to_string);
                if finished && p["hasNextPage"] == false {
                    return seen;
                }
            }
        })
    };

    let mut writers = Vec::new();
    for n in 0..WRITERS {
        let (app, w) = (app.clone(), w.clone());
        writers.push(tokio::spawn(async move {
            let mut acked = Vec::new();
            for i in 0..WRITES {
                let q = "mutation($i: CreateLearningQuestionInput!) { createLearningQuestion(input: $i) { learningQuestion { id } } }";
                let input = json!({ "coalition": w.coalition, "title": format!("Vraag {n}.{i}"), "context": "c" });
                let d = app.data_as(&w.editor, q, json!({ "i": input })).await;
                acked.push(d["createLearningQuestion"]["learningQuestion"]["id"].as_str().unwrap().to_string());
            }
            acked
        }));
    }
    let mut acknowledged = HashSet::new();
    for h in writers {
        acknowledged.extend(h.await.unwrap());
    }
    done.store(true, Ordering::SeqCst);
    let seen = reader.await.unwrap();

    assert_eq!(acknowledged.len(), WRITERS * WRITES);
    let unique: HashSet<_> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "an event was repeated");
    assert_eq!(unique, acknowledged, "an acknowledged write is missing from the feed");
}
