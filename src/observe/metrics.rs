//! The Prometheus registry of one service: HTTP and GraphQL counters, the latency histogram per
//! operation, and, read when scraped, the pool and the statement counter.

use std::time::Duration;

use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder};
use sea_orm::{DatabaseBackend, DatabaseConnection};

use crate::reads::Reads;

use super::labels::{self, OperationLabels};
use super::seen::Seen;

/// Label of the latency of a batch of several operations.
const BATCH: &str = "batch";

/// Every metric the service exports.
pub struct Metrics {
    registry: Registry,
    http_requests: IntCounterVec,
    graphql_requests: IntCounterVec,
    graphql_errors: IntCounterVec,
    graphql_duration: HistogramVec,
    pool: IntGaugeVec,
    operations: OperationLabels,
}

impl Metrics {
    /// A registry of its own, so two services in one process (tests) count apart.
    pub fn new() -> prometheus::Result<Self> {
        let registry = Registry::new();
        let counter = |name: &str, help: &str, label: &str| -> prometheus::Result<IntCounterVec> {
            let c = IntCounterVec::new(Opts::new(name, help), &[label])?;
            registry.register(Box::new(c.clone()))?;
            Ok(c)
        };
        let http_requests = counter("samenspel_http_requests_total", "HTTP requests by status", "status")?;
        let graphql_requests = counter("samenspel_graphql_requests_total", "GraphQL operations", "operation")?;
        let graphql_errors = counter("samenspel_graphql_errors_total", "GraphQL errors by code", "code")?;
        let opts = HistogramOpts::new("samenspel_graphql_duration_seconds", "GraphQL request latency");
        let graphql_duration = HistogramVec::new(opts, &["operation"])?;
        registry.register(Box::new(graphql_duration.clone()))?;
        let opts = Opts::new(
            "samenspel_db_pool_connections",
            "Database connections: the pool's and those kept for reads",
        );
        let pool = IntGaugeVec::new(opts, &["state"])?;
        registry.register(Box::new(pool.clone()))?;
        Ok(Metrics {
            registry,
            http_requests,
            graphql_requests,
            graphql_errors,
            graphql_duration,
            pool,
            operations: OperationLabels::default(),
        })
    }

    /// The operation label of a request: the one operation's, or `batch`.
    pub fn operation_label(&self, seen: &Seen) -> Option<String> {
        match seen.operations.as_slice() {
            [] => None,
            [one] => Some(self.operations.label(one.as_deref())),
            _ => Some(BATCH.into()),
        }
    }

    /// Counts one finished HTTP request and what the GraphQL layer saw of it.
    pub fn record(&self, status: u16, seen: &Seen, elapsed: Duration) {
        self.http_requests.with_label_values(&[status.to_string()]).inc();
        for op in &seen.operations {
            let label = self.operations.label(op.as_deref());
            self.graphql_requests.with_label_values(&[label]).inc();
        }
        for code in &seen.error_codes {
            self.graphql_errors.with_label_values(&[labels::code(code)]).inc();
        }
        if let Some(op) = self.operation_label(seen) {
            self.graphql_duration
                .with_label_values(&[op])
                .observe(elapsed.as_secs_f64());
        }
    }

    /// Counts an error the GraphQL layer never saw (a refused token, a rate limit).
    pub fn record_error(&self, code: &str) {
        self.graphql_errors.with_label_values(&[labels::code(code)]).inc();
    }

    /// The text exposition format, with the connections counted now (the pool's and those
    /// kept for reads) and `statements` run so far.
    pub fn render(&self, reads: &Reads, statements: u64) -> prometheus::Result<String> {
        let (size, idle) = pool_use(reads.pool());
        let (kept, kept_idle) = reads.kept();
        let (size, idle) = (size + to_i64(kept), idle + to_i64(kept_idle));
        self.pool.with_label_values(&["idle"]).set(idle);
        self.pool.with_label_values(&["in_use"]).set(size.saturating_sub(idle));
        let mut buf = Vec::new();
        TextEncoder::new().encode(&self.registry.gather(), &mut buf)?;
        let mut text = String::from_utf8_lossy(&buf).into_owned();
        text.push_str("# HELP samenspel_sql_statements_total SQL statements run\n");
        text.push_str("# TYPE samenspel_sql_statements_total counter\n");
        text.push_str(&format!("samenspel_sql_statements_total {statements}\n"));
        Ok(text)
    }
}

/// Connections open and idle in the pool behind sea-orm.
fn pool_use(db: &DatabaseConnection) -> (i64, i64) {
    let (size, idle) = match db.get_database_backend() {
        DatabaseBackend::Sqlite => {
            let p = db.get_sqlite_connection_pool();
            (p.size(), p.num_idle())
        }
        DatabaseBackend::Postgres => {
            let p = db.get_postgres_connection_pool();
            (p.size(), p.num_idle())
        }
        _ => (0, 0),
    };
    (i64::from(size), to_i64(idle))
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
