//! Settings, from command-line flags or the environment (`SAMENSPEL_…`, `DATABASE_URL`).

pub mod api;
pub mod changes;
pub mod limits;
pub mod privacy;
pub mod webhooks;

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

pub use api::{ApiSettings, Environment};
pub use changes::ChangeSettings;
pub use limits::LimitSettings;
pub use privacy::PrivacySettings;
pub use webhooks::WebhookSettings;

/// Where the database lives when nothing is configured: a SQLite file in the working directory,
/// created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://samenspel.db?mode=rwc";

/// Database settings, shared by every command.
#[derive(Args, Clone)]
pub struct DatabaseSettings {
    /// `sqlite://path?mode=rwc` (default, file created on first start) or `postgres://…`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true, hide_env_values = true)]
    pub database_url: String,
    /// Connections in the pool.
    #[arg(long, env = "SAMENSPEL_DB_POOL", default_value_t = 4, global = true)]
    pub db_pool: u32,
}

impl std::fmt::Debug for DatabaseSettings {
    // The URL may hold a password: show only its scheme.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scheme = self.database_url.split(':').next().unwrap_or("?");
        f.debug_struct("DatabaseSettings")
            .field("database_url", &format!("{scheme}://…"))
            .field("db_pool", &self.db_pool)
            .finish()
    }
}

/// Settings of `samenspel serve`.
#[derive(Args, Clone, Debug)]
pub struct ServeSettings {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "SAMENSPEL_ADDR", default_value = "127.0.0.1:8000")]
    pub addr: SocketAddr,
    /// Do not fill a new, empty database with the demo dataset.
    #[arg(long, env = "SAMENSPEL_NO_SEED")]
    pub no_seed: bool,
    /// How tokens are signed and checked.
    #[command(flatten)]
    pub jwt: JwtSettings,
    /// What one request may cost and how many a client may send.
    #[command(flatten)]
    pub limits: LimitSettings,
    /// CORS, introspection and the environment.
    #[command(flatten)]
    pub api: ApiSettings,
    /// Retention of change events and limits of subscriptions.
    #[command(flatten)]
    pub changes: ChangeSettings,
    /// Webhook delivery: allowed receivers, workers, timeout and retries.
    #[command(flatten)]
    pub webhooks: WebhookSettings,
    /// Retention of audit events and the budget of privacy requests.
    #[command(flatten)]
    pub privacy: PrivacySettings,
}

impl Default for ServeSettings {
    fn default() -> Self {
        ServeSettings {
            addr: SocketAddr::from(([127, 0, 0, 1], 8000)),
            no_seed: false,
            jwt: JwtSettings::default(),
            limits: LimitSettings::default(),
            api: ApiSettings::default(),
            changes: ChangeSettings::default(),
            webhooks: WebhookSettings::default(),
            privacy: PrivacySettings::default(),
        }
    }
}

/// Token settings, shared by `serve` and `token`. Without a secret, one is generated on first
/// start and kept in a file of mode 0600.
#[derive(Args, Clone)]
pub struct JwtSettings {
    /// HS256 signing secret, at least 32 bytes. Prefer the environment variable: flags are
    /// visible to other users of the machine.
    #[arg(
        long = "jwt-secret",
        env = "SAMENSPEL_JWT_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub secret: Option<String>,
    /// File holding the generated secret [default: beside the SQLite file, else
    /// ./samenspel.jwt-secret].
    #[arg(long = "jwt-secret-file", env = "SAMENSPEL_JWT_SECRET_FILE", global = true)]
    pub secret_file: Option<PathBuf>,
    /// Earlier secrets, comma-separated: still accepted, never used to sign (key rotation).
    #[arg(
        long = "jwt-previous-secrets",
        env = "SAMENSPEL_JWT_PREVIOUS_SECRETS",
        value_delimiter = ',',
        hide_env_values = true,
        global = true
    )]
    pub previous_secrets: Vec<String>,
    /// `iss` of the tokens issued and accepted.
    #[arg(long = "jwt-issuer", env = "SAMENSPEL_JWT_ISSUER", default_value = DEFAULT_ISSUER, global = true)]
    pub issuer: String,
    /// `aud` of the tokens issued and accepted.
    #[arg(long = "jwt-audience", env = "SAMENSPEL_JWT_AUDIENCE", default_value = DEFAULT_AUDIENCE, global = true)]
    pub audience: String,
}

/// `iss` when none is configured.
pub const DEFAULT_ISSUER: &str = "samenspel";
/// `aud` when none is configured.
pub const DEFAULT_AUDIENCE: &str = "samenspel-api";

impl Default for JwtSettings {
    fn default() -> Self {
        JwtSettings {
            secret: None,
            secret_file: None,
            previous_secrets: Vec::new(),
            issuer: DEFAULT_ISSUER.into(),
            audience: DEFAULT_AUDIENCE.into(),
        }
    }
}

impl std::fmt::Debug for JwtSettings {
    // Secrets are never printed: only whether they are set.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtSettings")
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field("secret_file", &self.secret_file)
            .field("previous_secrets", &self.previous_secrets.len())
            .field("issuer", &self.issuer)
            .field("audience", &self.audience)
            .finish()
    }
}
