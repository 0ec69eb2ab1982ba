//! Who spends a rate-limit budget: a token, or the address of an anonymous client (the peer of
//! the connection, or behind a trusted proxy the last `X-Forwarded-For` entry).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::startup::AppState;

/// Whose budget a request spends.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Client {
    /// A token, by its row id.
    Token(i32),
    /// An anonymous client (or a refused token), by address.
    Address(IpAddr),
}

/// The address a request came from.
pub struct ClientAddr(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(a)| a.ip());
        let forwarded = state
            .gate
            .trust_forwarded_for
            .then(|| last_forwarded(&parts.headers))
            .flatten();
        Ok(ClientAddr(
            forwarded.or(peer).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        ))
    }
}

/// The last address of `X-Forwarded-For`: the one our own proxy appended, which the client
/// cannot choose (the entries before it can be anything).
fn last_forwarded(headers: &HeaderMap) -> Option<IpAddr> {
    let last = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .rfind(|s| !s.is_empty())?;
    last.parse().ok()
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn the_last_forwarded_address_counts() {
        let mut headers = HeaderMap::new();
        assert_eq!(last_forwarded(&headers), None);
        headers.append("x-forwarded-for", HeaderValue::from_static("6.6.6.6, 10.0.0.1"));
        headers.append("x-forwarded-for", HeaderValue::from_static("192.0.2.7"));
        assert_eq!(last_forwarded(&headers), "192.0.2.7".parse().ok());
        headers.insert("x-forwarded-for", HeaderValue::from_static("not an address"));
        assert_eq!(last_forwarded(&headers), None);
    }
}
