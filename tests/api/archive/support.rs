//! What the archive tests share: the binary's `export` and `import`, and a coalition holding
//! one record of every type, with contributions of every attribution.

use std::path::Path;
use std::process::Output;

use entity::*;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, DatabaseConnection};

use crate::fixtures::{self, Link};
use crate::server::command;

/// `samenspel export --coalition slug --out out` on `url`.
pub fn export(url: &str, slug: &str, out: &Path) -> Output {
    command(url)
        .args(["export", "--coalition", slug, "--out"])
        .arg(out)
        .output()
        .expect("run samenspel export")
}

/// `samenspel import file` on `url`.
pub fn import(url: &str, file: &Path) -> Output {
    command(url)
        .arg("import")
        .arg(file)
        .output()
        .expect("run samenspel import")
}

/// What the process wrote to stderr.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Fails the test with the process's stderr unless it succeeded.
pub fn ok(o: &Output) {
    assert!(o.status.success(), "{}", stderr(o));
}

/// The rows a test of the archive refers to.
pub struct Archived {
    pub coalition: coalition::Model,
    pub lead: organisation::Model,
    pub partner: organisation::Model,
    pub outsider: organisation::Model,
}

/// Slug of the coalition `archived` makes.
pub const SLUG: &str = "archief-wooncirkels";

/// A dispersed coalition led by one organisation with a partner, one record of every type,
/// and a contribution of each attribution by a person with an email.
pub async fn archived(db: &DatabaseConnection) -> Archived {
    let lead = fixtures::org(db, "archief-lead", OrganisationKind::CareProvider).await;
    let partner = fixtures::org(db, "archief-partner", OrganisationKind::Welfare).await;
    let outsider = fixtures::org(db, "archief-buiten", OrganisationKind::KnowledgeInstitute).await;
    let c = fixtures::coalition(db, SLUG).await;
    let mut am: coalition::ActiveModel = c.into();
    am.stage = Set(LifecycleStage::Dispersed);
    let coalition = am.update(db).await.unwrap();
    fixtures::member_as(db, coalition.id, lead.id, MembershipRole::Lead).await;
    fixtures::member(db, coalition.id, partner.id).await;
    let group = fixtures::workgroup(db, coalition.id, "Leercirkel", Visibility::Coalition).await;
    let named = fixtures::person(db, Some(lead.id), "Marie Jansen").await;
    let by_org = fixtures::person(db, Some(partner.id), "Kees Verborgen").await;
    let anonymous = fixtures::person(db, Some(partner.id), "Piet Anoniem").await;
    let theme = fixtures::theme(db, "archief-wonen").await;
    let mut q = fixtures::question_am(
        coalition.id,
        Some(group.id),
        "Wat is een wooncirkel?".into(),
        Visibility::Coalition,
    );
    q.asked_by_organisation_id = Set(Some(lead.id));
    q.asked_by_person_id = Set(Some(named.id));
    let question = q.insert(db).await.unwrap();
    for (who, org, attribution) in [
        (named.id, lead.id, Attribution::Named),
        (by_org.id, partner.id, Attribution::Organisation),
        (anonymous.id, partner.id, Attribution::Anonymous),
    ] {
        let mut am = fixtures::contribution_am(&question, Some(who), Some(org), Visibility::Partners);
        am.attribution = Set(attribution);
        am.insert(db).await.unwrap();
    }
    let meeting = fixtures::meeting(db, coalition.id, 3, Visibility::Coalition).await;
    let outcome = fixtures::outcome(db, coalition.id, Visibility::Public).await;
    let track = fixtures::track(db, coalition.id).await;
    fixtures::link(db, Link::QuestionTheme(question.id, theme.id)).await;
    fixtures::link(db, Link::WorkgroupTheme(group.id, theme.id)).await;
    fixtures::link(db, Link::MeetingQuestion(meeting.id, question.id)).await;
    fixtures::link(db, Link::OutcomeQuestion(outcome.id, question.id)).await;
    fixtures::link(db, Link::Session(track.id, meeting.id, 1)).await;
    fixtures::link(db, Link::WorkgroupMember(group.id, named.id)).await;
    Archived {
        coalition,
        lead,
        partner,
        outsider,
    }
}
