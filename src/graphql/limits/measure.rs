//! Measures a parsed document as it would execute: fragments count wherever they are spread, so
//! a small document that spreads one fragment many times is measured at its full size.

use std::collections::{HashMap, HashSet};

use async_graphql::Name;
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};

/// Introspection list fields whose nesting multiplies the answer (graphql-js counts the same).
const INTROSPECTION_LISTS: [&str; 4] = ["fields", "interfaces", "possibleTypes", "inputFields"];

/// The size of a document or of one selection set.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Deepest nesting of fields outside introspection; an introspection root counts as one.
    pub depth: usize,
    /// Deepest nesting of introspection list fields (`fields { type { fields … } }`).
    pub introspection_lists: usize,
    /// Aliased fields.
    pub aliases: usize,
    /// Fields selected, including `__typename`.
    pub selections: usize,
}

impl Shape {
    fn beside(self, other: Shape) -> Shape {
        Shape {
            depth: self.depth.max(other.depth),
            introspection_lists: self.introspection_lists.max(other.introspection_lists),
            aliases: self.aliases.saturating_add(other.aliases),
            selections: self.selections.saturating_add(other.selections),
        }
    }
}

/// The shape of every operation of `doc` together.
pub fn measure(doc: &ExecutableDocument) -> Shape {
    let mut m = Measurer {
        doc,
        memo: HashMap::new(),
        visiting: HashSet::new(),
    };
    doc.operations
        .iter()
        .map(|(_, op)| m.set(&op.node.selection_set.node, false))
        .fold(Shape::default(), Shape::beside)
}

struct Measurer<'a> {
    doc: &'a ExecutableDocument,
    memo: HashMap<(&'a Name, bool), Shape>,
    visiting: HashSet<&'a Name>,
}

impl<'a> Measurer<'a> {
    fn set(&mut self, set: &'a SelectionSet, introspection: bool) -> Shape {
        let mut shape = Shape::default();
        for item in &set.items {
            let inner = match &item.node {
                Selection::Field(f) => {
                    let f = &f.node;
                    let name = f.name.node.as_str();
                    let into = introspection || name == "__schema" || name == "__type";
                    let child = self.set(&f.selection_set.node, into);
                    Shape {
                        depth: if into { 1 } else { child.depth + 1 },
                        introspection_lists: child.introspection_lists
                            + usize::from(into && INTROSPECTION_LISTS.contains(&name)),
                        aliases: child.aliases.saturating_add(usize::from(f.alias.is_some())),
                        selections: child.selections.saturating_add(1),
                    }
                }
                Selection::FragmentSpread(s) => self.fragment(&s.node.fragment_name.node, introspection),
                Selection::InlineFragment(i) => self.set(&i.node.selection_set.node, introspection),
            };
            shape = shape.beside(inner);
        }
        shape
    }

    /// A fragment is measured once per mode; a cycle counts as nothing here, since validation
    /// refuses it anyway.
    fn fragment(&mut self, name: &'a Name, introspection: bool) -> Shape {
        if let Some(shape) = self.memo.get(&(name, introspection)) {
            return *shape;
        }
        let Some(fragment) = self.doc.fragments.get(name) else {
            return Shape::default();
        };
        if !self.visiting.insert(name) {
            return Shape::default();
        }
        let shape = self.set(&fragment.node.selection_set.node, introspection);
        self.visiting.remove(name);
        self.memo.insert((name, introspection), shape);
        shape
    }
}

/// How deep `{` and `[` nest in a query text, outside strings and comments: an upper bound of
/// its field depth, known without parsing it.
pub fn nesting(query: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut rest = query;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '{' | '[' => {
                depth += 1;
                max = max.max(depth);
            }
            '}' | ']' => depth = depth.saturating_sub(1),
            '#' => rest = rest.find('\n').map_or("", |i| &rest[i..]),
            '"' => rest = after_string(rest),
            _ => {}
        }
    }
    max
}

/// What follows a string whose opening quote was just read.
fn after_string(rest: &str) -> &str {
    if let Some(body) = rest.strip_prefix("\"\"") {
        // A block string ends at the first `"""` not escaped as `\"""`.
        let mut from = 0;
        while let Some(i) = body[from..].find("\"\"\"") {
            let at = from + i;
            if !body[..at].ends_with('\\') {
                return &body[at + 3..];
            }
            from = at + 3;
        }
        return "";
    }
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' | '\n' => return &rest[i + 1..],
            _ => {}
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    fn shape(q: &str) -> Shape {
        measure(&parse_query(q).expect("parses"))
    }

    #[test]
    fn counts_depth_aliases_and_selections() {
        let s = shape("{ a: organisations { nodes { name } } b: __typename }");
        assert_eq!((s.depth, s.aliases, s.selections), (3, 2, 4));
    }

    #[test]
    fn counts_fragments_where_spread() {
        let q = "{ x { ...F } y { ...F } } fragment F on T { p: a b { c } }";
        let s = shape(q);
        assert_eq!((s.depth, s.aliases, s.selections), (3, 2, 8));
    }

    #[test]
    fn introspection_counts_its_lists_not_its_depth() {
        let q = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType \
                 { ofType { ofType { ofType { fields { name } } } } } } } } } } } } } } }";
        let s = shape(q);
        assert_eq!((s.depth, s.introspection_lists), (1, 2));
    }

    #[test]
    fn fragment_cycles_end() {
        let s = shape("{ ...A } fragment A on Q { a ...B } fragment B on Q { b ...A }");
        assert_eq!(s.selections, 2);
    }

    #[test]
    fn nesting_skips_strings_and_comments() {
        assert_eq!(nesting(r#"{ a(s: "{{{{", t: """ {{{ """) { b } } # {{{{"#), 2);
        assert_eq!(nesting("{ a(l: [[1]]) }"), 3);
        assert_eq!(nesting(r#"{ a(s: """ " {{ \""" """) { b { c } } }"#), 3);
        assert_eq!(nesting(r#"{ a(s: "\" {") }"#), 1);
    }
}
