//! When the loaders of one request fetch: as soon as the request's resolvers have nothing left
//! to do without them, not after a timer.
//!
//! async-graphql's `DataLoader` hands each batch to a spawner and, by default, waits 1 ms for
//! more keys. Here the spawner only queues the batch; [`Batches::drive`] polls the request and
//! spawns the queued batches each time the request itself is blocked. Every sibling resolver
//! has registered its keys by then (they are polled together, in the request's task), so a
//! nesting level costs one statement per relation, always, and no request waits on a timer.

use std::future::Future;
use std::mem;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use futures_util::future::BoxFuture;

type Queue = Arc<Mutex<Vec<BoxFuture<'static, ()>>>>;

/// The batches of one request that are waiting to start.
#[derive(Clone, Default)]
pub struct Batches {
    queue: Queue,
}

impl Batches {
    /// The spawner for the request's `DataLoader`s: it queues, [`Batches::drive`] runs.
    pub fn spawner(&self) -> impl Fn(BoxFuture<'static, ()>) + Send + Sync + 'static {
        let queue = self.queue.clone();
        move |batch| lock(&queue).push(batch)
    }

    /// Runs `request` together with the batches its loaders queue.
    pub fn drive<F: Future>(&self, request: F) -> Drive<F> {
        Drive {
            request: Box::pin(request),
            queue: self.queue.clone(),
        }
    }
}

fn lock(queue: &Queue) -> std::sync::MutexGuard<'_, Vec<BoxFuture<'static, ()>>> {
    queue.lock().unwrap_or_else(|p| p.into_inner())
}

/// A request whose batches start when it is blocked.
pub struct Drive<F: Future> {
    request: Pin<Box<F>>,
    queue: Queue,
}

impl<F: Future> Future for Drive<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let out = self.request.as_mut().poll(cx);
        if out.is_pending() {
            // The request is blocked: every key its resolvers could register is registered.
            for batch in mem::take(&mut *lock(&self.queue)) {
                tokio::spawn(batch);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use async_graphql::dataloader::{DataLoader, Loader};

    use super::*;

    struct Doubler(Arc<Mutex<Vec<Vec<i32>>>>);

    impl Loader<i32> for Doubler {
        type Value = i32;
        type Error = ();

        async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, i32>, ()> {
            let mut keys = keys.to_vec();
            keys.sort_unstable();
            lock_batches(&self.0).push(keys.clone());
            tokio::task::yield_now().await;
            Ok(keys.into_iter().map(|k| (k, k * 2)).collect())
        }
    }

    fn lock_batches(b: &Mutex<Vec<Vec<i32>>>) -> std::sync::MutexGuard<'_, Vec<Vec<i32>>> {
        b.lock().unwrap_or_else(|p| p.into_inner())
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn siblings_share_one_batch_per_level_without_a_timer() {
        let batches = Batches::default();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let loader = Arc::new(DataLoader::new(Doubler(seen.clone()), batches.spawner()).delay(Default::default()));
        let request = {
            let loader = loader.clone();
            async move {
                // Level one: ten siblings; level two: each asks again with the first answer.
                let level = futures_util::future::join_all((1..=10).map(|k| {
                    let loader = loader.clone();
                    async move {
                        let v = loader.load_one(k).await.unwrap().unwrap();
                        loader.load_one(v + 100).await.unwrap().unwrap()
                    }
                }));
                level.await
            }
        };
        let out = batches.drive(request).await;
        assert_eq!(out, (1..=10).map(|k| (k * 2 + 100) * 2).collect::<Vec<_>>());
        let seen = lock_batches(&seen).clone();
        assert_eq!(seen.len(), 2, "one batch per level: {seen:?}");
        assert_eq!(seen[0], (1..=10).collect::<Vec<_>>());
        assert_eq!(seen[1], (1..=10).map(|k| k * 2 + 100).collect::<Vec<_>>());
    }
}
