//! Opaque cursors: a position signed (HMAC-SHA256, with a key derived from the server's token
//! secret) for the one list and ordering it was issued for. A cursor the server did not issue,
//! altered, or of another list or ordering is refused with `BAD_USER_INPUT` before any SQL, so
//! a sort value of the wrong type can never reach a comparison.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::cursor::Cursor;
use crate::error::AppError;

type HmacSha256 = Hmac<Sha256>;

/// Bytes of the signature kept in a cursor: 128 bits, plenty against forgery of a page position
/// and half the length of the full tag.
const TAG_BYTES: usize = 16;

/// What derives the cursor key from the server secret, so it is not the token signing key.
const PURPOSE: &[u8] = b"samenspel cursor key v1";

/// The list and ordering a cursor belongs to: the table and ordering name, and for a nested
/// list the column linking the rows to their parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Scope {
    /// Table of the rows.
    pub table: &'static str,
    /// Name of the ordering, e.g. `CREATED_AT_DESC`.
    pub sort: &'static str,
    /// For a nested list, the `(table, column)` holding the parent id.
    pub parent: Option<(&'static str, &'static str)>,
}

impl Scope {
    /// The same ordering, in the children list linked by `parent`.
    pub fn under(self, parent: (&'static str, &'static str)) -> Self {
        Scope {
            parent: Some(parent),
            ..self
        }
    }
}

/// The keys cursors are signed and checked with, derived from the server secrets: cursors are
/// signed with the current one and accepted under the previous ones too, so rotating the secret
/// does not cut off a sync script's cursor. Each server (and each test server in one process)
/// has its own, carried in the request's data.
#[derive(Clone)]
pub struct CursorKey {
    current: HmacSha256,
    previous: Vec<HmacSha256>,
}

impl std::fmt::Debug for CursorKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CursorKey(..)")
    }
}

impl CursorKey {
    /// The cursor keys of the server whose secret is `current`, formerly `previous`.
    pub fn derive<'a>(current: &[u8], previous: impl IntoIterator<Item = &'a [u8]>) -> Self {
        CursorKey {
            current: derive(current),
            previous: previous.into_iter().map(derive).collect(),
        }
    }

    fn mac(key: &HmacSha256, scope: &Scope, payload: &[u8]) -> HmacSha256 {
        let mut mac = key.clone();
        let (parent_table, parent_column) = scope.parent.unwrap_or_default();
        for part in [scope.table, scope.sort, parent_table, parent_column] {
            mac.update(part.as_bytes());
            mac.update(&[0]);
        }
        mac.update(payload);
        mac
    }

    /// The opaque string handed to clients for position `c` in the list `scope`.
    pub fn seal(&self, scope: &Scope, c: &Cursor) -> String {
        let mut bytes = c.to_bytes();
        let tag = Self::mac(&self.current, scope, &bytes).finalize().into_bytes();
        bytes.extend(&tag[..TAG_BYTES]);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// The position in a client's cursor, if this server issued it for the list `scope`.
    pub fn open(&self, scope: &Scope, s: &str) -> Result<Cursor, AppError> {
        let bad = || {
            AppError::bad_input(format!(
                "Invalid cursor \"{}\": pass a cursor this list returned with the same ordering, or \
                 start again without one",
                s.chars().take(40).collect::<String>()
            ))
        };
        let bytes = URL_SAFE_NO_PAD.decode(s.trim()).map_err(|_| bad())?;
        let split = bytes.len().checked_sub(TAG_BYTES).ok_or_else(bad)?;
        let (payload, tag) = bytes.split_at(split);
        let mut keys = std::iter::once(&self.current).chain(&self.previous);
        if !keys.any(|key| Self::mac(key, scope, payload).verify_truncated_left(tag).is_ok()) {
            return Err(bad());
        }
        Cursor::from_bytes(payload).ok_or_else(bad)
    }
}

/// The cursor key of one secret: an HMAC of a fixed purpose under the secret, so it is not the
/// token signing key itself.
fn derive(secret: &[u8]) -> HmacSha256 {
    let mut kdf = HmacSha256::new_from_slice(secret).expect("HMAC takes a key of any length");
    kdf.update(PURPOSE);
    let key = kdf.finalize().into_bytes();
    HmacSha256::new_from_slice(&key).expect("HMAC takes a key of any length")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paging::SortValue;

    const ORGS: Scope = Scope {
        table: "organisation",
        sort: "NAME",
        parent: None,
    };

    #[test]
    fn a_cursor_opens_only_with_its_key_and_scope() {
        let old: &[u8] = b"the secret before the last rotation";
        let key = CursorKey::derive(b"a secret of at least thirty-two bytes", [old]);
        let c = Cursor {
            value: SortValue::Text("Cordaan".into()),
            id: 3,
        };
        let sealed = key.seal(&ORGS, &c);
        assert_eq!(key.open(&ORGS, &sealed).ok(), Some(c.clone()));
        let other_key = CursorKey::derive(b"another secret of thirty-two bytes!", []);
        assert!(other_key.open(&ORGS, &sealed).is_err());
        let before_rotation = CursorKey::derive(old, []).seal(&ORGS, &c);
        assert_eq!(
            key.open(&ORGS, &before_rotation).ok(),
            Some(c.clone()),
            "rotation keeps cursors"
        );
        let coalitions = Scope {
            table: "coalition",
            ..ORGS
        };
        assert!(key.open(&coalitions, &sealed).is_err());
        assert!(key.open(&ORGS.under(("person", "organisation_id")), &sealed).is_err());
        let mut bytes = URL_SAFE_NO_PAD.decode(&sealed).unwrap();
        bytes[6] ^= 1;
        assert!(key.open(&ORGS, &URL_SAFE_NO_PAD.encode(&bytes)).is_err());
        for garbage in ["", "!!", "AAAA", &sealed[..sealed.len() - 2]] {
            assert!(matches!(key.open(&ORGS, garbage), Err(AppError::BadUserInput(_))));
        }
    }
}
