//! What the GraphQL layer learns about a request (operation names, organisation, error
//! codes), handed to the HTTP middleware through a task-local slot for the log line and metrics.

use std::future::Future;
use std::sync::{Arc, Mutex};

/// One request as the GraphQL layer saw it. A batch holds several operations.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    /// The name of each operation run, as the client gave it (unbounded: label before use).
    pub operations: Vec<Option<String>>,
    /// The viewer's organisation, when the token has one.
    pub organisation_id: Option<i32>,
    /// `extensions.code` of each error in the responses.
    pub error_codes: Vec<String>,
}

tokio::task_local! {
    static SEEN: Arc<Mutex<Seen>>;
}

/// Runs `fut` with an empty slot, and returns its output with what was reported into the slot.
pub async fn collect<F: Future>(fut: F) -> (F::Output, Seen) {
    let slot = Arc::new(Mutex::new(Seen::default()));
    let out = SEEN.scope(slot.clone(), fut).await;
    let seen = slot
        .lock()
        .map(|s| s.clone())
        .unwrap_or_else(|p| p.into_inner().clone());
    (out, seen)
}

/// Adds to the slot of the request being served; nothing happens outside `collect` (a schema
/// executed directly, as unit tests do).
pub fn report(f: impl FnOnce(&mut Seen)) {
    let _ = SEEN.try_with(|slot| {
        let mut seen = slot.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut seen);
    });
}
