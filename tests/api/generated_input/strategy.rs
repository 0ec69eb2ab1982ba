//! Proptest strategies for the arguments of the live schema's root fields: hostile text (control
//! characters, very long, unicode, `%`, `_`, quotes, backslashes) wherever a String or ID goes,
//! mostly valid values elsewhere.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Value, json};

use super::schema::{Schema, Ty};

/// Text a client might send, hostile more often than not.
pub fn text() -> BoxedStrategy<String> {
    let specials = vec![
        '%', '_', '\'', '"', '\\', ' ', '\t', '\n', '\r', '-', 'é', 'ß', '中', '🙂', '\u{feff}', '\u{202e}', '\u{7f}',
        '\u{85}', '\u{2028}',
    ];
    let plain = prop_oneof![2 => proptest::char::range('a', 'z'), 1 => select(specials)];
    let chars = prop_oneof![6 => plain.clone(), 1 => proptest::char::range('\0', '\u{1f}')];
    let lengths = vec![
        79, 80, 81, 120, 121, 200, 201, 300, 301, 320, 321, 500, 501, 10_000, 10_001, 20_001,
    ];
    let known = vec!["cordaan", "cop-wooncirkels", "wooncirkels", "createTheme", "", "  "];
    prop_oneof![
        3 => vec(plain, 0..24).prop_map(String::from_iter),
        2 => vec(chars.clone(), 1..24).prop_map(String::from_iter),
        1 => select(known).prop_map(String::from),
        1 => (select(lengths), chars).prop_map(|(n, c)| c.to_string().repeat(n)),
    ]
    .boxed()
}

impl Schema {
    /// The arguments of target `i`, with that index.
    pub fn case(&self, i: usize) -> BoxedStrategy<(usize, Value)> {
        let t = &self.targets[i];
        let args: Vec<_> = t.args.iter().map(|(n, ty)| self.field(n, ty, &t.field, 0)).collect();
        args.prop_map(move |fields| {
            (
                i,
                Value::Object(fields.into_iter().filter_map(|(k, v)| Some((k, v?))).collect()),
            )
        })
        .boxed()
    }

    /// A field (or argument) `name` of type `ty`; `None` leaves it out.
    fn field(&self, name: &str, ty: &Ty, owner: &str, depth: u32) -> BoxedStrategy<(String, Option<Value>)> {
        let name = name.to_string();
        let value = match ty {
            Ty::NonNull(inner) => self.value(&name, inner, owner, depth).prop_map(Some).boxed(),
            _ => prop::option::weighted(0.6, self.value(&name, ty, owner, depth)).boxed(),
        };
        value.prop_map(move |v| (name.clone(), v)).boxed()
    }

    fn value(&self, name: &str, ty: &Ty, owner: &str, depth: u32) -> BoxedStrategy<Value> {
        match ty {
            Ty::NonNull(inner) => self.value(name, inner, owner, depth),
            Ty::List(inner) => vec(self.value(name, inner, owner, depth), 0..3)
                .prop_map(Value::Array)
                .boxed(),
            Ty::Named(n) => match (self.kinds[n].as_str(), n.as_str()) {
                ("ENUM", _) => select(self.enums[n].clone()).prop_map(Value::from).boxed(),
                ("INPUT_OBJECT", _) if depth < 3 => {
                    let fields: Vec<_> = self.inputs[n]
                        .iter()
                        .map(|(f, t)| self.field(f, t, owner, depth + 1))
                        .collect();
                    fields
                        .prop_map(|fs| Value::Object(fs.into_iter().filter_map(|(k, v)| Some((k, v?))).collect()))
                        .boxed()
                }
                ("INPUT_OBJECT", _) => Just(json!({})).boxed(),
                (_, "ID") => self.id(name, owner),
                (_, "Int") => prop_oneof![4 => 0..30i32, 1 => select(vec![-1, 101, i32::MAX, i32::MIN])]
                    .prop_map(Value::from)
                    .boxed(),
                (_, "Boolean") => any::<bool>().prop_map(Value::from).boxed(),
                (_, "DateTime") => moment(&[
                    "2026-03-02T10:00:00Z",
                    "1899-12-31T23:00:00Z",
                    "9999-12-31T23:59:59+01:00",
                ]),
                (_, "Date") => moment(&["2026-03-02", "1899-12-31", "2201-01-01"]),
                _ => text().prop_map(Value::from).boxed(),
            },
        }
    }

    /// An ID: mostly a real row's, of the kind the field's (or mutation's) name suggests.
    fn id(&self, name: &str, owner: &str) -> BoxedStrategy<Value> {
        let name = if name == "author" { "person" } else { name };
        let named = |s: &str| {
            self.ids
                .iter()
                .find(|(k, _)| s.to_lowercase().contains(k.as_str()))
                .map(|(_, v)| v.clone())
        };
        let guess = named(name).or_else(|| named(owner));
        let all: Vec<Value> = self.ids.values().cloned().collect();
        let likely = guess.map_or_else(|| select(all.clone()).boxed(), |g| Just(g).boxed());
        prop_oneof![6 => likely, 1 => select(all), 1 => text().prop_map(Value::from)].boxed()
    }
}

fn moment(valid: &[&'static str]) -> BoxedStrategy<Value> {
    prop_oneof![4 => select(valid.to_vec()).prop_map(Value::from), 1 => text().prop_map(Value::from)].boxed()
}
