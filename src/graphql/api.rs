//! Running GraphQL requests: each is parsed and held to the limits first (a batch also as a
//! whole), then executed, and the errors it was refused with get their codes; the request log
//! learns its name and codes. What admitting a query learned is kept per distinct query text
//! (see [`QueryCache`]): a repeated query is not parsed, measured, metered or fully validated again.

use std::sync::{Arc, LazyLock, OnceLock};

use async_graphql::{BatchRequest, BatchResponse, Request, Response, ServerError, ValidationMode, Value};
use futures_util::StreamExt;
use futures_util::future::join_all;
use sea_orm::DatabaseConnection;

use super::bad_input;
use super::limits::batch::Meter;
use super::limits::measure::Shape;
use super::limits::{QueryLimits, errors};
use super::query_cache::{Keys, Prepared, QueryCache};
use super::{AppSchema, build_schema};
use crate::config::{ApiSettings, LimitSettings};
use crate::observe::operation;
use crate::privacy::Privacy;

/// A schema built at its first use.
type LazySchema = LazyLock<AppSchema, Box<dyn FnOnce() -> AppSchema + Send>>;

/// The schema and the limits every request is held to.
#[derive(Clone)]
pub struct Api {
    /// The schema requests run on, validating each document in full.
    schema: AppSchema,
    /// The same schema validating only what its executor relies on (async-graphql's
    /// `ValidationMode::Fast`), for a document whose full validation passed before with the same
    /// operation name and variables: it would pass again, so only its cost would be repeated.
    /// Built at the first such request.
    validated: Arc<LazySchema>,
    limits: QueryLimits,
    /// Tells the complexity of each request (the schema has no complexity limit of its own);
    /// a schema of its own, built at the first request.
    meter: Arc<OnceLock<Meter>>,
    /// What admitting earlier requests learned of their texts (nothing of their viewers).
    cache: Arc<QueryCache>,
}

/// What admitting a request found out: its size and complexity, and where that is kept.
struct Admitted {
    shape: Shape,
    complexity: usize,
    /// The kept facts of its text, operation name and variables; none for a text too long to keep.
    prepared: Option<Arc<Prepared>>,
}

impl Api {
    /// The API serving from `db` (see [`build_schema`]).
    pub fn new(db: DatabaseConnection, limits: &LimitSettings, api: &ApiSettings, privacy: Privacy) -> Self {
        let (fast_db, fast_api, fast_privacy) = (db.clone(), api.clone(), privacy.clone());
        let fast = move || build_schema(fast_db, &fast_api, fast_privacy, ValidationMode::Fast);
        Api {
            schema: build_schema(db, api, privacy, ValidationMode::Strict),
            validated: Arc::new(LazyLock::new(Box::new(fast))),
            limits: QueryLimits::from(limits),
            meter: Default::default(),
            cache: Default::default(),
        }
    }

    /// The Prometheus text of the query cache's hits and misses.
    pub fn render_cache_lookups(&self) -> String {
        self.cache.render()
    }

    /// Runs one request, or every request of a batch side by side. A batch is held to the
    /// budget of one request as a whole: over it, each of its requests is refused.
    pub async fn execute_batch(&self, batch: BatchRequest) -> BatchResponse {
        let mut requests = match batch {
            BatchRequest::Single(r) => return BatchResponse::Single(self.execute(r).await),
            BatchRequest::Batch(rs) => rs,
        };
        let mut admitted = Vec::with_capacity(requests.len());
        for request in &mut requests {
            admitted.push(self.admit(request).await);
        }
        let within = admitted
            .iter()
            .filter_map(|a| a.as_ref().ok().map(|a| (a.shape, a.complexity)));
        if let Some(refusal) = self.limits.check_batch(within) {
            for a in admitted.iter_mut().filter(|a| a.is_ok()) {
                *a = Err(vec![refusal.clone()]);
            }
        }
        let runs = requests.into_iter().zip(admitted).map(|(r, a)| self.run(r, a));
        BatchResponse::Batch(join_all(runs).await)
    }

