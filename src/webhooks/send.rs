//! Sending one attempt: an HTTP POST that follows no redirect, goes only to checked addresses
//! (see `resolve`), and gives up after the timeout. Whatever happens becomes a [`Sent`]; nothing
//! here touches the database.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue, RETRY_AFTER};
use reqwest::redirect::Policy;

use super::resolve::{Checked, Refused};
use super::ssrf;
use crate::config::WebhookSettings;

/// Most of a receiver's answer that is read (and thrown away), so the connection can be reused.
const MAX_ANSWER: usize = 64 * 1024;

/// The outcome of one attempt.
#[derive(Debug, Clone, Default)]
pub struct Sent {
    /// The receiver's HTTP status, when it answered.
    pub status: Option<u16>,
    /// From the start of the attempt to its end.
    pub duration: Duration,
    /// Why it failed; `None` for a 2xx.
    pub error: Option<String>,
    /// How long the receiver asked us to wait (`Retry-After`).
    pub retry_after: Option<Duration>,
}

impl Sent {
    fn failed(start: Instant, error: String) -> Sent {
        Sent {
            duration: start.elapsed(),
            error: Some(error),
            ..Sent::default()
        }
    }
}

/// The HTTP client of one replica's webhook workers.
pub struct Sender {
    client: reqwest::Client,
    allow_private: bool,
    allow_http: bool,
    timeout: Duration,
}

impl Sender {
    /// A client as `settings` say.
    pub fn new(settings: &WebhookSettings) -> anyhow::Result<Sender> {
        let allow_private = settings.webhook_allow_private;
        let client = reqwest::Client::builder()
            .redirect(Policy::none())
            .timeout(settings.timeout())
            .no_proxy()
            .dns_resolver(Arc::new(Checked { allow_private }))
            .user_agent(concat!("Samenspel-Webhooks/", env!("CARGO_PKG_VERSION")))
            .pool_idle_timeout(Duration::from_secs(30))
            .build()?;
        Ok(Sender {
            client,
            allow_private,
            allow_http: settings.webhook_allow_http,
            timeout: settings.timeout(),
        })
    }

    /// POSTs `body` to `url` with `headers`.
    pub async fn post(&self, url: &str, mut headers: HeaderMap, body: String) -> Sent {
        let start = Instant::now();
        // The settings may have narrowed since the webhook was saved: check again.
        let url = match ssrf::check_url(url, self.allow_http) {
            Ok(u) => u,
            Err(e) => return Sent::failed(start, e),
        };
        if let Some(why) = ssrf::literal(&url).and_then(|ip| ssrf::refusal(ip, self.allow_private)) {
            return Sent::failed(start, why);
        }
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let res = match self.client.post(url).headers(headers).body(body).send().await {
            Ok(r) => r,
            Err(e) => return Sent::failed(start, self.describe(&e)),
        };
        let status = res.status();
        let retry_after = res.headers().get(RETRY_AFTER).and_then(retry_after);
        let read = drain(res).await;
        let error = match (status.as_u16(), read) {
            (_, Err(e)) => Some(self.describe(&e)),
            (200..=299, Ok(())) => None,
            (300..=399, Ok(())) => Some(format!("HTTP {status}: redirects are not followed")),
            (_, Ok(())) => Some(format!("HTTP {status}")),
        };
        Sent {
            status: Some(status.as_u16()),
            duration: start.elapsed(),
            error,
            retry_after,
        }
    }

    fn describe(&self, e: &reqwest::Error) -> String {
        let mut source: Option<&dyn std::error::Error> = Some(e);
        while let Some(s) = source {
            if let Some(r) = s.downcast_ref::<Refused>() {
                return r.0.clone();
            }
            source = s.source();
        }
        if e.is_timeout() {
            return format!("No answer within {} ms", self.timeout.as_millis());
        }
        let mut text = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            text = format!("{text}: {s}");
            source = s.source();
        }
        text
    }
}

/// Reads and drops up to [`MAX_ANSWER`] bytes of the answer.
async fn drain(mut res: reqwest::Response) -> Result<(), reqwest::Error> {
    let mut read = 0;
    while let Some(chunk) = res.chunk().await? {
        read += chunk.len();
        if read >= MAX_ANSWER {
            break;
        }
    }
    Ok(())
}

/// `Retry-After` in seconds or as an HTTP date.
fn retry_after(v: &HeaderValue) -> Option<Duration> {
    let v = v.to_str().ok()?.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    (at.with_timezone(&chrono::Utc) - chrono::Utc::now()).to_std().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        assert_eq!(
            retry_after(&HeaderValue::from_static("120")),
            Some(Duration::from_secs(120))
        );
        let later = (chrono::Utc::now() + chrono::Duration::seconds(90)).to_rfc2822();
        let d = retry_after(&HeaderValue::from_str(&later.replace("+0000", "GMT")).unwrap()).unwrap();
        assert!(d > Duration::from_secs(80) && d <= Duration::from_secs(90), "{d:?}");
        assert_eq!(retry_after(&HeaderValue::from_static("soon")), None);
    }
}
