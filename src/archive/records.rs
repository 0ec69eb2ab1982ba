//! The records of an archive, one type per line kind. Enumerations are their stored spelling
//! (`CARE_PROVIDER`, `COALITION`, …); what a record refers to is a file id of an earlier line,
//! or the slug of an organisation or theme. What is left out is left out on purpose: emails and
//! external references of people, external references of records (keys in a partner's own
//! system of the source instance), versions, and database ids.

use serde::{Deserialize, Serialize};

use super::format::{Day, Stamp};

macro_rules! record {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident : $ty:ty),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name { $($(#[$fm])* pub $field: $ty),+ }
    };
}

record!(
    /// An organisation the coalition's records name: a member, an author's or asker's organisation.
    Organisation { slug: String, name: String, kind: String, city: Option<String>, website: Option<String>,
        description: Option<String> }
);
record!(
    /// A theme of a workgroup or question.
    Theme { slug: String, name: String, description: Option<String> }
);
record!(
    /// A person the coalition saw by name: an author of a NAMED contribution, the asker of a
    /// question, a member of a workgroup. Name, role and organisation only.
    Person { id: u32, name: String, role: String, organisation: Option<String> }
);
record!(
    /// The coalition itself.
    Coalition { slug: String, name: String, kind: String, area: Option<String>, municipality: Option<String>,
        stage: String, starts_on: Option<Day>, ends_on: Option<Day>, description: Option<String>,
        archived_at: Option<Stamp>, created_at: Stamp, updated_at: Stamp }
);
record!(
    /// An organisation in the coalition, with its role.
    Membership { id: u32, organisation: String, role: String, joined_on: Option<Day>, left_on: Option<Day>,
        created_at: Stamp }
);
record!(
    /// A workgroup of the coalition.
    Workgroup { id: u32, name: String, kind: String, method: Option<String>, description: Option<String>,
        starts_on: Option<Day>, ends_on: Option<Day>, visibility: String, themes: Vec<String>,
        archived_at: Option<Stamp>, created_at: Stamp, updated_at: Stamp }
);
record!(
    /// A person in a workgroup.
    WorkgroupMember { id: u32, workgroup: u32, person: u32, role: String, created_at: Stamp }
);
record!(
    /// A learning question.
    Question { id: u32, workgroup: Option<u32>, title: String, context: String, status: String,
        asked_by_organisation: Option<String>, asked_by_person: Option<u32>, visibility: String,
        resolution_summary: Option<String>, themes: Vec<String>, created_at: Stamp, updated_at: Stamp }
);
record!(
    /// A contribution; its author only when NAMED, its organisation unless ANONYMOUS.
    Contribution { id: u32, question: u32, kind: String, body: String, attribution: String,
        author: Option<u32>, organisation: Option<String>, visibility: String, created_at: Stamp,
        updated_at: Stamp }
);
record!(
    /// A meeting and the questions it discussed.
    Meeting { id: u32, workgroup: Option<u32>, title: String, kind: String, starts_at: Stamp,
        ends_at: Option<Stamp>, location: Option<String>, work_form: Option<String>, report: Option<String>,
        visibility: String, organisation: Option<String>, questions: Vec<u32>, created_at: Stamp,
        updated_at: Stamp }
);
record!(
    /// A learning track and its sessions, in order.
    Track { id: u32, title: String, goal: String, starts_on: Option<Day>, ends_on: Option<Day>,
        sessions: Vec<Session>, created_at: Stamp, updated_at: Stamp }
);
record!(
    /// A meeting at its position in a track.
    Session { meeting: u32, position: i32 }
);
record!(
    /// An outcome and the questions it answers.
    Outcome { id: u32, kind: String, title: String, summary: Option<String>, url: Option<String>,
        published_on: Option<Day>, visibility: String, questions: Vec<u32>, created_at: Stamp,
        updated_at: Stamp }
);
