//! One operation of a session: held to the query limits, run with loaders of its own, its
//! results sent as `next`, its end as `complete`.

use std::sync::Arc;

use futures_util::StreamExt;
use serde_json::Value;
use tokio::sync::mpsc;

use super::protocol::ServerMessage;
use crate::codes::Code;
use crate::loaders::Loaders;
use crate::startup::AppState;
use crate::viewer::Viewer;

/// What an operation tells its session.
pub enum Out {
    /// A frame to send.
    Frame(String),
    /// The operation `id` is over (its `complete` or `error` was sent).
    Done(String),
}

/// Runs operation `id` (a `subscribe` payload) for `viewer` until it ends or is aborted.
pub async fn run(state: AppState, viewer: Arc<Viewer>, id: String, payload: Value, out: mpsc::Sender<Out>) {
    let request: async_graphql::Request = match serde_json::from_value(payload) {
        Ok(r) => r,
        Err(e) => {
            let errors = serde_json::json!([{ "message": format!("Invalid subscribe payload: {e}"),
                "extensions": { "code": Code::BadUserInput } }]);
            let _ = out
                .send(Out::Frame(
                    ServerMessage::Error {
                        id: &id,
                        payload: errors,
                    }
                    .text(),
                ))
                .await;
            let _ = out.send(Out::Done(id)).await;
            return;
        }
    };
    let loaders = Arc::new(Loaders::new(state.reads.clone(), viewer));
    // A subscription lives long: rows must never be answered from an earlier read.
    loaders.writing();
    let request = request
        .data(loaders.clone())
        .data(state.keys.clone())
        .data(state.hub.clone())
        .data(state.changes.clone());
    let mut stream = match state.api.execute_stream(request).await {
        Ok(s) => s,
        Err(errors) => {
            let payload = serde_json::to_value(errors).unwrap_or_default();
            let _ = out
                .send(Out::Frame(ServerMessage::Error { id: &id, payload }.text()))
                .await;
            let _ = out.send(Out::Done(id)).await;
            return;
        }
    };
    while let Some(response) = loaders.drive(stream.next()).await {
        let payload = serde_json::to_value(&response).unwrap_or_default();
        if out
            .send(Out::Frame(ServerMessage::Next { id: &id, payload }.text()))
            .await
            .is_err()
        {
            return;
        }
    }
    let _ = out.send(Out::Frame(ServerMessage::Complete { id: &id }.text())).await;
    let _ = out.send(Out::Done(id)).await;
}
