//! The Relay `Node` interface and the `node`/`nodes` lookups.

use async_graphql::{Context, ID, Interface, Lookahead, Object, Result, Value};
use entity::{
    audit_event, coalition, coalition_membership, contribution, learning_track, meeting, organisation, outcome, person,
    theme, workgroup, workgroup_membership,
};

use super::connection::{cursor_key, loaders, nodes_select};
use super::ids::{NodeType, decode};
use super::types::*;
use crate::error::AppError;
use crate::loaders::{Loaders, QuestionAhead, QuestionContributions, ToMany};
use crate::paging::PageArgs;

/// An object with a global ID, which `node(id:)` fetches again.
#[derive(Interface)]
#[graphql(field(
    name = "id",
    ty = "ID",
    desc = "Global ID; opaque, stable and unique across all types."
))]
pub enum Node {
    Organisation(Organisation),
    Coalition(Coalition),
    CoalitionMembership(CoalitionMembership),
    Workgroup(Workgroup),
    WorkgroupMembership(WorkgroupMembership),
    Person(Person),
    Theme(Theme),
    LearningQuestion(LearningQuestion),
    Contribution(Contribution),
    LearningTrack(LearningTrack),
    Meeting(Meeting),
    Outcome(Outcome),
    AuditEvent(AuditEvent),
    ChangeEvent(super::changes::ChangeEvent),
    Webhook(super::webhooks::Webhook),
    WebhookDelivery(super::webhooks::WebhookDelivery),
}

/// The object behind one ID; `want` says what of a learning question to join into its statement.
pub async fn load(l: &Loaders, t: NodeType, id: i32, want: QuestionAhead) -> Result<Option<Node>, AppError> {
    use NodeType as T;
    Ok(match t {
        T::Organisation => l
            .one::<organisation::Entity>(id)
            .await?
            .map(|m| Node::Organisation(Organisation(m))),
        T::Coalition => l
            .one::<coalition::Entity>(id)
            .await?
            .map(|m| Node::Coalition(Coalition(m))),
        T::CoalitionMembership => l
            .one::<coalition_membership::Entity>(id)
            .await?
            .map(|m| Node::CoalitionMembership(CoalitionMembership(m))),
        T::Workgroup => l
            .one::<workgroup::Entity>(id)
            .await?
            .map(|m| Node::Workgroup(Workgroup(m))),
        T::WorkgroupMembership => l
            .one::<workgroup_membership::Entity>(id)
            .await?
            .map(|m| Node::WorkgroupMembership(WorkgroupMembership(m))),
        T::Person => l.one::<person::Entity>(id).await?.map(|m| Node::Person(Person(m))),
        T::Theme => l.one::<theme::Entity>(id).await?.map(|m| Node::Theme(Theme(m))),
        T::LearningQuestion => l
            .question_with(id, want)
            .await?
            .map(|m| Node::LearningQuestion(LearningQuestion(m))),
        T::Contribution => l
            .one::<contribution::Entity>(id)
            .await?
            .map(|m| Node::Contribution(Contribution(m))),
        T::LearningTrack => l
            .one::<learning_track::Entity>(id)
            .await?
            .map(|m| Node::LearningTrack(LearningTrack(m))),
        T::Meeting => l.one::<meeting::Entity>(id).await?.map(|m| Node::Meeting(Meeting(m))),
        T::Outcome => l.one::<outcome::Entity>(id).await?.map(|m| Node::Outcome(Outcome(m))),
        T::AuditEvent => l
            .one::<audit_event::Entity>(id)
            .await?
            .map(|m| Node::AuditEvent(AuditEvent(m))),
        // Tokens are listed by `apiTokens`, for their organisation's admins only.
        T::ApiToken => None,
        T::ChangeEvent => crate::changes::feed::one(l.reads().pool(), l.viewer(), id.into())
            .await?
            .map(|m| Node::ChangeEvent(super::changes::ChangeEvent(m))),
        T::Webhook => l
            .one::<entity::webhook::Entity>(id)
            .await?
            .map(|m| Node::Webhook(super::webhooks::Webhook(m))),
        T::WebhookDelivery => l
            .one::<entity::webhook_delivery::Entity>(id)
            .await?
            .map(|m| Node::WebhookDelivery(super::webhooks::WebhookDelivery(m))),
    })
}

/// The arguments of the question's `contributions` page when the query selects it once and
/// for a first page (no cursor), and whether it selects their organisations; `None` otherwise,
/// and for arguments the field itself will refuse: the field then reads its page as usual.
fn first_contributions(ctx: &Context<'_>, ahead: &Lookahead<'_>) -> Option<(PageArgs, bool)> {
    let contributions = ahead.field("contributions");
    let [field] = contributions.selection_fields()[..] else {
        return None;
    };
    let (mut first, mut last) = (None, None);
    for (name, value) in field.arguments().ok()? {
        let n = match value {
            Value::Null => None,
            Value::Number(n) => Some(i32::try_from(n.as_i64()?).ok()?),
            _ => return None,
        };
        match name.as_str() {
            "first" => first = n,
            "last" => last = n,
            _ if n.is_none() => {}
            _ => return None,
        }
    }
    let scope = QuestionContributions::sort()
        .scope()
        .under(QuestionContributions::PARENT);
    let key = cursor_key(ctx).ok()?;
    let args = PageArgs::new(first, None, last, None, (key, &scope)).ok()?;
    let along = nodes_select(&contributions, "organisation");
    Some((args, along))
}

/// Most IDs `nodes` takes at once.
const MAX_NODES: usize = 100;

/// `node` and `nodes`.
#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Fetches any object by its global ID. Null when it does not exist or the viewer may not
    /// see it; a malformed ID is an error (BAD_USER_INPUT).
    async fn node(&self, ctx: &Context<'_>, #[graphql(desc = "A global ID.")] id: ID) -> Result<Option<Node>> {
        let (t, n) = decode(&id)?;
        // A single question's workgroup, coalition and first page of contributions come in its
        // own statement when asked for.
        let mut want = QuestionAhead::default();
        if matches!(t, NodeType::LearningQuestion) {
            let ahead = ctx.look_ahead();
            want.workgroup = ahead.field("workgroup").exists();
            want.coalition = ahead.field("coalition").exists();
            want.contributions = first_contributions(ctx, &ahead);
        }
        Ok(load(loaders(ctx)?, t, n, want).await?)
    }

    /// Fetches up to 100 objects by global ID, in the order given; null for each that does
    /// not exist or may not be seen. Any malformed ID fails the whole field.
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global IDs, at most 100.")] ids: Vec<ID>,
    ) -> Result<Vec<Option<Node>>> {
        if ids.len() > MAX_NODES {
            return Err(AppError::bad_input(format!(
                "`ids` holds {} IDs; at most {MAX_NODES} are allowed",
                ids.len()
            ))
            .into());
        }
        let keys = ids.iter().map(|id| decode(id)).collect::<Result<Vec<_>, _>>()?;
        let l = loaders(ctx)?;
        // The loaders batch these: one statement per type, however many IDs.
        let found =
            futures_util::future::try_join_all(keys.into_iter().map(|(t, n)| load(l, t, n, QuestionAhead::default())))
                .await?;
        Ok(found)
    }
}
