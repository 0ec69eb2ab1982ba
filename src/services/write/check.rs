//! Input validation that collects every problem before answering, so a client fixes its input
//! in one round.

use chrono::NaiveDate;

use super::{FieldError, WriteError, WriteResult};
use crate::codes::Code;

/// Collected validation problems.
#[derive(Debug, Default)]
pub struct Check(Vec<FieldError>);

impl Check {
    /// A new, empty check.
    pub fn new() -> Self {
        Check::default()
    }

    /// Records a problem.
    pub fn fail(&mut self, field: &'static str, code: Code, message: impl Into<String>) {
        self.0.push(FieldError::new(field, code, message));
    }

    /// Required text: trimmed, not empty, at most `max` characters, no refused characters
    /// (`crate::text`).
    pub fn text(&mut self, field: &'static str, value: &str, max: usize) -> String {
        let v = value.trim();
        if self.readable(field, value) {
            if v.is_empty() {
                self.fail(field, Code::Required, format!("`{field}` must not be empty"));
            } else if v.chars().count() > max {
                self.fail(
                    field,
                    Code::TooLong,
                    format!("`{field}` is longer than {max} characters"),
                );
            }
        }
        v.to_string()
    }

    /// Optional text: trimmed, at most `max` characters, no refused characters; empty means none.
    pub fn opt_text(&mut self, field: &'static str, value: Option<&str>, max: usize) -> Option<String> {
        let readable = self.readable(field, value?);
        let v = value.map(str::trim).filter(|v| !v.is_empty())?;
        if readable && v.chars().count() > max {
            self.fail(
                field,
                Code::TooLong,
                format!("`{field}` is longer than {max} characters"),
            );
        }
        Some(v.to_string())
    }

    /// No refused character (see `crate::text`) in `value`, else an `INVALID` problem.
    fn readable(&mut self, field: &'static str, value: &str) -> bool {
        let Some((at, c)) = crate::text::first_refused(value) else {
            return true;
        };
        self.fail(field, Code::Invalid, crate::text::refusal(&format!("`{field}`"), at, c));
        false
    }

    /// Whether a problem with `field` is recorded already.
    pub fn failed(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    /// An optional `externalRef` of a create path, which takes it beside its fields: trimmed,
    /// at most 200 characters (its column's size); empty means none.
    pub fn external_ref(value: Option<String>) -> WriteResult<Option<String>> {
        let mut c = Check::new();
        let v = c.opt_text("externalRef", value.as_deref(), 200);
        c.finish().map(|()| v)
    }

    /// An optional http(s) URL.
    pub fn url(&mut self, field: &'static str, value: Option<&str>) -> Option<String> {
        let v = self.opt_text(field, value, 500)?;
        let web = v.starts_with("https://") || v.starts_with("http://");
        if !self.failed(field) && (!web || v.contains(char::is_whitespace)) {
            self.fail(field, Code::Invalid, format!("`{field}` must be an http(s) URL"));
        }
        Some(v)
    }

    /// A slug: lower-case letters, digits and hyphens, 2 to 80 characters.
    pub fn slug(&mut self, field: &'static str, value: &str) -> String {
        let v = self.text(field, value, 80);
        let ok = v.len() >= 2
            && v.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !v.starts_with('-')
            && !v.ends_with('-');
        if !v.is_empty() && !ok && !self.failed(field) {
            self.fail(
                field,
                Code::Invalid,
                format!("`{field}` may hold only a-z, 0-9 and inner hyphens"),
            );
        }
        v
    }

    /// An end that must not come before its start.
    pub fn order<T: PartialOrd>(&mut self, end_field: &'static str, start: Option<T>, end: Option<T>) {
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            self.fail(
                end_field,
                Code::OutOfRange,
                format!("`{end_field}` must not come before the start"),
            );
        }
    }

    /// A date within the years a learning community can plausibly use.
    pub fn date(&mut self, field: &'static str, d: Option<NaiveDate>) {
        if let Some(d) = d
            && !(1900..=2200).contains(&chrono::Datelike::year(&d))
        {
            self.fail(
                field,
                Code::OutOfRange,
                format!("`{field}` must lie between the years 1900 and 2200"),
            );
        }
    }

    /// Ends the check: the problems found, if any.
    pub fn finish(self) -> WriteResult<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(WriteError::Invalid(self.0))
        }
    }
}
