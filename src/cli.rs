//! The command line: `serve` (default), `migrate`, `seed --demo`, `schema`.

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::{DatabaseSettings, ServeSettings};
use crate::startup::Application;
use crate::{db, graphql, seed};

/// Samenspel: the GraphQL data hub of social-domain learning communities.
#[derive(Parser, Debug)]
#[command(version, about)]
pub struct Cli {
    #[command(flatten)]
    db: DatabaseSettings,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the API and GraphiQL (the default).
    Serve(ServeSettings),
    /// Create or update the database schema, then exit.
    Migrate,
    /// Fill an empty database.
    Seed {
        /// The demo dataset of the source pages.
        #[arg(long)]
        demo: bool,
    },
    /// Print the GraphQL schema (SDL): `samenspel schema > schema.graphql`.
    Schema,
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
        Command::Seed { demo } => {
            anyhow::ensure!(demo, "say which dataset: `samenspel seed --demo`");
            let (conn, _) = db::connect(&cli.db).await?;
            db::migrate(&conn).await?;
            let filled = seed::seed_demo(&conn).await.context("seeding the demo dataset")?;
            tracing::info!(
                filled,
                "demo dataset {}",
                if filled {
                    "loaded"
                } else {
                    "skipped: database not empty"
                }
            );
        }
        Command::Schema => print!("{}", graphql::sdl()),
    }
    Ok(())
}

impl ServeSettings {
    /// Serve settings from the environment alone, for `samenspel` without a subcommand.
    fn parse_env() -> Self {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            serve: ServeSettings,
        }
        Only::try_parse_from(["samenspel"]).map(|o| o.serve).unwrap_or_default()
    }
}
