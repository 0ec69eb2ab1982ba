//! What of each searchable record is searched: a title (weighted higher) and a body. Only
//! the record's own text: never a person's name, so a contribution is found by what it says and
//! never by who wrote it. People are not searchable at all.

use entity::{coalition, contribution, learning_question, meeting, organisation, outcome, theme, workgroup};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use crate::ids::NodeType;

/// The kinds of record search finds.
pub const KINDS: [NodeType; 8] = [
    NodeType::LearningQuestion,
    NodeType::Contribution,
    NodeType::Outcome,
    NodeType::Meeting,
    NodeType::Workgroup,
    NodeType::Coalition,
    NodeType::Organisation,
    NodeType::Theme,
];

/// Whether records of `t` are searchable.
pub fn searchable(t: NodeType) -> bool {
    KINDS.contains(&t)
}

/// A searchable record, as read from its table.
#[derive(Debug, Clone)]
pub enum Record {
    /// A learning question.
    LearningQuestion(learning_question::Model),
    /// A contribution.
    Contribution(contribution::Model),
    /// An outcome.
    Outcome(outcome::Model),
    /// A meeting.
    Meeting(meeting::Model),
    /// A workgroup.
    Workgroup(workgroup::Model),
    /// A coalition.
    Coalition(coalition::Model),
    /// An organisation.
    Organisation(organisation::Model),
    /// A theme.
    Theme(theme::Model),
}

/// The searched text of a record.
pub struct Document {
    /// The title, name or (for a contribution) nothing.
    pub title: String,
    /// The rest of the record's own text.
    pub body: String,
}

fn join(parts: &[Option<&str>]) -> String {
    let parts: Vec<&str> = parts.iter().flatten().copied().filter(|s| !s.is_empty()).collect();
    parts.join("\n")
}

impl Record {
    /// The record's searched text.
    pub fn document(&self) -> Document {
        let (title, body) = match self {
            Record::LearningQuestion(m) => (
                m.title.clone(),
                join(&[Some(&m.context), m.resolution_summary.as_deref()]),
            ),
            Record::Contribution(m) => (String::new(), m.body.clone()),
            Record::Outcome(m) => (m.title.clone(), join(&[m.summary.as_deref()])),
            Record::Meeting(m) => (
                m.title.clone(),
                join(&[m.report.as_deref(), m.work_form.as_deref(), m.location.as_deref()]),
            ),
            Record::Workgroup(m) => (m.name.clone(), join(&[m.description.as_deref(), m.method.as_deref()])),
            Record::Coalition(m) => (
                m.name.clone(),
                join(&[m.description.as_deref(), m.area.as_deref(), m.municipality.as_deref()]),
            ),
            Record::Organisation(m) => (m.name.clone(), join(&[m.description.as_deref(), m.city.as_deref()])),
            Record::Theme(m) => (m.name.clone(), join(&[m.description.as_deref()])),
        };
        Document { title, body }
    }

    /// The record's kind.
    pub fn kind(&self) -> NodeType {
        match self {
            Record::LearningQuestion(_) => NodeType::LearningQuestion,
            Record::Contribution(_) => NodeType::Contribution,
            Record::Outcome(_) => NodeType::Outcome,
            Record::Meeting(_) => NodeType::Meeting,
            Record::Workgroup(_) => NodeType::Workgroup,
            Record::Coalition(_) => NodeType::Coalition,
            Record::Organisation(_) => NodeType::Organisation,
            Record::Theme(_) => NodeType::Theme,
        }
    }

    /// The record's row id.
    pub fn id(&self) -> i32 {
        match self {
            Record::LearningQuestion(m) => m.id,
            Record::Contribution(m) => m.id,
            Record::Outcome(m) => m.id,
            Record::Meeting(m) => m.id,
            Record::Workgroup(m) => m.id,
            Record::Coalition(m) => m.id,
            Record::Organisation(m) => m.id,
            Record::Theme(m) => m.id,
        }
    }
}

/// Reads one record of kind `t` as it is now; `None` when it is gone or not searchable.
pub async fn read(db: &impl ConnectionTrait, t: NodeType, id: i32) -> Result<Option<Record>, DbErr> {
    Ok(match t {
        NodeType::LearningQuestion => learning_question::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(Record::LearningQuestion),
        NodeType::Contribution => contribution::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(Record::Contribution),
        NodeType::Outcome => outcome::Entity::find_by_id(id).one(db).await?.map(Record::Outcome),
        NodeType::Meeting => meeting::Entity::find_by_id(id).one(db).await?.map(Record::Meeting),
        NodeType::Workgroup => workgroup::Entity::find_by_id(id).one(db).await?.map(Record::Workgroup),
        NodeType::Coalition => coalition::Entity::find_by_id(id).one(db).await?.map(Record::Coalition),
        NodeType::Organisation => organisation::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(Record::Organisation),
        NodeType::Theme => theme::Entity::find_by_id(id).one(db).await?.map(Record::Theme),
        _ => None,
    })
}

/// Reads the records of kind `t` with these ids that `cond` admits (e.g. the viewer's
/// visibility), in no particular order.
pub async fn read_many(
    db: &impl ConnectionTrait,
    t: NodeType,
    ids: Vec<i32>,
    viewer: Option<&crate::viewer::Viewer>,
) -> Result<Vec<Record>, DbErr> {
    use crate::policy::Guarded;
    use sea_orm::{ColumnTrait, Condition, QueryFilter};
    macro_rules! many {
        ($m:ident, $v:ident) => {{
            let cond = viewer.map_or_else(Condition::all, |v| $m::Entity::visible(v));
            $m::Entity::find()
                .filter($m::Column::Id.is_in(ids))
                .filter(cond)
                .all(db)
                .await?
                .into_iter()
                .map(Record::$v)
                .collect()
        }};
    }
    Ok(match t {
        NodeType::LearningQuestion => many!(learning_question, LearningQuestion),
        NodeType::Contribution => many!(contribution, Contribution),
        NodeType::Outcome => many!(outcome, Outcome),
        NodeType::Meeting => many!(meeting, Meeting),
        NodeType::Workgroup => many!(workgroup, Workgroup),
        NodeType::Coalition => many!(coalition, Coalition),
        NodeType::Organisation => many!(organisation, Organisation),
        NodeType::Theme => many!(theme, Theme),
        _ => Vec::new(),
    })
}
