//! Reading an archive into this instance: the header first (a known format and version, a
//! coalition slug not taken), then every line, checked as the API checks input and written
//! through the one write path, all in ONE transaction: any problem on any line, or counts that
//! disagree with the header (a truncated file), and nothing is imported.

use std::io::BufRead;

use entity::coalition;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};

use super::format::{Counts, FORMAT, Header, Record, VERSION};
use super::load::Loader;
use crate::codes::Code;
use crate::services::write::path::{self, Actor};
use crate::services::write::{Check, FieldError, WriteError, WriteResult, invalid};

/// Longest line read, in bytes: far above the longest record the limits on text allow.
pub const MAX_LINE_BYTES: usize = 4 << 20;

/// What an import made.
#[derive(Debug, Clone)]
pub struct Imported {
    /// Row id of the new coalition.
    pub coalition_id: i32,
    /// Its slug.
    pub slug: String,
    /// The records read, per type.
    pub counts: Counts,
}

/// Imports the archive `file` as the command line on the server. Problems come back as
/// `WriteError::Invalid`, each message starting with the line it is about.
pub async fn import(db: &DatabaseConnection, mut file: impl BufRead + Send + 'static) -> WriteResult<Imported> {
    let mut lines = Lines::default();
    let header = header(&mut lines, &mut file)?;
    slug_free(db, &header.coalition).await.map_err(|e| at(1, e))?;
    path::run(db, Actor::Cli, "importCoalition", |w| {
        Box::pin(async move {
            slug_free(w.db(), &header.coalition).await.map_err(|e| at(1, e))?;
            let mut loader = Loader::new(header.coalition.clone());
            let mut counts = Counts::default();
            while let Some(text) = lines.next(&mut file)? {
                let n = lines.number;
                let record: Record = serde_json::from_str(&text).map_err(|e| at(n, json(e)))?;
                counts.add(&record);
                loader.load(w, record).await.map_err(|e| at(n, e))?;
            }
            if counts != header.counts {
                return Err(at(1, mismatch(&header.counts, &counts)));
            }
            Ok(Imported {
                coalition_id: loader.coalition_id().ok_or_else(|| at(1, none()))?,
                slug: header.coalition,
                counts,
            })
        })
    })
    .await
}

fn header(lines: &mut Lines, file: &mut impl BufRead) -> WriteResult<Header> {
    let text = lines
        .next(file)?
        .ok_or_else(|| invalid("file", Code::Required, "The file is empty: line 1 must be the header"))?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| at(1, json(e)))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(at(
            1,
            invalid(
                "format",
                Code::Invalid,
                format!("The header's `format` must be \"{FORMAT}\""),
            ),
        ));
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => {}
        v => {
            let found = v.map_or("none".to_string(), |v| v.to_string());
            let msg = format!("Unknown archive version {found}: this build reads version {VERSION} only");
            return Err(at(1, invalid("version", Code::Invalid, msg)));
        }
    }
    let header: Header = serde_json::from_value(value).map_err(|e| at(1, json(e)))?;
    // Checked before any statement names it: PostgreSQL refuses a NUL even in a lookup.
    let mut c = Check::new();
    c.slug("coalition", &header.coalition);
    c.finish().map_err(|e| at(1, e))?;
    Ok(header)
}

/// Refuses a slug taken by a coalition of this instance.
async fn slug_free(db: &impl ConnectionTrait, slug: &str) -> WriteResult<()> {
    let taken = coalition::Entity::find()
        .filter(coalition::Column::Slug.eq(slug))
        .count(db)
        .await?;
    if taken > 0 {
        let msg = format!("A coalition with slug \"{}\" exists already", crate::echo::clip(slug));
        return Err(invalid("coalition", Code::Duplicate, msg));
    }
    Ok(())
}

fn json(e: serde_json::Error) -> WriteError {
    let why: String = e.to_string().chars().take(200).collect();
    let msg = format!("Not a record of this format: {why}");
    invalid("file", Code::Invalid, msg)
}

fn none() -> WriteError {
    invalid("coalition", Code::Required, "The file holds no coalition line")
}

fn mismatch(header: &Counts, found: &Counts) -> WriteError {
    let (h, f) = (serde_json::to_string(header), serde_json::to_string(found));
    let msg = format!(
        "The header counts {} records, the file holds {} (truncated or edited?)",
        h.unwrap_or_default(),
        f.unwrap_or_default()
    );
    invalid("counts", Code::Invalid, msg)
}

/// `e`, each message saying which line it is about.
fn at(line: usize, e: WriteError) -> WriteError {
    match e {
        WriteError::Invalid(problems) => WriteError::Invalid(
            problems
                .into_iter()
                .map(|p| FieldError::new(p.field, p.code, format!("line {line}: {}", p.message)))
                .collect(),
        ),
        other => other,
    }
}

/// The lines of a file, each ended by a newline, none longer than [`MAX_LINE_BYTES`].
#[derive(Default)]
struct Lines {
    number: usize,
    buf: Vec<u8>,
}

impl Lines {
    fn next(&mut self, file: &mut impl BufRead) -> WriteResult<Option<String>> {
        self.number += 1;
        let n = self.number;
        self.buf.clear();
        let limit = MAX_LINE_BYTES as u64 + 1;
        let read = std::io::Read::take(&mut *file, limit)
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| at(n, invalid("file", Code::Invalid, format!("Unreadable: {e}"))))?;
        if read == 0 {
            return Ok(None);
        }
        let problem = |msg: String| Err(at(n, invalid("file", Code::Invalid, msg)));
        if self.buf.last() != Some(&b'\n') {
            return match self.buf.len() > MAX_LINE_BYTES {
                true => problem(format!("Longer than {MAX_LINE_BYTES} bytes")),
                false => problem("Does not end with a newline: the file is truncated".into()),
            };
        }
        self.buf.pop();
        if self.buf.is_empty() {
            return problem("Empty: every line holds one record".into());
        }
        match String::from_utf8(std::mem::take(&mut self.buf)) {
            Ok(text) => Ok(Some(text)),
            Err(_) => problem("Not UTF-8".into()),
        }
    }
}
