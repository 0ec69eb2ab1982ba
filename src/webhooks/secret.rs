//! Signing secrets and signatures as the Standard Webhooks specification defines them: a secret
//! is `whsec_` + base64 of 32 random bytes; a signature is `v1,` + base64 of HMAC-SHA256 over
//! `webhook-id.webhook-timestamp.body`, several separated by spaces while a rotated-out secret
//! still signs.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The prefix of a secret as it is shown.
const PREFIX: &str = "whsec_";

/// A webhook's signing secret. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret([u8; 32]);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl Secret {
    /// A new random secret.
    pub fn generate() -> Secret {
        Secret(rand::random())
    }

    /// The raw key bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// Back from raw bytes; `None` unless exactly 32.
    pub fn from_bytes(b: &[u8]) -> Option<Secret> {
        b.try_into().ok().map(Secret)
    }

    /// As the partner gets it once: `whsec_…`.
    pub fn to_whsec(&self) -> String {
        format!("{PREFIX}{}", STANDARD.encode(self.0))
    }

    /// The base64 signature of one message.
    pub fn sign(&self, id: &str, timestamp: i64, body: &str) -> String {
        sign(&self.0, id, timestamp, body)
    }
}

/// The base64 HMAC-SHA256 of `id.timestamp.body` under `key`.
fn sign(key: &[u8], id: &str, timestamp: i64, body: &str) -> String {
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(key) else {
        unreachable!("HMAC takes a key of any length")
    };
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// The `webhook-signature` header: one `v1,<signature>` per secret, space-separated.
pub fn signature_header(secrets: &[Secret], id: &str, timestamp: i64, body: &str) -> String {
    secrets
        .iter()
        .map(|s| format!("v1,{}", s.sign(id, timestamp, body)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_specification_example() {
        // The example of the Standard Webhooks specification.
        let key = STANDARD.decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let body = r#"{"test": 2432232314}"#;
        let sig = sign(&key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1_614_265_330, body);
        assert_eq!(sig, "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        let s = Secret(rand::random());
        let h = signature_header(&[s.clone(), Secret::generate()], "msg_1", 1_614_265_330, "{}");
        assert_eq!(h.split(' ').count(), 2);
        assert!(h.starts_with(&format!("v1,{}", s.sign("msg_1", 1_614_265_330, "{}"))));
        assert!(s.to_whsec().starts_with("whsec_"));
        assert_eq!(STANDARD.decode(&s.to_whsec()[6..]).unwrap().len(), 32);
        assert_eq!(format!("{s:?}"), "Secret([redacted])");
    }
}
