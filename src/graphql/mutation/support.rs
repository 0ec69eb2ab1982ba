//! What every mutation resolver shares: the viewer and pool of the request, global IDs in
//! inputs, and turning a write's outcome into a payload.

use async_graphql::{Context, ID, MaybeUndefined, Result};
use sea_orm::DatabaseConnection;

use crate::graphql::connection::loaders;
use crate::graphql::ids::{NodeType, decode_as};
use crate::graphql::user_error::{self, UserError};
use crate::services::write::WriteResult;
use crate::viewer::Viewer;

/// The pool and the viewer of the request.
/// Every mutation starts here, which also stops the request's loaders from answering with rows
/// read before the write (see `loaders::joined`).
pub fn request<'a>(ctx: &Context<'a>) -> Result<(&'a DatabaseConnection, &'a Viewer)> {
    let loaders = loaders(ctx)?;
    loaders.writing();
    Ok((ctx.data::<DatabaseConnection>()?, loaders.viewer()))
}

/// The row id behind a required ID input of type `t`.
pub fn id(v: &ID, t: NodeType) -> Result<i32> {
    Ok(decode_as(v, t)?)
}

/// The row id behind an optional ID input.
pub fn opt_id(v: Option<&ID>, t: NodeType) -> Result<Option<i32>> {
    v.map(|v| id(v, t)).transpose()
}

/// An ID input that may be left out (no change), null (clear) or set.
pub fn patch_id(v: &MaybeUndefined<ID>, t: NodeType) -> Result<Option<Option<i32>>> {
    Ok(match v {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(v) => Some(Some(id(v, t)?)),
    })
}

/// IDs of one type, each once: such a list names a set (twice the same theme is that theme),
/// and a repeat would hit the link table's key.
pub fn ids(v: Option<&[ID]>, t: NodeType) -> Result<Vec<i32>> {
    let mut ids: Vec<i32> = v.unwrap_or_default().iter().map(|v| id(v, t)).collect::<Result<_>>()?;
    let mut seen = std::collections::HashSet::new();
    ids.retain(|i| seen.insert(*i));
    Ok(ids)
}

/// An input that may be left out (no change), null (clear) or set.
pub fn patch<T>(v: MaybeUndefined<T>) -> Option<Option<T>> {
    match v {
        MaybeUndefined::Undefined => None,
        MaybeUndefined::Null => Some(None),
        MaybeUndefined::Value(s) => Some(Some(s)),
    }
}

/// The object written (wrapped for GraphQL), or the input problems; errors that are not about
/// input become GraphQL errors with their code.
pub fn outcome<M, T>(r: WriteResult<M>, wrap: impl FnOnce(M) -> T) -> Result<(Option<T>, Vec<UserError>)> {
    user_error::outcome(r.map(wrap))
}
