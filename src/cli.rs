//! The command line: `serve` (default), `migrate`, `seed --demo | --bench`, `schema`, `token`,
//! `export --coalition SLUG --out FILE` and `import FILE` (the coalition archive),
//! `prune`.

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

use crate::auth::JwtKeys;
use crate::auth::commands::{self as tokens, parse_days, parse_role};
use crate::config::{ChangeSettings, DatabaseSettings, JwtSettings, PrivacySettings, ServeSettings};
use crate::startup::Application;
use crate::viewer::Role;
use crate::{archive, db, graphql, seed};

/// Samenspel: the GraphQL data hub of social-domain learning communities.
#[derive(Parser, Debug)]
#[command(version, about)]
pub struct Cli {
    #[command(flatten)]
    db: DatabaseSettings,
    #[command(subcommand)]
    command: Option<Command>,
}

// One value, parsed once at start: the size of `serve`'s settings costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the API and GraphiQL (the default).
    Serve(ServeSettings),
    /// Create or update the database schema, then exit.
    Migrate,
    /// Fill an empty database.
    Seed {
        /// The demo dataset of the source pages.
        #[arg(long, conflicts_with = "bench", required_unless_present = "bench")]
        demo: bool,
        /// A generated dataset for benchmarks; at scale 1: 200 organisations, 500 coalitions,
        /// 2,000 workgroups, 20,000 questions, 100,000 contributions.
        #[arg(long)]
        bench: bool,
        /// Size of the benchmark dataset (with `--bench`), from 0.001 to 50.
        #[arg(long, default_value_t = 1.0, requires = "bench")]
        scale: f64,
    },
    /// Print the GraphQL schema (SDL): `samenspel schema > schema.graphql`.
    Schema,
    /// Issue, revoke and list API tokens (migrates the database first).
    Token(TokenArgs),
    /// Write a coalition's archive: one JSON object a line, for handing it over.
    Export {
        /// Slug of the coalition.
        #[arg(long)]
        coalition: String,
        /// The file to write.
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Load a coalition archive into this database, all or nothing.
    Import {
        /// The archive, as `samenspel export` wrote it.
        file: std::path::PathBuf,
    },
    /// Remove audit and change events past their retention now (the server also does this
    /// every hour), or as of `--now`.
    Prune(PruneArgs),
}

#[derive(Args, Debug)]
struct PruneArgs {
    /// Prune as if it were this moment (RFC 3339, e.g. 2028-11-24T12:00:00Z) instead of now.
    #[arg(long)]
    now: Option<chrono::DateTime<chrono::Utc>>,
    #[command(flatten)]
    changes: ChangeSettings,
    #[command(flatten)]
    privacy: PrivacySettings,
}

#[derive(Args, Debug)]
struct TokenArgs {
    #[command(flatten)]
    jwt: JwtSettings,
    #[command(subcommand)]
    action: TokenAction,
}

#[derive(Subcommand, Debug)]
enum TokenAction {
    /// Issue a token and print only the token: `TOKEN=$(samenspel token issue …)`.
    Issue {
        /// Slug of the organisation the token is for; leave out for PLATFORM_ADMIN.
        #[arg(long)]
        org: Option<String>,
        /// PLATFORM_ADMIN, ORG_ADMIN, EDITOR or READER.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Lifetime in days, e.g. `90d`; at most 365d.
        #[arg(long, default_value = "90d", value_parser = parse_days)]
        expires_in: i64,
        /// What the token is for, e.g. "CRM sync".
        #[arg(long)]
        label: String,
    },
    /// Revoke a token by its id (as `token list` shows it) or its API ID.
    Revoke {
        /// The token's id.
        id: String,
    },
    /// List every token: organisation, role, label and dates; never the token itself.
    List,
}

