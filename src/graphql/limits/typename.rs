//! Directives on `__typename`, which async-graphql's validation passes over: checked here as on
//! any other field, so `{ __typename @nonsense }` is refused as `{ name @nonsense }` is.

use std::collections::HashSet;

use async_graphql::parser::types::{
    BaseType, Directive, ExecutableDocument, Selection, SelectionSet, VariableDefinition,
};
use async_graphql::{Name, Pos, Positioned, ServerError};
use async_graphql_value::Value as Literal;

use super::MAX_NESTING;
use crate::echo::clip;

/// The directives a field may carry: this schema defines no others (a test checks).
pub const FIELD_DIRECTIVES: [&str; 2] = ["skip", "include"];

/// The validation errors of the directives on every `__typename` of `doc`, each operation with
/// its own variables: the first `most` of them, and how many there are.
pub fn check(doc: &ExecutableDocument, most: usize) -> (Vec<ServerError>, usize) {
    let mut found = Found {
        errors: Vec::new(),
        count: 0,
    };
    for (_, op) in doc.operations.iter() {
        let mut walk = Walk {
            doc,
            variables: &op.node.variable_definitions,
            seen: HashSet::new(),
            found: &mut found,
            most,
        };
        walk.set(&op.node.selection_set.node, 0);
    }
    (found.errors, found.count)
}

struct Found {
    errors: Vec<ServerError>,
    count: usize,
}

struct Walk<'a, 'f> {
    doc: &'a ExecutableDocument,
    variables: &'a [Positioned<VariableDefinition>],
    seen: HashSet<&'a Name>,
    found: &'f mut Found,
    most: usize,
}

impl<'a> Walk<'a, '_> {
    fn set(&mut self, set: &'a SelectionSet, level: usize) {
        // Deeper than the recursion guard allows, the request is refused anyway.
        if level > MAX_NESTING {
            return;
        }
        for item in &set.items {
            match &item.node {
                Selection::Field(f) if f.node.name.node == "__typename" => self.directives(&f.node.directives),
                Selection::Field(f) => self.set(&f.node.selection_set.node, level + 1),
                Selection::FragmentSpread(s) => {
                    let name = &s.node.fragment_name.node;
                    if let Some(fragment) = self.doc.fragments.get(name)
                        && self.seen.insert(name)
                    {
                        self.set(&fragment.node.selection_set.node, level + 1);
                    }
                }
                Selection::InlineFragment(i) => self.set(&i.node.selection_set.node, level + 1),
            }
        }
    }

    fn directives(&mut self, directives: &'a [Positioned<Directive>]) {
        let mut names = HashSet::new();
        for d in directives {
            let name = d.node.name.node.as_str();
            if !FIELD_DIRECTIVES.contains(&name) {
                self.error(d.pos, format!("Unknown directive \"{}\"", clip(name)));
            } else if !names.insert(name) {
                self.error(d.pos, format!("Duplicate directive \"{name}\""));
            } else {
                self.arguments(d);
            }
        }
    }

    /// `@skip` and `@include` take one argument, `if: Boolean!`.
    fn arguments(&mut self, d: &'a Positioned<Directive>) {
        let name = d.node.name.node.as_str();
        for (arg, value) in &d.node.arguments {
            match (arg.node.as_str(), &value.node) {
                ("if", Literal::Boolean(_)) => {}
                ("if", Literal::Variable(v)) => self.variable(v, value.pos),
                ("if", _) => self.error(
                    value.pos,
                    "Invalid value for argument \"if\", expected type \"Boolean\"".into(),
                ),
                (other, _) => self.error(
                    arg.pos,
                    format!("Unknown argument \"{}\" on directive \"{name}\".", clip(other)),
                ),
            }
        }
        if d.node.get_argument("if").is_none() {
            let message =
                format!("Directive \"@{name}\" argument \"if\" of type \"Boolean!\" is required but not provided");
            self.error(d.pos, message);
        }
    }

    /// A variable in `if` must be defined as `Boolean!`, or as `Boolean` with a default.
    fn variable(&mut self, name: &Name, at: Pos) {
        let Some(def) = self.variables.iter().find(|v| v.node.name.node == *name) else {
            self.error(at, format!("Variable \"${}\" is not defined", clip(name)));
            return;
        };
        let ty = &def.node.var_type.node;
        let boolean = matches!(&ty.base, BaseType::Named(n) if n == "Boolean");
        if !boolean || (ty.nullable && def.node.default_value.is_none()) {
            let ty = if ty.nullable && def.node.default_value.is_some() {
                format!("{ty}!")
            } else {
                ty.to_string()
            };
            let message = format!("Variable \"${name}\" of type \"{ty}\" used in position expecting type \"Boolean!\"");
            self.error(at, message);
        }
    }

    fn error(&mut self, at: Pos, message: String) {
        self.found.count += 1;
        if self.found.errors.len() < self.most {
            self.found.errors.push(ServerError::new(message, Some(at)));
        }
    }
}

#[cfg(test)]
mod tests {
    use async_graphql::parser::parse_query;

    use super::*;

    fn errors(q: &str) -> Vec<String> {
        let doc = parse_query(q).expect("parses");
        check(&doc, 100).0.into_iter().map(|e| e.message).collect()
    }

    #[test]
    fn skip_and_include_pass() {
        assert!(
            errors("query($s: Boolean!, $t: Boolean = true) { __typename @skip(if: $s) @include(if: $t) }").is_empty()
        );
        assert!(errors("{ a { ... on T { __typename @skip(if: false) } } }").is_empty());
    }

    #[test]
    fn everything_else_is_refused() {
        let found = errors(
            "query($n: Int, $b: Boolean) { __typename @nonsense @skip(if: 1) @skip(if: true) \
             @include(if: $b, unless: true) ...F } fragment F on Query { __typename @include @skip(if: $x) }",
        );
        assert_eq!(found.len(), 7, "{found:?}");
        assert!(found[0].starts_with("Unknown directive \"nonsense\""));
        assert!(found[1].starts_with("Invalid value for argument \"if\""));
        assert!(found[2].starts_with("Duplicate directive \"skip\""));
        assert!(found[3].contains("of type \"Boolean\" used in position"));
        assert!(found[4].starts_with("Unknown argument \"unless\""));
        assert!(found[5].contains("\"if\" of type \"Boolean!\" is required"));
        assert!(found[6].starts_with("Variable \"$x\" is not defined"));
    }

    #[test]
    fn keeps_the_first_errors_and_counts_them_all() {
        let q = format!("{{ __typename {} }}", "@a ".repeat(1_000));
        let (errors, count) = check(&parse_query(q).expect("parses"), 100);
        assert_eq!((errors.len(), count), (100, 1_000));
    }

    #[test]
    fn the_schema_has_no_other_field_directives() {
        let sdl = crate::graphql::sdl();
        let mut on_fields: Vec<&str> = sdl
            .lines()
            .filter_map(|l| l.strip_prefix("directive @"))
            .filter(|l| {
                l.split(" on ")
                    .nth(1)
                    .is_some_and(|at| at.split(" | ").any(|x| x.trim() == "FIELD"))
            })
            .map(|l| l.split(['(', ' ']).next().unwrap_or_default())
            .collect();
        on_fields.sort_unstable();
        assert_eq!(on_fields, ["include", "skip"]);
    }
}
