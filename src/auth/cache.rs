//! The token rows this replica read lately, so that a request does not pay a round trip to learn
//! what the previous one learned. The promise (README, "Tokens"): a revocation, an archived
//! organisation or a changed coalition membership holds at once on the replica that made it
//! (its write path empties this cache after the commit) and within one second on every other
//! replica and for the command line (an entry is used for at most [`TTL`] after its row was
//! read; in practice sooner, as the change hub empties the cache when `NOTIFY` brings such a
//! change). Expiry is checked on every request against the row, so it holds to the second.
//!
//! Only PostgreSQL deployments cache: on SQLite the row is a library call away and the command
//! line, another process, must revoke at once.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

/// How long a row read from the database answers for it.
pub const TTL: Duration = Duration::from_secs(1);

/// Entries kept at most; a full cache is emptied (every entry is young anyway).
const CAPACITY: usize = 10_000;

/// A token's row with what a request needs to know of its organisation.
#[derive(Debug, Clone)]
pub struct TokenRow {
    /// The row.
    pub row: entity::api_token::Model,
    /// The coalitions the organisation is a current member of.
    pub coalitions: std::collections::HashSet<i32>,
    /// Whether the organisation is archived (never for a platform token).
    pub archived: bool,
}

struct Entry {
    read_at: Instant,
    row: Arc<TokenRow>,
}

#[derive(Default)]
struct Cache {
    /// Moves on every [`forget_all`]: a row read before it moved is not kept.
    generation: AtomicU64,
    entries: Mutex<HashMap<String, Entry>>,
}

/// One per process: tests run several services in one process, and their tokens' `jti`s
/// (128 random bits) never meet.
static CACHE: LazyLock<Cache> = LazyLock::new(Cache::default);

/// Where a lookup starts: the generation a row read now belongs to, and when it was read.
#[derive(Debug, Clone, Copy)]
pub struct Ticket {
    generation: u64,
    read_at: Instant,
}

/// The row of token `jti` if this replica read it less than [`TTL`] ago.
pub fn get(jti: &str) -> Option<Arc<TokenRow>> {
    let entries = CACHE.entries.lock().unwrap_or_else(|p| p.into_inner());
    entries
        .get(jti)
        .filter(|e| e.read_at.elapsed() < TTL)
        .map(|e| e.row.clone())
}

/// Taken just before reading a row from the database.
pub fn ticket() -> Ticket {
    Ticket {
        generation: CACHE.generation.load(Ordering::Acquire),
        read_at: Instant::now(),
    }
}

/// Keeps `row` of token `jti`, read under `ticket`, unless the cache was emptied meanwhile.
pub fn put(jti: &str, ticket: Ticket, row: Arc<TokenRow>) {
    let mut entries = CACHE.entries.lock().unwrap_or_else(|p| p.into_inner());
    if CACHE.generation.load(Ordering::Acquire) != ticket.generation {
        return;
    }
    if entries.len() >= CAPACITY {
        entries.clear();
    }
    entries.insert(
        jti.to_string(),
        Entry {
            read_at: ticket.read_at,
            row,
        },
    );
}

/// Notes that token `jti` was used at `at`, so the cached row does not ask for another touch.
pub fn touched(jti: &str, at: DateTime<Utc>) {
    let mut entries = CACHE.entries.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(e) = entries.get_mut(jti) {
        let mut row = (*e.row).clone();
        row.row.last_used_at = Some(at);
        e.row = Arc::new(row);
    }
}

/// Empties the cache: a token, an organisation or a coalition membership changed here.
pub fn forget_all() {
    let mut entries = CACHE.entries.lock().unwrap_or_else(|p| p.into_inner());
    CACHE.generation.fetch_add(1, Ordering::AcqRel);
    entries.clear();
}
