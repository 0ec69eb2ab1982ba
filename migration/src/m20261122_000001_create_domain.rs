//! The learning-community domain: partners, coalitions, workgroups, people, themes, learning
//! questions, contributions, learning tracks, meetings, outcomes and the tables that join them.
//! Every foreign key has an index; every column lists filter or sort on is indexed together with
//! `id`, the tie-breaker of keyset pagination.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::util::{create_table, drop_tables, fk, fk_null, index, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

const KIND: u32 = 32;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        organisations_and_coalitions(m).await?;
        workgroups_and_people(m).await?;
        questions(m).await?;
        meetings_and_outcomes(m).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            m,
            &[
                "track_session",
                "outcome_question",
                "meeting_question",
                "outcome",
                "meeting",
                "learning_track",
                "contribution",
                "question_theme",
                "learning_question",
                "workgroup_theme",
                "theme",
                "workgroup_membership",
                "person",
                "workgroup",
                "coalition_membership",
                "coalition",
                "organisation",
            ],
        )
        .await
    }
}

async fn organisations_and_coalitions(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let cols = vec![
        string_len_uniq("slug", 80),
        string_len("name", 200),
        string_len("kind", KIND),
        string_len_null("city", 120),
        string_len_null("website", 500),
        text_null("description"),
        string_len_null("external_ref", 200),
    ];
    create_table(m, "organisation", &[], cols, vec![], true).await?;
    index(m, "organisation", &["kind", "id"]).await?;
    index(m, "organisation", &["name", "id"]).await?;
    index(m, "organisation", &["created_at", "id"]).await?;
    unique(m, "organisation", &["external_ref"]).await?;

    let cols = vec![
        string_len_uniq("slug", 80),
        string_len("name", 200),
        string_len("kind", KIND),
        string_len_null("area", 200),
        string_len_null("municipality", 120),
        string_len("stage", KIND),
        date_null("starts_on"),
        date_null("ends_on"),
        text_null("description"),
    ];
    create_table(m, "coalition", &[], cols, vec![], true).await?;
    index(m, "coalition", &["name", "id"]).await?;
    index(m, "coalition", &["kind", "id"]).await?;
    index(m, "coalition", &["stage", "id"]).await?;

    let cols = vec![
        string_len("role", KIND),
        date_null("joined_on"),
        date_null("left_on"),
        timestamp_with_time_zone("created_at"),
    ];
    let fks = vec![fk("coalition_id", "coalition"), fk("organisation_id", "organisation")];
    create_table(m, "coalition_membership", &[], cols, fks, false).await?;
    unique(m, "coalition_membership", &["coalition_id", "organisation_id"]).await
}

async fn workgroups_and_people(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let cols = vec![
        string_len("name", 200),
        string_len("kind", KIND),
        string_len_null("method", 200),
        text_null("description"),
        date_null("starts_on"),
        date_null("ends_on"),
        string_len("visibility", KIND),
    ];
    create_table(m, "workgroup", &[], cols, vec![fk("coalition_id", "coalition")], true).await?;
    index(m, "workgroup", &["coalition_id", "name", "id"]).await?;
    index(m, "workgroup", &["name", "id"]).await?;
    index(m, "workgroup", &["visibility"]).await?;

    let cols = vec![
        string_len("name", 200),
        string_len_null("email", 320),
        string_len("role", KIND),
    ];
    create_table(
        m,
        "person",
        &[],
        cols,
        vec![fk_null("organisation_id", "organisation")],
        true,
    )
    .await?;
    index(m, "person", &["name", "id"]).await?;

    let cols = vec![string_len("role", KIND), timestamp_with_time_zone("created_at")];
    let fks = vec![fk("workgroup_id", "workgroup"), fk("person_id", "person")];
    create_table(m, "workgroup_membership", &[], cols, fks, false).await?;
    unique(m, "workgroup_membership", &["workgroup_id", "person_id"]).await?;

    let cols = vec![
        string_len_uniq("slug", 80),
        string_len("name", 120),
        text_null("description"),
        timestamp_with_time_zone("created_at"),
    ];
    create_table(m, "theme", &[], cols, vec![], false).await?;
    index(m, "theme", &["name", "id"]).await?;

    let fks = vec![fk("workgroup_id", "workgroup"), fk("theme_id", "theme")];
    create_table(m, "workgroup_theme", &["workgroup_id", "theme_id"], vec![], fks, false).await
}

