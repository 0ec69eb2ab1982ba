//! One hub per process: it follows the head of the log and tells its local readers. It wakes on
//! a local commit, on PostgreSQL's `NOTIFY` from any replica, and once a second regardless (a
//! lost notification, or a write by another process on SQLite, is noticed within a second).
//! Subscribers wait on the head; when it moves they read the new events from the table. The
//! hub also announces revoked tokens and archived organisations, so sockets opened with them
//! close, and drops the replica's cached token rows when another replica changed a token, an
//! organisation or a membership.

use std::time::Duration;

use entity::change_event as ce;
use sea_orm::{ColumnTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QueryOrder};
use tokio::sync::{broadcast, watch};

use super::{Action, feed, signal};
use crate::ids::NodeType;

/// Something that ends the sessions of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// This token was revoked.
    Token(i32),
    /// This organisation was archived: all its tokens stop.
    Organisation(i32),
}

/// The local readers' view of the log's head.
#[derive(Clone)]
pub struct Hub {
    head: watch::Receiver<i64>,
    ended: broadcast::Sender<Ended>,
    pages: super::shared::SharedPages,
}

impl Hub {
    /// Starts following the log of `db`.
    pub async fn start(db: DatabaseConnection) -> anyhow::Result<Hub> {
        let first = feed::head(&db).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let (tx, head) = watch::channel(first);
        let (ended, _) = broadcast::channel(256);
        let listener = listen(&db).await;
        tokio::spawn(follow(db, tx, ended.clone(), listener));
        Ok(Hub {
            head,
            ended,
            pages: Default::default(),
        })
    }

    /// The head: the newest committed event id, updated as writes commit.
    pub fn head(&self) -> watch::Receiver<i64> {
        self.head.clone()
    }

    /// Reads of the log shared by alike subscribers.
    pub fn pages(&self) -> &super::shared::SharedPages {
        &self.pages
    }

    /// Revocations and archivals from now on.
    pub fn ended(&self) -> broadcast::Receiver<Ended> {
        self.ended.subscribe()
    }
}

type Listener = Option<sea_orm::sqlx::postgres::PgListener>;

async fn listen(db: &DatabaseConnection) -> Listener {
    if db.get_database_backend() != DbBackend::Postgres {
        return None;
    }
    let pool = db.get_postgres_connection_pool();
    let mut l = match sea_orm::sqlx::postgres::PgListener::connect_with(pool).await {
        Ok(l) => l,
        Err(e) => {
            tracing::warn!(error = %e, "cannot LISTEN for changes; falling back to polling every second");
            return None;
        }
    };
    match l.listen(signal::CHANNEL).await {
        Ok(()) => Some(l),
        Err(e) => {
            tracing::warn!(error = %e, "cannot LISTEN for changes; falling back to polling every second");
            None
        }
    }
}

async fn follow(db: DatabaseConnection, tx: watch::Sender<i64>, ended: broadcast::Sender<Ended>, mut pg: Listener) {
    let mut local = signal::subscribe_local();
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            r = local.changed() => if r.is_err() { return },
            _ = notified(&mut pg) => {},
            _ = tick.tick() => {},
            _ = tx.closed() => return,
        }
        let before = *tx.borrow();
        let Ok(now) = feed::head(&db).await else { continue };
        if now > before {
            announce_endings(&db, &ended, before, now).await;
            tx.send_replace(now);
        }
    }
}

/// Waits for the next notification; forever when there is no listener.
async fn notified(pg: &mut Listener) {
    match pg {
        Some(l) => {
            if l.recv().await.is_err() {
                // The connection broke: sqlx reconnects on the next recv; do not spin meanwhile.
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
        None => std::future::pending().await,
    }
}

/// Reads the events between `from` and `to` that change what a token may do or see. When there
/// are any, this replica's cached token rows are dropped (another replica made the change: the
/// cache's one-second promise is then kept in milliseconds), and revocations and archivals are
/// announced to the sessions that listen.
async fn announce_endings(db: &DatabaseConnection, ended: &broadcast::Sender<Ended>, from: i64, to: i64) {
    let caching = db.get_database_backend() == DbBackend::Postgres;
    if !caching && ended.receiver_count() == 0 {
        return;
    }
    let kinds = NodeType::ALL
        .into_iter()
        .filter(|t| t.decides_who_sees())
        .map(NodeType::name);
    let rows = ce::Entity::find()
        .filter(ce::Column::Id.gt(from))
        .filter(ce::Column::Id.lte(to))
        .filter(ce::Column::EntityType.is_in(kinds))
        .order_by_asc(ce::Column::Id)
        .all(db)
        .await
        .unwrap_or_default();
    if caching && !rows.is_empty() {
        crate::auth::cache::forget_all();
    }
    let ending = [Action::Revoked.as_str(), Action::Archived.as_str()];
    for r in rows.iter().filter(|r| ending.contains(&r.action.as_str())) {
        let e = match NodeType::parse(&r.entity_type) {
            Some(NodeType::ApiToken) => Ended::Token(r.entity_id),
            Some(NodeType::Organisation) => Ended::Organisation(r.entity_id),
            _ => continue,
        };
        let _ = ended.send(e);
    }
}