    /// Runs one operation of a WebSocket session as a stream of results, held to the same limits
    /// as a request; a refusal is returned as the errors to send.
    pub async fn execute_stream(
        &self,
        mut request: Request,
    ) -> Result<futures_util::stream::BoxStream<'static, Response>, Vec<async_graphql::ServerError>> {
        let admitted = self.admit(&mut request).await?;
        bad_input::admit(&mut request).map_err(|e| vec![e])?;
        self.limits.check_complexity(admitted.complexity).map_err(|e| vec![e])?;
        let schema = self.schema_for(admitted.prepared.as_deref());
        let stream = schema.execute_stream(request).map(|mut r| {
            errors::bound(&mut r);
            QueryLimits::classify(&mut r);
            bad_input::classify(&mut r);
            r
        });
        Ok(Box::pin(stream))
    }

    /// Runs one request: refused with a coded error when it does not parse or is above a limit,
    /// executed otherwise.
    pub async fn execute(&self, mut request: Request) -> Response {
        let admitted = self.admit(&mut request).await;
        self.run(request, admitted).await
    }

    /// Parses `request` and holds it to the limits of its document; measures its complexity.
    /// What a request of the same text (operation name, variables) found before is not found again.
    async fn admit(&self, request: &mut Request) -> Result<Admitted, Vec<ServerError>> {
        let keys = Keys::of(request);
        let shape = self.admit_document(request, keys.as_ref())?;
        if let Some(p) = keys.as_ref().and_then(|k| self.cache.prepared(k)) {
            let complexity = p.complexity;
            return Ok(Admitted {
                shape,
                complexity,
                prepared: Some(p),
            });
        }
        let complexity = self.meter.get_or_init(Meter::default).complexity(request).await;
        let prepared = keys.map(|k| self.cache.keep_prepared(&k, complexity));
        Ok(Admitted {
            shape,
            complexity,
            prepared,
        })
    }

    /// Holds the request's document to the limits, or takes it as admitted before with the same
    /// text. Only an admitted document is kept: a refusal is decided afresh each time.
    fn admit_document(&self, request: &mut Request, keys: Option<&Keys>) -> Result<Shape, Vec<ServerError>> {
        let Some(keys) = keys else {
            return self.limits.admit(request);
        };
        if let Some(d) = self.cache.document(keys) {
            request.set_parsed_query(d.doc.clone());
            return Ok(d.shape);
        }
        let shape = self.limits.admit(request)?;
        let text_len = request.query.len();
        if let Ok(doc) = request.parsed_query() {
            self.cache.keep_document(keys, doc.clone(), shape, text_len);
        }
        Ok(shape)
    }

    /// Runs an admitted request: refused first for a refused character in its arguments, then
    /// for its complexity (the order async-graphql's own limit had).
    async fn run(&self, mut request: Request, admitted: Result<Admitted, Vec<ServerError>>) -> Response {
        let prepared = admitted.as_ref().ok().and_then(|a| a.prepared.clone());
        let admitted = admitted
            .and_then(|a| {
                bad_input::admit(&mut request)
                    .map(|()| a.complexity)
                    .map_err(|e| vec![e])
            })
            .and_then(|complexity| self.limits.check_complexity(complexity).map_err(|e| vec![e]));
        let name = request.operation_name.clone().or_else(|| {
            admitted
                .is_ok()
                .then(|| request.parsed_query().ok().and_then(operation::only_name))
                .flatten()
        });
        let mut response = match admitted {
            Err(e) => Response::from_errors(e),
            Ok(()) => self.executed(request, prepared.as_deref()).await,
        };
        errors::bound(&mut response);
        QueryLimits::classify(&mut response);
        bad_input::classify(&mut response);
        operation::report(name, &response);
        response
    }

    /// Executes an admitted request, noting when its full validation passed: a response with
    /// data was executed, and async-graphql executes only what validated.
    async fn executed(&self, request: Request, prepared: Option<&Prepared>) -> Response {
        let Some(p) = prepared.filter(|p| !p.validated()) else {
            return self.schema_for(prepared).execute(request).await;
        };
        let response = self.schema.execute(request).await;
        if response.data != Value::Null {
            p.mark_validated();
        }
        response
    }

    /// The schema to run a request on: one that skips the full validation once it has passed.
    fn schema_for(&self, prepared: Option<&Prepared>) -> &AppSchema {
        match prepared.is_some_and(Prepared::validated) {
            true => &self.validated,
            false => &self.schema,
        }
    }
}