async fn questions(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let cols = vec![
        string_len("title", 300),
        text("context"),
        string_len("status", KIND),
        string_len("visibility", KIND),
        text_null("resolution_summary"),
    ];
    let fks = vec![
        fk("coalition_id", "coalition"),
        fk_null("workgroup_id", "workgroup"),
        fk_null("asked_by_organisation_id", "organisation"),
        fk_null("asked_by_person_id", "person"),
    ];
    create_table(m, "learning_question", &[], cols, fks, true).await?;
    for cols in [
        &["status", "id"][..],
        &["visibility", "id"],
        &["created_at", "id"],
        &["updated_at", "id"],
        &["title", "id"],
        &["coalition_id", "created_at", "id"],
        &["workgroup_id", "created_at", "id"],
    ] {
        index(m, "learning_question", cols).await?;
    }

    let fks = vec![fk("question_id", "learning_question"), fk("theme_id", "theme")];
    create_table(m, "question_theme", &["question_id", "theme_id"], vec![], fks, false).await?;

    let cols = vec![
        string_len("kind", KIND),
        text("body"),
        string_len("attribution", KIND),
        string_len("visibility", KIND),
    ];
    let fks = vec![
        fk("question_id", "learning_question"),
        fk("coalition_id", "coalition"),
        fk_null("author_person_id", "person"),
        fk_null("organisation_id", "organisation"),
    ];
    create_table(m, "contribution", &[], cols, fks, true).await?;
    index(m, "contribution", &["question_id", "created_at", "id"]).await?;
    index(m, "contribution", &["created_at", "id"]).await
}

async fn meetings_and_outcomes(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let cols = vec![
        string_len("title", 300),
        text("goal"),
        date_null("starts_on"),
        date_null("ends_on"),
    ];
    create_table(
        m,
        "learning_track",
        &[],
        cols,
        vec![fk("coalition_id", "coalition")],
        true,
    )
    .await?;
    index(m, "learning_track", &["title", "id"]).await?;

    let cols = vec![
        string_len("title", 300),
        string_len("kind", KIND),
        timestamp_with_time_zone("starts_at"),
        timestamp_with_time_zone_null("ends_at"),
        string_len_null("location", 300),
        string_len_null("work_form", 300),
        text_null("report"),
        string_len("visibility", KIND),
    ];
    let fks = vec![fk("coalition_id", "coalition"), fk_null("workgroup_id", "workgroup")];
    create_table(m, "meeting", &[], cols, fks, true).await?;
    index(m, "meeting", &["starts_at", "id"]).await?;
    index(m, "meeting", &["coalition_id", "starts_at", "id"]).await?;

    let cols = vec![
        string_len("kind", KIND),
        string_len("title", 300),
        text_null("summary"),
        string_len_null("url", 500),
        date_null("published_on"),
        string_len("visibility", KIND),
    ];
    create_table(m, "outcome", &[], cols, vec![fk("coalition_id", "coalition")], true).await?;
    index(m, "outcome", &["title", "id"]).await?;

    let fks = vec![fk("meeting_id", "meeting"), fk("question_id", "learning_question")];
    create_table(
        m,
        "meeting_question",
        &["meeting_id", "question_id"],
        vec![],
        fks,
        false,
    )
    .await?;
    let fks = vec![fk("outcome_id", "outcome"), fk("question_id", "learning_question")];
    create_table(
        m,
        "outcome_question",
        &["outcome_id", "question_id"],
        vec![],
        fks,
        false,
    )
    .await?;
    let fks = vec![fk("track_id", "learning_track"), fk("meeting_id", "meeting")];
    create_table(
        m,
        "track_session",
        &["track_id", "meeting_id"],
        vec![integer("position")],
        fks,
        false,
    )
    .await?;
    unique(m, "track_session", &["track_id", "position"]).await
}
