//! Inserts the partners, themes, people, coalitions, memberships and workgroups.

use anyhow::{Context, Result};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait};

use entity::{
    PersonRole, coalition, coalition_membership, organisation, person, theme, workgroup, workgroup_membership,
    workgroup_theme,
};

use super::coalitions::{COALITIONS, MEMBERS};
use super::partners::{ORGS, PEOPLE, THEMES};
use super::rows::{Coalition, Org, Person, Theme, Workgroup};
use super::support::{FIRST_VERSION, Ids, WorkgroupRef, get, get_opt, opt_day, stamp};
use super::workgroups::{WORKGROUP_MEMBERS, WORKGROUPS};

/// The day a record without a date of its own is stamped with: the earliest fact in the pages.
const FIRST_DAY: &str = "2014-09-01";

/// Inserts everything the learning records refer to.
pub async fn run(txn: &DatabaseTransaction, ids: &mut Ids) -> Result<()> {
    organisations(txn, ids).await?;
    themes(txn, ids).await?;
    people(txn, ids).await?;
    coalitions(txn, ids).await?;
    memberships(txn, ids).await?;
    workgroups(txn, ids).await?;
    workgroup_members(txn, ids).await
}

async fn organisations(txn: &DatabaseTransaction, ids: &mut Ids) -> Result<()> {
    for o in ORGS {
        let row = organisation_model(o)?
            .insert(txn)
            .await
            .with_context(|| format!("organisation {}", o.slug))?;
        ids.orgs.insert(o.slug, row.id);
    }
    Ok(())
}

async fn themes(txn: &DatabaseTransaction, ids: &mut Ids) -> Result<()> {
    for t in THEMES {
        let row = theme_model(t)?
            .insert(txn)
            .await
            .with_context(|| format!("theme {}", t.slug))?;
        ids.themes.insert(t.slug, row.id);
    }
    Ok(())
}

async fn people(txn: &DatabaseTransaction, ids: &mut Ids) -> Result<()> {
    for p in PEOPLE {
        let row = person_model(p, ids)?
            .insert(txn)
            .await
            .with_context(|| format!("person {}", p.key))?;
        ids.people.insert(p.key, row.id);
    }
    Ok(())
}

async fn coalitions(txn: &DatabaseTransaction, ids: &mut Ids) -> Result<()> {
    for c in COALITIONS {
        let row = coalition_model(c)?
            .insert(txn)
            .await
            .with_context(|| format!("coalition {}", c.slug))?;
        ids.coalitions.insert(c.slug, row.id);
    }
    Ok(())
}

/// The earliest of `days`, or [`FIRST_DAY`] when there is none.
fn earliest<'a>(days: impl Iterator<Item = &'a str>) -> &'a str {
    days.min().unwrap_or(FIRST_DAY)
}

fn organisation_model(o: &Org) -> Result<organisation::ActiveModel> {
    // An organisation appears in the dataset when it first joins a coalition.
    let at = stamp(earliest(MEMBERS.iter().filter(|m| m.org == o.slug).map(|m| m.joined)))?;
    Ok(organisation::ActiveModel {
        id: NotSet,
        slug: Set(o.slug.to_owned()),
        name: Set(o.name.to_owned()),
        kind: Set(o.kind),
        city: Set(o.city.map(str::to_owned)),
        website: Set(o.website.map(str::to_owned)),
        description: Set(Some(o.description.to_owned())),
        external_ref: Set(None),
        archived_at: Set(None),
        version: Set(FIRST_VERSION),
        created_at: Set(at),
        updated_at: Set(at),
    })
}

fn theme_model(t: &Theme) -> Result<theme::ActiveModel> {
    // A theme appears with the first question that carries it.
    let used = super::questions()
        .filter(|q| q.themes.contains(&t.slug))
        .map(|q| q.asked);
    Ok(theme::ActiveModel {
        id: NotSet,
        slug: Set(t.slug.to_owned()),
        name: Set(t.name.to_owned()),
        description: Set(Some(t.description.to_owned())),
        version: Set(FIRST_VERSION),
        created_at: Set(stamp(earliest(used))?),
    })
}

