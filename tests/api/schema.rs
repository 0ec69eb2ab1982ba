//! `schema.graphql` is the published contract: it must equal the SDL the code generates.
//! `UPDATE_SCHEMA=1 cargo test schema` rewrites it.

#[test]
fn schema_graphql_matches_the_code() {
    let generated = samenspel::graphql::sdl();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql");
    if std::env::var("UPDATE_SCHEMA").is_ok() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema.graphql is out of date: run `cargo run -- schema > schema.graphql` (or UPDATE_SCHEMA=1 cargo test)"
    );
}

#[test]
fn every_type_and_field_is_described() {
    let sdl = samenspel::graphql::sdl();
    let lines: Vec<&str> = sdl.lines().collect();
    let mut missing = vec![];
    let mut in_schema_block = false;
    let mut in_description = false;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t == "\"\"\"" {
            in_description = !in_description;
            continue;
        }
        if in_description || t.starts_with("\"\"\"") {
            continue;
        }
        if t.starts_with("schema {") || (in_schema_block && t == "}") {
            in_schema_block = t.starts_with("schema");
            continue;
        }
        if in_schema_block {
            continue;
        }
        let is_type = ["type ", "enum ", "input ", "interface ", "scalar ", "union "]
            .iter()
            .any(|k| t.starts_with(k));
        let is_field = line.starts_with('\t') && t.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        let described = i > 0 && lines[i - 1].trim().ends_with("\"\"\"");
        if (is_type || is_field) && !described {
            missing.push(t.to_string());
        }
    }
    assert!(missing.is_empty(), "undocumented: {missing:#?}");
}
