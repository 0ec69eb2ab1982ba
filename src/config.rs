//! Settings, from command-line flags or the environment (`SAMENSPEL_…`, `DATABASE_URL`).

use std::net::SocketAddr;

use clap::Args;

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
}

impl Default for ServeSettings {
    fn default() -> Self {
        ServeSettings {
            addr: SocketAddr::from(([127, 0, 0, 1], 8000)),
            no_seed: false,
        }
    }
}
