//! Name resolution for webhook requests that checks every address a host resolves to, at every
//! attempt, and hands the HTTP client exactly the addresses it checked: a name that resolves to
//! a public address when the webhook is saved and to 127.0.0.1 later (DNS rebinding) is refused
//! then, and the connection can only go to an address that passed.

use std::net::SocketAddr;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use super::ssrf;

/// How long one lookup may take.
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(5);

/// A refused or failed lookup, as a delivery's error shows it.
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// The resolver of the webhook client.
#[derive(Debug, Clone, Copy)]
pub struct Checked {
    /// Lift the address check (on-premises receivers, tests).
    pub allow_private: bool,
}

impl Resolve for Checked {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        let allow = self.allow_private;
        Box::pin(async move {
            let addrs = lookup(&host, 0, allow).await.map_err(Box::new)?;
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

/// Every address of `host`, when each may be reached.
pub async fn lookup(host: &str, port: u16, allow_private: bool) -> Result<Vec<SocketAddr>, Refused> {
    let found = tokio::time::timeout(LOOKUP_TIMEOUT, tokio::net::lookup_host((host, port))).await;
    let addrs: Vec<SocketAddr> = match found {
        Err(_) => return Err(Refused(format!("Looking up {host} took longer than 5 s"))),
        Ok(Err(_)) => return Err(Refused(format!("{host} cannot be resolved"))),
        Ok(Ok(a)) => a.collect(),
    };
    if addrs.is_empty() {
        return Err(Refused(format!("{host} has no address")));
    }
    for a in &addrs {
        if let Some(class) = ssrf::refused_class(a.ip(), allow_private) {
            // The class, never the address: an admin must not map the operator's own network
            // by trying names.
            return Err(Refused(format!(
                "{host} resolves to an address in the {class} range, which webhooks may not reach"
            )));
        }
    }
    Ok(addrs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn localhost_is_refused_unless_allowed() {
        let refused = lookup("localhost", 80, false).await.unwrap_err();
        assert!(refused.0.contains("loopback"), "{}", refused.0);
        assert!(!lookup("localhost", 80, true).await.unwrap().is_empty());
    }
}
