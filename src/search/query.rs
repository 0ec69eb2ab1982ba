//! What people type, read the way PostgreSQL's `websearch_to_tsquery` reads it: words (all must
//! match), "phrases", `-`exclusions and `or` between alternatives. Anything else is a separator,
//! so no input is a syntax error. The parsed query is written out again for each database: an
//! FTS5 expression of quoted stems for SQLite, a clean websearch string for PostgreSQL.

use super::text::{fold, stem, word_ranges};
use crate::error::AppError;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;
/// Most words used from one query; the rest are ignored.
pub const MAX_TERMS: usize = 32;

/// A word or phrase: its words as typed (folded) and the stems it matches on.
#[derive(Debug, Clone, PartialEq)]
struct Term {
    words: Vec<String>,
    stems: Vec<String>,
}

/// One alternative: every `must` term matches and no `not` term does.
#[derive(Debug, Clone, Default, PartialEq)]
struct Clause {
    must: Vec<Term>,
    not: Vec<Term>,
}

/// A parsed query: alternatives joined by `or`. Empty when nothing searchable was typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchQuery {
    clauses: Vec<Clause>,
}

/// A piece of the raw text.
enum Piece {
    Or,
    Term { negated: bool, words: Vec<String> },
}

impl SearchQuery {
    /// Reads a search box's text. Too long a text is refused; anything else is a query, maybe an
    /// empty one.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        if raw.chars().count() > MAX_QUERY_CHARS {
            return Err(AppError::bad_input(format!(
                "A search query has at most {MAX_QUERY_CHARS} characters"
            )));
        }
        let mut clauses = vec![Clause::default()];
        let mut terms = 0;
        for piece in pieces(raw) {
            let Piece::Term { negated, words } = piece else {
                clauses.push(Clause::default());
                continue;
            };
            let stems: Vec<String> = words.iter().filter_map(|w| stem(w)).collect();
            if stems.is_empty() || terms >= MAX_TERMS {
                continue;
            }
            terms += 1;
            let clause = clauses.last_mut().expect("one clause at least");
            let term = Term { words, stems };
            if negated {
                clause.not.push(term)
            } else {
                clause.must.push(term)
            }
        }
        // An alternative of exclusions alone would match nearly everything: it is left out.
        clauses.retain(|c| !c.must.is_empty());
        Ok(SearchQuery { clauses })
    }

    /// Any significant word of `text`, as alternatives: for finding similar questions.
    pub fn any_of(text: &str) -> Self {
        let mut clauses: Vec<Clause> = Vec::new();
        for r in word_ranges(text) {
            let word = &text[r];
            let Some(s) = stem(word) else { continue };
            if clauses.iter().any(|c| c.must[0].stems[0] == s) {
                continue;
            }
            if clauses.len() >= MAX_TERMS {
                break;
            }
            let term = Term {
                words: vec![fold(word)],
                stems: vec![s],
            };
            clauses.push(Clause {
                must: vec![term],
                not: vec![],
            });
        }
        SearchQuery { clauses }
    }

    /// Nothing searchable was typed: the query matches nothing.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The stems a hit may have matched on, for highlighting.
    pub fn positive_stems(&self) -> Vec<&str> {
        let terms = self.clauses.iter().flat_map(|c| &c.must);
        terms.flat_map(|t| t.stems.iter().map(String::as_str)).collect()
    }

    /// The FTS5 MATCH expression over the stemmed index.
    pub fn fts5(&self) -> String {
        let quote = |t: &Term| format!("\"{}\"", t.stems.join(" "));
        let clause = |c: &Clause| {
            let must = c.must.iter().map(quote).collect::<Vec<_>>().join(" AND ");
            let mut s = format!("({must})");
            for n in &c.not {
                s = format!("({s} NOT {})", quote(n));
            }
            s
        };
        self.clauses.iter().map(clause).collect::<Vec<_>>().join(" OR ")
    }

    /// The positive terms as alternatives, for ranking on PostgreSQL: `ts_rank` of an AND
    /// query is driven by how close the terms stand, of an OR query by how often and where
    /// (title or body) each term occurs, which is what SQLite's score counts too.
    pub fn websearch_any(&self) -> String {
        let terms = self.clauses.iter().flat_map(|c| &c.must);
        let term = |t: &Term| match t.words.as_slice() {
            [w] => w.clone(),
            ws => format!("\"{}\"", ws.join(" ")),
        };
        terms.map(term).collect::<Vec<_>>().join(" or ")
    }

    /// The text for PostgreSQL's `websearch_to_tsquery`: only words, quotes, `-` and `or`.
    /// Phrases keep their stop words, so PostgreSQL counts the gaps they leave.
    pub fn websearch(&self) -> String {
        let term = |t: &Term, neg: bool| {
            let sign = if neg { "-" } else { "" };
            match t.words.as_slice() {
                [w] => format!("{sign}{w}"),
                ws => format!("{sign}\"{}\"", ws.join(" ")),
            }
        };
        let clause = |c: &Clause| {
            let must = c.must.iter().map(|t| term(t, false));
            let not = c.not.iter().map(|t| term(t, true));
            must.chain(not).collect::<Vec<_>>().join(" ")
        };
        self.clauses.iter().map(clause).collect::<Vec<_>>().join(" or ")
    }
}

/// Splits the raw text into `or`s and terms. A `"` opens and closes a phrase (an unclosed one
/// runs to the end); a `-` right before a word or phrase excludes it.
fn pieces(raw: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        if c == '"' || (c == '-' && rest[1..].starts_with('"')) {
            let negated = c == '-';
            let body = &rest[if negated { 2 } else { 1 }..];
            let end = body.find('"').unwrap_or(body.len());
            let words = words_of(&body[..end]);
            if !words.is_empty() {
                out.push(Piece::Term { negated, words });
            }
            rest = body.get(end + 1..).unwrap_or("");
        } else if c.is_alphanumeric() || (c == '-' && rest[1..].starts_with(char::is_alphanumeric)) {
            let negated = c == '-';
            let body = &rest[if negated { 1 } else { 0 }..];
            let end = body.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(body.len());
            let token = &body[..end];
            if !negated && token.eq_ignore_ascii_case("or") {
                out.push(Piece::Or);
            } else {
                // `buurt-team` is two words that must both match, as in PostgreSQL.
                for w in words_of(token) {
                    out.push(Piece::Term {
                        negated,
                        words: vec![w],
                    });
                }
            }
            rest = &body[end..];
        } else {
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The folded words of a stretch of text, without the word `or`.
fn words_of(text: &str) -> Vec<String> {
    let words = word_ranges(text).into_iter().map(|r| fold(&text[r]));
    words.filter(|w| w != "or").collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websearch_syntax_is_read_and_written_back() {
        let q = SearchQuery::parse(r#"Wooncirkels "in de wijk" -eenzaamheid or coördinatie"#).unwrap();
        assert_eq!(q.websearch(), r#"wooncirkels "in de wijk" -eenzaamheid or coordinatie"#);
        assert_eq!(
            q.fts5(),
            r#"(("wooncirkel" AND "wijk") NOT "eenzam") OR ("coordinatie")"#
        );
        for nothing in ["", "   ", "-x", "or or", "\"\"", "de het een", "%_\\\0", "-\"a b\""] {
            assert!(SearchQuery::parse(nothing).unwrap().is_empty(), "{nothing:?}");
        }
        assert!(SearchQuery::parse(&"a".repeat(1001)).is_err());
    }
}
