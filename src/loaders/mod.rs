//! Per-request DataLoaders, so following a relation costs one statement per nesting level, not
//! one per parent row. A request gets one `Loaders`; each loader is made on first use.

mod batch;
mod by_id;
mod children;
mod joined;
mod relations;
mod templates;
mod unread;

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_graphql::dataloader::{DataLoader, Loader};
use sea_orm::ConnectionTrait;

pub use batch::{Batches, Drive};
pub use by_id::ById;
pub use children::{ChildCount, Children, ToMany};
pub use joined::{Along, ContributionOrganisation, NoAlong, QuestionAhead};
pub use relations::*;
pub use unread::Unread;

use crate::error::AppResult;
use crate::paging::{Keyed, Page, PageArgs};
use crate::reads::Reads;
use crate::viewer::Viewer;

/// The value a loader handed out. DataLoader gives each requester a clone of the loaded value;
/// loaders hand out `Arc`s, and by the time a field reads its answer the loader has dropped its
/// own, so the row or page is moved out, not copied (copied only if still shared). On the nested
/// list the copies of every row were a tenth of the server's allocations.
fn unshare<T: Clone>(shared: Arc<T>) -> T {
    Arc::try_unwrap(shared).unwrap_or_else(|shared| (*shared).clone())
}

/// The loaders of one request, all seeing through the eyes of one viewer.
pub struct Loaders {
    db: Reads,
    viewer: Arc<Viewer>,
    batches: Batches,
    primed: Arc<joined::Primed>,
    made: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
}

impl Loaders {
    /// Loaders for a request by `viewer`. Run the request through [`Loaders::drive`], which
    /// starts their batches.
    pub fn new(db: Reads, viewer: Arc<Viewer>) -> Self {
        Loaders {
            db,
            viewer,
            batches: Batches::default(),
            primed: Arc::default(),
            made: Mutex::new(HashMap::new()),
        }
    }

    /// Runs `request`, which uses these loaders: their batches start, inside the request's own
    /// task, as soon as the request cannot go on without them.
    pub fn drive<F: std::future::Future>(&self, request: F) -> Drive<F> {
        self.batches.drive(request)
    }

    /// Whether reading related rows in one joined statement beats separate batched ones: on
    /// PostgreSQL, where every statement is a round trip to another process. On SQLite a
    /// statement is a call into the library, and the joined rows (with their columns decoded
    /// once per child) cost more than they save: the small lookup ran 15 % slower joined.
    fn joins_pay(&self) -> bool {
        self.db.get_database_backend() == sea_orm::DbBackend::Postgres
    }

    /// What these loaders read from.
    pub fn reads(&self) -> &Reads {
        &self.db
    }

    /// The viewer these loaders filter for.
    pub fn viewer(&self) -> &Viewer {
        &self.viewer
    }

    fn get<L: Loader<K> + Send + Sync + 'static, K>(&self, make: impl FnOnce() -> L) -> Arc<DataLoader<L>>
    where
        K: Send + Sync + std::hash::Hash + Eq + Clone + 'static,
    {
        let mut made = self.made.lock().unwrap_or_else(|p| p.into_inner());
        let entry = made.entry(TypeId::of::<L>()).or_insert_with(|| {
            let loader = DataLoader::new(make(), self.batches.spawner()).delay(Duration::ZERO);
            Arc::new(loader) as Arc<dyn Any + Send + Sync>
        });
        match entry.clone().downcast::<DataLoader<L>>() {
            Ok(loader) => loader,
            Err(_) => unreachable!("loader map is keyed by the loader's own type"),
        }
    }

    /// One row of `E` by id, or `None` when missing or not visible.
    pub async fn one<E: Keyed>(&self, id: i32) -> AppResult<Option<E::Model>>
    where
        E::Model: Sync,
    {
        if let Some(row) = self.primed.get::<E>(id) {
            return Ok(Some(row));
        }
        let loader = self.get(|| ById::<E>::new(self.db.clone(), self.viewer.clone()));
        Ok(loader.load_one(id).await?.map(unshare))
    }

    /// A page of the children of `parent` through relation `R`, bringing along (and priming)
    /// what `A` names, the columns in `unread` left unread (see [`Unread`]).
    pub async fn page<R: ToMany, A: Along>(
        &self,
        parent: i32,
        args: PageArgs,
        unread: Unread,
    ) -> AppResult<Page<<R::Child as sea_orm::EntityTrait>::Model>>
    where
        <R::Child as sea_orm::EntityTrait>::Model: Sync,
    {
        if let Some(page) = self.primed.take_page::<R>(parent, &args) {
            return Ok(page);
        }
        if !self.joins_pay() {
            let loader =
                self.get(|| Children::<R, NoAlong>::new(self.db.clone(), self.viewer.clone(), self.primed.clone()));
            return Ok(loader
                .load_one((parent, args, unread))
                .await?
                .map(unshare)
                .unwrap_or_default());
        }
        let loader = self.get(|| Children::<R, A>::new(self.db.clone(), self.viewer.clone(), self.primed.clone()));
        Ok(loader
            .load_one((parent, args, unread))
            .await?
            .map(unshare)
            .unwrap_or_default())
    }

    /// How many visible children `parent` has through relation `R`.
    pub async fn count<R: ToMany>(&self, parent: i32) -> AppResult<u64> {
        let loader = self.get(|| ChildCount::<R>::new(self.db.clone(), self.viewer.clone()));
        Ok(loader.load_one(parent).await?.unwrap_or(0))
    }
}
