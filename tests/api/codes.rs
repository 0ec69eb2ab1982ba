//! README's codes and the registry (`samenspel::codes`) agree both ways: the table under
//! "## Codes" names every registered code once, where it appears and with its status; every
//! code-like word README spells out anywhere is registered (or is an enum value of the schema
//! or a setting); the lists of token reasons and user errors are complete; and no code is
//! spelled as a string outside the registry.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use samenspel::codes::{Code, Place};

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect(path)
}

/// The text of README section `heading` (a whole line), up to the next heading of its level.
fn section<'a>(readme: &'a str, heading: &str) -> &'a str {
    let level = heading.split(' ').next().expect("hashes");
    let start = readme.find(&format!("\n{heading}\n")).expect(heading) + heading.len() + 2;
    let rest = &readme[start..];
    let end = rest.find(&format!("\n{level} ")).unwrap_or(rest.len());
    &rest[..end]
}

/// Words in `code spans` that look like codes: upper case, digits and underscores.
fn spans(text: &str) -> BTreeSet<&str> {
    let word = |w: &&str| {
        w.len() >= 3
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    };
    text.split('`').skip(1).step_by(2).filter(word).collect()
}

fn place(span: &str) -> Place {
    match span {
        "extensions.code" => Place::Error,
        "userErrors.code" => Place::UserError,
        "extensions.reason" => Place::Reason,
        other => panic!("no such place: {other}"),
    }
}

#[test]
fn the_table_of_codes_is_the_registry() {
    let readme = read("README.md");
    let mut table = BTreeMap::new();
    for row in section(&readme, "## Codes").lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        let code = cells[0].trim_matches('`');
        let places: BTreeSet<_> = cells[1]
            .split(", ")
            .map(|p| format!("{:?}", place(p.trim_matches('`'))))
            .collect();
        assert!(table.insert(code, (places, cells[2])).is_none(), "{code} twice");
    }
    for code in Code::ALL {
        let (places, status) = table
            .remove(code.as_str())
            .unwrap_or_else(|| panic!("{code:?} is not in README"));
        let want: BTreeSet<_> = code.places().iter().map(|p| format!("{p:?}")).collect();
        assert_eq!(places, want, "where {code:?} appears");
        let numbers: Vec<u16> = status
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        match code.status() {
            Some(s) => assert_eq!(numbers.first(), Some(&s.as_u16()), "status of {code:?}: {status}"),
            None => assert!(
                numbers.iter().all(|n| [200, 400].contains(n)),
                "status of {code:?}: {status}"
            ),
        }
    }
    assert!(
        table.is_empty(),
        "README names codes that are not registered: {table:?}"
    );
}

#[test]
fn every_code_readme_spells_is_registered() {
    let readme = read("README.md");
    let schema = read("schema.graphql");
    // Enum values of the schema: one per line inside `enum X { … }`.
    let mut known: BTreeSet<String> = BTreeSet::new();
    for block in schema.split("\nenum ").skip(1) {
        let body = &block[block.find('{').expect("{")..block.find('}').expect("}")];
        known.extend(
            body.lines()
                .map(str::trim)
                .filter(|l| !l.starts_with('"'))
                .map(String::from),
        );
    }
    // Settings: the first column of every table whose first heading is `variable`.
    let mut in_settings = false;
    for line in readme.lines() {
        in_settings = line.starts_with("| variable |") || (in_settings && line.starts_with('|'));
        if let Some(first) = line.split('|').nth(1).filter(|_| in_settings) {
            known.extend(spans(first).into_iter().map(String::from));
        }
    }
    known.insert("NOTIFY".into()); // PostgreSQL's statement
    let codes: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    let unknown: Vec<_> = spans(&readme)
        .into_iter()
        .filter(|w| !codes.contains(w) && !known.contains(*w))
        .collect();
    assert!(
        unknown.is_empty(),
        "README spells codes the registry lacks: {unknown:?}"
    );
}

#[test]
fn the_lists_of_token_reasons_and_user_errors_are_complete() {
    let readme = read("README.md");
    let lists = [
        ("## Tokens", "`extensions.reason`", Place::Reason),
        ("## Changing data", "`userErrors` with a stable", Place::UserError),
    ];
    for (heading, marker, place) in lists {
        let text = section(&readme, heading);
        let paragraph = text.split("\n\n").find(|p| p.contains(marker)).expect(marker);
        let listed = spans(paragraph);
        for code in Code::ALL
            .iter()
            .filter(|c| c.is_in(place) && **c != Code::CursorExpired)
        {
            assert!(listed.contains(code.as_str()), "{heading} does not list {code:?}");
        }
    }
}

#[test]
fn no_code_is_spelled_outside_the_registry() {
    // A change action shares its spelling with a user error.
    let allowed = [("src/changes/action.rs", "ARCHIVED")];
    let mut files = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    let mut found = Vec::new();
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).expect("dir").map(|e| e.expect("entry").path()));
            continue;
        }
        let name = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .expect("inside")
            .to_string_lossy()
            .into_owned();
        if path.extension().is_none_or(|e| e != "rs") || name == "src/codes.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source");
        // Unit tests may assert the spelling a client sees.
        let code_part = text.split("#[cfg(test)]").next().unwrap_or_default();
        for code in Code::ALL {
            let literal = format!("\"{}\"", code.as_str());
            if code_part.contains(&literal) && !allowed.contains(&(name.as_str(), code.as_str())) {
                found.push(format!("{name}: {literal}"));
            }
        }
    }
    assert!(found.is_empty(), "say `Code::…` instead: {found:#?}");
}
