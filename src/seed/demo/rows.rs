//! Row types of the demo tables: plain `'static` data that refers to other rows by key.

use entity::{
    Attribution, CoalitionKind, ContributionKind, LifecycleStage, MeetingKind, MembershipRole, OrganisationKind,
    OutcomeKind, PersonRole, QuestionStatus, Visibility, WorkgroupKind, WorkgroupRole,
};

/// A key that names a row inside the dataset (a slug, or a short handle).
pub type Key = &'static str;
/// Free text.
pub type Text = &'static str;
/// A date written as `YYYY-MM-DD`.
pub type Day = &'static str;

/// A partner.
pub struct Org {
    pub slug: Key,
    pub name: Text,
    pub kind: OrganisationKind,
    pub city: Option<Text>,
    pub website: Option<Text>,
    pub description: Text,
}

/// A theme shared across coalitions.
pub struct Theme {
    pub slug: Key,
    pub name: Text,
    pub description: Text,
}

/// A participant; the email is derived from the key.
pub struct Person {
    pub key: Key,
    pub name: Text,
    pub org: Option<Key>,
    pub role: PersonRole,
    pub since: Day,
}

/// A coalition.
pub struct Coalition {
    pub slug: Key,
    pub name: Text,
    pub kind: CoalitionKind,
    pub area: Option<Text>,
    pub municipality: Option<Text>,
    pub stage: LifecycleStage,
    pub starts: Option<Day>,
    pub ends: Option<Day>,
    pub description: Text,
}

/// An organisation in a coalition.
pub struct Member {
    pub coalition: Key,
    pub org: Key,
    pub role: MembershipRole,
    pub joined: Day,
}

/// A workgroup, learning circle, studio or network inside a coalition.
pub struct Workgroup {
    pub key: Key,
    pub coalition: Key,
    pub name: Text,
    pub kind: WorkgroupKind,
    pub method: Option<Text>,
    pub description: Text,
    pub starts: Day,
    pub ends: Option<Day>,
    pub visibility: Visibility,
    pub themes: &'static [Key],
}

/// A person in a workgroup.
pub struct WorkgroupMember {
    pub workgroup: Key,
    pub person: Key,
    pub role: WorkgroupRole,
}

/// A learning question. The asking organisation defaults to the person's organisation.
pub struct Question {
    pub key: Key,
    pub coalition: Key,
    pub workgroup: Option<Key>,
    pub title: Text,
    pub context: Text,
    pub status: QuestionStatus,
    pub org: Option<Key>,
    pub person: Option<Key>,
    pub visibility: Visibility,
    pub themes: &'static [Key],
    pub resolution: Option<Text>,
    pub asked: Day,
}

/// An answer to a question; its coalition is the question's. The organisation defaults to the
/// author's organisation.
pub struct Contribution {
    pub question: Key,
    pub kind: ContributionKind,
    pub attribution: Attribution,
    pub visibility: Visibility,
    pub person: Option<Key>,
    pub org: Option<Key>,
    pub body: Text,
}

/// A meeting; `starts` is local Amsterdam time written as `YYYY-MM-DD HH:MM`.
pub struct Meeting {
    pub key: Key,
    pub coalition: Key,
    pub workgroup: Option<Key>,
    pub title: Text,
    pub kind: MeetingKind,
    pub starts: Text,
    pub minutes: i64,
    pub location: Text,
    pub work_form: Text,
    pub report: Option<Text>,
    pub visibility: Visibility,
    pub questions: &'static [Key],
}

/// A learning track: its meetings in order.
pub struct Track {
    pub coalition: Key,
    pub title: Text,
    pub goal: Text,
    pub meetings: &'static [Key],
}

/// A publication and the questions it answers.
pub struct Outcome {
    pub coalition: Key,
    pub kind: OutcomeKind,
    pub title: Text,
    pub summary: Text,
    pub url: Option<Text>,
    pub published: Day,
    pub visibility: Visibility,
    pub questions: &'static [Key],
}
