//! Words as the search index sees them: split on anything that is not a letter or digit,
//! lowercased, accents removed, Dutch stop words left out and the rest stemmed with the Snowball
//! Dutch stemmer, the same one PostgreSQL's `dutch` configuration uses. SQLite's index and
//! queries are built from these; highlights use them on both databases.

use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words longer than this are neither indexed nor searched for (no Dutch word comes close).
pub const MAX_WORD_CHARS: usize = 60;

/// PostgreSQL's (Snowball's) Dutch stop word list: words too common to search for.
const STOP_WORDS: &[&str] = &[
    "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn", "is", "was", "op", "aan",
    "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan", "zou", "of", "wat", "mijn", "men", "dit", "zo",
    "door", "over", "ze", "zich", "bij", "ook", "tot", "je", "mij", "uit", "der", "daar", "haar", "naar", "heb", "hoe",
    "heeft", "hebben", "deze", "u", "want", "nog", "zal", "me", "zij", "nu", "ge", "geen", "omdat", "iets", "worden",
    "toch", "al", "waren", "veel", "meer", "doen", "toen", "moet", "ben", "zonder", "kan", "hun", "dus", "alles",
    "onder", "ja", "eens", "hier", "wie", "werd", "altijd", "doch", "wordt", "wezen", "kunnen", "ons", "zelf", "tegen",
    "na", "reeds", "wil", "kon", "niets", "uw", "iemand", "geweest", "andere",
];

/// The byte ranges of the words in `text`.
pub fn word_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// A word lowercased, without accents: `Coördinatie` is `coordinatie`.
pub fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first `n` characters of the word's folded form (see [`fold`]).
pub fn fold_head(word: &str, n: usize) -> String {
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .take(n)
        .collect()
}

/// The index form of one word: `None` for stop words and over-long words.
pub fn stem(word: &str) -> Option<String> {
    if word.chars().count() > MAX_WORD_CHARS {
        return None;
    }
    let folded = fold(word);
    if STOP_WORDS.contains(&folded.as_str()) {
        return None;
    }
    let stemmed = Stemmer::create(Algorithm::Dutch).stem(&folded).into_owned();
    // Folding may leave characters that are no letter (a lone combining mark); keep the token
    // one unicode61 word.
    let token: String = stemmed.chars().filter(|c| c.is_alphanumeric()).collect();
    (!token.is_empty()).then_some(token)
}

/// The index form of a text: its stems, space-separated.
pub fn stems(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for r in word_ranges(text) {
        if let Some(s) = stem(&text[r]) {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_accents_and_case_meet() {
        assert_eq!(stem("wooncirkels"), stem("Wooncirkel"));
        assert_eq!(stem("vrijwilligers"), stem("vrijwilliger"));
        assert_eq!(stem("coördinatie"), stem("COORDINATIE"));
        assert_eq!(stem("de"), None);
        assert_eq!(stems("De buurt-teams, en de wijk!"), "buurt team wijk");
    }
}
