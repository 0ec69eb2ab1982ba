//! Dutch-ish names, titles and texts of a given length, built from the word lists.

use super::rng::Rng;
use super::words::{ACTIVITIES, ACTORS, AREAS, EXPERIENCES, GROUPS, PLACES, SENTENCES, THEMES, TOPICS, WHERES};

/// Fills a template's `{…}` placeholders with random words.
pub fn fill(rng: &mut Rng, template: &str) -> String {
    let mut out = String::with_capacity(template.len() + 48);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let key = rest[open + 1..].chars().next().unwrap_or('}');
        out.push_str(&word(rng, key));
        rest = rest.get(open + 3..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

fn word(rng: &mut Rng, key: char) -> String {
    match key {
        'g' => (*rng.pick(GROUPS)).to_owned(),
        'a' => (*rng.pick(ACTORS)).to_owned(),
        'A' => capitalise(rng.pick::<&str>(ACTORS)),
        't' => (*rng.pick(TOPICS)).to_owned(),
        'T' => rng.pick(THEMES).1.to_lowercase(),
        'w' => (*rng.pick(WHERES)).to_owned(),
        'p' => (*rng.pick(PLACES)).to_owned(),
        'P' => (*rng.pick(AREAS)).to_owned(),
        'v' => (*rng.pick(ACTIVITIES)).to_owned(),
        'x' => (*rng.pick(EXPERIENCES)).to_owned(),
        _ => String::new(),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A filled template of `min..=max` characters: drawn again when too long, extended with a
/// where-or-when before its last character when too short.
pub fn line(rng: &mut Rng, templates: &[&str], min: usize, max: usize) -> String {
    let mut text = String::new();
    for _ in 0..8 {
        let template = rng.pick(templates);
        text = fill(rng, template);
        if chars(&text) <= max {
            break;
        }
    }
    while chars(&text) < min {
        let last = text.pop().unwrap_or('.');
        text.push(' ');
        text.push_str(rng.pick::<&str>(WHERES));
        text.push(last);
    }
    clip(text, max)
}

/// Sentences until a length drawn from `min..=max` is reached, never past `max`.
pub fn text(rng: &mut Rng, opening: &str, min: usize, max: usize) -> String {
    let target = rng.range(min as i64, max as i64) as usize;
    let mut out = opening.to_owned();
    let mut len = chars(&out);
    let mut misses = 0;
    while len < target && misses < 16 {
        let template = rng.pick(SENTENCES);
        let mut sentence = fill(rng, template);
        let fresh = out.is_empty() || out.ends_with(' ');
        if fresh {
            sentence = capitalise(&sentence);
        }
        let n = chars(&sentence) + usize::from(!fresh);
        if len + n > max {
            misses += 1;
            continue;
        }
        if !fresh {
            out.push(' ');
        }
        out.push_str(&sentence);
        len += n;
    }
    while len < min {
        out.push_str(" Wordt vervolgd.");
        len += 16;
    }
    clip(out, max)
}

/// `text` cut to at most `max` characters at a word boundary.
fn clip(text: String, max: usize) -> String {
    if chars(&text) <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_owned(),
        _ => cut,
    }
}

/// A lower-case ASCII slug of `name`.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'é' | 'ë' | 'è' => out.push('e'),
            'ï' => out.push('i'),
            _ if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            _ => {}
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_keep_their_bounds() {
        let mut rng = Rng::stream("text-test");
        for _ in 0..2_000 {
            let t = line(&mut rng, super::super::words::QUESTION_TITLES, 40, 120);
            assert!((40..=120).contains(&chars(&t)), "{t}");
            let b = text(&mut rng, "Tip: ", 100, 800);
            assert!((100..=800).contains(&chars(&b)), "{b}");
        }
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Zorggroep Het Anker (Den Haag)"), "zorggroep-het-anker-den-haag");
        assert_eq!(slug("Casuïstiek"), "casuistiek");
    }
}
