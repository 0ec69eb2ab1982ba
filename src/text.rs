//! Which characters a client's text may hold: the one rule that both the check of a request's
//! arguments (`graphql::bad_input`) and the write services' input check (`Check`) apply.
//!
//! PostgreSQL cannot store NUL in a text column, and SQLite can: refusing NUL and its fellow C0
//! control characters before any SQL makes both databases answer alike. Tab, newline and
//! carriage return are ordinary text.

/// Whether `c` is refused in any text a client sends: a C0 control character (U+0000 to
/// U+001F) other than tab, newline and carriage return.
pub fn is_refused(c: char) -> bool {
    c < ' ' && !matches!(c, '\t' | '\n' | '\r')
}

/// The first refused character of `s` and its position in characters, if any.
pub fn first_refused(s: &str) -> Option<(usize, char)> {
    s.chars().enumerate().find(|(_, c)| is_refused(*c))
}

/// Why a text holding `c` at character position `at` is refused, naming `what` (an argument,
/// a variable, an input field).
pub fn refusal(what: &str, at: usize, c: char) -> String {
    format!(
        "{what} holds the control character U+{:04X} at position {at}; text may not hold control \
         characters (U+0000 to U+001F) other than tab, newline and carriage return",
        c as u32
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_c0_controls_except_tab_newline_and_carriage_return() {
        let refused: Vec<char> = (0u8..=0x7f).map(char::from).filter(|c| is_refused(*c)).collect();
        assert_eq!(refused.len(), 29);
        assert!(refused.contains(&'\0') && refused.contains(&'\u{1f}') && refused.contains(&'\u{0b}'));
        for ok in ['\t', '\n', '\r', ' ', '\u{7f}', '\u{85}', 'é', '%', '_', '\\', '\''] {
            assert!(!is_refused(ok), "{ok:?}");
        }
        assert_eq!(first_refused("ab\u{1}c\0"), Some((2, '\u{1}')));
        assert_eq!(first_refused("regel\r\nnieuw\tvak"), None);
        assert!(refusal("`slug`", 2, '\0').contains("U+0000 at position 2"));
    }
}
