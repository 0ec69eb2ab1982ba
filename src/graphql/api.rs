//! Running GraphQL requests: each is parsed and held to the limits first (a batch also as a
//! whole), then executed, and the errors it was refused with get their codes; the request log
//! learns its name and codes.

use std::sync::{Arc, OnceLock};

use async_graphql::{BatchRequest, BatchResponse, Request, Response, ServerError};
use futures_util::StreamExt;
use futures_util::future::join_all;
use sea_orm::DatabaseConnection;

use super::bad_input;
use super::limits::batch::Meter;
use super::limits::measure::Shape;
use super::limits::{QueryLimits, errors};
use super::{AppSchema, build_schema};
use crate::config::{ApiSettings, LimitSettings};
use crate::observe::operation;
use crate::privacy::Privacy;

/// The schema and the limits every request is held to.
#[derive(Clone)]
pub struct Api {
    schema: AppSchema,
    limits: QueryLimits,
    /// Tells the complexity of each request (the schema has no complexity limit of its own);
    /// a schema of its own, built at the first request.
    meter: Arc<OnceLock<Meter>>,
}

impl Api {
    /// The API serving from `db` (see [`build_schema`]).
    pub fn new(db: DatabaseConnection, limits: &LimitSettings, api: &ApiSettings, privacy: Privacy) -> Self {
        Api {
            schema: build_schema(db, api, privacy),
            limits: QueryLimits::from(limits),
            meter: Default::default(),
        }
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
        let within = admitted.iter().filter_map(|a| a.as_ref().ok().copied());
        if let Some(refusal) = self.limits.check_batch(within) {
            for a in admitted.iter_mut().filter(|a| a.is_ok()) {
                *a = Err(vec![refusal.clone()]);
            }
        }
        let runs = requests
            .into_iter()
            .zip(admitted)
            .map(|(r, a)| self.run(r, a.map(|(_, complexity)| complexity)));
        BatchResponse::Batch(join_all(runs).await)
    }

    /// Runs one operation of a WebSocket session as a stream of results, held to the same limits
    /// as a request; a refusal is returned as the errors to send.
    pub async fn execute_stream(
        &self,
        mut request: Request,
    ) -> Result<futures_util::stream::BoxStream<'static, Response>, Vec<async_graphql::ServerError>> {
        let (_, complexity) = self.admit(&mut request).await?;
        bad_input::admit(&mut request).map_err(|e| vec![e])?;
        self.limits.check_complexity(complexity).map_err(|e| vec![e])?;
        let stream = self.schema.execute_stream(request).map(|mut r| {
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
        self.run(request, admitted.map(|(_, complexity)| complexity)).await
    }

    /// Parses `request` and holds it to the limits of its document; measures its complexity.
    async fn admit(&self, request: &mut Request) -> Result<(Shape, usize), Vec<ServerError>> {
        let shape = self.limits.admit(request)?;
        let meter = self.meter.get_or_init(Meter::default);
        Ok((shape, meter.complexity(request).await))
    }

    /// Runs an admitted request of the given complexity: refused first for a refused character
    /// in its arguments, then for its complexity (the order async-graphql's own limit had).
    async fn run(&self, mut request: Request, admitted: Result<usize, Vec<ServerError>>) -> Response {
        let admitted = admitted
            .and_then(|complexity| bad_input::admit(&mut request).map(|()| complexity).map_err(|e| vec![e]))
            .and_then(|complexity| self.limits.check_complexity(complexity).map_err(|e| vec![e]));
        let name = request.operation_name.clone().or_else(|| {
            admitted
                .is_ok()
                .then(|| request.parsed_query().ok().and_then(operation::only_name))
                .flatten()
        });
        let mut response = match admitted {
            Err(e) => Response::from_errors(e),
            Ok(()) => self.schema.execute(request).await,
        };
        errors::bound(&mut response);
        QueryLimits::classify(&mut response);
        bad_input::classify(&mut response);
        operation::report(name, &response);
        response
    }
}
