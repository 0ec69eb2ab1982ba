//! The signing key and the verification keys of tokens, each known by its `kid`, and the key of
//! page cursors derived from the same secret. Secrets come from the environment or from a
//! generated file of mode 0600, and are never printed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use jsonwebtoken::{DecodingKey, EncodingKey};
use sha2::{Digest, Sha256};

use crate::archive::LinkKey;
use crate::config::JwtSettings;
use crate::paging::CursorKey;

/// Shortest secret accepted, in bytes: HS256 wants at least as much key as hash.
pub const MIN_SECRET_BYTES: usize = 32;

/// The keys of this service and the claims it puts in and expects of every token.
pub struct JwtKeys {
    kid: String,
    signing: EncodingKey,
    verifying: HashMap<String, DecodingKey>,
    cursors: CursorKey,
    /// Every secret by its `kid`, the current one first, for keys derived from them.
    secrets: Vec<(String, Vec<u8>)>,
    links: LinkKey,
    /// `iss` of the tokens issued and accepted.
    pub issuer: String,
    /// `aud` of the tokens issued and accepted.
    pub audience: String,
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut kids: Vec<&String> = self.verifying.keys().collect();
        kids.sort();
        f.debug_struct("JwtKeys")
            .field("kid", &self.kid)
            .field("verifying_kids", &kids)
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .finish()
    }
}

/// A short, public name of a secret: the first 8 bytes of its SHA-256, in hex.
pub fn kid_of(secret: &[u8]) -> String {
    hex::encode(&Sha256::digest(secret)[..8])
}

impl JwtKeys {
    /// Keys from `settings`; `database_url` decides where a generated secret is kept.
    pub fn load(settings: &JwtSettings, database_url: &str) -> anyhow::Result<Self> {
        let current = match &settings.secret {
            Some(s) => checked(s, "SAMENSPEL_JWT_SECRET")?,
            None => {
                let path = settings
                    .secret_file
                    .clone()
                    .unwrap_or_else(|| default_secret_file(database_url));
                read_or_create(&path)?
            }
        };
        let mut previous = Vec::new();
        for s in settings
            .previous_secrets
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
        {
            previous.push(checked(s, "SAMENSPEL_JWT_PREVIOUS_SECRETS")?);
        }
        Ok(Self::from_secrets(current.as_bytes(), &previous, settings))
    }

    fn from_secrets(current: &[u8], previous: &[String], settings: &JwtSettings) -> Self {
        let mut verifying = HashMap::new();
        let mut secrets = vec![(kid_of(current), current.to_vec())];
        for secret in previous.iter().map(|s| s.as_bytes()).chain([current]) {
            verifying.insert(kid_of(secret), DecodingKey::from_secret(secret));
        }
        secrets.extend(previous.iter().map(|s| (kid_of(s.as_bytes()), s.as_bytes().to_vec())));
        JwtKeys {
            kid: kid_of(current),
            signing: EncodingKey::from_secret(current),
            verifying,
            cursors: CursorKey::derive(current, previous.iter().map(|s| s.as_bytes())),
            secrets,
            links: LinkKey::derive(current, previous.iter().map(|s| s.as_bytes())),
            issuer: settings.issuer.clone(),
            audience: settings.audience.clone(),
        }
    }

    /// The `kid` new tokens are signed with.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The key new tokens are signed with.
    pub fn signing_key(&self) -> &EncodingKey {
        &self.signing
    }

    /// The keys of this server's page cursors, derived from the current secret (which signs)
    /// and the previous ones (which still open the cursors they signed).
    pub fn cursors(&self) -> &CursorKey {
        &self.cursors
    }

    /// The keys of this server's export download links, derived like the cursor keys.
    pub fn links(&self) -> &LinkKey {
        &self.links
    }

    /// The key named `kid`, current or previous.
    pub fn verifying_key(&self, kid: &str) -> Option<&DecodingKey> {
        self.verifying.get(kid)
    }

    /// A 32-byte key for `purpose` derived (HKDF-SHA256) from each secret, by the secret's
    /// `kid`, the current secret's first: what the service seals at rest stays readable across
    /// a rotation, and is worthless without the secret.
    pub fn derive(&self, purpose: &[u8]) -> Vec<(String, [u8; 32])> {
        self.secrets
            .iter()
            .map(|(kid, secret)| {
                let mut key = [0u8; 32];
                // 32 bytes is far below HKDF-SHA256's limit of 255 blocks: expanding cannot fail.
                let _ = hkdf::Hkdf::<Sha256>::new(None, secret).expand(purpose, &mut key);
                (kid.clone(), key)
            })
            .collect()
    }
}

fn checked(secret: &str, source: &str) -> anyhow::Result<String> {
    let secret = secret.trim();
    if secret.len() < MIN_SECRET_BYTES {
        bail!(
            "{source} holds a secret of {} bytes; it must be at least {MIN_SECRET_BYTES} bytes \
             (generate one with `openssl rand -hex 32`)",
            secret.len()
        );
    }
    Ok(secret.to_string())
}

/// Beside the SQLite file (`samenspel.db` → `samenspel.jwt-secret`), else in the working directory.
pub fn default_secret_file(database_url: &str) -> PathBuf {
    let fallback = PathBuf::from("samenspel.jwt-secret");
    let Some(rest) = database_url.strip_prefix("sqlite:") else {
        return fallback;
    };
    let path = rest.trim_start_matches("//").split('?').next().unwrap_or_default();
    if path.is_empty() || path.starts_with(":memory:") {
        return fallback;
    }
    Path::new(path).with_extension("jwt-secret")
}

/// The secret in `path`, generating it (mode 0600) when the file does not exist yet.
fn read_or_create(path: &Path) -> anyhow::Result<String> {
    match create(path) {
        Ok(secret) => {
            tracing::info!(path = %path.display(), "generated a new token signing secret");
            Ok(secret)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading the token secret file {}", path.display()))?;
            checked(&text, &format!("the token secret file {}", path.display()))
        }
        Err(e) => Err(e).with_context(|| format!("creating the token secret file {}", path.display())),
    }
}

fn create(path: &Path) -> std::io::Result<String> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    let secret = hex::encode(rand::random::<[u8; 32]>());
    file.write_all(secret.as_bytes())?;
    file.sync_all()?;
    Ok(secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_file_sits_beside_the_sqlite_file() {
        let cases = [
            ("sqlite://samenspel.db?mode=rwc", "samenspel.jwt-secret"),
            ("sqlite:///var/lib/s/data.db", "/var/lib/s/data.jwt-secret"),
            ("sqlite::memory:", "samenspel.jwt-secret"),
            ("postgres://u@h/db", "samenspel.jwt-secret"),
        ];
        for (url, want) in cases {
            assert_eq!(default_secret_file(url), PathBuf::from(want), "{url}");
        }
    }

    #[test]
    fn short_secrets_are_refused_and_never_printed() {
        let mut s = JwtSettings {
            secret: Some("too-short".into()),
            ..JwtSettings::default()
        };
        let err = JwtKeys::load(&s, "postgres://x")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("at least 32 bytes"), "{err}");
        s.secret = Some("a".repeat(40));
        s.previous_secrets = vec!["b".repeat(32)];
        let keys = JwtKeys::load(&s, "postgres://x").expect("valid keys");
        assert!(keys.verifying_key(&kid_of("b".repeat(32).as_bytes())).is_some());
        assert!(!format!("{keys:?}{s:?}").contains("aaaa"));
    }
}
