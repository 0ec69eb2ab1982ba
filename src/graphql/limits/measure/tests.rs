//! What `measure` counts: depth as a person counts it, fragments where spread, cycles found.

use async_graphql::parser::parse_query;

use super::*;

fn shape(q: &str) -> Shape {
    measure(&parse_query(q).expect("parses")).shape
}

#[test]
fn counts_depth_aliases_and_selections() {
    let s = shape("{ a: organisations { nodes { name } } b: __typename }");
    assert_eq!((s.depth, s.aliases, s.selections), (2, 2, 4));
}

#[test]
fn counts_fragments_where_spread() {
    let q = "{ x { ...F } y { ...F } } fragment F on T { p: a b { c } }";
    let s = shape(q);
    assert_eq!((s.depth, s.aliases, s.selections), (3, 2, 8));
}

#[test]
fn a_connection_is_one_level_in_either_spelling() {
    let nodes = "{ coalitions { nodes { workgroups { nodes { name } } } } }";
    let edges = "{ coalitions { edges { cursor node { workgroups { edges { node { name } } } } } } }";
    let through_fragments = "{ coalitions { ...C } } fragment C on CoalitionConnection { edges { ...E } } \
                             fragment E on CoalitionEdge { node { workgroups { edges { ... on WorkgroupEdge \
                             { node { name } } } } } }";
    assert_eq!(shape(nodes).depth, 3);
    assert_eq!(shape(edges).depth, 3);
    assert_eq!(shape(through_fragments).depth, 3);
    // Root lookups and a `node` outside `edges` are levels of their own.
    assert_eq!(shape("{ nodes(ids: []) { id } node(id: 1) { id } }").depth, 2);
    assert_eq!(shape("{ a { node { b } } }").depth, 3);
}

#[test]
fn introspection_counts_its_lists_not_its_depth() {
    let q = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType \
             { ofType { ofType { ofType { fields { name } } } } } } } } } } } } } } }";
    let s = shape(q);
    assert_eq!((s.depth, s.introspection_lists), (1, 2));
}

#[test]
fn fragment_cycles_end_and_are_found() {
    let doc = parse_query("{ ...A } fragment A on Q { a ...B } fragment B on Q { b ...A }").expect("parses");
    let m = measure(&doc);
    assert_eq!(m.shape.selections, 2);
    assert_eq!(m.cycle.map(|(name, _)| name.as_str()), Some("A"));
    let doc = parse_query("{ ...A ...A } fragment A on Q { a }").expect("parses");
    assert!(measure(&doc).cycle.is_none());
}

#[test]
fn a_long_chain_of_fragments_is_walked_no_deeper_than_the_guard() {
    let chain: String = (0..20_000)
        .map(|i| format!("fragment F{i} on Q {{ ...F{} }}", i + 1))
        .collect();
    let doc = parse_query(format!("{{ ...F0 }} {chain} fragment F20000 on Q {{ a }}")).expect("parses");
    assert!(measure(&doc).too_nested);
    let doc = parse_query("{ ...F0 } fragment F0 on Q { ...F1 } fragment F1 on Q { a }").expect("parses");
    assert!(!measure(&doc).too_nested);
}
