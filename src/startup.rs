//! Building and running the service: `Application::build`, `port`, `run_until_stopped`.
//! Tests spawn the same `Application` on port 0.

use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::routing::get;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::auth::JwtKeys;
use crate::changes::hub::Hub;
use crate::config::{ChangeSettings, DatabaseSettings, ServeSettings};
use crate::db::{self, StatementCounter};
use crate::graphql::Api;
use crate::http::{Gate, layers};
use crate::reads::Reads;
use crate::webhooks::Webhooks;
use crate::webhooks::seal::Sealer;
use crate::{http, seed};

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The pool.
    pub db: DatabaseConnection,
    /// What the API reads from: the pool, and on PostgreSQL connections kept for reads.
    pub reads: Reads,
    /// The schema and the limits requests are held to.
    pub api: Api,
    /// The keys tokens are signed and checked with.
    pub keys: Arc<JwtKeys>,
    /// Limits, rate limit and CORS of the HTTP layer.
    pub gate: Arc<Gate>,
    /// Metrics and request logging (observe).
    pub observe: crate::observe::Observe,
    /// The head of the change log, for subscriptions.
    pub hub: Hub,
    /// Retention and subscription limits.
    pub changes: Arc<ChangeSettings>,
    /// Open WebSocket sessions per client.
    pub sockets: crate::http::ws::Sockets,
    /// Webhook settings and the sealer of their secrets, for the webhook mutations.
    pub webhooks: Arc<Webhooks>,
}

/// The routes of the service.
pub fn router(state: AppState) -> Router {
    let timeout = axum::middleware::from_fn_with_state(state.gate.limits.request_timeout(), layers::timeout);
    let cors = layers::cors(&state.gate.cors_origins);
    let graphiql = match state.gate.graphiql {
        true => http::graphiql::routes(),
        false => Router::new(),
    };
    Router::new()
        .merge(graphiql)
        .route("/graphql", get(http::ws::get).post(http::graphql).layer(timeout))
        .route(http::archive::ROUTE, get(http::archive::coalition))
        .route("/healthz", get(http::healthz))
        .route("/readyz", get(http::readyz))
        .route("/metrics", get(crate::observe::metrics)) // observe: Prometheus metrics
        .layer(cors)
        .layer(layers::catch_panic())
        .layer(axum::middleware::from_fn_with_state(
            state.observe.clone(),
            crate::observe::track,
        )) // observe: outermost
        .with_state(state)
}

/// A built service, bound to its port, not yet serving.
pub struct Application {
    listener: TcpListener,
    state: AppState,
    statements: Arc<StatementCounter>,
}

impl Application {
    /// Loads the token keys, connects, migrates, seeds a new database (unless told not to) and
    /// binds the address.
    pub async fn build(db_settings: &DatabaseSettings, serve: &ServeSettings) -> anyhow::Result<Self> {
        let keys = Arc::new(JwtKeys::load(&serve.jwt, &db_settings.database_url)?);
        let (db, statements) = db::connect(db_settings).await?;
        db::migrate(&db).await?;
        if !serve.no_seed && seed::seed_demo(&db).await.context("seeding the demo dataset")? {
            tracing::info!("new database filled with the demo dataset");
        }
        let indexed = crate::search::backfill(&db).await.context("filling the search index")?;
        if indexed > 0 {
            tracing::info!(indexed, "records added to the search index");
        }
        db::optimize(&db).await?;
        let listener = TcpListener::bind(serve.addr)
            .await
            .with_context(|| format!("binding {}", serve.addr))?;
        let privacy = crate::privacy::Privacy::new(&serve.privacy, serve.changes.change_retention_days);
        let api = Api::new(db.clone(), &serve.limits, &serve.api, privacy);
        let gate = Arc::new(Gate::new(serve)?);
        let background = db::connect_background(db_settings).await?;
        let hub = Hub::start(background.clone()).await?;
        crate::changes::retention::keep_pruning(background.clone(), serve.changes.change_retention_days);
        crate::privacy::retention::keep_pruning(background, serve.privacy.audit_retention_days);
        let webhooks = Arc::new(Webhooks::new(
            serve.webhooks.clone(),
            Sealer::new(&keys),
            keys.cursors().clone(),
        ));
        start_webhooks(db_settings, serve, &hub, &webhooks).await?;
        Ok(Application {
            listener,
            // observe: metrics of this service, with its statement counter
            state: AppState {
                reads: Reads::new(db.clone(), db_settings.db_pool, statements.clone()),
                db,
                api,
                keys,
                gate,
                observe: crate::observe::Observe::new(statements.clone())?,
                hub,
                changes: Arc::new(serve.changes.clone()),
                sockets: Default::default(),
                webhooks,
            },
            statements,
        })
    }

    /// The port actually bound.
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or_default()
    }

    /// The pool, for tests that arrange data directly.
    pub fn db(&self) -> DatabaseConnection {
        self.state.db.clone()
    }

    /// The keys tokens are signed and checked with, for tests that issue tokens.
    pub fn keys(&self) -> Arc<JwtKeys> {
        self.state.keys.clone()
    }

    /// The statement counter of the pool.
    pub fn statements(&self) -> Arc<StatementCounter> {
        self.statements.clone()
    }

    /// Serves until Ctrl-C or SIGTERM, finishing requests in flight.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let addr = self.listener.local_addr()?;
        match self.state.gate.graphiql {
            true => tracing::info!(%addr, "Samenspel is listening: GraphiQL at http://{addr}/"),
            false => tracing::info!(%addr, "Samenspel is listening: the API at http://{addr}/graphql"),
        }
        // The peer address keys the rate limit of anonymous clients.
        let app = router(self.state).into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
    }
}

/// Starts this replica's webhook workers on a small pool of their own (unless the settings ask
/// for none), so delivery never takes a connection from requests.
async fn start_webhooks(
    db_settings: &DatabaseSettings,
    serve: &ServeSettings,
    hub: &Hub,
    webhooks: &Arc<Webhooks>,
) -> anyhow::Result<()> {
    if serve.webhooks.webhook_workers == 0 {
        tracing::info!("no webhook workers on this replica (SAMENSPEL_WEBHOOK_WORKERS=0)");
        return Ok(());
    }
    let own = DatabaseSettings {
        database_url: db_settings.database_url.clone(),
        db_pool: 4,
    };
    let (pool, _) = db::connect(&own).await?;
    let retention = serve.changes.change_retention_days;
    crate::webhooks::start(pool, hub.clone(), webhooks.clone(), retention)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
