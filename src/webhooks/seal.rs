//! Webhook secrets at rest: sealed with XChaCha20-Poly1305 under a key derived from the token
//! signing secret, which lives outside the database. A dump alone cannot sign; a rotated token
//! secret (kept in the previous secrets) still opens what it sealed.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use crate::auth::JwtKeys;
use crate::error::{AppError, AppResult};

/// What the derived keys are for; changing it makes every sealed secret unreadable.
const PURPOSE: &[u8] = b"samenspel webhook secret v1";

/// Seals and opens webhook secrets.
pub struct Sealer {
    /// (kid, key), the current key first.
    keys: Vec<(String, [u8; 32])>,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sealer").field("keys", &self.keys.len()).finish()
    }
}

impl Sealer {
    /// Keys derived from the token secrets of `keys`.
    pub fn new(keys: &JwtKeys) -> Sealer {
        Sealer {
            keys: keys.derive(PURPOSE),
        }
    }

    /// `kid.base64(nonce ‖ ciphertext)`, sealed under the current key.
    pub fn seal(&self, plain: &[u8]) -> String {
        let (kid, key) = &self.keys[0];
        let nonce: [u8; 24] = rand::random();
        let Ok(sealed) = cipher(key).encrypt(&XNonce::from(nonce), payload(plain, kid)) else {
            unreachable!("XChaCha20-Poly1305 encrypts any short message")
        };
        let mut out = nonce.to_vec();
        out.extend(sealed);
        format!("{kid}.{}", URL_SAFE_NO_PAD.encode(out))
    }

    /// The plaintext of a sealed value; an error when no known key opens it.
    pub fn open(&self, sealed: &str) -> AppResult<Vec<u8>> {
        let broken = |why: &str| AppError::from(anyhow::anyhow!("webhook secret cannot be opened: {why}"));
        let (kid, rest) = sealed.split_once('.').ok_or_else(|| broken("malformed"))?;
        let (_, key) = self
            .keys
            .iter()
            .find(|(k, _)| k == kid)
            .ok_or_else(|| broken("sealed under a token secret this service no longer has"))?;
        let bytes = URL_SAFE_NO_PAD.decode(rest).map_err(|_| broken("malformed"))?;
        if bytes.len() < 24 {
            return Err(broken("malformed"));
        }
        let (nonce, sealed) = bytes.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().map_err(|_| broken("malformed"))?;
        cipher(key)
            .decrypt(&XNonce::from(nonce), payload(sealed, kid))
            .map_err(|_| broken("authentication failed"))
    }
}

fn cipher(key: &[u8; 32]) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(key.into())
}

/// The message with the key's name as associated data.
fn payload<'a>(msg: &'a [u8], kid: &'a str) -> Payload<'a, 'a> {
    Payload {
        msg,
        aad: kid.as_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::JwtSettings;

    fn keys(secret: &str, previous: &[&str]) -> JwtKeys {
        let s = JwtSettings {
            secret: Some(secret.into()),
            previous_secrets: previous.iter().map(|p| p.to_string()).collect(),
            ..JwtSettings::default()
        };
        JwtKeys::load(&s, "postgres://x").expect("keys")
    }

    #[test]
    fn seals_opens_and_survives_a_rotation_only() {
        let (old, new) = ("a".repeat(32), "b".repeat(32));
        let sealed = Sealer::new(&keys(&old, &[])).seal(b"top secret");
        assert!(!sealed.contains("top"));
        let rotated = Sealer::new(&keys(&new, &[&old]));
        assert_eq!(rotated.open(&sealed).unwrap(), b"top secret");
        assert!(Sealer::new(&keys(&new, &[])).open(&sealed).is_err());
        let mut tampered = sealed.clone();
        tampered.pop();
        tampered.push(if sealed.ends_with('A') { 'B' } else { 'A' });
        assert!(rotated.open(&tampered).is_err());
    }
}
