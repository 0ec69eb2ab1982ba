//! Logging with `tracing`: human-readable by default, JSON with `SAMENSPEL_LOG_FORMAT=json`.
//! Each request is a span `request{request_id}` with one "request finished" event (see
//! `observe`); colours only when stderr is a terminal.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber once; later calls (tests) are ignored.
pub fn init() {
    let json = std::env::var("SAMENSPEL_LOG_FORMAT").is_ok_and(|v| v.eq_ignore_ascii_case("json"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter())
        .with_writer(std::io::stderr);
    let _ = if json {
        // One object a line; the request span's fields under "span", without the span list.
        builder.json().with_span_list(false).try_init()
    } else {
        builder.with_ansi(std::io::stderr().is_terminal()).try_init()
    };
}

/// Like `init`, but through the test harness's capture, so a passing test prints nothing.
pub fn init_for_tests() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter())
        .with_test_writer()
        .try_init();
}

/// `SAMENSPEL_LOG`, else `info,sqlx=warn`.
fn filter() -> EnvFilter {
    EnvFilter::try_from_env("SAMENSPEL_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"))
}
