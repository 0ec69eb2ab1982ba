//! The register of personal data (AVG/GDPR art. 30): every column of every table, what it holds
//! and what an export (art. 15/20) and an erasure (art. 17) do with it. One entry per table; a
//! test reads the columns of the migrated database and fails on any column missing here, so a
//! migration cannot add a column nobody classified.
//!
//! Export: `Included` columns of the person's own rows are in the document. Erasure: see
//! [`Erase`]; `Scrubbed` columns are cleaned by name and email wherever they are, so a table that
//! keeps copies of text (a search index, webhook payloads kept for retries) marks its text
//! columns `Scrubbed` and erasure reaches it without more code.

use super::classes::entry;
pub use super::classes::{Class, Column, Erase, Export, Table};

/// Every table of the schema but the migration tool's own (`seaql_…`).
pub const REGISTER: &[Table] = &[
    entry!("person", "a participant; residents may have no organisation", [
        "id": Neither, Included, Kept;
        "organisation_id": Personal, Included, Kept;
        "name": Personal, Included, Pseudonymised;
        "email": Personal, Included, Cleared;
        "role": Personal, Included, Kept;
        "external_ref": Personal, Included, Cleared;
        "version": Neither, Omitted, Updated;
        "created_at": Neither, Included, Kept;
        "updated_at": Neither, Included, Updated;
        "erased_at": Neither, Included, Updated;
    ]),
    entry!("workgroup_membership", "a person in a workgroup", [
        "id": Neither, Included, Deleted;
        "workgroup_id": Neither, Included, Deleted;
        "person_id": Personal, Omitted, Deleted;
        "role": Neither, Included, Deleted;
        "created_at": Neither, Included, Deleted;
    ]),
    entry!("contribution", "an answer to a question; its author is a person", [
        "id": Neither, Included, Kept;
        "question_id": Neither, Included, Kept;
        "coalition_id": Neither, Included, Kept;
        "author_person_id": Personal, Omitted, Detached;
        "organisation_id": Neither, Included, Kept;
        "kind": Neither, Included, Kept;
        "body": FreeText, Included, Kept;
        "attribution": Neither, Included, Reattributed;
        "visibility": Neither, Included, Kept;
        "external_ref": Neither, Included, Kept;
        "version": Neither, Omitted, Updated;
        "created_at": Neither, Included, Kept;
        "updated_at": Neither, Included, Updated;
    ]),
    entry!("learning_question", "a question a workgroup or coalition works on; a person may have asked it", [
        "id": Neither, Included, Kept;
        "coalition_id": Neither, Included, Kept;
        "workgroup_id": Neither, Included, Kept;
        "asked_by_organisation_id": Neither, Included, Kept;
        "asked_by_person_id": Personal, Omitted, Detached;
        "title": FreeText, Included, Kept;
        "context": FreeText, Included, Kept;
        "status": Neither, Included, Kept;
        "visibility": Neither, Included, Kept;
        "resolution_summary": FreeText, Included, Kept;
        "external_ref": Neither, Included, Kept;
        "version": Neither, Omitted, Updated;
        "created_at": Neither, Included, Kept;
        "updated_at": Neither, Included, Updated;
    ]),
    entry!("api_token", "a token's row; its label is written by an admin and may name someone", [
        "id": Neither, Omitted, Kept;
        "organisation_id": Neither, Omitted, Kept;
        "created_by_token_id": Neither, Omitted, Kept;
        "jti": Neither, Omitted, Kept;
        "label": FreeText, Omitted, Scrubbed;
        "role": Neither, Omitted, Kept;
        "created_at": Neither, Omitted, Kept;
        "expires_at": Neither, Omitted, Kept;
        "revoked_at": Neither, Omitted, Kept;
        "last_used_at": Neither, Omitted, Kept;
    ]),
    entry!("audit_event", "who changed what and when; names records by global ID, fields by name, never a value", [
        "id": Neither, Included, Kept;
        "token_id": Neither, Included, Kept;
        "organisation_id": Neither, Included, Kept;
        "role": Neither, Included, Kept;
        "action": Neither, Included, Kept;
        "entity_type": Neither, Included, Kept;
        "entity_id": Personal, Included, Kept;
        "changed_fields": Neither, Included, Kept;
        "created_at": Neither, Included, Kept;
        "visibility_from": Neither, Included, Kept;
        "visibility_to": Neither, Included, Kept;
    ]),
    entry!("change_event", "a thin event: a record's global ID, version and changed field names, never a value", [
        "id": Neither, Omitted, Kept;
        "entity_type": Neither, Omitted, Kept;
        "entity_id": Neither, Omitted, Kept;
        "node_id": Neither, Omitted, Kept;
        "action": Neither, Omitted, Kept;
        "version": Neither, Omitted, Kept;
        "changed_fields": Neither, Omitted, Kept;
        "organisation_id": Neither, Omitted, Kept;
        "occurred_at": Neither, Omitted, Kept;
        "scope_visibility": Neither, Omitted, Kept;
        "scope_coalition_id": Neither, Omitted, Kept;
        "scope_organisation_id": Neither, Omitted, Kept;
    ]),
    entry!("webhook", "a receiver an organisation's admin set up; its description may name someone", [
        "id": Neither, Omitted, Kept;
        "organisation_id": Neither, Omitted, Kept;
        "coalition_id": Neither, Omitted, Kept;
        "url": Neither, Omitted, Kept;
        "description": FreeText, Omitted, Scrubbed;
        "entity_types": Neither, Omitted, Kept;
        "actions": Neither, Omitted, Kept;
        "secret": Neither, Omitted, Kept;
        "previous_secret": Neither, Omitted, Kept;
        "previous_secret_until": Neither, Omitted, Kept;
        "position": Neither, Omitted, Kept;
        "failing_since": Neither, Omitted, Kept;
        "disabled_at": Neither, Omitted, Kept;
        "disabled_reason": Neither, Omitted, Kept;
        "created_at": Neither, Omitted, Kept;
        "updated_at": Neither, Omitted, Kept;
    ]),
    entry!("webhook_delivery", "one event for one webhook; the body is built from the thin event at each attempt and never kept", [
        "id": Neither, Omitted, Kept;
        "webhook_id": Neither, Omitted, Kept;
        "event_id": Neither, Omitted, Kept;
        "event_type": Neither, Omitted, Kept;
        "message_id": Neither, Omitted, Kept;
        "record_key": Neither, Omitted, Kept;
        "redelivery_of": Neither, Omitted, Kept;
        "state": Neither, Omitted, Kept;
        "attempts": Neither, Omitted, Kept;
        "next_attempt_ms": Neither, Omitted, Kept;
        "locked_until_ms": Neither, Omitted, Kept;
        "lease": Neither, Omitted, Kept;
        "last_status": Neither, Omitted, Kept;
        "last_error": Neither, Omitted, Kept;
        "last_duration_ms": Neither, Omitted, Kept;
        "last_attempt_at": Neither, Omitted, Kept;
        "created_at": Neither, Omitted, Kept;
    ]),
    entry!("search_entry", "one searchable record; people are not searchable, and no author is indexed", [
        "id": Neither, Omitted, Kept;
        "kind": Neither, Omitted, Kept;
        "record_id": Neither, Omitted, Kept;
        // PostgreSQL only: the record's title and body as a weighted tsvector.
        "document": FreeText, Omitted, Derived;
        // Who may find the record: its effective visibility level and coalition.
        "visibility": Neither, Omitted, Kept;
        "coalition_id": Neither, Omitted, Kept;
    ]),
    entry!("search_fts", "SQLite only: the FTS5 index of each record's title and body, folded and stemmed", [
        "title": FreeText, Omitted, Derived;
        "body": FreeText, Omitted, Derived;
    ]),
    entry!("change_log", "the watermark of retention", [
        "id": Neither, Omitted, Kept;
        "pruned_through": Neither, Omitted, Kept;
    ]),
    entry!("organisation", "a partner", [
        "id": Neither, Included, Kept;
        "slug": Neither, Omitted, Kept;
        "name": Neither, Included, Kept;
        "kind": Neither, Omitted, Kept;
        "city": Neither, Omitted, Kept;
        "website": Neither, Omitted, Kept;
        "description": FreeText, Omitted, Kept;
        "external_ref": Neither, Omitted, Kept;
        "version": Neither, Omitted, Kept;
        "archived_at": Neither, Omitted, Kept;
        "created_at": Neither, Omitted, Kept;
        "updated_at": Neither, Omitted, Kept;
    ]),
    entry!("coalition", "a community of practice, area coalition or partnership", [
        "id": Neither, Included, Kept;
        "slug": Neither, Omitted, Kept;
        "name": Neither, Included, Kept;
        "kind": Neither, Omitted, Kept;
        "area": Neither, Omitted, Kept;
        "municipality": Neither, Omitted, Kept;
        "stage": Neither, Omitted, Kept;
        "starts_on": Neither, Omitted, Kept;
        "ends_on": Neither, Omitted, Kept;
        "description": FreeText, Omitted, Kept;
        "version": Neither, Omitted, Kept;
        "archived_at": Neither, Omitted, Kept;
        "created_at": Neither, Omitted, Kept;
        "updated_at": Neither, Omitted, Kept;
    ]),
    entry!("coalition_membership", "an organisation in a coalition", [
        "id": Neither, Omitted, Kept;
        "coalition_id": Neither, Omitted, Kept;
        "organisation_id": Neither, Omitted, Kept;
        "role": Neither, Omitted, Kept;
        "joined_on": Neither, Omitted, Kept;
        "left_on": Neither, Omitted, Kept;
        "created_at": Neither, Omitted, Kept;
    ]),
    entry!("workgroup", "a workgroup, learning circle or studio", [
        "id": Neither, Included, Kept;
        "coalition_id": Neither, Included, Kept;
        "name": Neither, Included, Kept;
        "kind": Neither, Omitted, Kept;
        "method": Neither, Omitted, Kept;
        "description": FreeText, Omitted, Kept;
        "starts_on": Neither, Omitted, Kept;
        "ends_on": Neither, Omitted, Kept;
        "visibility": Neither, Omitted, Kept;
        "version": Neither, Omitted, Kept;
        "archived_at": Neither, Omitted, Kept;
        "created_at": Neither, Omitted, Kept;
        "updated_at": Neither, Omitted, Kept;
    ]),
    entry!("theme", "a tag shared across coalitions", [
        "id": Neither, Omitted, Kept;
        "slug": Neither, Omitted, Kept;
        "name": Neither, Omitted, Kept;
        "description": FreeText, Omitted, Kept;
        "version": Neither, Omitted, Kept;
        "created_at": Neither, Omitted, Kept;
    ]),
    entry!("workgroup_theme", "a theme of a workgroup", [
        "workgroup_id": Neither, Omitted, Kept;
        "theme_id": Neither, Omitted, Kept;
    ]),
    entry!("question_theme", "a theme of a question", [
        "question_id": Neither, Omitted, Kept;
        "theme_id": Neither, Omitted, Kept;
    ]),
    entry!("learning_track", "a series of sessions with a goal", [
        "id": Neither, Omitted, Kept;
        "coalition_id": Neither, Omitted, Kept;
        "title": FreeText, Omitted, Kept;
        "goal": FreeText, Omitted, Kept;
        "starts_on": Neither, Omitted, Kept;
        "ends_on": Neither, Omitted, Kept;
        "version": Neither, Omitted, Kept;
        "created_at": Neither, Omitted, Kept;
        "updated_at": Neither, Omitted, Kept;
    ]),
    entry!("meeting", "a learning session; its report may name who was there", [
        "id": Neither, Omitted, Kept;
        "coalition_id": Neither, Omitted, Kept;
        "workgroup_id": Neither, Omitted, Kept;
        "organisation_id": Neither, Omitted, Kept;
        "title": FreeText, Omitted, Kept;
        "kind": Neither, Omitted, Kept;
        "starts_at": Neither, Omitted, Kept;
        "ends_at": Neither, Omitted, Kept;
        "location": FreeText, Omitted, Kept;
        "work_form": FreeText, Omitted, Kept;
        "report": FreeText, Omitted, Kept;
        "visibility": Neither, Omitted, Kept;
        "external_ref": Neither, Omitted, Kept;
        "version": Neither, Omitted, Kept;
        "created_at": Neither, Omitted, Kept;
        "updated_at": Neither, Omitted, Kept;
    ]),
    entry!("outcome", "what a coalition published", [
        "id": Neither, Omitted, Kept;
        "coalition_id": Neither, Omitted, Kept;
        "kind": Neither, Omitted, Kept;
        "title": FreeText, Omitted, Kept;
        "summary": FreeText, Omitted, Kept;
        "url": Neither, Omitted, Kept;
        "published_on": Neither, Omitted, Kept;
        "visibility": Neither, Omitted, Kept;
        "version": Neither, Omitted, Kept;
        "created_at": Neither, Omitted, Kept;
        "updated_at": Neither, Omitted, Kept;
    ]),
    entry!("meeting_question", "a question discussed at a meeting", [
        "meeting_id": Neither, Omitted, Kept;
        "question_id": Neither, Omitted, Kept;
    ]),
    entry!("outcome_question", "a question an outcome answers", [
        "outcome_id": Neither, Omitted, Kept;
        "question_id": Neither, Omitted, Kept;
    ]),
    entry!("track_session", "a meeting in a learning track", [
        "track_id": Neither, Omitted, Kept;
        "meeting_id": Neither, Omitted, Kept;
        "position": Neither, Omitted, Kept;
    ]),
];

/// The entry of table `name`.
pub fn table(name: &str) -> Option<&'static Table> {
    REGISTER.iter().find(|t| t.name == name)
}

/// Every `(table, column)` that erasure treats as `erase`.
pub fn erased_as(erase: Erase) -> impl Iterator<Item = (&'static str, &'static str)> {
    REGISTER
        .iter()
        .flat_map(|t| t.columns.iter().map(move |c| (t.name, c)))
        .filter(move |(_, c)| c.erase == erase)
        .map(|(t, c)| (t, c.name))
}
