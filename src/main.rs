//! The `samenspel` binary: parse the command line, set up logging, run.

use std::process::ExitCode;

// mimalloc: allocation was ~30 % of samples on nested lists with the system allocator
// (shared/PERFORMANCE.md); it costs some peak memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    no_huge_pages();
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

/// Turns transparent huge pages off for this process. mimalloc asks for them on its arenas
/// (`madvise(MADV_HUGEPAGE)`), so every 2 MiB region it touches became resident whole: on the
/// nested list on SQLite that was 20 MB of a 173 MB peak, for no measured gain in speed. The
/// flag is the process's, so it also covers the threads the runtime has started already.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::thread::disable_transparent_huge_pages(true) {
        // A kernel without the call: only memory use differs.
        eprintln!("samenspel: transparent huge pages stay on ({e})");
    }
}
