//! The `samenspel` binary: parse the command line, set up logging, run.

use std::process::ExitCode;

// mimalloc: allocation was ~30 % of samples on nested lists with the system allocator
// (shared/PERFORMANCE.md); it costs some peak memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
