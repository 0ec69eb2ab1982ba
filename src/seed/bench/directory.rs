//! The directory: organisations, themes and people.

use anyhow::Result;
use sea_orm::ActiveValue::Set;
use sea_orm::DatabaseTransaction;

use entity::{OrganisationKind as K, PersonRole, organisation, person, theme};

use super::rng::{FIRST, Rng, days, instant};
use super::sink::insert_all;
use super::text::{fill, slug, text};
use super::words::{AREAS, FIRST_NAMES, LAST_NAMES, ORG_NAMES, PLACES, THEMES};
use super::world::{FIRST_VERSION, World, id};

const KINDS: &[(K, i64)] = &[
    (K::CareProvider, 25),
    (K::Municipality, 15),
    (K::KnowledgeInstitute, 10),
    (K::Welfare, 15),
    (K::Housing, 10),
    (K::Funder, 5),
    (K::ResidentInitiative, 15),
    (K::Other, 5),
];

/// Inserts organisations, themes and people.
pub async fn run(txn: &DatabaseTransaction, world: &mut World) -> Result<()> {
    let mut rng = Rng::stream("organisation");
    let mut created = Vec::with_capacity(world.plan.organisations);
    let rows = (0..world.plan.organisations)
        .map(|i| organisation(&mut rng, i, &mut created))
        .collect();
    world.orgs = created;
    world.counts.organisations = insert_all(txn, rows).await?;

    let mut rng = Rng::stream("theme");
    let rows = (0..world.plan.themes).map(|i| theme(&mut rng, i)).collect();
    world.themes = world.plan.themes;
    world.counts.themes = insert_all(txn, rows).await?;

    let mut rng = Rng::stream("person");
    world.staff = vec![Vec::new(); world.orgs.len()];
    let rows = (0..world.plan.people).map(|i| person(&mut rng, world, i)).collect();
    world.counts.people = insert_all(txn, rows).await?;
    Ok(())
}

fn organisation(rng: &mut Rng, i: usize, stamps: &mut Vec<i64>) -> organisation::ActiveModel {
    let kind = rng.weighted(KINDS);
    let place = *rng.pick(PLACES);
    let name = match kind {
        K::CareProvider => format!("Zorggroep {}", rng.pick(ORG_NAMES)),
        K::Municipality => format!("Gemeente {place}"),
        K::KnowledgeInstitute => format!("Hogeschool {place}"),
        K::Welfare => format!("Welzijn {place}"),
        K::Housing => format!("Woonstichting {}", rng.pick(ORG_NAMES)),
        K::Funder => format!("Fonds {}", rng.pick(ORG_NAMES)),
        K::ResidentInitiative => format!("Bewonersinitiatief {}", rng.pick(AREAS)),
        K::Other => format!("Netwerk {}", rng.pick(ORG_NAMES)),
    };
    let slug = format!("{}-{}", slug(&name), i + 1);
    let created = rng.range(FIRST, FIRST + days(365));
    let updated = rng.after(created, 180);
    stamps.push(created);
    organisation::ActiveModel {
        id: Set(id(i)),
        website: Set(rng.chance(80).then(|| format!("https://{slug}.example.nl"))),
        slug: Set(slug),
        name: Set(name),
        kind: Set(kind),
        city: Set(Some(place.to_owned())),
        description: Set(Some(text(rng, "", 150, 600))),
        external_ref: Set(rng.chance(30).then(|| format!("crm-org-{}", i + 1))),
        archived_at: Set(rng.chance(2).then(|| instant(rng.after(updated, 900)))),
        version: Set(FIRST_VERSION),
        created_at: Set(instant(created)),
        updated_at: Set(instant(updated)),
    }
}

fn theme(rng: &mut Rng, i: usize) -> theme::ActiveModel {
    let (stem, name) = THEMES[i % THEMES.len()];
    // Past the list, themes repeat with a round number, so slugs stay unique.
    let round = i / THEMES.len();
    let (slug, name) = match round {
        0 => (stem.to_owned(), name.to_owned()),
        r => (format!("{stem}-{}", r + 1), format!("{name} ({})", r + 1)),
    };
    theme::ActiveModel {
        id: Set(id(i)),
        slug: Set(slug),
        name: Set(name),
        description: Set(Some(fill(rng, "Wat coalities leren over {t}, vooral {w}."))),
        version: Set(FIRST_VERSION),
        created_at: Set(instant(rng.range(FIRST, FIRST + days(365)))),
    }
}

fn person(rng: &mut Rng, world: &mut World, i: usize) -> person::ActiveModel {
    let name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
    // One in ten people is a resident without an organisation and without a public address.
    let org = (!rng.chance(10)).then(|| rng.below(world.orgs.len()));
    let role = match org {
        None => PersonRole::Resident,
        Some(_) => rng.weighted(&[
            (PersonRole::Professional, 50),
            (PersonRole::CivilServant, 10),
            (PersonRole::Volunteer, 15),
            (PersonRole::ExperienceExpert, 10),
            (PersonRole::Researcher, 8),
            (PersonRole::Facilitator, 7),
        ]),
    };
    match org {
        Some(o) => world.staff[o].push(i),
        None => world.residents.push(i),
    }
    let created = rng.range(FIRST, FIRST + days(6 * 365));
    person::ActiveModel {
        id: Set(id(i)),
        organisation_id: Set(org.map(id)),
        email: Set(org.map(|_| format!("{}.{}@example.org", slug(&name), i + 1))),
        name: Set(name),
        role: Set(role),
        external_ref: Set(org.filter(|_| rng.chance(25)).map(|_| format!("hr-{}", i + 1))),
        version: Set(FIRST_VERSION),
        created_at: Set(instant(created)),
        updated_at: Set(instant(rng.after(created, 180))),
        erased_at: Set(None),
    }
}
