//! Inserts the learning questions with their themes, and the contributions that answer them.
//! Every cross-reference is checked before it is written: a question stays inside its
//! workgroup's coalition and visibility, a contribution inside its question's.

use std::collections::HashMap;

use anyhow::{Context, Result, ensure};
use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait};

use entity::{Attribution, QuestionStatus, contribution, learning_question, question_theme};

use super::partners::PEOPLE;
use super::rows::{Contribution, Key, Question};
use super::support::{FIRST_VERSION, Ids, QuestionRef, days_after, ensure_within, get, get_opt, stamp};

/// Inserts the questions and then their contributions; partners, people, coalitions and
/// workgroups must be in `ids` already.
pub async fn run(txn: &DatabaseTransaction, ids: &mut Ids) -> Result<()> {
    questions(txn, ids).await?;
    contributions(txn, ids).await
}

/// Days between a question and its first contribution, and between later contributions.
const ANSWER_INTERVAL_DAYS: i64 = 7;

/// The organisation a record is attributed to: the one given, or else the person's own.
fn organisation_of(org: Option<Key>, person: Option<Key>, ids: &Ids) -> Result<Option<i32>> {
    let own = person
        .and_then(|p| PEOPLE.iter().find(|x| x.key == p))
        .and_then(|x| x.org);
    if let (Some(given), Some(own)) = (org, own) {
        ensure!(given == own, "{person:?} belongs to {own}, not to {given}");
    }
    get_opt(&ids.orgs, org.or(own), "organisation")
}

async fn questions(txn: &DatabaseTransaction, ids: &mut Ids) -> Result<()> {
    let mut themes = Vec::new();
    for q in super::questions() {
        let coalition_id = get(&ids.coalitions, q.coalition, "coalition")?;
        let asked = stamp(q.asked)?;
        let model = question_model(q, coalition_id, ids)?;
        let id = model
            .insert(txn)
            .await
            .with_context(|| format!("question {}", q.key))?
            .id;
        let visibility = q.visibility;
        ids.questions.insert(
            q.key,
            QuestionRef {
                id,
                coalition_id,
                visibility,
                asked,
            },
        );
        for t in q.themes {
            let theme_id = get(&ids.themes, t, "theme")?;
            themes.push(question_theme::ActiveModel {
                question_id: Set(id),
                theme_id: Set(theme_id),
            });
        }
    }
    question_theme::Entity::insert_many(themes)
        .exec_without_returning(txn)
        .await
        .context("question themes")?;
    Ok(())
}

fn check_question(q: &Question, coalition_id: i32, ids: &Ids) -> Result<Option<i32>> {
    ensure!(
        (1..=3).contains(&q.themes.len()),
        "question {} needs one to three themes",
        q.key
    );
    ensure!(
        q.person.is_some() || q.org.is_some(),
        "question {} has nobody asking it",
        q.key
    );
    let answered = q.status == QuestionStatus::Answered;
    ensure!(
        answered == q.resolution.is_some(),
        "question {}: only answered questions have a resolution",
        q.key
    );
    let Some(group) = get_opt(&ids.workgroups, q.workgroup, "workgroup")? else {
        return Ok(None);
    };
    ensure!(
        group.coalition_id == coalition_id,
        "question {} sits in another coalition's workgroup",
        q.key
    );
    ensure_within(q.visibility, group.visibility, q.key)?;
    Ok(Some(group.id))
}

fn question_model(q: &Question, coalition_id: i32, ids: &Ids) -> Result<learning_question::ActiveModel> {
    let workgroup_id = check_question(q, coalition_id, ids)?;
    let asked = stamp(q.asked)?;
    // The question was last touched by its last contribution.
    let answers = i64::try_from(super::contributions().filter(|c| c.question == q.key).count())?;
    Ok(learning_question::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        workgroup_id: Set(workgroup_id),
        title: Set(q.title.to_owned()),
        context: Set(q.context.to_owned()),
        status: Set(q.status),
        asked_by_organisation_id: Set(organisation_of(q.org, q.person, ids)?),
        asked_by_person_id: Set(get_opt(&ids.people, q.person, "person")?),
        visibility: Set(q.visibility),
        resolution_summary: Set(q.resolution.map(str::to_owned)),
        external_ref: Set(None),
        version: Set(FIRST_VERSION),
        created_at: Set(asked),
        updated_at: Set(days_after(asked, ANSWER_INTERVAL_DAYS * answers)),
    })
}

async fn contributions(txn: &DatabaseTransaction, ids: &Ids) -> Result<()> {
    let mut per_question: HashMap<Key, i64> = HashMap::new();
    let mut rows = Vec::new();
    for c in super::contributions() {
        let question = get(&ids.questions, c.question, "question")?;
        let nth = per_question.entry(c.question).or_insert(0);
        *nth += 1;
        let at = days_after(question.asked, ANSWER_INTERVAL_DAYS * *nth);
        rows.push(contribution_model(c, question, at, ids)?);
    }
    contribution::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await
        .context("contributions")?;
    Ok(())
}

fn contribution_model(
    c: &Contribution,
    question: QuestionRef,
    at: DateTime<Utc>,
    ids: &Ids,
) -> Result<contribution::ActiveModel> {
    ensure_within(c.visibility, question.visibility, c.question)?;
    let person = get_opt(&ids.people, c.person, "person")?;
    let org = organisation_of(c.org, c.person, ids)?;
    let attributable = match c.attribution {
        Attribution::Named => person.is_some(),
        Attribution::Organisation => org.is_some(),
        Attribution::Anonymous => person.is_some() || org.is_some(),
    };
    ensure!(
        attributable,
        "a contribution to {} lacks the author its attribution needs",
        c.question
    );
    Ok(contribution::ActiveModel {
        id: NotSet,
        question_id: Set(question.id),
        coalition_id: Set(question.coalition_id),
        kind: Set(c.kind),
        body: Set(c.body.to_owned()),
        author_person_id: Set(person),
        organisation_id: Set(org),
        attribution: Set(c.attribution),
        visibility: Set(c.visibility),
        external_ref: Set(None),
        version: Set(FIRST_VERSION),
        created_at: Set(at),
        updated_at: Set(at),
    })
}
