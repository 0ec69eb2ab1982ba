//! The `samenspel` binary: parse the command line, set up logging, run.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    samenspel::telemetry::init();
    match samenspel::cli::run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The chain of causes, without a backtrace: this is for the person at the terminal.
            eprintln!("samenspel: {e:#}");
            ExitCode::FAILURE
        }
    }
}
