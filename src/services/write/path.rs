//! The one write path. Every change — a mutation or a `samenspel` command — runs inside [`run`]:
//! it opens the write transaction, lets the service apply its change and describe it as
//! [`Change`]s, writes one audit event and one change event per change, and commits. A change
//! and its records stand or fall together, and no service begins, audits or commits by itself.

use chrono::Utc;
use entity::{Visibility, audit_event, change_event};
use futures_util::future::BoxFuture;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, EntityTrait,
    QueryFilter,
};

use super::WriteResult;
use crate::changes::{Action, Scope, signal};
use crate::ids::{NodeType, encode};
use crate::viewer::Viewer;

/// Role recorded for changes made with the `samenspel` command line, which has no token.
pub const CLI_ROLE: &str = "CLI";

/// Who makes a change.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    /// A request's viewer.
    Viewer(&'a Viewer),
    /// The command line on the server.
    Cli,
}

impl<'a> From<&'a Viewer> for Actor<'a> {
    fn from(v: &'a Viewer) -> Self {
        Actor::Viewer(v)
    }
}

impl Actor<'_> {
    fn organisation_id(&self) -> Option<i32> {
        match self {
            Actor::Viewer(v) => v.organisation_id(),
            Actor::Cli => None,
        }
    }

    fn token_id(&self) -> Option<i32> {
        match self {
            Actor::Viewer(v) => v.token().map(|t| t.token_id),
            Actor::Cli => None,
        }
    }

    fn role(&self) -> &'static str {
        match self {
            Actor::Viewer(Viewer::Token(t)) => t.role.as_str(),
            Actor::Viewer(Viewer::Anonymous) => "ANONYMOUS",
            Actor::Cli => CLI_ROLE,
        }
    }
}

/// One change to one record, as the service that made it describes it.
#[derive(Debug, Clone)]
pub struct Change {
    /// The kind of record.
    pub node: NodeType,
    /// Its row id.
    pub id: i32,
    /// What happened.
    pub action: Action,
    /// The record's version after the change, where it has one.
    pub version: Option<i32>,
    /// The fields the change set, in the client's spelling.
    pub fields: Vec<&'static str>,
    /// Who could see the record (for a narrowing: before or after, the wider).
    pub scope: Scope,
    /// The record's own visibility before and after, when the change moved it.
    pub levels: Option<(Visibility, Visibility)>,
    /// Whether the change is only audited: an act on a record that changes nothing in it (a
    /// coalition's archive, a person's data export), which partners following the change log
    /// need not hear of.
    pub audit_only: bool,
}

impl Change {
    /// A change of `action` to row `id` of type `node`.
    pub fn new(node: NodeType, id: i32, action: Action, scope: Scope) -> Self {
        Change {
            node,
            id,
            action,
            version: None,
            fields: Vec::new(),
            scope,
            levels: None,
            audit_only: false,
        }
    }

    /// Only an audit event, no change event: for an act that changes no record.
    pub fn audit_only(mut self) -> Self {
        self.audit_only = true;
        self
    }

    /// With the record's own visibility before and after; the audit event names both when they
    /// differ.
    pub fn levels(mut self, before: Visibility, after: Visibility) -> Self {
        self.levels = (before != after).then_some((before, after));
        self
    }

    /// An edit of `fields`: a `VISIBILITY_CHANGED` shown to the readers of before and after
    /// when the visibility is among them, else `UPDATED`.
    pub fn edit(node: NodeType, id: i32, before: Scope, after: Scope, fields: Vec<&'static str>) -> Self {
        let (action, scope) = if fields.contains(&"visibility") && before != after {
            (Action::VisibilityChanged, before.widest(after))
        } else {
            (Action::Updated, after)
        };
        Change::new(node, id, action, scope).fields(fields)
    }

    /// With the version after the change.
    pub fn version(mut self, v: i32) -> Self {
        self.version = Some(v);
        self
    }

    /// With the fields the change set.
    pub fn fields(mut self, f: impl IntoIterator<Item = &'static str>) -> Self {
        self.fields.extend(f);
        self
    }
}

/// A write in progress: its transaction and the changes described so far.
pub struct Write<'a> {
    txn: DatabaseTransaction,
    actor: Actor<'a>,
    changes: Vec<Change>,
}

impl Write<'_> {
    /// The transaction to read and write through.
    pub fn db(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Describes one change; it gets its audit and change event when the write commits.
    pub fn record(&mut self, change: Change) {
        self.changes.push(change);
    }

    /// Makes the change recorded last audit-only: for a change whose event would tell readers
    /// more than the record shows them (that a person wrote an unattributed contribution).
    pub fn audit_only_last(&mut self) {
        if let Some(c) = self.changes.pop() {
            self.changes.push(c.audit_only());
        }
    }
}

