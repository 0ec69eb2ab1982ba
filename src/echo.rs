//! How much of a client's input an error message may repeat: a short prefix, so a 250 KB slug
//! or field name is not sent back (nor logged) in full.

use std::borrow::Cow;

/// Characters of an input a message repeats; what follows is replaced by `…`.
pub const ECHO_CHARS: usize = 40;

/// The longest message an error may carry, in characters.
pub const MAX_MESSAGE_CHARS: usize = 500;

/// `input` as a message may repeat it: its first [`ECHO_CHARS`] characters, then `…`.
pub fn clip(input: &str) -> Cow<'_, str> {
    match input.char_indices().nth(ECHO_CHARS) {
        None => Cow::Borrowed(input),
        Some((at, _)) => Cow::Owned(format!("{}…", &input[..at])),
    }
}

/// `message` with every quoted part (`"…"`, where messages quote what the client sent) clipped,
/// and the whole cut at [`MAX_MESSAGE_CHARS`]; `None` when it needs neither. A catch-all for
/// messages written by libraries (async-graphql, serde) that quote the input whole.
pub fn shorten(message: &str) -> Option<String> {
    let too_long = message.chars().count() > MAX_MESSAGE_CHARS;
    let parts: Vec<&str> = message.split('"').collect();
    // Odd parts lie between quotes; a last odd part has no closing quote.
    let quoted_too_long = parts.iter().skip(1).step_by(2).any(|p| p.chars().count() > ECHO_CHARS);
    if !too_long && !quoted_too_long {
        return None;
    }
    let joined: Vec<Cow<'_, str>> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| if i % 2 == 1 { clip(p) } else { Cow::Borrowed(*p) })
        .collect();
    let joined = joined.join("\"");
    Some(match joined.char_indices().nth(MAX_MESSAGE_CHARS) {
        None => joined,
        Some((at, _)) => format!("{}…", &joined[..at]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_long_input_only() {
        assert_eq!(clip("cordaan"), "cordaan");
        let long = "é".repeat(100);
        assert_eq!(clip(&long), format!("{}…", "é".repeat(40)));
    }

    #[test]
    fn shortens_quoted_parts_and_long_messages() {
        assert_eq!(shorten(r#"Unknown field "name" on type "Query"."#), None);
        let slug = "x".repeat(250_000);
        let short = shorten(&format!(r#"No coalition with slug "{slug}""#)).expect("shortened");
        assert_eq!(short, format!(r#"No coalition with slug "{}…""#, "x".repeat(40)));
        let unclosed = shorten(&format!(r#"invalid type: string "{slug}"#)).expect("shortened");
        assert_eq!(unclosed, format!(r#"invalid type: string "{}…"#, "x".repeat(40)));
        let prose = shorten(&"word ".repeat(200)).expect("shortened");
        assert_eq!(prose.chars().count(), MAX_MESSAGE_CHARS + 1);
    }
}