/// Parses the command line and runs the command.
pub async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli
        .command
        .unwrap_or_else(|| Command::Serve(ServeSettings::parse_env()))
    {
        Command::Serve(serve) => Application::build(&cli.db, &serve).await?.run_until_stopped().await?,
        Command::Migrate => {
            let (conn, _) = db::connect(&cli.db).await?;
            db::migrate(&conn).await?;
            tracing::info!("database is up to date");
        }
        Command::Seed { demo, bench, scale } => seed_command(&cli.db, demo, bench, scale).await?,
        Command::Schema => print!("{}", graphql::sdl()),
        Command::Token(args) => token(&cli.db, args).await?,
        Command::Export { coalition, out } => {
            archive::commands::export(&migrated(&cli.db).await?, &coalition, &out).await?
        }
        Command::Import { file } => archive::commands::import(&migrated(&cli.db).await?, &file).await?,
        Command::Prune(args) => prune(&cli.db, args).await?,
    }
    Ok(())
}

async fn seed_command(settings: &DatabaseSettings, demo: bool, bench: bool, scale: f64) -> anyhow::Result<()> {
    anyhow::ensure!(
        demo || bench,
        "say which dataset: `samenspel seed --demo` or `seed --bench --scale N`"
    );
    anyhow::ensure!((0.001..=50.0).contains(&scale), "--scale must lie between 0.001 and 50");
    let (conn, _) = db::connect(settings).await?;
    db::migrate(&conn).await?;
    if bench {
        let started = std::time::Instant::now();
        let counts = seed::bench::seed_bench(&conn, scale)
            .await
            .context("seeding the benchmark dataset")?;
        crate::search::backfill(&conn)
            .await
            .context("filling the search index")?;
        db::optimize(&conn).await?;
        eprintln!(
            "benchmark dataset at scale {scale} in {:.1} s:\n{counts}",
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    let filled = seed::seed_demo(&conn).await.context("seeding the demo dataset")?;
    crate::search::backfill(&conn)
        .await
        .context("filling the search index")?;
    let what = if filled {
        "loaded"
    } else {
        "skipped: database not empty"
    };
    tracing::info!(filled, "demo dataset {what}");
    Ok(())
}

async fn token(settings: &DatabaseSettings, args: TokenArgs) -> anyhow::Result<()> {
    match args.action {
        TokenAction::Issue {
            org,
            role,
            expires_in,
            label,
        } => {
            // A bad secret is refused before the database is touched.
            let keys = JwtKeys::load(&args.jwt, &settings.database_url)?;
            let conn = migrated(settings).await?;
            let jwt = tokens::issue(&conn, &keys, org.as_deref(), role, expires_in, &label).await?;
            println!("{jwt}");
        }
        TokenAction::Revoke { id } => tokens::revoke(&migrated(settings).await?, &id).await?,
        TokenAction::List => tokens::list(&migrated(settings).await?).await?,
    }
    Ok(())
}

/// A pool on an up-to-date schema.
async fn migrated(settings: &DatabaseSettings) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let (conn, _) = db::connect(settings).await?;
    db::migrate(&conn).await?;
    Ok(conn)
}

impl ServeSettings {
    /// Serve settings from the environment alone, for `samenspel` without a subcommand.
    fn parse_env() -> Self {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            serve: ServeSettings,
        }
        // A malformed environment value is an error, as it is for `samenspel serve`: clap prints
        // which variable is wrong and exits with status 2.
        Only::try_parse_from(["samenspel"])
            .map(|o| o.serve)
            .unwrap_or_else(|e| e.exit())
    }
}

async fn prune(settings: &DatabaseSettings, args: PruneArgs) -> anyhow::Result<()> {
    let conn = migrated(settings).await?;
    let now = args.now.unwrap_or_else(chrono::Utc::now);
    let (audit, change) = (args.privacy.audit_retention_days, args.changes.change_retention_days);
    let pruned = crate::privacy::retention::prune(&conn, now, audit, change)
        .await
        .map_err(|e| anyhow::anyhow!("pruning failed: {e:?}"))?;
    println!(
        "pruned {} audit events and {} change events",
        pruned.audit_events, pruned.change_events
    );
    Ok(())
}
