//! Bad input in a request's arguments gets `BAD_USER_INPUT`: before anything runs, text no
//! column may hold (see `crate::text`) in arguments and variables; after, the values
//! async-graphql could not coerce (a malformed date, a variable of the wrong type), which it
//! reports without a code. The `input` object of a mutation is left to the write services, whose
//! `Check` answers with a `userError` naming the field.

use std::collections::HashSet;

use async_graphql::parser::types::{Directive, ExecutableDocument, OperationType, Selection, SelectionSet};
use async_graphql::{ErrorExtensions, Name, Pos, Positioned, Request, Response, ServerError};
use async_graphql_value::{ConstValue, Value};

use crate::codes::Code;
use crate::error::AppError;
use crate::text;

/// Refuses `request` when a string in an argument literal, a variable default or a variable's
/// value holds a refused character, except where it only reaches a mutation's `input`.
/// A request that does not parse passes: the limits have refused it already.
pub fn admit(request: &mut Request) -> Result<(), ServerError> {
    let Ok(doc) = request.parsed_query() else {
        return Ok(());
    };
    let mut walk = Walk {
        doc,
        seen: HashSet::new(),
        checked: HashSet::new(),
    };
    for (_, op) in doc.operations.iter() {
        walk.directives(&op.node.directives)?;
        walk.set(&op.node.selection_set.node, op.node.ty == OperationType::Mutation)?;
    }
    let checked = walk.checked;
    for (_, op) in doc.operations.iter() {
        for def in &op.node.variable_definitions {
            if let Some(default) = def
                .node
                .default_value
                .as_ref()
                .filter(|_| checked.contains(&def.node.name.node))
            {
                let what = format!("The default of variable `${}`", def.node.name.node);
                constant(&default.node, &what, Some(default.pos))?;
            }
        }
    }
    for (name, value) in request.variables.iter().filter(|(n, _)| checked.contains(*n)) {
        constant(value, &format!("Variable `${name}`"), None)?;
    }
    Ok(())
}

/// Gives `BAD_USER_INPUT` to the errors async-graphql raises while coercing an argument's value
/// (its `InputValueError` messages), which carry no code of their own.
pub fn classify(response: &mut Response) {
    let coercion = |m: &str| m.starts_with("Failed to parse \"") || m.starts_with("Expected input type \"");
    for e in response.errors.iter_mut().filter(|e| coercion(&e.message)) {
        let ext = e.extensions.get_or_insert_with(Default::default);
        if ext.get("code").is_none() {
            ext.set("code", Code::BadUserInput);
        }
    }
}

/// A walk over the selections of a document, noting the variables used outside a mutation's
/// `input`.
struct Walk<'a> {
    doc: &'a ExecutableDocument,
    /// Fragments already walked, with whether they were spread at a mutation's root.
    seen: HashSet<(&'a Name, bool)>,
    /// Variables whose values must be checked.
    checked: HashSet<Name>,
}

impl<'a> Walk<'a> {
    fn set(&mut self, set: &'a SelectionSet, mutation_root: bool) -> Result<(), ServerError> {
        for item in &set.items {
            match &item.node {
                Selection::Field(f) => {
                    for (name, value) in &f.node.arguments {
                        if !(mutation_root && name.node == "input") {
                            self.value(&value.node, &format!("Argument `{}`", name.node), value.pos)?;
                        }
                    }
                    self.directives(&f.node.directives)?;
                    self.set(&f.node.selection_set.node, false)?;
                }
                Selection::InlineFragment(i) => {
                    self.directives(&i.node.directives)?;
                    self.set(&i.node.selection_set.node, mutation_root)?;
                }
                Selection::FragmentSpread(s) => {
                    self.directives(&s.node.directives)?;
                    let name = &s.node.fragment_name.node;
                    // Validation has not run yet: a fragment may spread itself.
                    if let Some(fragment) = self.doc.fragments.get(name)
                        && self.seen.insert((name, mutation_root))
                    {
                        self.directives(&fragment.node.directives)?;
                        self.set(&fragment.node.selection_set.node, mutation_root)?;
                    }
                }
            }
        }
        Ok(())
    }

    fn directives(&mut self, directives: &[Positioned<Directive>]) -> Result<(), ServerError> {
        for d in directives {
            for (name, value) in &d.node.arguments {
                self.value(&value.node, &format!("Argument `{}`", name.node), value.pos)?;
            }
        }
        Ok(())
    }

    fn value(&mut self, value: &Value, what: &str, pos: Pos) -> Result<(), ServerError> {
        match value {
            Value::Variable(name) => {
                self.checked.insert(name.clone());
                Ok(())
            }
            Value::String(s) => string(s, what, Some(pos)),
            Value::List(items) => items.iter().try_for_each(|v| self.value(v, what, pos)),
            Value::Object(fields) => fields.values().try_for_each(|v| self.value(v, what, pos)),
            _ => Ok(()),
        }
    }
}

fn constant(value: &ConstValue, what: &str, pos: Option<Pos>) -> Result<(), ServerError> {
    match value {
        ConstValue::String(s) => string(s, what, pos),
        ConstValue::List(items) => items.iter().try_for_each(|v| constant(v, what, pos)),
        ConstValue::Object(fields) => fields.values().try_for_each(|v| constant(v, what, pos)),
        _ => Ok(()),
    }
}

fn string(s: &str, what: &str, pos: Option<Pos>) -> Result<(), ServerError> {
    let Some((at, c)) = text::first_refused(s) else {
        return Ok(());
    };
    let e = AppError::bad_input(text::refusal(what, at, c)).extend();
    let mut refused = ServerError::new(e.message, pos);
    refused.extensions = e.extensions;
    Err(refused)
}
