//! Search and similar questions: Dutch relevance on the demo data, visibility and attribution
//! for every viewer, hostile queries, stable paging and the index following writes.

mod blocks;
mod hostile;
mod paging;
mod relevance;
mod similar;
mod visibility;

use serde_json::{Value, json};

use crate::helpers::TestApp;

/// What a hit shows, whatever its type.
pub const HIT_FIELDS: &str = "__typename
  ... on LearningQuestion { id title }
  ... on Contribution { id body author { name } organisation { name } }
  ... on Outcome { id title }
  ... on Meeting { id title }
  ... on Workgroup { id name }
  ... on Coalition { id name }
  ... on Organisation { id name }
  ... on Theme { id name }";

/// One search as `token` (anonymous when `None`): the `search` field's data.
pub async fn search(app: &TestApp, token: Option<&str>, query: &str, extra: Value) -> Value {
    let q = format!(
        "query($q: String!, $first: Int, $after: String, $filter: SearchFilter) {{
           search(query: $q, first: $first, after: $after, filter: $filter) {{
             totalCount pageInfo {{ hasNextPage endCursor }}
             nodes {{ __typename }}
             edges {{ cursor score highlight node {{ {HIT_FIELDS} }} }}
           }} }}"
    );
    let mut vars = json!({ "q": query });
    if let (Some(v), Value::Object(extra)) = (vars.as_object_mut(), extra) {
        v.extend(extra);
    }
    let d = match token {
        Some(t) => app.data_as(t, &q, vars).await,
        None => app.data(&q, vars).await,
    };
    d["search"].clone()
}

/// The text a hit is known by: a title, a name or a contribution's body.
pub fn label(node: &Value) -> String {
    ["title", "name", "body"]
        .iter()
        .find_map(|f| node[f].as_str())
        .unwrap_or_default()
        .to_string()
}

/// The ids of the hits on a page.
pub fn ids(page: &Value) -> Vec<String> {
    let edges = page["edges"].as_array().cloned().unwrap_or_default();
    edges
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap_or_default().to_string())
        .collect()
}
