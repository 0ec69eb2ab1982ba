//! The messages of graphql-transport-ws, the protocol of the npm package `graphql-ws`
//! (PROTOCOL.md of enisdenjo/graphql-ws), and its close codes.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The WebSocket subprotocol this endpoint speaks.
pub const SUBPROTOCOL: &str = "graphql-transport-ws";

/// A message from the client.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMessage {
    /// Opens the session; the payload carries the token.
    ConnectionInit {
        #[serde(default)]
        payload: Option<Value>,
    },
    /// Asks for a pong.
    Ping {
        #[serde(default)]
        payload: Option<Value>,
    },
    /// Answers a ping.
    Pong {
        #[serde(default)]
        #[allow(dead_code)]
        payload: Option<Value>,
    },
    /// Starts an operation.
    Subscribe { id: String, payload: Value },
    /// Stops an operation.
    Complete { id: String },
}

/// A message to the client.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage<'a> {
    /// The session is open.
    ConnectionAck,
    /// Answers a ping.
    Pong {
        #[serde(skip_serializing_if = "Option::is_none")]
        payload: Option<Value>,
    },
    /// One result of an operation.
    Next { id: &'a str, payload: Value },
    /// The operation was refused before it ran; it is over.
    Error { id: &'a str, payload: Value },
    /// The operation is over.
    Complete { id: &'a str },
}

impl ServerMessage<'_> {
    /// The message as a text frame.
    pub fn text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Why the server closes a session: a graphql-ws close code and its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Close(pub u16, pub String);

impl Close {
    /// 4400: the message could not be read.
    pub fn bad_request(why: impl Into<String>) -> Close {
        Close(4400, why.into())
    }
    /// 4401: a subscribe before the session was acknowledged.
    pub fn unauthorized() -> Close {
        Close(4401, "Unauthorized".into())
    }
    /// 4403: the token was refused, revoked or expired.
    pub fn forbidden(why: impl Into<String>) -> Close {
        Close(4403, why.into())
    }
    /// 4406: the client did not ask for graphql-transport-ws.
    pub fn subprotocol() -> Close {
        Close(4406, "Subprotocol not acceptable".into())
    }
    /// 4408: no connection_init in time.
    pub fn init_timeout() -> Close {
        Close(4408, "Connection initialisation timeout".into())
    }
    /// 4409: a subscribe with an id that is in use.
    pub fn duplicate(id: &str) -> Close {
        Close(4409, format!("Subscriber for {} already exists", short(id)))
    }
    /// 4429: a second connection_init, or too many connections for one token.
    pub fn too_many(why: impl Into<String>) -> Close {
        Close(4429, why.into())
    }
}

/// An id as it may appear in a close reason, which must stay under 123 bytes.
fn short(id: &str) -> String {
    id.chars().take(40).collect()
}
