//! The excerpt shown with a hit: a short stretch of the record's own title or body with the
//! words that matched in `<mark>…</mark>` and every other character HTML-escaped. Built in Rust
//! from the record as the viewer gets it, with the same stems on both databases.

use std::ops::Range;

use super::document::Document;
use super::text::{fold_head, stem, word_ranges};

/// Characters of context shown before the first matched word.
const BEFORE: usize = 60;
/// Longest excerpt, in characters of the record's text.
const LENGTH: usize = 200;

/// The excerpt of `doc` for a query matching on `stems`.
pub fn excerpt(doc: &Document, stems: &[&str]) -> String {
    let body = marks(&doc.body, stems);
    if let Some(first) = body.first() {
        return window(&doc.body, &body, first.start);
    }
    let title = marks(&doc.title, stems);
    if !title.is_empty() || doc.body.is_empty() {
        return window(&doc.title, &title, 0);
    }
    window(&doc.body, &[], 0)
}

/// Leading characters of a word that its stem keeps: the Dutch stemmer only changes a word from
/// its fourth letter on (its region R1), so a word whose first two folded letters begin no
/// query stem cannot match, and is not stemmed (stemming every word of 20 texts was most of a
/// search's time in the server).
const HEAD: usize = 2;

/// The byte ranges of the words in `text` that match.
fn marks(text: &str, stems: &[&str]) -> Vec<Range<usize>> {
    let heads: Vec<String> = stems.iter().map(|s| s.chars().take(HEAD).collect()).collect();
    let may_match = |word: &str| {
        let head = fold_head(word, HEAD);
        heads.iter().any(|h| head.starts_with(h.as_str()))
    };
    let hit = |r: &Range<usize>| {
        let word = &text[r.clone()];
        may_match(word) && stem(word).is_some_and(|s| stems.contains(&s.as_str()))
    };
    word_ranges(text).into_iter().filter(hit).collect()
}

/// About `LENGTH` characters of `text` around byte `at`, on word boundaries, with `marks`.
fn window(text: &str, marks: &[Range<usize>], at: usize) -> String {
    let words = word_ranges(text);
    let before = text[..at].chars().rev().take(BEFORE).map(char::len_utf8).sum::<usize>();
    // Start at a word that begins within the context before `at`.
    let start = words
        .iter()
        .map(|r| r.start)
        .find(|s| *s >= at - before && *s <= at)
        .unwrap_or(at);
    let limit = start + text[start..].chars().take(LENGTH).map(char::len_utf8).sum::<usize>();
    let end = if limit >= text.len() {
        text.len()
    } else {
        words
            .iter()
            .rev()
            .map(|r| r.end)
            .find(|e| *e <= limit && *e > start)
            .unwrap_or(limit)
    };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut pos = start;
    for m in marks.iter().filter(|m| m.start >= start && m.end <= end) {
        escape(&text[pos..m.start], &mut out);
        out.push_str("<mark>");
        escape(&text[m.clone()], &mut out);
        out.push_str("</mark>");
        pos = m.end;
    }
    escape(&text[pos..end], &mut out);
    if end < text.len() {
        out.push('…');
    }
    out
}

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matched_words_are_marked_and_the_rest_escaped() {
        let doc = Document {
            title: "Wooncirkel".into(),
            body: "Twee <b>wooncirkels</b> & een coördinatie".into(),
        };
        let (w, c, v) = (
            stem("wooncirkel").unwrap(),
            stem("coordinatie").unwrap(),
            stem("vrijwilliger").unwrap(),
        );
        assert_eq!(
            excerpt(&doc, &[&w, &c]),
            "Twee &lt;b&gt;<mark>wooncirkels</mark>&lt;/b&gt; &amp; een <mark>coördinatie</mark>"
        );
        let long = Document {
            title: String::new(),
            body: format!("{} vrijwilligers {}", "woord ".repeat(50), "ander ".repeat(50)),
        };
        let e = excerpt(&long, &[&v]);
        assert!(
            e.starts_with('…') && e.ends_with('…') && e.contains("<mark>vrijwilligers</mark>"),
            "{e}"
        );
    }

    #[test]
    fn the_head_filter_marks_what_stemming_every_word_marks() {
        let text = "Ëen IJsselmonde-wooncirkel, vrijwilligers: coördinatie en Öpa's kinderen; \
                    yoghurt, ij, y, a, 't, ÿvonne, Ijsbeer, schulden, dagbesteding, dagbestedingen";
        for query in [
            "ijsbeer",
            "wooncirkels",
            "coordinatie",
            "opa",
            "kinderen",
            "yvonne",
            "schuld dagbesteding",
        ] {
            let owned: Vec<String> = super::super::text::stems(query)
                .split(' ')
                .map(str::to_string)
                .collect();
            let stems: Vec<&str> = owned.iter().map(String::as_str).collect();
            let every: Vec<Range<usize>> = word_ranges(text)
                .into_iter()
                .filter(|r| stem(&text[r.clone()]).is_some_and(|s| stems.contains(&s.as_str())))
                .collect();
            assert!(!every.is_empty(), "{query}");
            assert_eq!(marks(text, &stems), every, "{query}");
        }
    }
}
