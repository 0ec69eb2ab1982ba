//! The live schema read by introspection, and proptest strategies for the arguments of its root
//! fields: hostile text (control characters, very long, unicode, `%`, `_`, quotes, backslashes)
//! wherever a String or ID goes, valid values elsewhere.

use std::collections::HashMap;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Value, json};

use crate::helpers::TestApp;

const TYPE: &str = "fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }";

/// A type reference.
#[derive(Debug, Clone)]
pub enum Ty {
    NonNull(Box<Ty>),
    List(Box<Ty>),
    Named(String),
}

impl Ty {
    fn read(v: &Value) -> Ty {
        match v["kind"].as_str() {
            Some("NON_NULL") => Ty::NonNull(Box::new(Ty::read(&v["ofType"]))),
            Some("LIST") => Ty::List(Box::new(Ty::read(&v["ofType"]))),
            _ => Ty::Named(v["name"].as_str().unwrap().to_string()),
        }
    }

    /// The type as written in a variable definition.
    pub fn render(&self) -> String {
        match self {
            Ty::NonNull(t) => format!("{}!", t.render()),
            Ty::List(t) => format!("[{}]", t.render()),
            Ty::Named(n) => n.clone(),
        }
    }

    fn name(&self) -> &str {
        match self {
            Ty::NonNull(t) | Ty::List(t) => t.name(),
            Ty::Named(n) => n,
        }
    }
}

/// A root field to call: its operation, name, arguments and what it returns.
#[derive(Debug, Clone)]
pub struct Target {
    pub mutation: bool,
    pub field: String,
    pub args: Vec<(String, Ty)>,
    selection: String,
}

impl Target {
    /// The request: every argument passed as a variable.
    pub fn document(&self) -> String {
        let defs: Vec<String> = self.args.iter().map(|(n, t)| format!("${n}: {}", t.render())).collect();
        let uses: Vec<String> = self.args.iter().map(|(n, _)| format!("{n}: ${n}")).collect();
        let op = if self.mutation { "mutation" } else { "query" };
        format!(
            "{op}({}) {{ {}({}) {} }}",
            defs.join(", "),
            self.field,
            uses.join(", "),
            self.selection
        )
    }
}

/// What strategies are made of: the schema's types and the IDs of real rows.
pub struct Schema {
    kinds: HashMap<String, String>,
    inputs: HashMap<String, Vec<(String, Ty)>>,
    enums: HashMap<String, Vec<String>>,
    /// Every root field with arguments.
    pub targets: Vec<Target>,
    /// A global ID for each row kind, by field name (`coalition`, `question`, …).
    pub ids: HashMap<String, Value>,
}

/// Reads the live schema over HTTP.
pub async fn introspect(app: &TestApp, ids: HashMap<String, Value>) -> Schema {
    let q = format!(
        "{TYPE} {{ __schema {{ queryType {{ fields {{ name args {{ name type {{ ...T }} }} type {{ ...T }} }} }} \
         mutationType {{ fields {{ name args {{ name type {{ ...T }} }} type {{ ...T }} }} }} \
         types {{ name kind inputFields {{ name type {{ ...T }} }} enumValues {{ name }} fields {{ name }} }} }} }}"
    );
    let s = app.data(&q, json!({})).await["__schema"].clone();
    let (mut kinds, mut inputs, mut enums, mut counted) = (HashMap::new(), HashMap::new(), HashMap::new(), vec![]);
    for t in s["types"].as_array().unwrap() {
        let name = t["name"].as_str().unwrap().to_string();
        let fields = |key: &str| t[key].as_array().cloned().unwrap_or_default();
        inputs.insert(
            name.clone(),
            fields("inputFields")
                .iter()
                .map(|f| (f["name"].as_str().unwrap().to_string(), Ty::read(&f["type"])))
                .collect(),
        );
        enums.insert(
            name.clone(),
            fields("enumValues")
                .iter()
                .map(|v| v["name"].as_str().unwrap().to_string())
                .collect(),
        );
        if fields("fields").iter().any(|f| f["name"] == "totalCount") {
            counted.push(name.clone());
        }
        kinds.insert(name, t["kind"].as_str().unwrap().to_string());
    }
    let mut targets = vec![];
    for (root, mutation) in [("queryType", false), ("mutationType", true)] {
        for f in s[root]["fields"].as_array().unwrap() {
            let args: Vec<(String, Ty)> = f["args"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| (a["name"].as_str().unwrap().to_string(), Ty::read(&a["type"])))
                .collect();
            let returns = Ty::read(&f["type"]).name().to_string();
            let selection = match kinds[&returns].as_str() {
                _ if mutation => "{ userErrors { field code } }".to_string(),
                _ if counted.contains(&returns) => "{ totalCount }".to_string(),
                "OBJECT" | "INTERFACE" | "UNION" => "{ __typename }".to_string(),
                _ => String::new(),
            };
            if !args.is_empty() {
                targets.push(Target {
                    mutation,
                    field: f["name"].as_str().unwrap().to_string(),
                    args,
                    selection,
                });
            }
        }
    }
    Schema {
        kinds,
        inputs,
        enums,
        targets,
        ids,
    }
}

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
