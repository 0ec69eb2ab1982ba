//! Rows by primary key, filtered by the viewer's visibility.

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use sea_orm::{ColumnTrait, ConnectionTrait, QueryFilter, QueryTrait};

use crate::error::AppError;
use crate::paging::Keyed;
use crate::reads::Reads;
use crate::rows;
use crate::viewer::Viewer;

/// Loads rows of `E` by id in one statement per batch.
pub struct ById<E> {
    db: Reads,
    viewer: Arc<Viewer>,
    _e: PhantomData<fn() -> E>,
}

impl<E> ById<E> {
    /// A loader for one request.
    pub fn new(db: Reads, viewer: Arc<Viewer>) -> Self {
        ById {
            db,
            viewer,
            _e: PhantomData,
        }
    }
}

impl<E: Keyed> Loader<i32> for ById<E>
where
    E::Model: Sync,
{
    /// Shared, so that handing a row to the field that asked for it is not a deep copy (see
    /// `Loaders::one`).
    type Value = Arc<E::Model>;
    type Error = AppError;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Arc<E::Model>>, AppError> {
        let select = E::find()
            .filter(E::id_column().is_in(keys.iter().copied()))
            .filter(E::visible(&self.viewer));
        let rows = self.db.query_all(&select.into_query()).await?;
        Ok(rows::models::<E>(&rows, "")?
            .into_iter()
            .map(|m| (E::id_of(&m), Arc::new(m)))
            .collect())
    }
}
