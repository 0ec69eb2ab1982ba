//! Writing a coalition as an archive: its rows become records with file ids, people reduced to
//! what their attribution allows, in the order of [`Record::rank`].

use std::collections::{BTreeSet, HashMap};

use entity::{Attribution, coalition};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::export_rows::{FileIds, Ids, s};
use super::format::{Counts, FORMAT, Header, Record, VERSION};
use super::read::{Rows, read};
use super::records as r;
use crate::error::{AppError, AppResult};

/// The archive of coalition `id`: its slug and the bytes of the file.
pub async fn export(db: &DatabaseConnection, id: i32) -> AppResult<(String, Vec<u8>)> {
    let rows = read(db, id).await?;
    let records = records(&rows);
    Ok((rows.coalition.slug.clone(), render(&rows.coalition.slug, &records)?))
}

/// The id of the coalition with `slug`; NOT_FOUND when there is none.
pub async fn coalition_id(db: &DatabaseConnection, slug: &str) -> AppResult<i32> {
    coalition::Entity::find()
        .filter(coalition::Column::Slug.eq(slug))
        .one(db)
        .await?
        .map(|c| c.id)
        .ok_or_else(|| AppError::not_found(format!("No coalition with slug \"{}\"", crate::echo::clip(slug))))
}

/// The people a file may name: authors of NAMED contributions, askers of questions, members of
/// workgroups. The coalition saw each by name; nobody else is in the file.
pub fn people_of(rows: &Rows) -> BTreeSet<i32> {
    let authors = rows
        .contributions
        .iter()
        .filter(|c| c.attribution == Attribution::Named)
        .filter_map(|c| c.author_person_id);
    let askers = rows.questions.iter().filter_map(|q| q.asked_by_person_id);
    let members = rows.workgroup_members.iter().map(|m| m.person_id);
    authors.chain(askers).chain(members).collect()
}

/// The organisations a file names: members, askers, meetings' organisers, contributions'
/// organisations (unless ANONYMOUS), and the organisations of the people in it.
pub fn organisations_of(rows: &Rows) -> BTreeSet<i32> {
    let members = rows.memberships.iter().map(|m| m.organisation_id);
    let askers = rows.questions.iter().filter_map(|q| q.asked_by_organisation_id);
    let meetings = rows.meetings.iter().filter_map(|m| m.organisation_id);
    let shared = rows
        .contributions
        .iter()
        .filter(|c| c.attribution != Attribution::Anonymous)
        .filter_map(|c| c.organisation_id);
    let people = rows.people.iter().filter_map(|p| p.organisation_id);
    members
        .chain(askers)
        .chain(meetings)
        .chain(shared)
        .chain(people)
        .collect()
}

fn render(slug: &str, records: &[Record]) -> AppResult<Vec<u8>> {
    let mut counts = Counts::default();
    records.iter().for_each(|r| counts.add(r));
    let header = Header {
        format: FORMAT.into(),
        version: VERSION,
        coalition: slug.into(),
        counts,
    };
    let mut out = line(&header)?;
    for r in records {
        out.extend(line(r)?);
    }
    Ok(out)
}

fn line(v: &impl serde::Serialize) -> AppResult<Vec<u8>> {
    let mut bytes = serde_json::to_vec(v).map_err(anyhow::Error::from)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Every record of the file, in file order.
fn records(rows: &Rows) -> Vec<Record> {
    let slugs: HashMap<i32, String> = rows.organisations.iter().map(|o| (o.id, o.slug.clone())).collect();
    let themes: HashMap<i32, String> = rows.themes.iter().map(|t| (t.id, t.slug.clone())).collect();
    let org = |id: Option<i32>| id.and_then(|i| slugs.get(&i).cloned());
    let ids = FileIds {
        people: Ids::of(rows.people.iter().map(|p| p.id)),
        workgroups: Ids::of(rows.workgroups.iter().map(|w| w.id)),
        questions: Ids::of(rows.questions.iter().map(|q| q.id)),
        meetings: Ids::of(rows.meetings.iter().map(|m| m.id)),
    };
    let mut out = Vec::new();
    let mut organisations: Vec<_> = rows.organisations.iter().collect();
    organisations.sort_by(|a, b| a.slug.cmp(&b.slug));
    out.extend(organisations.into_iter().map(|o| {
        Record::Organisation(r::Organisation {
            slug: o.slug.clone(),
            name: o.name.clone(),
            kind: s(&o.kind),
            city: o.city.clone(),
            website: o.website.clone(),
            description: o.description.clone(),
        })
    }));
    let mut theme_rows: Vec<_> = rows.themes.iter().collect();
    theme_rows.sort_by(|a, b| a.slug.cmp(&b.slug));
    out.extend(theme_rows.into_iter().map(|t| {
        Record::Theme(r::Theme {
            slug: t.slug.clone(),
            name: t.name.clone(),
            description: t.description.clone(),
        })
    }));
    out.extend(rows.people.iter().zip(1..).map(|(p, id)| {
        Record::Person(r::Person {
            id,
            name: p.name.clone(),
            role: s(&p.role),
            organisation: org(p.organisation_id),
        })
    }));
    super::export_rows::coalition_records(rows, &ids, &org, &themes, &mut out);
    out
}
