//! What admitting a query learned, kept so that a repeated query is not parsed, measured and
//! metered again: per distinct query text its parsed document and [`Shape`]; per text, operation
//! name and variables its complexity, and whether async-graphql's full validation passed.
//!
//! Nothing here depends on the viewer: no answer, no data, no error is kept, only facts about the
//! text that are the same for everyone who sends it (the limits refuse by them afresh each time).
//! So two viewers sending the same query share the work of reading it, never an answer.
//! Keys are SHA-256 digests; a text over [`MAX_TEXT`] is not kept, and memory is bounded.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use async_graphql::Request;
use async_graphql::parser::types::ExecutableDocument;
use quick_cache::Weighter;
use quick_cache::sync::Cache;
use sha2::{Digest, Sha256};

use super::limits::measure::Shape;

/// Longest query text kept, in bytes.
pub const MAX_TEXT: usize = 64 * 1024;

/// Estimated bytes of all kept documents together (see [`DocumentWeight`]).
const DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

/// Documents the cache expects to hold, for sizing.
const DOCUMENTS: usize = 1_000;

/// Operation name and variables kept per text (small entries: a digest and two numbers).
const PREPARED: usize = 16 * 1024;

/// A SHA-256 digest.
type Key = [u8; 32];

/// A query text parsed and within the limits of its own text.
pub struct Document {
    /// The parsed document, cloned into each request (execution takes it apart).
    pub doc: ExecutableDocument,
    /// Its size, as the limits measured it.
    pub shape: Shape,
    /// Bytes of its text.
    text_len: usize,
}

/// What is known of a document run with one operation name and one set of variables.
pub struct Prepared {
    /// Its complexity, as `limits::batch::Meter` found it.
    pub complexity: usize,
    /// Its full validation passed once (see `Api`): the same document, operation and variables
    /// always validate alike, so it need not be validated in full again.
    validated: AtomicBool,
}

impl Prepared {
    /// Whether the full validation has passed.
    pub fn validated(&self) -> bool {
        self.validated.load(Ordering::Relaxed)
    }

    /// Notes that the full validation passed.
    pub fn mark_validated(&self) {
        self.validated.store(true, Ordering::Relaxed);
    }
}

/// Where a request's facts are kept: by text, and by text, operation name and variables.
pub struct Keys {
    text: Key,
    prepared: Key,
}

impl Keys {
    /// The keys of `request`; none when its text is too long to keep.
    pub fn of(request: &Request) -> Option<Keys> {
        if request.query.len() > MAX_TEXT {
            return None;
        }
        let text: Key = Sha256::digest(request.query.as_bytes()).into();
        let mut h = Sha256::new();
        h.update(text);
        match &request.operation_name {
            None => h.update([0]),
            Some(name) => {
                h.update([1]);
                h.update((name.len() as u64).to_le_bytes());
                h.update(name.as_bytes());
            }
        }
        // Complexity depends on variables (`first: $n`), and so does validation.
        serde_json::to_writer(&mut h, &request.variables).ok()?;
        Some(Keys {
            text,
            prepared: h.finalize().into(),
        })
    }
}

/// A document's estimated size in memory: its text, and a few hundred bytes per field selected.
#[derive(Clone)]
struct DocumentWeight;

impl Weighter<Key, Arc<Document>> for DocumentWeight {
    fn weight(&self, _key: &Key, d: &Arc<Document>) -> u64 {
        (1024 + d.text_len + 256 * d.shape.selections) as u64
    }
}

/// Hits and misses of one cache.
#[derive(Default)]
struct Lookups {
    hits: AtomicU64,
    misses: AtomicU64,
}

impl Lookups {
    /// Counts one lookup, found or not.
    fn count<T>(&self, found: Option<T>) -> Option<T> {
        let c = if found.is_some() { &self.hits } else { &self.misses };
        c.fetch_add(1, Ordering::Relaxed);
        found
    }
}

/// The cache, and how often it was of use.
pub struct QueryCache {
    documents: Cache<Key, Arc<Document>, DocumentWeight>,
    prepared: Cache<Key, Arc<Prepared>>,
    document_lookups: Lookups,
    prepared_lookups: Lookups,
}

impl Default for QueryCache {
    fn default() -> Self {
        QueryCache {
            documents: Cache::with_weighter(DOCUMENTS, DOCUMENT_BYTES, DocumentWeight),
            prepared: Cache::new(PREPARED),
            document_lookups: Lookups::default(),
            prepared_lookups: Lookups::default(),
        }
    }
}

impl QueryCache {
    /// The document of the request's text, if kept.
    pub fn document(&self, keys: &Keys) -> Option<Arc<Document>> {
        self.document_lookups.count(self.documents.get(&keys.text))
    }

    /// Keeps the document of the request's text, admitted by the limits.
    pub fn keep_document(&self, keys: &Keys, doc: ExecutableDocument, shape: Shape, text_len: usize) {
        let d = Document { doc, shape, text_len };
        self.documents.insert(keys.text, Arc::new(d));
    }

    /// What is known of the request's text, operation name and variables, if kept.
    pub fn prepared(&self, keys: &Keys) -> Option<Arc<Prepared>> {
        self.prepared_lookups.count(self.prepared.get(&keys.prepared))
    }

    /// Keeps the complexity of the request's text, operation name and variables.
    pub fn keep_prepared(&self, keys: &Keys, complexity: usize) -> Arc<Prepared> {
        let p = Arc::new(Prepared {
            complexity,
            validated: AtomicBool::new(false),
        });
        self.prepared.insert(keys.prepared, p.clone());
        p
    }

    /// The Prometheus text of the hits and misses (`samenspel_query_cache_lookups_total`).
    pub fn render(&self) -> String {
        let mut out = String::from(
            "# HELP samenspel_query_cache_lookups_total Query cache lookups: documents by text, \
             complexities by text, operation and variables\n\
             # TYPE samenspel_query_cache_lookups_total counter\n",
        );
        let (d, p) = (&self.document_lookups, &self.prepared_lookups);
        for (cache, outcome, c) in [
            ("document", "hit", &d.hits),
            ("document", "miss", &d.misses),
            ("prepared", "hit", &p.hits),
            ("prepared", "miss", &p.misses),
        ] {
            let n = c.load(Ordering::Relaxed);
            out.push_str(&format!(
                "samenspel_query_cache_lookups_total{{cache=\"{cache}\",outcome=\"{outcome}\"}} {n}\n"
            ));
        }
        out
    }
}
