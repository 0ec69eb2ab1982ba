//! How a committed write wakes the readers of the log. On PostgreSQL the write transaction
//! sends `NOTIFY` on [`CHANNEL`] (delivered to every replica at commit); in this process a
//! committed write also pokes [`local`], which is all SQLite has. Wake-ups carry no data: the
//! table is the truth, and a woken reader reads it.

use std::sync::LazyLock;

use tokio::sync::watch;

/// The PostgreSQL channel of change notifications.
pub const CHANNEL: &str = "samenspel_changes";

/// The key of the transaction-scoped advisory lock that puts change events in commit order.
pub const LOCK_KEY: i64 = 0x5a3e_5e1c_0001;

static LOCAL: LazyLock<watch::Sender<u64>> = LazyLock::new(|| watch::channel(0).0);

/// Tells readers in this process that a write committed.
pub fn local() {
    LOCAL.send_modify(|n| *n = n.wrapping_add(1));
}

/// A receiver that wakes after each [`local`] poke.
pub fn subscribe_local() -> watch::Receiver<u64> {
    LOCAL.subscribe()
}
