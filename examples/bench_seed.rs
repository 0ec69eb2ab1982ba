//! Seeds the benchmark dataset into `$DATABASE_URL` (migrating first) and prints the rows per
//! table and the time taken: `cargo run --release --example bench_seed -- 1`.
//! Stands in for `samenspel seed --bench --scale N` until the command line has it.

use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use samenspel::config::{DEFAULT_DATABASE_URL, DatabaseSettings};
use samenspel::{db, seed};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_seed: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let scale: f64 = match std::env::args().nth(1) {
        Some(arg) => arg.parse().with_context(|| format!("scale `{arg}` is not a number"))?,
        None => 1.0,
    };
    let settings = DatabaseSettings {
        database_url: std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_owned()),
        db_pool: 1,
    };
    let (conn, _) = db::connect(&settings).await?;
    db::migrate(&conn).await?;
    let started = Instant::now();
    let counts = seed::bench::seed_bench(&conn, scale).await?;
    let took = started.elapsed();
    println!("{counts}");
    println!("seeded scale {scale} in {:.2} s", took.as_secs_f64());
    Ok(())
}
