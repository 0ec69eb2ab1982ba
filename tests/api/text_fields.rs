//! The catalogue of every text field of every mutation input and where it is stored: what the
//! control-character and length tests walk.

/// Where a text field ends up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// A bounded column `(table, column)`: its size is read from the database.
    Column(&'static str, String),
    /// Free text in an unbounded column, held to this limit of the API.
    Free(usize),
}

/// Every mutation with text in its input: (mutation, table it writes, its text fields). A field
/// is stored in the column of its snake_case name, or is free text held to a limit (`field:limit`).
/// Enum and ID fields are not text. A test in `text_limits` fails when a bounded column a client
/// can write is missing here.
const TEXT_FIELDS: &[(&str, &str, &str)] = &[
    ("createApiToken", "api_token", "label"),
    (
        "createOrganisation",
        "organisation",
        "slug name city website description:10000 externalRef",
    ),
    (
        "updateOrganisation",
        "organisation",
        "slug name city website description:10000 externalRef",
    ),
    (
        "createCoalition",
        "coalition",
        "slug name area municipality description:10000",
    ),
    (
        "updateCoalition",
        "coalition",
        "slug name area municipality description:10000",
    ),
    ("createPerson", "person", "name email"),
    ("updatePerson", "person", "name email"),
    ("upsertPersonByExternalRef", "person", "externalRef name email"),
    ("createTheme", "theme", "slug name description:10000"),
    ("updateTheme", "theme", "slug name description:10000"),
    ("createWorkgroup", "workgroup", "name method description:10000"),
    ("updateWorkgroup", "workgroup", "name method description:10000"),
    (
        "createLearningQuestion",
        "learning_question",
        "title context:10000 externalRef",
    ),
    ("updateLearningQuestion", "learning_question", "title context:10000"),
    (
        "upsertLearningQuestionByExternalRef",
        "learning_question",
        "externalRef title context:10000",
    ),
    (
        "changeLearningQuestionStatus",
        "learning_question",
        "resolutionSummary:10000",
    ),
    ("addContribution", "contribution", "body:10000 externalRef"),
    ("updateContribution", "contribution", "body:10000"),
    (
        "upsertContributionByExternalRef",
        "contribution",
        "externalRef body:10000",
    ),
    ("createLearningTrack", "learning_track", "title goal:10000"),
    ("updateLearningTrack", "learning_track", "title goal:10000"),
    (
        "createMeeting",
        "meeting",
        "title location workForm report:20000 externalRef",
    ),
    ("updateMeeting", "meeting", "title location workForm report:20000"),
    (
        "upsertMeetingByExternalRef",
        "meeting",
        "externalRef title location report:20000",
    ),
    ("createOutcome", "outcome", "title summary:10000 url"),
    ("updateOutcome", "outcome", "title summary:10000 url"),
];

/// Every (mutation, field, where it is stored) of `TEXT_FIELDS`.
pub fn text_fields() -> impl Iterator<Item = (&'static str, &'static str, Stored)> {
    TEXT_FIELDS.iter().flat_map(|(mutation, table, fields)| {
        fields.split(' ').map(move |f| match f.split_once(':') {
            Some((field, limit)) => (*mutation, field, Stored::Free(limit.parse().unwrap())),
            None => (*mutation, f, Stored::Column(table, snake(f))),
        })
    })
}

/// `workForm` → `work_form`.
fn snake(field: &str) -> String {
    let mut out = String::new();
    for c in field.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// A value of exactly `len` characters for `field` that passes every other rule (slug, URL and
/// email shapes), unique by `k`.
pub fn text_of(field: &str, k: usize, len: usize) -> String {
    let (head, pad, tail) = match field {
        "slug" => (format!("s{k}-"), 'a', String::new()),
        "website" | "url" => (format!("https://x{k}.nl/"), 'a', String::new()),
        "email" => (format!("m{k}"), 'a', "@example.nl".to_string()),
        _ => (format!("{k} "), 'x', String::new()),
    };
    let fill = len.saturating_sub(head.chars().count() + tail.chars().count());
    format!("{head}{}{tail}", pad.to_string().repeat(fill))
}
