//! Download links of an export: stateless and unforgeable. A link seals (HMAC-SHA256, with a
//! key derived from the server's token secret for this purpose alone) the coalition, the token
//! that asked for it and when it expires; only that token may follow it, and only until then.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Where the downloads are served; the sealed part follows.
pub const PATH: &str = "/exports/coalition/";

/// How long a link works, in seconds.
pub const VALID_SECONDS: i64 = 600;

const PURPOSE: &[u8] = b"samenspel export link key v1";
const PAYLOAD: usize = 16;
const TAG: usize = 16;

/// What a link grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    /// The coalition to export.
    pub coalition_id: i32,
    /// The token that asked and alone may follow the link.
    pub token_id: i32,
    /// When the link stops working, in Unix seconds.
    pub expires: i64,
}

impl Grant {
    /// When the link stops working.
    pub fn expires_at(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.expires, 0).unwrap_or_default()
    }

    fn bytes(&self) -> [u8; PAYLOAD] {
        let mut b = [0u8; PAYLOAD];
        b[..4].copy_from_slice(&self.coalition_id.to_be_bytes());
        b[4..8].copy_from_slice(&self.token_id.to_be_bytes());
        b[8..].copy_from_slice(&self.expires.to_be_bytes());
        b
    }

    fn from_bytes(b: &[u8]) -> Option<Grant> {
        Some(Grant {
            coalition_id: i32::from_be_bytes(b.get(..4)?.try_into().ok()?),
            token_id: i32::from_be_bytes(b.get(4..8)?.try_into().ok()?),
            expires: i64::from_be_bytes(b.get(8..PAYLOAD)?.try_into().ok()?),
        })
    }
}

/// The keys links are sealed with (the current secret's) and opened with (current and
/// previous, so a rotation does not break a link handed out a minute before).
#[derive(Clone)]
pub struct LinkKey {
    current: HmacSha256,
    previous: Vec<HmacSha256>,
}

impl std::fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKey(..)")
    }
}

impl LinkKey {
    /// The link keys of the server whose secret is `current`, formerly `previous`.
    pub fn derive<'a>(current: &[u8], previous: impl IntoIterator<Item = &'a [u8]>) -> Self {
        LinkKey {
            current: derive(current),
            previous: previous.into_iter().map(derive).collect(),
        }
    }

    /// The sealed part of the link for `g`.
    pub fn seal(&self, g: &Grant) -> String {
        let mut bytes = g.bytes().to_vec();
        let mut mac = self.current.clone();
        mac.update(&bytes);
        bytes.extend(&mac.finalize().into_bytes()[..TAG]);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// What a sealed part grants, if this server sealed it (expired or not).
    pub fn open(&self, sealed: &str) -> Option<Grant> {
        let bytes = URL_SAFE_NO_PAD.decode(sealed).ok()?;
        if bytes.len() != PAYLOAD + TAG {
            return None;
        }
        let (payload, tag) = bytes.split_at(PAYLOAD);
        let ok = std::iter::once(&self.current).chain(&self.previous).any(|key| {
            let mut mac = key.clone();
            mac.update(payload);
            mac.verify_truncated_left(tag).is_ok()
        });
        ok.then(|| Grant::from_bytes(payload)).flatten()
    }
}

fn derive(secret: &[u8]) -> HmacSha256 {
    let mut kdf = HmacSha256::new_from_slice(secret).expect("HMAC takes a key of any length");
    kdf.update(PURPOSE);
    let key = kdf.finalize().into_bytes();
    HmacSha256::new_from_slice(&key).expect("HMAC takes a key of any length")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_opens_only_with_its_key_and_unaltered() {
        let key = LinkKey::derive(b"a secret of at least thirty-two bytes", []);
        let g = Grant {
            coalition_id: 7,
            token_id: 3,
            expires: 1_800_000_000,
        };
        let sealed = key.seal(&g);
        assert_eq!(key.open(&sealed), Some(g));
        assert_eq!(
            LinkKey::derive(b"another secret of thirty-two bytes!", []).open(&sealed),
            None
        );
        let mut bytes = URL_SAFE_NO_PAD.decode(&sealed).unwrap();
        bytes[3] ^= 1;
        assert_eq!(key.open(&URL_SAFE_NO_PAD.encode(&bytes)), None);
        for garbage in ["", "!!", "AAAA", &sealed[..sealed.len() - 2]] {
            assert_eq!(key.open(garbage), None);
        }
        let rotated = LinkKey::derive(
            b"the next secret, thirty-two bytes",
            [&b"a secret of at least thirty-two bytes"[..]],
        );
        assert_eq!(rotated.open(&sealed), Some(g));
    }
}
