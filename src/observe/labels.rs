//! Metric labels from what clients send: bounded, so no client can grow the number of series.

use std::collections::HashSet;
use std::sync::Mutex;

/// Label of a request without an operation name.
pub const ANONYMOUS: &str = "anonymous";
/// Label of a name that is malformed, too long, or one too many.
pub const OTHER: &str = "other";
/// How many distinct operation names get a label of their own; later ones count as `other`.
const MAX_OPERATIONS: usize = 200;

/// Remembers which operation names already have a label of their own.
#[derive(Default)]
pub struct OperationLabels(Mutex<HashSet<String>>);

impl OperationLabels {
    /// `anonymous` for an unnamed operation, the name itself when it is `[A-Za-z0-9_]{1,64}` and
    /// one of the first 200 names seen, `other` otherwise.
    pub fn label(&self, name: Option<&str>) -> String {
        let Some(name) = name else {
            return ANONYMOUS.into();
        };
        if !is_word(name, 64) {
            return OTHER.into();
        }
        let mut seen = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if seen.contains(name) || (seen.len() < MAX_OPERATIONS && seen.insert(name.to_owned())) {
            name.to_owned()
        } else {
            OTHER.into()
        }
    }
}

/// An error code as a label: the code when it looks like one (`[A-Z_]{1,40}`), else `OTHER`.
pub fn code(code: &str) -> &str {
    let upper = code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_');
    if upper && (1..=40).contains(&code.len()) {
        code
    } else {
        "OTHER"
    }
}

/// Whether `s` is 1 to `max` ASCII letters, digits or underscores.
pub fn is_word(s: &str, max: usize) -> bool {
    (1..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_names_are_bounded() {
        let labels = OperationLabels::default();
        assert_eq!(labels.label(None), "anonymous");
        assert_eq!(labels.label(Some("Questions_2")), "Questions_2");
        assert_eq!(labels.label(Some("bad-name")), "other");
        assert_eq!(labels.label(Some(&"x".repeat(65))), "other");
        for i in 0..MAX_OPERATIONS {
            labels.label(Some(&format!("op{i}")));
        }
        assert_eq!(
            labels.label(Some("Questions_2")),
            "Questions_2",
            "known names keep their label"
        );
        assert_eq!(labels.label(Some("oneTooMany")), "other");
    }

    #[test]
    fn codes_are_bounded() {
        assert_eq!(code("FORBIDDEN"), "FORBIDDEN");
        assert_eq!(code("select * from person"), "OTHER");
        assert_eq!(code(""), "OTHER");
    }
}
