//! `spawn_app()` and a small GraphQL client.

use std::path::PathBuf;
use std::sync::Arc;

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};

use samenspel::auth::JwtKeys;
use samenspel::auth::keys::default_secret_file;
use samenspel::auth::store::{self, NewToken};
use samenspel::config::{DatabaseSettings, JwtSettings, ServeSettings};
use samenspel::db::StatementCounter;
use samenspel::startup::Application;

/// A running service and what a test needs to talk to it.
pub struct TestApp {
    pub address: String,
    pub db: DatabaseConnection,
    pub statements: Arc<StatementCounter>,
    pub client: reqwest::Client,
    /// The database the service runs on, for the command line.
    pub database_url: String,
    /// The keys the service signs and checks tokens with.
    pub keys: Arc<JwtKeys>,
    /// The file holding the service's generated signing secret.
    pub secret_file: PathBuf,
    _dir: Option<tempfile::TempDir>,
    _keys_dir: tempfile::TempDir,
}

/// A database URL of its own for one test.
async fn fresh_database() -> (String, Option<tempfile::TempDir>) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin) if admin.starts_with("postgres") => {
            let name = format!("samenspel_test_{}", unique());
            let conn = Database::connect(&admin).await.expect("connect to TEST_DATABASE_URL");
            conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create test database");
            conn.close().await.ok();
            let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin);
            (format!("{base}/{name}"), None)
        }
        _ => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
            (url, Some(dir))
        }
    }
}

fn unique() -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000,
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// Spawns the service on an empty, migrated database.
pub async fn spawn_app() -> TestApp {
    spawn(true).await
}

/// Spawns the service on a database filled with the demo dataset.
pub async fn spawn_demo_app() -> TestApp {
    spawn(false).await
}

async fn spawn(no_seed: bool) -> TestApp {
    spawn_configured(no_seed, |_| {}).await
}

/// Spawns the service without query limits, for the few tests that send huge queries on purpose
/// (statement counts of big pages, every relation both ways in one query).
pub async fn spawn_unlimited_app() -> TestApp {
    spawn_configured(true, |s| {
        s.limits.limit_depth = usize::MAX;
        s.limits.limit_complexity = usize::MAX;
        s.limits.limit_aliases = usize::MAX;
        s.limits.limit_selections = usize::MAX;
    })
    .await
}

async fn spawn_configured(no_seed: bool, configure: impl FnOnce(&mut ServeSettings)) -> TestApp {
    samenspel::telemetry::init_for_tests();
    let (database_url, dir) = fresh_database().await;
    // SQLite keeps the generated secret beside its file; PostgreSQL tests get a temp dir of their own.
    let keys_dir = tempfile::tempdir().expect("temp dir");
    let secret_file = match &dir {
        Some(_) => default_secret_file(&database_url),
        None => keys_dir.path().join("samenspel.jwt-secret"),
    };
    let db = DatabaseSettings {
        database_url: database_url.clone(),
        db_pool: 4,
    };
    let mut serve = ServeSettings {
        addr: "127.0.0.1:0".parse().unwrap(),
        no_seed,
        jwt: JwtSettings {
            secret_file: dir.is_none().then(|| secret_file.clone()),
            ..JwtSettings::default()
        },
        ..ServeSettings::default()
    };
    // Tests send many requests from one address: rate limiting stays off unless a test asks.
    serve.limits.rate_limit_per_minute = 0;
    serve.privacy.privacy_requests_per_hour = 0;
    configure(&mut serve);
    let app = Application::build(&db, &serve).await.expect("build application");
    let address = format!("http://127.0.0.1:{}", app.port());
    let (conn, statements, keys) = (app.db(), app.statements(), app.keys());
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        db: conn,
        statements,
        client: reqwest::Client::new(),
        database_url,
        keys,
        secret_file,
        _dir: dir,
        _keys_dir: keys_dir,
    }
}

impl TestApp {
    /// POSTs a query and returns the whole response body.
    pub async fn post(&self, query: &str, variables: Value) -> Value {
        let res = self
            .client
            .post(format!("{}/graphql", self.address))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request");
        assert!(res.status().is_success(), "HTTP {} for {query}", res.status());
        res.json().await.expect("JSON body")
    }