/// Runs `op` as one write called `operation` (the mutation's name, e.g. `updateMeeting`) for
/// `actor`. When `op` succeeds, its changes get their audit and change events and everything
/// commits together; when it fails, nothing is written.
pub async fn run<'a, T, F>(
    db: &DatabaseConnection,
    actor: impl Into<Actor<'a>>,
    operation: &'static str,
    op: F,
) -> WriteResult<T>
where
    F: for<'w> FnOnce(&'w mut Write<'a>) -> BoxFuture<'w, WriteResult<T>>,
{
    let mut w = Write {
        txn: crate::db::begin_write(db).await?,
        actor: actor.into(),
        changes: Vec::new(),
    };
    let out = op(&mut w).await?;
    let Write { txn, actor, changes } = w;
    if !changes.is_empty() {
        // The search index follows the records in the same transaction.
        let records: Vec<(NodeType, i32)> = changes.iter().map(|c| (c.node, c.id)).collect();
        crate::search::refresh(&txn, &records).await?;
        log(&txn, actor, operation, &changes).await?;
    }
    txn.commit().await?;
    if changes.iter().any(|c| c.node.decides_who_sees()) {
        // A token, an organisation or a membership changed: this replica's cached token rows
        // may be wrong from now on.
        crate::auth::cache::forget_all();
    }
    if changes.iter().any(|c| !c.audit_only) {
        signal::local();
    }
    Ok(out)
}

/// Writes the audit and change events of `changes`. On PostgreSQL the change events are taken
/// in commit order: a transaction-scoped lock, taken just before they are inserted and held to
/// the commit, means an event id is handed out only after every earlier holder committed, so a
/// reader that saw event N has already seen every event below N.
async fn log(txn: &DatabaseTransaction, actor: Actor<'_>, operation: &str, changes: &[Change]) -> WriteResult<()> {
    let now = Utc::now();
    let pg = txn.get_database_backend() == DbBackend::Postgres;
    for c in changes {
        audit(txn, &actor, operation, c, now).await?;
    }
    if changes.iter().all(|c| c.audit_only) {
        return Ok(());
    }
    if pg {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({})", signal::LOCK_KEY))
            .await?;
    }
    let mut last = 0;
    for c in changes.iter().filter(|c| !c.audit_only) {
        if c.action == Action::Deleted {
            rescope_history(txn, c).await?;
        }
        last = event(txn, &actor, c, now).await?;
    }
    if pg {
        txn.execute_unprepared(&format!("SELECT pg_notify('{}', '{last}')", signal::CHANNEL))
            .await?;
    }
    Ok(())
}

async fn audit(
    txn: &DatabaseTransaction,
    actor: &Actor<'_>,
    operation: &str,
    c: &Change,
    now: chrono::DateTime<Utc>,
) -> WriteResult<()> {
    audit_event::ActiveModel {
        id: NotSet,
        token_id: Set(actor.token_id()),
        organisation_id: Set(actor.organisation_id()),
        role: Set(actor.role().to_string()),
        action: Set(operation.to_string()),
        entity_type: Set(c.node.name().to_string()),
        entity_id: Set(encode(c.node, c.id)),
        changed_fields: Set(fields_json(&c.fields)?),
        created_at: Set(now),
        visibility_from: Set(c.levels.map(|l| l.0)),
        visibility_to: Set(c.levels.map(|l| l.1)),
    }
    .insert(txn)
    .await?;
    Ok(())
}

async fn event(
    txn: &DatabaseTransaction,
    actor: &Actor<'_>,
    c: &Change,
    now: chrono::DateTime<Utc>,
) -> WriteResult<i64> {
    let (visibility, coalition, organisation) = c.scope.columns();
    let row = change_event::ActiveModel {
        id: NotSet,
        entity_type: Set(c.node.name().to_string()),
        entity_id: Set(c.id),
        node_id: Set(encode(c.node, c.id)),
        action: Set(c.action.as_str().to_string()),
        version: Set(c.version),
        changed_fields: Set(fields_json(&c.fields)?),
        organisation_id: Set(actor.organisation_id()),
        occurred_at: Set(now),
        scope_visibility: Set(visibility.to_string()),
        scope_coalition_id: Set(coalition),
        scope_organisation_id: Set(organisation),
    }
    .insert(txn)
    .await?;
    Ok(row.id)
}

/// A deleted record's earlier events are shown to whom could see it at its deletion: they take
/// the deletion's scope.
async fn rescope_history(txn: &DatabaseTransaction, c: &Change) -> WriteResult<()> {
    use change_event::Column as C;
    let (visibility, coalition, organisation) = c.scope.columns();
    change_event::Entity::update_many()
        .col_expr(C::ScopeVisibility, Expr::value(visibility))
        .col_expr(C::ScopeCoalitionId, Expr::value(coalition))
        .col_expr(C::ScopeOrganisationId, Expr::value(organisation))
        .filter(C::EntityType.eq(c.node.name()))
        .filter(C::EntityId.eq(c.id))
        .exec(txn)
        .await?;
    Ok(())
}

fn fields_json(fields: &[&str]) -> WriteResult<String> {
    Ok(serde_json::to_string(fields).map_err(anyhow::Error::from)?)
}
