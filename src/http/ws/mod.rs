//! GraphQL over WebSocket on `/graphql`: a GET that asks to upgrade becomes a
//! graphql-transport-ws session (`session`); any other GET is an ordinary query.

mod counts;
mod operation;
pub mod protocol;
mod session;

use axum::extract::{FromRequestParts, Request, State};
use axum::handler::Handler;
use axum::http::header;
use axum::response::{IntoResponse, Response};

pub use counts::Sockets;

use super::client::ClientAddr;
use crate::startup::AppState;

/// GET `/graphql`: a WebSocket session when the client asks to upgrade, else a query.
pub async fn get(State(state): State<AppState>, req: Request) -> Response {
    let upgrade = req
        .headers()
        .get(header::UPGRADE)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"websocket"));
    if !upgrade {
        return super::graphql.call(req, state).await;
    }
    let (mut parts, _) = req.into_parts();
    let ClientAddr(addr) = match ClientAddr::from_request_parts(&mut parts, &state).await {
        Ok(a) => a,
        Err(never) => match never {},
    };
    let ws = match axum::extract::WebSocketUpgrade::from_request_parts(&mut parts, &state).await {
        Ok(ws) => ws,
        Err(rejection) => return rejection.into_response(),
    };
    // Small buffers: a thousand idle subscribers must not hold 256 KiB each (tungstenite's
    // default read and write buffers); frames here are small, and bigger ones still pass.
    let ws = ws
        .protocols([protocol::SUBPROTOCOL])
        .max_message_size(1 << 20)
        .read_buffer_size(4096)
        .write_buffer_size(4096);
    let speaks = ws.selected_protocol().is_some();
    ws.on_upgrade(move |socket| session::run(socket, state, addr, speaks))
}
