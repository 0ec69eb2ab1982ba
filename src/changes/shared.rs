//! Subscribers that see alike share their reads. When the head moves, every subscriber of a
//! replica wakes and asks for the events after the same position; those whose viewers see the
//! same (same role, organisation and coalitions) and who follow the same filter get one read
//! of the log, not one each. Entries live until the head moves again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use entity::change_event as ce;
use futures_util::FutureExt;
use futures_util::future::{BoxFuture, Shared};
use sea_orm::DatabaseConnection;

use super::feed::{self, Filter};
use crate::error::AppResult;
use crate::viewer::Viewer;

type Page = Arc<(Vec<ce::Model>, bool, i64)>;
type Pending = Shared<BoxFuture<'static, AppResult<Page>>>;
/// Who asks, for which events, after which position, how many.
type Key = (Sight, Filter, i64, u64);
/// The head the reads were made at, and the reads.
type Reads = (i64, HashMap<Key, Pending>);

/// What decides what a viewer sees.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Sight {
    role: Option<&'static str>,
    organisation: Option<i32>,
    coalitions: Vec<i32>,
}

impl Sight {
    fn of(viewer: &Viewer) -> Sight {
        match viewer.token() {
            None => Sight {
                role: None,
                organisation: None,
                coalitions: Vec::new(),
            },
            Some(t) => {
                let mut coalitions: Vec<i32> = t.coalitions.iter().copied().collect();
                coalitions.sort_unstable();
                Sight {
                    role: Some(t.role.as_str()),
                    organisation: t.organisation_id,
                    coalitions,
                }
            }
        }
    }
}

/// The reads in flight or done since the head last moved.
#[derive(Default, Clone)]
pub struct SharedPages(Arc<Mutex<Reads>>);

impl SharedPages {
    /// `feed::page` for `viewer`, shared with every alike subscriber asking the same while the
    /// head is at `head`.
    pub async fn page(
        &self,
        db: &DatabaseConnection,
        viewer: &Arc<Viewer>,
        head: i64,
        after: i64,
        limit: u64,
        filter: &Filter,
    ) -> AppResult<Page> {
        let key = (Sight::of(viewer), filter.clone(), after, limit);
        let pending = {
            let mut guard = self.0.lock().unwrap_or_else(|p| p.into_inner());
            if guard.0 != head {
                *guard = (head, HashMap::new());
            }
            guard
                .1
                .entry(key)
                .or_insert_with(|| {
                    let (db, viewer, filter) = (db.clone(), viewer.clone(), filter.clone());
                    async move { Ok(Arc::new(feed::page(&db, &viewer, Some(after), limit, &filter).await?)) }
                        .boxed()
                        .shared()
                })
                .clone()
        };
        pending.await
    }
}