fn person_model(p: &Person, ids: &Ids) -> Result<person::ActiveModel> {
    let at = stamp(p.since)?;
    // Residents keep their address to themselves; everyone else has a demo address.
    let email = (p.role != PersonRole::Resident).then(|| format!("{}@example.org", p.key.replace('-', ".")));
    Ok(person::ActiveModel {
        id: NotSet,
        organisation_id: Set(get_opt(&ids.orgs, p.org, "organisation")?),
        name: Set(p.name.to_owned()),
        email: Set(email),
        role: Set(p.role),
        external_ref: Set(None),
        version: Set(FIRST_VERSION),
        created_at: Set(at),
        updated_at: Set(at),
        erased_at: Set(None),
    })
}

fn coalition_model(c: &Coalition) -> Result<coalition::ActiveModel> {
    let first_member = earliest(MEMBERS.iter().filter(|m| m.coalition == c.slug).map(|m| m.joined));
    let at = stamp(c.starts.unwrap_or(first_member))?;
    Ok(coalition::ActiveModel {
        id: NotSet,
        slug: Set(c.slug.to_owned()),
        name: Set(c.name.to_owned()),
        kind: Set(c.kind),
        area: Set(c.area.map(str::to_owned)),
        municipality: Set(c.municipality.map(str::to_owned)),
        stage: Set(c.stage),
        starts_on: Set(opt_day(c.starts)?),
        ends_on: Set(opt_day(c.ends)?),
        description: Set(Some(c.description.to_owned())),
        archived_at: Set(None),
        version: Set(FIRST_VERSION),
        created_at: Set(at),
        updated_at: Set(at),
    })
}

async fn memberships(txn: &DatabaseTransaction, ids: &Ids) -> Result<()> {
    let mut rows = Vec::with_capacity(MEMBERS.len());
    for m in MEMBERS {
        rows.push(coalition_membership::ActiveModel {
            id: NotSet,
            coalition_id: Set(get(&ids.coalitions, m.coalition, "coalition")?),
            organisation_id: Set(get(&ids.orgs, m.org, "organisation")?),
            role: Set(m.role),
            joined_on: Set(opt_day(Some(m.joined))?),
            left_on: Set(None),
            created_at: Set(stamp(m.joined)?),
        });
    }
    coalition_membership::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await
        .context("coalition memberships")?;
    Ok(())
}

async fn workgroups(txn: &DatabaseTransaction, ids: &mut Ids) -> Result<()> {
    let mut themes = Vec::new();
    for w in WORKGROUPS {
        let coalition_id = get(&ids.coalitions, w.coalition, "coalition")?;
        let starts = stamp(w.starts)?;
        let model = workgroup_model(w, coalition_id)?;
        let id = model
            .insert(txn)
            .await
            .with_context(|| format!("workgroup {}", w.key))?
            .id;
        ids.workgroups.insert(
            w.key,
            WorkgroupRef {
                id,
                coalition_id,
                visibility: w.visibility,
                starts,
            },
        );
        for t in w.themes {
            let theme_id = get(&ids.themes, t, "theme")?;
            themes.push(workgroup_theme::ActiveModel {
                workgroup_id: Set(id),
                theme_id: Set(theme_id),
            });
        }
    }
    workgroup_theme::Entity::insert_many(themes)
        .exec_without_returning(txn)
        .await
        .context("workgroup themes")?;
    Ok(())
}

fn workgroup_model(w: &Workgroup, coalition_id: i32) -> Result<workgroup::ActiveModel> {
    let at = stamp(w.starts)?;
    Ok(workgroup::ActiveModel {
        id: NotSet,
        coalition_id: Set(coalition_id),
        name: Set(w.name.to_owned()),
        kind: Set(w.kind),
        method: Set(w.method.map(str::to_owned)),
        description: Set(Some(w.description.to_owned())),
        starts_on: Set(opt_day(Some(w.starts))?),
        ends_on: Set(opt_day(w.ends)?),
        visibility: Set(w.visibility),
        archived_at: Set(None),
        version: Set(FIRST_VERSION),
        created_at: Set(at),
        updated_at: Set(at),
    })
}

async fn workgroup_members(txn: &DatabaseTransaction, ids: &Ids) -> Result<()> {
    let mut rows = Vec::with_capacity(WORKGROUP_MEMBERS.len());
    for m in WORKGROUP_MEMBERS {
        let group = get(&ids.workgroups, m.workgroup, "workgroup")?;
        rows.push(workgroup_membership::ActiveModel {
            id: NotSet,
            workgroup_id: Set(group.id),
            person_id: Set(get(&ids.people, m.person, "person")?),
            role: Set(m.role),
            created_at: Set(group.starts),
        });
    }
    workgroup_membership::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await
        .context("workgroup memberships")?;
    Ok(())
}
