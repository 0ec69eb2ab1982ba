//! How deep brackets nest in a query text, known without parsing it: the guard in front of the
//! parser, whose recursion must not be trusted with a megabyte of brackets.

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
    use super::*;

    #[test]
    fn nesting_skips_strings_and_comments() {
        assert_eq!(nesting(r#"{ a(s: "{{{{", t: """ {{{ """) { b } } # {{{{"#), 2);
        assert_eq!(nesting("{ a(l: [[1]]) }"), 3);
        assert_eq!(nesting(r#"{ a(s: """ " {{ \""" """) { b { c } } }"#), 3);
        assert_eq!(nesting(r#"{ a(s: "\" {") }"#), 1);
    }
}
