//! The `samenspel` binary: parse the command line, set up logging, run.

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    samenspel::telemetry::init();
    samenspel::cli::run().await
}
