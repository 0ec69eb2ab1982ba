//! One graphql-transport-ws session: the handshake (the token travels in `connection_init`),
//! ping/pong, operations, and the close codes of the protocol. A session whose token is revoked,
//! whose organisation is archived or whose token expires is closed with 4403.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::sync::{broadcast, mpsc};
use tokio::task::AbortHandle;

use super::counts::Place;
use super::operation::{self, Out};
use super::protocol::{ClientMessage, Close, ServerMessage};
use crate::auth::{AuthError, token_viewer};
use crate::changes::hub::Ended;
use crate::codes::Code;
use crate::http::client::Client;
use crate::startup::AppState;
use crate::viewer::Viewer;

/// Frames of a session's operations waiting for the socket; past this, operations wait, and
/// the log (not the server's memory) holds what they have not sent yet.
const BACKLOG: usize = 64;

struct Session {
    state: AppState,
    addr: IpAddr,
    viewer: Option<Arc<Viewer>>,
    _place: Option<Place>,
    operations: HashMap<String, AbortHandle>,
    out: mpsc::Sender<Out>,
}

/// Serves one upgraded socket until either side closes it.
pub async fn run(socket: WebSocket, state: AppState, addr: IpAddr, speaks: bool) {
    let (mut sink, mut stream) = socket.split();
    if !speaks {
        let _ = sink.send(close(Close::subprotocol())).await;
        return;
    }
    let (out, mut outgoing) = mpsc::channel(BACKLOG);
    let mut ended = state.hub.ended();
    let init_wait = Duration::from_millis(state.changes.connection_init_timeout_ms);
    let mut s = Session {
        state,
        addr,
        viewer: None,
        _place: None,
        operations: HashMap::new(),
        out,
    };
    let deadline = tokio::time::sleep(init_wait);
    tokio::pin!(deadline);
    let closing: Option<Close> = loop {
        let expiry = s.expiry();
        tokio::select! {
            msg = stream.next() => match msg {
                Some(Ok(Message::Text(t))) => match s.handle(t.as_str()).await {
                    Ok(Some(reply)) => { if sink.send(Message::Text(reply.into())).await.is_err() { break None } }
                    Ok(None) => {}
                    Err(c) => break Some(c),
                },
                Some(Ok(Message::Binary(_))) => break Some(Close::bad_request("Binary messages are not part of the protocol")),
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break None,
                Some(Ok(_)) => {}
            },
            Some(o) = outgoing.recv() => match o {
                Out::Frame(f) => { if sink.send(Message::Text(f.into())).await.is_err() { break None } }
                Out::Done(id) => { s.operations.remove(&id); }
            },
            _ = &mut deadline, if s.viewer.is_none() => break Some(Close::init_timeout()),
            e = ended.recv() => if let Some(c) = s.ended(e) { break Some(c) },
            _ = tokio::time::sleep(expiry) => break Some(Close::forbidden("The token expired")),
        }
    };
    for (_, op) in s.operations.drain() {
        op.abort();
    }
    if let Some(c) = closing {
        let _ = sink.send(close(c)).await;
    }
}

/// The close frame of `c`; its reason is cut to the 123 bytes a close frame holds.
fn close(c: Close) -> Message {
    let mut reason = c.1;
    if reason.len() > 120 {
        let mut end = 120;
        while !reason.is_char_boundary(end) {
            end -= 1;
        }
        reason.truncate(end);
    }
    Message::Close(Some(CloseFrame {
        code: c.0,
        reason: reason.into(),
    }))
}

impl Session {
    /// Answers one client message: a frame to send back, nothing, or why to close.
    async fn handle(&mut self, text: &str) -> Result<Option<String>, Close> {
        let msg: ClientMessage =
            serde_json::from_str(text).map_err(|e| Close::bad_request(format!("Invalid message: {e}")))?;
        match msg {
            ClientMessage::ConnectionInit { payload } => self.init(payload).await,
            ClientMessage::Ping { payload } => Ok(Some(ServerMessage::Pong { payload }.text())),
            ClientMessage::Pong { .. } => Ok(None),
            ClientMessage::Subscribe { id, payload } => self.subscribe(id, payload).map(|()| None),
            ClientMessage::Complete { id } => {
                if let Some(op) = self.operations.remove(&id) {
                    op.abort();
                }
                Ok(None)
            }
        }
    }

