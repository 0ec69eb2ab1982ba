//! How many sessions each client holds open, so one token cannot open connections without end.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::http::client::Client;

/// Open sessions per client.
#[derive(Default, Clone)]
pub struct Sockets(Arc<Mutex<HashMap<Client, usize>>>);

/// A held place; dropping it gives the place back.
pub struct Place {
    sockets: Sockets,
    client: Client,
}

impl Sockets {
    /// Takes a place for `client` unless it already holds `max`.
    pub fn take(&self, client: Client, max: usize) -> Option<Place> {
        let mut map = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let n = map.entry(client.clone()).or_default();
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(Place {
            sockets: self.clone(),
            client,
        })
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut map = self.sockets.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = map.get_mut(&self.client) {
            *n -= 1;
            if *n == 0 {
                map.remove(&self.client);
            }
        }
    }
}
