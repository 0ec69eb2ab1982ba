//! `measure` refuses exactly what async-graphql's recursion guard would, so the guard never
//! trips on an admitted document and its English refusal never needs recognising.

use async_graphql::parser::parse_query;
use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema};

use super::super::MAX_NESTING;
use super::measure;

/// A type that nests as deep as a query likes.
struct Q;

#[Object]
impl Q {
    async fn q(&self) -> Q {
        Q
    }

    async fn a(&self) -> i32 {
        1
    }
}

fn inline(n: usize, inner: &str) -> String {
    format!("{}{inner}{}", "... { ".repeat(n), " }".repeat(n))
}

fn fields(n: usize, inner: &str) -> String {
    format!("{}{inner}{}", "q { ".repeat(n), " }".repeat(n))
}

/// Whether the guard refuses `query` (every query here is otherwise valid).
async fn guard_refuses(query: &str) -> bool {
    let schema = Schema::build(Q, EmptyMutation, EmptySubscription)
        .limit_recursive_depth(MAX_NESTING)
        .finish();
    !schema.execute(query).await.errors.is_empty()
}

#[tokio::test]
async fn measure_refuses_what_the_recursion_guard_refuses() {
    let mut queries = Vec::new();
    for n in MAX_NESTING - 2..=MAX_NESTING + 2 {
        queries.push(format!("{{ {} }}", fields(n, "a")));
        queries.push(format!("{{ {} }}", inline(n, "a")));
        queries.push(format!("{{ {} }}", fields(n / 2, &inline(n - n / 2, "a"))));
        let chain: String = (0..n)
            .map(|i| format!("fragment F{i} on Q {{ ...F{} }}", i + 1))
            .collect();
        queries.push(format!("{{ q {{ ...F0 }} }} {chain} fragment F{n} on Q {{ a }}"));
    }
    // A fragment measured once, then spread again deeper.
    let fragment = format!("fragment F on Q {{ {} }}", inline(MAX_NESTING - 5, "a"));
    for extra in 0..8 {
        queries.push(format!("{{ ...F {} }} {fragment}", inline(extra, "...F")));
        queries.push(format!("{{ ...F {} }} {fragment}", fields(extra, "...F")));
    }
    let mut seen = [0, 0];
    for query in queries {
        // The parser refuses the deepest ones itself (by the kind of its error, see `unparsed`).
        let Ok(doc) = parse_query(&query) else { continue };
        let refused = measure(&doc).too_nested;
        assert_eq!(refused, guard_refuses(&query).await, "{query}");
        seen[usize::from(refused)] += 1;
    }
    assert!(
        seen[0] >= 10 && seen[1] >= 10,
        "both sides of the limit tried: {seen:?}"
    );
}