    async fn init(&mut self, payload: Option<Value>) -> Result<Option<String>, Close> {
        if self.viewer.is_some() {
            return Err(Close::too_many("Too many initialisation requests"));
        }
        let viewer = match bearer(payload.as_ref())? {
            None => Viewer::Anonymous,
            Some(token) => match token_viewer(&self.state.db, &self.state.keys, token).await {
                Ok(v) => v,
                Err(AuthError::Rejected(r)) => {
                    return Err(Close::forbidden(format!("Forbidden: {}", r.reason.as_str())));
                }
                Err(AuthError::Failed(_)) => return Err(Close(1011, "The token could not be checked".into())),
            },
        };
        let client = viewer
            .token()
            .map_or(Client::Address(self.addr), |t| Client::Token(t.token_id));
        let max = self.state.changes.max_connections_per_token;
        let place = self
            .state
            .sockets
            .take(client, max)
            .ok_or_else(|| Close::too_many(format!("Too many connections: at most {max} per token")))?;
        self._place = Some(place);
        self.viewer = Some(Arc::new(viewer));
        Ok(Some(ServerMessage::ConnectionAck.text()))
    }

    fn subscribe(&mut self, id: String, payload: Value) -> Result<(), Close> {
        let Some(viewer) = self.viewer.clone() else {
            return Err(Close::unauthorized());
        };
        if self.operations.contains_key(&id) {
            return Err(Close::duplicate(&id));
        }
        let max = self.state.changes.max_subscriptions_per_connection;
        if self.operations.len() >= max {
            let errors = serde_json::json!([{
                "message": format!("A connection holds at most {max} operations at once"),
                "extensions": { "code": Code::TooManySubscriptions, "limit": max },
            }]);
            let frame = ServerMessage::Error {
                id: &id,
                payload: errors,
            }
            .text();
            let _ = self.out.try_send(Out::Frame(frame));
            return Ok(());
        }
        let task = tokio::spawn(operation::run(
            self.state.clone(),
            viewer,
            id.clone(),
            payload,
            self.out.clone(),
        ));
        self.operations.insert(id, task.abort_handle());
        Ok(())
    }

    /// Whether a revocation or archival ends this session.
    fn ended(&self, e: Result<Ended, broadcast::error::RecvError>) -> Option<Close> {
        let t = self.viewer.as_deref()?.token()?;
        match e {
            Ok(Ended::Token(id)) if id == t.token_id => Some(Close::forbidden("The token was revoked")),
            Ok(Ended::Organisation(o)) if Some(o) == t.organisation_id => {
                Some(Close::forbidden("The token's organisation was archived"))
            }
            // Missed announcements: better to make the client authenticate again.
            Err(broadcast::error::RecvError::Lagged(_)) => Some(Close::forbidden("Authenticate again")),
            _ => None,
        }
    }

    /// Time until the token expires (a long time for anonymous sessions).
    fn expiry(&self) -> Duration {
        let left = self
            .viewer
            .as_deref()
            .and_then(Viewer::token)
            .map(|t| (t.expires_at - chrono::Utc::now()).num_milliseconds().max(0) as u64);
        Duration::from_millis(left.unwrap_or(u64::MAX / 4).min(365 * 24 * 3600 * 1000))
    }
}

/// The bearer token of a `connection_init` payload: `{"Authorization": "Bearer <token>"}`.
fn bearer(payload: Option<&Value>) -> Result<Option<&str>, Close> {
    let Some(p) = payload.filter(|p| !p.is_null()) else {
        return Ok(None);
    };
    let obj = p
        .as_object()
        .ok_or_else(|| Close::bad_request("The connection_init payload must be an object"))?;
    let Some(auth) = obj
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        .map(|(_, v)| v)
    else {
        return Ok(None);
    };
    let auth = auth
        .as_str()
        .ok_or_else(|| Close::forbidden("Forbidden: the Authorization value must be a string"))?;
    match auth.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => {
            Ok(Some(token.trim()))
        }
        _ => Err(Close::forbidden("Forbidden: use \"Bearer <token>\"")),
    }
}