    /// POSTs a query that must succeed and returns its `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let body = self.post(query, variables).await;
        assert!(
            body.get("errors").is_none(),
            "unexpected errors: {body}\nquery: {query}"
        );
        body["data"].clone()
    }

    /// POSTs a query that must fail and returns the `extensions.code` of its first error.
    pub async fn error_code(&self, query: &str, variables: Value) -> String {
        let body = self.post(query, variables).await;
        let code = &body["errors"][0]["extensions"]["code"];
        assert!(code.is_string(), "expected an error with a code, got {body}");
        code.as_str().unwrap().to_string()
    }
}

impl TestApp {
    /// Issues a real token (valid for 90 days) through the token service. `role` is
    /// `PLATFORM_ADMIN`, `ORG_ADMIN`, `EDITOR` or `READER`.
    pub async fn token(&self, organisation_id: Option<i32>, role: &str) -> String {
        let role = samenspel::viewer::Role::parse(role).expect("a known role");
        let new = NewToken {
            organisation_id,
            role,
            label: format!("test {}", role.as_str()),
            expires_at: chrono::Utc::now() + chrono::Duration::days(90),
            created_by_token_id: None,
        };
        let Ok((jwt, _)) = store::issue(&self.db, &self.keys, new).await else {
            panic!("issuing a test token failed");
        };
        jwt
    }

    /// POSTs a query with `Authorization: Bearer <token>` and returns the whole response body.
    pub async fn post_as(&self, token: &str, query: &str, variables: Value) -> Value {
        let res = self
            .client
            .post(format!("{}/graphql", self.address))
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request");
        assert!(res.status().is_success(), "HTTP {} for {query}", res.status());
        res.json().await.expect("JSON body")
    }

    /// Like `data`, with a bearer token.
    pub async fn data_as(&self, token: &str, query: &str, variables: Value) -> Value {
        let body = self.post_as(token, query, variables).await;
        assert!(
            body.get("errors").is_none(),
            "unexpected errors: {body}\nquery: {query}"
        );
        body["data"].clone()
    }

    /// Like `error_code`, with a bearer token.
    pub async fn error_code_as(&self, token: &str, query: &str, variables: Value) -> String {
        let body = self.post_as(token, query, variables).await;
        let code = &body["errors"][0]["extensions"]["code"];
        assert!(code.is_string(), "expected an error with a code, got {body}");
        code.as_str().unwrap().to_string()
    }
}

/// Spawns the service on an empty database with the production defaults of every limit, then
/// settings (e.g. small limits) changed by `configure`. Rate limiting starts off, as in
/// `spawn_app`.
pub async fn spawn_app_with(configure: impl FnOnce(&mut ServeSettings)) -> TestApp {
    spawn_configured(true, configure).await
}

/// Spawns the service on the demo dataset, with settings changed by `configure`.
pub async fn spawn_demo_app_with(configure: impl FnOnce(&mut ServeSettings)) -> TestApp {
    spawn_configured(false, configure).await
}

impl TestApp {
    /// The GraphQL endpoint.
    pub fn graphql_url(&self) -> String {
        format!("{}/graphql", self.address)
    }
}

/// A response read whole, for tests of the HTTP layer itself.
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    /// The body as JSON; `Value::Null` when it is not JSON.
    pub body: Value,
    /// The body as sent.
    pub text: String,
}

impl Answer {
    /// The `Content-Type` of the response, or "".
    pub fn content_type(&self) -> &str {
        self.headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// `errors[0].extensions.code`, or "".
    pub fn code(&self) -> &str {
        self.body["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_default()
    }
}

impl TestApp {
    /// Sends `request` and reads the whole answer, whatever its status.
    pub async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        let res = request.send().await.expect("request");
        let (status, headers) = (res.status().as_u16(), res.headers().clone());
        let text = res.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
            text,
        }
    }

    /// POSTs `body` as `application/json` to the GraphQL endpoint.
    pub async fn post_json(&self, body: Value) -> Answer {
        self.send(self.client.post(self.graphql_url()).json(&body)).await
    }
}

/// A database URL of its own, for a test that runs the binary: a SQLite file in the returned
/// directory, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set.
pub async fn fresh_database_url() -> (String, Option<tempfile::TempDir>) {
    fresh_database().await
}
