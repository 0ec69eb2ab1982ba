//! Running GraphQL requests: each is parsed and held to the limits first, then executed, and
//! the errors it was refused with get their codes; the request log learns its name and codes.

use async_graphql::{BatchRequest, BatchResponse, Request, Response};
use futures_util::future::join_all;
use sea_orm::DatabaseConnection;

use super::bad_input;
use super::limits::QueryLimits;
use super::{AppSchema, build_schema};
use crate::config::{ApiSettings, LimitSettings};
use crate::observe::operation;

/// The schema and the limits every request is held to.
#[derive(Clone)]
pub struct Api {
    schema: AppSchema,
    limits: QueryLimits,
}

impl Api {
    /// The API serving from `db` (see [`build_schema`]).
    pub fn new(db: DatabaseConnection, limits: &LimitSettings, api: &ApiSettings) -> Self {
        Api {
            schema: build_schema(db, limits, api),
            limits: QueryLimits::from(limits),
        }
    }

    /// Runs one request, or every request of a batch side by side.
    pub async fn execute_batch(&self, batch: BatchRequest) -> BatchResponse {
        match batch {
            BatchRequest::Single(r) => BatchResponse::Single(self.execute(r).await),
            BatchRequest::Batch(rs) => BatchResponse::Batch(join_all(rs.into_iter().map(|r| self.execute(r))).await),
        }
    }

    /// Runs one request: refused with a coded error when it does not parse or is above a limit,
    /// executed otherwise.
    pub async fn execute(&self, mut request: Request) -> Response {
        let admitted = self
            .limits
            .admit(&mut request)
            .and_then(|()| bad_input::admit(&mut request));
        let name = request.operation_name.clone().or_else(|| {
            admitted
                .is_ok()
                .then(|| request.parsed_query().ok().and_then(operation::only_name))
                .flatten()
        });
        let response = match admitted {
            Err(e) => Response::from_errors(vec![e]),
            Ok(()) => {
                let mut response = self.schema.execute(request).await;
                self.limits.classify(&mut response);
                bad_input::classify(&mut response);
                response
            }
        };
        operation::report(name, &response);
        response
    }
}
