//! A small graphql-transport-ws client for the tests: connect, send, receive with a deadline.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;

use crate::helpers::TestApp;

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// One client connection.
pub struct Ws(Socket);

/// What the server sent: a message, or the close code and reason.
#[derive(Debug)]
pub enum Got {
    Msg(Value),
    Closed(u16, String),
}

impl Ws {
    /// Opens a socket to the app, asking for `subprotocol` (None: none).
    pub async fn open_with(app: &TestApp, subprotocol: Option<&str>) -> Ws {
        Ws::open_url(&app.graphql_url(), subprotocol).await
    }

    /// Opens a socket to the GraphQL endpoint at `http_url`.
    pub async fn open_url(http_url: &str, subprotocol: Option<&str>) -> Ws {
        let url = http_url.replace("http://", "ws://");
        let mut req = url.into_client_request().unwrap();
        if let Some(p) = subprotocol {
            req.headers_mut()
                .insert("Sec-WebSocket-Protocol", HeaderValue::from_str(p).unwrap());
        }
        let (socket, _) = tokio_tungstenite::connect_async(req).await.expect("websocket connects");
        Ws(socket)
    }

    /// Opens a graphql-transport-ws socket.
    pub async fn open(app: &TestApp) -> Ws {
        Ws::open_with(app, Some("graphql-transport-ws")).await
    }

    /// Opens, initialises with `token` and checks the ack.
    pub async fn ready(app: &TestApp, token: Option<&str>) -> Ws {
        Ws::ready_url(&app.graphql_url(), token).await
    }

    /// Like `ready`, for the GraphQL endpoint at `http_url`.
    pub async fn ready_url(http_url: &str, token: Option<&str>) -> Ws {
        let mut ws = Ws::open_url(http_url, Some("graphql-transport-ws")).await;
        ws.init(token).await;
        match ws.next().await {
            Got::Msg(m) if m["type"] == "connection_ack" => ws,
            other => panic!("expected connection_ack, got {other:?}"),
        }
    }

    /// Sends `connection_init` with the token, if any.
    pub async fn init(&mut self, token: Option<&str>) {
        let payload = token.map(|t| json!({ "Authorization": format!("Bearer {t}") }));
        self.send(json!({ "type": "connection_init", "payload": payload }))
            .await;
    }

    /// Sends a JSON message.
    pub async fn send(&mut self, v: Value) {
        self.0.send(Message::Text(v.to_string().into())).await.expect("send");
    }

    /// Sends raw text.
    pub async fn send_text(&mut self, t: &str) {
        self.0.send(Message::Text(t.to_string().into())).await.expect("send");
    }

    /// Starts operation `id`.
    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        let m = json!({ "type": "subscribe", "id": id, "payload": { "query": query, "variables": variables } });
        self.send(m).await;
    }

    /// The next message or close, within 10 seconds.
    pub async fn next(&mut self) -> Got {
        self.next_within(Duration::from_secs(10))
            .await
            .expect("a message within 10 s")
    }

    /// The next message or close within `d`, or None.
    pub async fn next_within(&mut self, d: Duration) -> Option<Got> {
        let deadline = tokio::time::Instant::now() + d;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let m = tokio::time::timeout(left, self.0.next()).await.ok()?;
            match m {
                Some(Ok(Message::Text(t))) => return Some(Got::Msg(serde_json::from_str(&t).unwrap())),
                Some(Ok(Message::Close(Some(f)))) => return Some(Got::Closed(f.code.into(), f.reason.to_string())),
                Some(Ok(Message::Close(None))) | None | Some(Err(_)) => return Some(Got::Closed(0, String::new())),
                Some(Ok(_)) => {}
            }
        }
    }

    /// The next `next` payload's data for operation `id`.
    pub async fn data(&mut self, id: &str) -> Value {
        match self.next().await {
            Got::Msg(m) if m["type"] == "next" && m["id"] == id => {
                assert!(m["payload"].get("errors").is_none(), "{m}");
                m["payload"]["data"].clone()
            }
            other => panic!("expected next for {id}, got {other:?}"),
        }
    }

    /// The close code, after draining messages, within 10 seconds.
    pub async fn closed(&mut self) -> (u16, String) {
        loop {
            match self.next().await {
                Got::Closed(c, r) => return (c, r),
                Got::Msg(_) => {}
            }
        }
    }
}

impl Ws {
    /// Opens a graphql-transport-ws socket whose receive buffer is small, for a client that
    /// stops reading: the server's writes back up quickly.
    pub async fn open_small(app: &TestApp) -> Ws {
        let addr = app.address.trim_start_matches("http://").to_string();
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.set_recv_buffer_size(8 * 1024).unwrap();
        let stream = socket.connect(addr.parse().unwrap()).await.unwrap();
        let url = app.graphql_url().replace("http://", "ws://");
        let mut req = url.into_client_request().unwrap();
        req.headers_mut().insert(
            "Sec-WebSocket-Protocol",
            HeaderValue::from_static("graphql-transport-ws"),
        );
        let (socket, _) = tokio_tungstenite::client_async(req, tokio_tungstenite::MaybeTlsStream::Plain(stream))
            .await
            .expect("websocket connects");
        Ws(socket)
    }
}
