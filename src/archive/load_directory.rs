//! Writing the directory records of an archive and the coalition itself: organisations and
//! themes (reused when their slug exists), people (always new), the coalition and its members.

use chrono::Utc;
use entity::{coalition, coalition_membership as cm, organisation, person, theme};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter};

use super::load::{Loader, created, enum_of, need};
use super::records as r;
use crate::changes::Scope;
use crate::codes::Code;
use crate::ids::NodeType;
use crate::services::write::path::Write;
use crate::services::write::{Check, WriteResult};

impl Loader {
    pub(super) async fn organisation(&mut self, w: &mut Write<'_>, o: r::Organisation) -> WriteResult<()> {
        let mut c = Check::new();
        let slug = c.slug("slug", &o.slug);
        let name = c.text("name", &o.name, 200);
        let kind = enum_of(&mut c, "kind", &o.kind);
        let city = c.opt_text("city", o.city.as_deref(), 120);
        let website = c.url("website", o.website.as_deref());
        let description = c.opt_text("description", o.description.as_deref(), 10_000);
        if self.orgs.contains_key(&slug) {
            c.fail("slug", Code::Duplicate, "This organisation has a line already");
        }
        c.finish()?;
        let existing = organisation::Entity::find()
            .filter(organisation::Column::Slug.eq(&slug))
            .one(w.db())
            .await?;
        let id = match existing {
            Some(found) => found.id,
            None => {
                let now = Utc::now();
                let row = organisation::ActiveModel {
                    id: NotSet,
                    slug: Set(slug.clone()),
                    name: Set(name),
                    kind: Set(need(kind)?),
                    city: Set(city),
                    website: Set(website),
                    description: Set(description),
                    external_ref: Set(None),
                    archived_at: Set(None),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
                .insert(w.db())
                .await?;
                w.record(created(NodeType::Organisation, row.id, Scope::PUBLIC).version(1));
                row.id
            }
        };
        self.orgs.insert(slug, id);
        Ok(())
    }

    pub(super) async fn theme(&mut self, w: &mut Write<'_>, t: r::Theme) -> WriteResult<()> {
        let mut c = Check::new();
        let slug = c.slug("slug", &t.slug);
        let name = c.text("name", &t.name, 120);
        let description = c.opt_text("description", t.description.as_deref(), 10_000);
        if self.themes.contains_key(&slug) {
            c.fail("slug", Code::Duplicate, "This theme has a line already");
        }
        c.finish()?;
        let existing = theme::Entity::find()
            .filter(theme::Column::Slug.eq(&slug))
            .one(w.db())
            .await?;
        let id = match existing {
            Some(found) => found.id,
            None => {
                let row = theme::ActiveModel {
                    id: NotSet,
                    slug: Set(slug.clone()),
                    name: Set(name),
                    description: Set(description),
                    version: Set(1),
                    created_at: Set(Utc::now()),
                }
                .insert(w.db())
                .await?;
                w.record(created(NodeType::Theme, row.id, Scope::PUBLIC).version(1));
                row.id
            }
        };
        self.themes.insert(slug, id);
        Ok(())
    }

    pub(super) async fn person(&mut self, w: &mut Write<'_>, p: r::Person) -> WriteResult<()> {
        let mut c = Check::new();
        let name = c.text("name", &p.name, 200);
        let role = enum_of(&mut c, "role", &p.role);
        let organisation_id = self.org(&mut c, "organisation", p.organisation.as_deref());
        c.finish()?;
        let now = Utc::now();
        let row = person::ActiveModel {
            id: NotSet,
            organisation_id: Set(organisation_id),
            name: Set(name),
            email: Set(None),
            role: Set(need(role)?),
            external_ref: Set(None),
            erased_at: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(w.db())
        .await?;
        w.record(created(NodeType::Person, row.id, Scope::PUBLIC).version(1));
        self.people.insert(p.id, row.id);
        Ok(())
    }

    pub(super) async fn coalition(&mut self, w: &mut Write<'_>, k: r::Coalition) -> WriteResult<()> {
        let mut c = Check::new();
        if self.coalition.is_some() {
            c.fail(
                "type",
                Code::Duplicate,
                "A second coalition line: an archive holds one coalition",
            );
        }
        let slug = c.slug("slug", &k.slug);
        if slug != self.slug {
            c.fail(
                "slug",
                Code::Invalid,
                "The coalition's slug is not the one the header names",
            );
        }
        let name = c.text("name", &k.name, 200);
        let kind = enum_of(&mut c, "kind", &k.kind);
        let stage = enum_of(&mut c, "stage", &k.stage);
        let area = c.opt_text("area", k.area.as_deref(), 200);
        let municipality = c.opt_text("municipality", k.municipality.as_deref(), 120);
        let description = c.opt_text("description", k.description.as_deref(), 10_000);
        c.date("startsOn", k.starts_on);
        c.date("endsOn", k.ends_on);
        c.order("endsOn", k.starts_on, k.ends_on);
        c.finish()?;
        let row = coalition::ActiveModel {
            id: NotSet,
            slug: Set(slug),
            name: Set(name),
            kind: Set(need(kind)?),
            area: Set(area),
            municipality: Set(municipality),
            stage: Set(need(stage)?),
            starts_on: Set(k.starts_on),
            ends_on: Set(k.ends_on),
            description: Set(description),
            archived_at: Set(k.archived_at.map(|t| t.0)),
            version: Set(1),
            created_at: Set(k.created_at.0),
            updated_at: Set(k.updated_at.0),
        }
        .insert(w.db())
        .await?;
        w.record(created(NodeType::Coalition, row.id, Scope::PUBLIC.in_coalition(row.id)).version(1));
        self.coalition = Some(row.id);
        Ok(())
    }

    pub(super) async fn membership(&mut self, w: &mut Write<'_>, m: r::Membership) -> WriteResult<()> {
        let coalition_id = self.in_coalition()?;
        let mut c = Check::new();
        let org = self.org(&mut c, "organisation", Some(&m.organisation));
        let role = enum_of(&mut c, "role", &m.role);
        c.date("joinedOn", m.joined_on);
        c.date("leftOn", m.left_on);
        c.order("leftOn", m.joined_on, m.left_on);
        if let Some(o) = org
            && !self.pairs.insert((0, coalition_id, o))
        {
            c.fail("organisation", Code::Duplicate, "This organisation is a member already");
        }
        c.finish()?;
        let row = cm::ActiveModel {
            id: NotSet,
            coalition_id: Set(coalition_id),
            organisation_id: Set(need(org)?),
            role: Set(need(role)?),
            joined_on: Set(m.joined_on),
            left_on: Set(m.left_on),
            created_at: Set(m.created_at.0),
        }
        .insert(w.db())
        .await?;
        let scope = Scope::PUBLIC.in_coalition(coalition_id);
        w.record(created(NodeType::CoalitionMembership, row.id, scope));
        Ok(())
    }
}
