//! Rows written straight into a test's database, so tests control exactly what exists.

use chrono::{DateTime, Duration, TimeZone, Utc};
use entity::*;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait};

/// A fixed moment, so tests do not depend on the clock.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 3, 1, 9, 0, 0).unwrap()
}

pub async fn org(db: &DatabaseConnection, slug: &str, kind: OrganisationKind) -> organisation::Model {
    organisation::ActiveModel {
        id: NotSet,
        slug: Set(slug.into()),
        name: Set(format!("Organisatie {slug}")),
        kind: Set(kind),
        city: Set(Some("Amsterdam".into())),
        website: Set(None),
        description: Set(None),
        external_ref: Set(None),
        created_at: Set(t0()),
        updated_at: Set(t0()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

pub async fn coalition(db: &DatabaseConnection, slug: &str) -> coalition::Model {
    coalition::ActiveModel {
        id: NotSet,
        slug: Set(slug.into()),
        name: Set(format!("Coalitie {slug}")),
        kind: Set(CoalitionKind::CommunityOfPractice),
        area: Set(None),
        municipality: Set(Some("Amsterdam".into())),
        stage: Set(LifecycleStage::Active),
        starts_on: Set(None),
        ends_on: Set(None),
        description: Set(None),
        created_at: Set(t0()),
        updated_at: Set(t0()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

/// Makes `organisation_id` a member of `coalition_id`, past the write path: like another process
/// would, so it also empties the token cache a PostgreSQL replica keeps for up to a second.
pub async fn member(db: &DatabaseConnection, coalition_id: i32, organisation_id: i32) -> coalition_membership::Model {
    let m = coalition_membership::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        organisation_id: Set(organisation_id),
        role: Set(MembershipRole::Partner),
        joined_on: Set(None),
        left_on: Set(None),
        created_at: Set(t0()),
    }
    .insert(db)
    .await
    .unwrap();
    samenspel::auth::cache::forget_all();
    m
}

pub fn workgroup_am(coalition_id: i32, name: String, visibility: Visibility) -> workgroup::ActiveModel {
    workgroup::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        name: Set(name),
        kind: Set(WorkgroupKind::Workgroup),
        method: Set(None),
        description: Set(None),
        starts_on: Set(None),
        ends_on: Set(None),
        visibility: Set(visibility),
        created_at: Set(t0()),
        updated_at: Set(t0()),
        ..Default::default()
    }
}

pub async fn workgroup(db: &DatabaseConnection, coalition_id: i32, name: &str, v: Visibility) -> workgroup::Model {
    workgroup_am(coalition_id, name.into(), v).insert(db).await.unwrap()
}

pub async fn person(db: &DatabaseConnection, organisation_id: Option<i32>, name: &str) -> person::Model {
    person::ActiveModel {
        id: NotSet,
        organisation_id: Set(organisation_id),
        name: Set(name.into()),
        email: Set(Some(format!("{}@example.org", name.to_lowercase().replace(' ', ".")))),
        role: Set(PersonRole::Professional),
        created_at: Set(t0()),
        updated_at: Set(t0()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

pub fn question_am(
    coalition_id: i32,
    workgroup_id: Option<i32>,
    title: String,
    v: Visibility,
) -> learning_question::ActiveModel {
    learning_question::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        workgroup_id: Set(workgroup_id),
        title: Set(title),
        context: Set("Context van de vraag.".into()),
        status: Set(QuestionStatus::Open),
        asked_by_organisation_id: Set(None),
        asked_by_person_id: Set(None),
        visibility: Set(v),
        resolution_summary: Set(None),
        created_at: Set(t0()),
        updated_at: Set(t0()),
        ..Default::default()
    }
}

pub async fn question(
    db: &DatabaseConnection,
    coalition_id: i32,
    wg: Option<i32>,
    title: &str,
    v: Visibility,
) -> learning_question::Model {
    question_am(coalition_id, wg, title.into(), v).insert(db).await.unwrap()
}

pub fn contribution_am(
    q: &learning_question::Model,
    author: Option<i32>,
    org: Option<i32>,
    v: Visibility,
) -> contribution::ActiveModel {
    contribution::ActiveModel {
        id: NotSet,
        question_id: Set(q.id),
        coalition_id: Set(q.coalition_id),
        kind: Set(ContributionKind::Tip),
        body: Set("Een tip uit de praktijk.".into()),
        author_person_id: Set(author),
        organisation_id: Set(org),
        attribution: Set(Attribution::Named),
        visibility: Set(v),
        created_at: Set(t0()),
        updated_at: Set(t0()),
        ..Default::default()
    }
}

pub async fn theme(db: &DatabaseConnection, slug: &str) -> theme::Model {
    theme::ActiveModel {
        id: NotSet,
        slug: Set(slug.into()),
        name: Set(format!("Thema {slug}")),
        description: Set(None),
        created_at: Set(t0()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

pub async fn meeting(db: &DatabaseConnection, coalition_id: i32, days: i64, v: Visibility) -> meeting::Model {
    meeting::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        workgroup_id: Set(None),
        title: Set(format!("Leerbijeenkomst dag {days}")),
        kind: Set(MeetingKind::LearningSession),
        starts_at: Set(t0() + Duration::days(days)),
        ends_at: Set(None),
        location: Set(Some("Buurthuis".into())),
        work_form: Set(None),
        report: Set(None),
        visibility: Set(v),
        created_at: Set(t0()),
        updated_at: Set(t0()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

pub async fn outcome(db: &DatabaseConnection, coalition_id: i32, v: Visibility) -> outcome::Model {
    outcome::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        kind: Set(OutcomeKind::Bundle),
        title: Set("Op weg naar samenspel".into()),
        summary: Set(None),
        url: Set(None),
        published_on: Set(None),
        visibility: Set(v),
        created_at: Set(t0()),
        updated_at: Set(t0()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

pub async fn track(db: &DatabaseConnection, coalition_id: i32) -> learning_track::Model {
    learning_track::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        title: Set("Leerlijn innovatief organiseren".into()),
        goal: Set("Samen leren organiseren.".into()),
        starts_on: Set(None),
        ends_on: Set(None),
        created_at: Set(t0()),
        updated_at: Set(t0()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

/// Links in the join tables.
pub async fn link(db: &DatabaseConnection, what: Link) {
    match what {
        Link::QuestionTheme(q, t) => {
            let am = question_theme::ActiveModel {
                question_id: Set(q),
                theme_id: Set(t),
            };
            question_theme::Entity::insert(am)
                .exec_without_returning(db)
                .await
                .unwrap();
        }
        Link::WorkgroupTheme(w, t) => {
            let am = workgroup_theme::ActiveModel {
                workgroup_id: Set(w),
                theme_id: Set(t),
            };
            workgroup_theme::Entity::insert(am)
                .exec_without_returning(db)
                .await
                .unwrap();
        }
        Link::MeetingQuestion(m, q) => {
            let am = meeting_question::ActiveModel {
                meeting_id: Set(m),
                question_id: Set(q),
            };
            meeting_question::Entity::insert(am)
                .exec_without_returning(db)
                .await
                .unwrap();
        }
        Link::OutcomeQuestion(o, q) => {
            let am = outcome_question::ActiveModel {
                outcome_id: Set(o),
                question_id: Set(q),
            };
            outcome_question::Entity::insert(am)
                .exec_without_returning(db)
                .await
                .unwrap();
        }
        Link::Session(t, m, position) => {
            let am = track_session::ActiveModel {
                track_id: Set(t),
                meeting_id: Set(m),
                position: Set(position),
            };
            track_session::Entity::insert(am)
                .exec_without_returning(db)
                .await
                .unwrap();
        }
        Link::WorkgroupMember(w, p) => {
            let am = workgroup_membership::ActiveModel {
                id: NotSet,
                workgroup_id: Set(w),
                person_id: Set(p),
                role: Set(WorkgroupRole::Participant),
                created_at: Set(t0()),
            };
            am.insert(db).await.unwrap();
        }
    }
}

/// A row in a join table.
pub enum Link {
    QuestionTheme(i32, i32),
    WorkgroupTheme(i32, i32),
    MeetingQuestion(i32, i32),
    OutcomeQuestion(i32, i32),
    Session(i32, i32, i32),
    WorkgroupMember(i32, i32),
}

/// One public row of every type, all linked together.
pub struct World {
    pub org: organisation::Model,
    pub coalition: coalition::Model,
    pub theme: theme::Model,
    pub question: learning_question::Model,
}

pub async fn world(db: &DatabaseConnection) -> World {
    let org = org(db, "cordaan", OrganisationKind::CareProvider).await;
    let coalition = coalition(db, "cop-wooncirkels").await;
    member(db, coalition.id, org.id).await;
    let workgroup = workgroup(db, coalition.id, "Werkgroep wooncirkels", Visibility::Public).await;
    let person = person(db, Some(org.id), "Marie Jansen").await;
    let theme = theme(db, "wooncirkels").await;
    let question = question(
        db,
        coalition.id,
        Some(workgroup.id),
        "Wat is een wooncirkel?",
        Visibility::Public,
    )
    .await;
    contribution_am(&question, Some(person.id), Some(org.id), Visibility::Public)
        .insert(db)
        .await
        .unwrap();
    let meeting = meeting(db, coalition.id, 3, Visibility::Public).await;
    let outcome = outcome(db, coalition.id, Visibility::Public).await;
    let track = track(db, coalition.id).await;
    link(db, Link::QuestionTheme(question.id, theme.id)).await;
    link(db, Link::WorkgroupTheme(workgroup.id, theme.id)).await;
    link(db, Link::MeetingQuestion(meeting.id, question.id)).await;
    link(db, Link::OutcomeQuestion(outcome.id, question.id)).await;
    link(db, Link::Session(track.id, meeting.id, 1)).await;
    link(db, Link::WorkgroupMember(workgroup.id, person.id)).await;
    World {
        org,
        coalition,
        theme,
        question,
    }
}

/// The workgroups of a coalition, in id order.
pub async fn workgroups_of(db: &DatabaseConnection, coalition_id: i32) -> Vec<workgroup::Model> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    workgroup::Entity::find()
        .filter(workgroup::Column::CoalitionId.eq(coalition_id))
        .order_by_asc(workgroup::Column::Id)
        .all(db)
        .await
        .unwrap()
}

/// `organisation_id` in coalition `coalition_id` with `role`, such as LEAD.
pub async fn member_as(
    db: &DatabaseConnection,
    coalition_id: i32,
    organisation_id: i32,
    role: MembershipRole,
) -> coalition_membership::Model {
    let m = member(db, coalition_id, organisation_id).await;
    let mut am: coalition_membership::ActiveModel = m.into();
    am.role = Set(role);
    am.update(db).await.unwrap()
}
