//! The live schema read by introspection: the types of its inputs and every root field with
//! arguments, as the generated-input test calls them.

use std::collections::HashMap;

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
    pub kinds: HashMap<String, String>,
    pub inputs: HashMap<String, Vec<(String, Ty)>>,
    pub enums: HashMap<String, Vec<String>>,
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
            // Archiving the token's own organisation ends the token (ORGANISATION_ARCHIVED) and
            // every case after it would answer UNAUTHENTICATED: that path has tests of its own.
            let ends_the_token = f["name"] == "archiveOrganisation";
            if !args.is_empty() && !ends_the_token {
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
