//! The export of a person's data (AVG/GDPR art. 15 and 20): one JSON document with the person,
//! their workgroup memberships, every contribution they wrote whatever its attribution, the
//! questions they asked and the audit events about them, with the purposes and retention
//! periods of each part. Read in one transaction, and audited (an audit event naming the
//! person's ID, never their name); it changes nothing, so it is no change event.

use std::collections::HashMap;

use chrono::Utc;
use entity::{
    audit_event, coalition, contribution, learning_question, organisation, person, workgroup, workgroup_membership,
};
use sea_orm::{ActiveEnum, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::{Privacy, access, purposes};
use crate::changes::{Action, Scope};
use crate::error::AppResult;
use crate::ids::{NodeType, encode};
use crate::services::write::WriteResult;
use crate::services::write::path::{self, Change};
use crate::viewer::Viewer;

/// The `format` of the document; a new version when its shape changes.
pub const FORMAT: &str = "samenspel-person-export/1";

/// The document of person `id`'s data, for the viewer (see [`access`]).
pub async fn export(db: &DatabaseConnection, viewer: &Viewer, privacy: &Privacy, id: i32) -> WriteResult<Value> {
    let t = access::requester(viewer, privacy)?;
    path::run(db, viewer, "exportPersonData", |w| {
        Box::pin(async move {
            let p = access::subject(w.db(), t, id).await?;
            let doc = document(w.db(), privacy, &p).await?;
            w.record(Change::new(NodeType::Person, p.id, Action::Updated, Scope::PUBLIC).audit_only());
            Ok(doc)
        })
    })
    .await
}

async fn document(conn: &impl ConnectionTrait, privacy: &Privacy, p: &person::Model) -> AppResult<Value> {
    Ok(json!({
        "format": FORMAT,
        "generatedAt": Utc::now().to_rfc3339(),
        "purposes": purposes::purposes(),
        "retention": purposes::retention(privacy),
        "person": person_part(conn, p).await?,
        "memberships": memberships(conn, p.id).await?,
        "contributions": contributions(conn, p.id).await?,
        "questions": questions(conn, p.id).await?,
        "auditEvents": audit_events(conn, p.id).await?,
    }))
}

async fn person_part(conn: &impl ConnectionTrait, p: &person::Model) -> AppResult<Value> {
    let org = match p.organisation_id {
        Some(o) => organisation::Entity::find_by_id(o).one(conn).await?,
        None => None,
    };
    Ok(json!({
        "id": encode(NodeType::Person, p.id),
        "name": p.name,
        "email": p.email,
        "role": p.role.to_value(),
        "externalRef": p.external_ref,
        "organisation": org.map(|o| json!({ "id": encode(NodeType::Organisation, o.id), "name": o.name })),
        "createdAt": p.created_at.to_rfc3339(),
        "updatedAt": p.updated_at.to_rfc3339(),
        "erasedAt": p.erased_at.map(|t| t.to_rfc3339()),
    }))
}

async fn memberships(conn: &impl ConnectionTrait, person_id: i32) -> AppResult<Vec<Value>> {
    use workgroup_membership::Column as C;
    let rows = workgroup_membership::Entity::find()
        .filter(C::PersonId.eq(person_id))
        .order_by_asc(C::Id)
        .all(conn)
        .await?;
    let groups: HashMap<i32, workgroup::Model> = workgroup::Entity::find()
        .filter(workgroup::Column::Id.is_in(rows.iter().map(|m| m.workgroup_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|w| (w.id, w))
        .collect();
    let coalitions: HashMap<i32, coalition::Model> = coalition::Entity::find()
        .filter(coalition::Column::Id.is_in(groups.values().map(|w| w.coalition_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let named = |t: NodeType, id: i32, name: &str| json!({ "id": encode(t, id), "name": name });
    Ok(rows
        .into_iter()
        .map(|m| {
            let wg = groups.get(&m.workgroup_id);
            let co = wg.and_then(|w| coalitions.get(&w.coalition_id));
            json!({
                "id": encode(NodeType::WorkgroupMembership, m.id),
                "role": m.role.to_value(),
                "since": m.created_at.to_rfc3339(),
                "workgroup": wg.map(|w| named(NodeType::Workgroup, w.id, &w.name)),
                "coalition": co.map(|c| named(NodeType::Coalition, c.id, &c.name)),
            })
        })
        .collect())
}

async fn contributions(conn: &impl ConnectionTrait, person_id: i32) -> AppResult<Vec<Value>> {
    use contribution::Column as C;
    let rows = contribution::Entity::find()
        .filter(C::AuthorPersonId.eq(person_id))
        .order_by_asc(C::Id)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|c| {
            json!({
                "id": encode(NodeType::Contribution, c.id),
                "question": encode(NodeType::LearningQuestion, c.question_id),
                "coalition": encode(NodeType::Coalition, c.coalition_id),
                "organisation": c.organisation_id.map(|o| encode(NodeType::Organisation, o)),
                "kind": c.kind.to_value(),
                "body": c.body,
                "attribution": c.attribution.to_value(),
                "visibility": c.visibility.to_value(),
                "externalRef": c.external_ref,
                "createdAt": c.created_at.to_rfc3339(),
                "updatedAt": c.updated_at.to_rfc3339(),
            })
        })
        .collect())
}

async fn questions(conn: &impl ConnectionTrait, person_id: i32) -> AppResult<Vec<Value>> {
    use learning_question::Column as C;
    let rows = learning_question::Entity::find()
        .filter(C::AskedByPersonId.eq(person_id))
        .order_by_asc(C::Id)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|q| {
            json!({
                "id": encode(NodeType::LearningQuestion, q.id),
                "coalition": encode(NodeType::Coalition, q.coalition_id),
                "workgroup": q.workgroup_id.map(|w| encode(NodeType::Workgroup, w)),
                "askedByOrganisation": q.asked_by_organisation_id.map(|o| encode(NodeType::Organisation, o)),
                "title": q.title,
                "context": q.context,
                "status": q.status.to_value(),
                "visibility": q.visibility.to_value(),
                "resolutionSummary": q.resolution_summary,
                "externalRef": q.external_ref,
                "createdAt": q.created_at.to_rfc3339(),
                "updatedAt": q.updated_at.to_rfc3339(),
            })
        })
        .collect())
}

async fn audit_events(conn: &impl ConnectionTrait, person_id: i32) -> AppResult<Vec<Value>> {
    use audit_event::Column as C;
    let rows = audit_event::Entity::find()
        .filter(C::EntityId.eq(encode(NodeType::Person, person_id)))
        .order_by_asc(C::Id)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|a| {
            let fields: Value = serde_json::from_str(&a.changed_fields).unwrap_or(Value::Null);
            json!({
                "id": encode(NodeType::AuditEvent, a.id),
                "action": a.action,
                "entityType": a.entity_type,
                "entityId": a.entity_id,
                "changedFields": fields,
                "role": a.role,
                "organisation": a.organisation_id.map(|o| encode(NodeType::Organisation, o)),
                "createdAt": a.created_at.to_rfc3339(),
            })
        })
        .collect())
}
