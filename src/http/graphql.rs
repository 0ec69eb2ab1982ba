//! The GraphQL endpoint: authenticate, spend the client's budget, execute, answer.

use std::sync::Arc;

use async_graphql::{BatchResponse, ErrorExtensions, Pos, Response as GraphqlResponse};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::client::{Client, ClientAddr};
use super::extract::GraphqlHttp;
use super::rate_limit::Budget;
use super::reply;
use crate::auth::{AuthError, authenticate};
use crate::loaders::Loaders;
use crate::startup::AppState;

/// Runs one GraphQL request or batch (POST, or GET for queries) for the viewer it comes from.
/// A bearer token that fails any check gets HTTP 401, a client over its budget 429, both before
/// the query runs.
pub async fn graphql(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    req: GraphqlHttp,
) -> Response {
    let viewer = match authenticate(&state.db, &state.keys, &headers).await {
        Ok(v) => v,
        Err(AuthError::Rejected(r)) => {
            // A refused token spends its address's budget: tokens cannot be guessed at full speed.
            return match state.gate.rate_limit.check(&Client::Address(addr), 1) {
                Ok(_) => r.into_response(),
                Err(refusal) => refusal.format(req.format).into_response(),
            };
        }
        Err(AuthError::Failed(e)) => {
            let error = e.extend().into_server_error(Pos::default());
            let mut res = reply::executed(GraphqlResponse::from_errors(vec![error]).into(), req.format);
            *res.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
            return res;
        }
    };
    let client = viewer
        .token()
        .map_or(Client::Address(addr), |t| Client::Token(t.token_id));
    let budget = match state.gate.rate_limit.check(&client, req.batch.iter().count()) {
        Ok(budget) => budget,
        Err(refusal) => return refusal.format(req.format).into_response(),
    };
    // Wait for a turn: what a request holds while it runs (rows, the answer) is bounded by the
    // number of turns, not by the number of clients. The request timeout covers the wait.
    let _turn = match &state.gate.executions {
        Some(turns) => turns.clone().acquire_owned().await.ok(),
        None => None,
    };
    crate::observe::operation::report_organisation(viewer.organisation_id());
    let loaders = Arc::new(Loaders::new(state.reads.clone(), Arc::new(viewer)));
    let batch = req
        .batch
        .data(loaders.clone())
        .data(state.keys.clone())
        .data(state.webhooks.clone());
    let res: BatchResponse = loaders.drive(state.api.execute_batch(batch)).await;
    reply::executed(Budget::annotate(budget, res), req.format)
}
