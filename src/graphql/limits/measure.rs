//! Measures a parsed document as it would execute: fragments count wherever they are spread, so
//! a small document that spreads one fragment many times is measured at its full size. Depth
//! counts what a person counts: a connection is one level, spelled `nodes` or `edges { node }`.

use std::collections::{HashMap, HashSet};

use async_graphql::parser::types::{ExecutableDocument, Field, Selection, SelectionSet};
use async_graphql::{Name, Pos};

use super::MAX_NESTING;

/// Introspection list fields whose nesting multiplies the answer (graphql-js counts the same).
const INTROSPECTION_LISTS: [&str; 4] = ["fields", "interfaces", "possibleTypes", "inputFields"];

/// The size of a document or of one selection set.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Deepest nesting of fields outside introspection, connection wrappers not counted; an
    /// introspection root counts as one.
    pub depth: usize,
    /// Deepest nesting of introspection list fields (`fields { type { fields … } }`).
    pub introspection_lists: usize,
    /// Aliased fields.
    pub aliases: usize,
    /// Fields selected, including `__typename` and connection wrappers.
    pub selections: usize,
}

impl Shape {
    /// Two shapes side by side (two fields of one selection, or two requests of one batch).
    pub fn beside(self, other: Shape) -> Shape {
        Shape {
            depth: self.depth.max(other.depth),
            introspection_lists: self.introspection_lists.max(other.introspection_lists),
            aliases: self.aliases.saturating_add(other.aliases),
            selections: self.selections.saturating_add(other.selections),
        }
    }
}

/// What measuring a document found.
#[derive(Debug, Default)]
pub struct Measured<'a> {
    /// Every operation together.
    pub shape: Shape,
    /// A fragment that spreads itself, directly or through others, and where.
    pub cycle: Option<(&'a Name, Pos)>,
    /// Selection sets (of fields, fragments and inline fragments) nest deeper than
    /// [`MAX_NESTING`], counted as async-graphql's recursion guard counts them, so that guard
    /// never trips on a document admitted here: the document was not measured below that.
    pub too_nested: bool,
}

/// Where a selection set sits, which decides what its fields add to the depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Place {
    /// An operation's own selection: `node` and `nodes` there are lookups, a level each.
    Root,
    /// Inside a field: `edges` and `nodes` there are a connection's wrappers.
    Inside,
    /// Inside `edges`: `node` there is the wrapper of one row.
    Edges,
    /// Inside `__schema` or `__type`: measured by `introspection_lists`, not by depth.
    Introspection,
}

/// Measures every operation of `doc` together.
pub fn measure(doc: &ExecutableDocument) -> Measured<'_> {
    let mut m = Measurer {
        doc,
        memo: HashMap::new(),
        visiting: HashSet::new(),
        cycle: None,
        level: 0,
        deepest: 0,
        too_nested: false,
    };
    let shape = doc
        .operations
        .iter()
        .map(|(_, op)| m.set(&op.node.selection_set.node, Place::Root))
        .fold(Shape::default(), Shape::beside);
    Measured {
        shape,
        cycle: m.cycle,
        too_nested: m.too_nested,
    }
}

struct Measurer<'a> {
    doc: &'a ExecutableDocument,
    /// Each fragment measured, per place: its shape, and how many levels its walk went below
    /// the set it was spread in.
    memo: HashMap<(&'a Name, Place), (Shape, usize)>,
    visiting: HashSet<&'a Name>,
    cycle: Option<(&'a Name, Pos)>,
    /// How deep the set being measured nests, as async-graphql's recursion guard counts.
    level: usize,
    /// The deepest `level` reached so far.
    deepest: usize,
    too_nested: bool,
}

impl<'a> Measurer<'a> {
    /// A nested selection set. The walk goes no deeper than the guard allows, so a chain of
    /// thousands of fragments cannot overflow the stack.
    fn nested(&mut self, set: &'a SelectionSet, place: Place) -> Shape {
        if set.items.is_empty() {
            return Shape::default();
        }
        if self.level >= MAX_NESTING {
            self.too_nested = true;
            return Shape::default();
        }
        self.level += 1;
        self.deepest = self.deepest.max(self.level);
        let shape = self.set(set, place);
        self.level -= 1;
        shape
    }

    fn set(&mut self, set: &'a SelectionSet, place: Place) -> Shape {
        let mut shape = Shape::default();
        for item in &set.items {
            let inner = match &item.node {
                Selection::Field(f) => self.field(&f.node, place),
                Selection::FragmentSpread(s) => {
                    let name = &s.node.fragment_name;
                    self.fragment(&name.node, name.pos, place)
                }
                Selection::InlineFragment(i) => self.nested(&i.node.selection_set.node, place),
            };
            shape = shape.beside(inner);
        }
        shape
    }

    fn field(&mut self, f: &'a Field, place: Place) -> Shape {
        let name = f.name.node.as_str();
        // What the field adds to the depth, and where its own selection sits.
        let (levels, inner) = match (place, name) {
            (Place::Introspection, _) => (0, Place::Introspection),
            (_, "__schema" | "__type") => (1, Place::Introspection),
            (Place::Inside, "edges") => (0, Place::Edges),
            (Place::Inside, "nodes") | (Place::Edges, "node") => (0, Place::Inside),
            _ => (1, Place::Inside),
        };
        let child = self.nested(&f.selection_set.node, inner);
        let list = inner == Place::Introspection && INTROSPECTION_LISTS.contains(&name);
        Shape {
            depth: child.depth + levels,
            introspection_lists: child.introspection_lists + usize::from(list),
            aliases: child.aliases.saturating_add(usize::from(f.alias.is_some())),
            selections: child.selections.saturating_add(1),
        }
    }

    /// A fragment is measured once per place; spread again deeper, its nesting still counts
    /// from where it is spread. A cycle counts as nothing and is remembered: the document is
    /// refused for it.
    fn fragment(&mut self, name: &'a Name, at: Pos, place: Place) -> Shape {
        if let Some(&(shape, below)) = self.memo.get(&(name, place)) {
            if self.level + below > MAX_NESTING {
                self.too_nested = true;
            }
            return shape;
        }
        let Some(fragment) = self.doc.fragments.get(name) else {
            return Shape::default();
        };
        if !self.visiting.insert(name) {
            self.cycle.get_or_insert((name, at));
            return Shape::default();
        }
        let outer = std::mem::replace(&mut self.deepest, self.level);
        let shape = self.nested(&fragment.node.selection_set.node, place);
        let below = self.deepest - self.level;
        self.deepest = self.deepest.max(outer);
        self.visiting.remove(name);
        self.memo.insert((name, place), (shape, below));
        shape
    }
}

#[cfg(test)]
mod guard;
#[cfg(test)]
mod tests;
