//! Who may see what, in one place and in SQL. Every read path (lists, totalCount, node/nodes,
//! nested relations, filters) adds `E::visible(viewer)` to its query, so they cannot disagree.
//!
//! A record is visible when its own visibility admits the viewer *and* its parent is visible:
//! a contribution inside a coalition-only question stays hidden even if marked PUBLIC.

use entity::{
    Attribution, Visibility, audit_event, change_event, coalition, coalition_membership, contribution,
    learning_question, learning_track, meeting, meeting_question, organisation, outcome, outcome_question, person,
    question_theme, theme, track_session, workgroup, workgroup_membership, workgroup_theme,
};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, EntityTrait};

use crate::paging::Keyed;
use crate::viewer::{Role, TokenViewer, Viewer};

/// An entity whose rows are filtered by the viewer.
pub trait Guarded: EntityTrait {
    /// The condition a row must meet to be seen by `viewer`.
    fn visible(viewer: &Viewer) -> Condition;

    /// The condition for rows reached from a parent row the viewer sees, through the row's
    /// foreign key column `parent_column`. Where the row's visibility includes that parent's,
    /// the parent's check is left out: the parent was checked when it was read (every row a
    /// resolver follows a relation from was read through `visible`).
    fn visible_below(viewer: &Viewer, parent_column: &str) -> Condition {
        let _ = parent_column;
        Self::visible(viewer)
    }
}

macro_rules! public {
    ($($m:ident),+) => { $(impl Guarded for $m::Entity {
        fn visible(_: &Viewer) -> Condition { Condition::all() }
    })+ };
}

// The directory of partners, coalitions, people and themes is public; so are the join tables,
// whose both ends are checked on their own.
public!(
    organisation,
    coalition,
    coalition_membership,
    person,
    theme,
    learning_track,
    question_theme,
    workgroup_theme,
    meeting_question,
    outcome_question,
    track_session
);

/// Own-visibility check: PUBLIC for all, PARTNERS for any token, COALITION for member tokens.
fn level<C: ColumnTrait>(viewer: &Viewer, visibility: C, coalition_id: C) -> Condition {
    match viewer {
        Viewer::Anonymous => Condition::all().add(visibility.eq(Visibility::Public)),
        Viewer::Token(t) if t.role == Role::PlatformAdmin => Condition::all(),
        Viewer::Token(t) => Condition::any()
            .add(visibility.is_in([Visibility::Public, Visibility::Partners]))
            .add(
                Condition::all()
                    .add(visibility.eq(Visibility::Coalition))
                    .add(coalition_id.is_in(t.coalitions.iter().copied())),
            ),
    }
}

/// Both conditions. `level` may be an OR of alternatives, so a further requirement must never be
/// `add`ed into it (that would widen it); it is ANDed alongside instead.
fn both(a: Condition, b: Condition) -> Condition {
    Condition::all().add(a).add(b)
}

/// The row of parent entity `P` that foreign key `fk` points at is visible to the viewer. A
/// correlated EXISTS on the parent's primary key: one index lookup per row, where an `IN
/// (visible ids)` subquery made the database build the whole visible set for every statement.
fn parent_visible<P: Keyed>(viewer: &Viewer, fk: impl ColumnTrait) -> Condition {
    let parent = P::default();
    let mut probe = Query::select();
    probe
        .expr(Expr::val(1))
        .from(parent)
        .and_where(Expr::col((parent, P::id_column())).equals((fk.entity_name(), fk)))
        .cond_where(P::visible(viewer));
    Condition::all().add(Expr::exists(probe))
}

/// `column` is NULL or points at a visible workgroup: no workgroup hidden from the viewer has
/// that id. Written as NOT EXISTS, not as `IS NULL OR EXISTS (visible)`: an EXISTS under an OR
/// cannot become a join, and PostgreSQL then hashed every visible workgroup for each statement,
/// so a page cost grew with the table. (The workgroup's visibility columns are NOT NULL, so the
/// negated condition is never unknown.)
fn in_visible_workgroup<C: ColumnTrait>(viewer: &Viewer, column: C) -> Condition {
    if viewer.is_platform_admin() {
        return Condition::all();
    }
    let wg = workgroup::Entity;
    let mut hidden = Query::select();
    hidden
        .expr(Expr::val(1))
        .from(wg)
        .and_where(Expr::col((wg, workgroup::Column::Id)).equals((column.entity_name(), column)))
        .cond_where(workgroup::Entity::visible(viewer).not());
    Condition::all().add(Expr::exists(hidden).not())
}

impl Guarded for workgroup::Entity {
    fn visible(viewer: &Viewer) -> Condition {
        use workgroup::Column as C;
        level(viewer, C::Visibility, C::CoalitionId)
    }
}

impl Guarded for workgroup_membership::Entity {
    fn visible(viewer: &Viewer) -> Condition {
        // Who takes part in a workgroup is as visible as the workgroup itself.
        in_visible_workgroup(viewer, workgroup_membership::Column::WorkgroupId)
    }

    fn visible_below(viewer: &Viewer, parent_column: &str) -> Condition {
        match parent_column {
            "workgroup_id" => Condition::all(),
            _ => Self::visible(viewer),
        }
    }
}

impl Guarded for learning_question::Entity {
    fn visible(viewer: &Viewer) -> Condition {
        use learning_question::Column as C;
        both(
            level(viewer, C::Visibility, C::CoalitionId),
            in_visible_workgroup(viewer, C::WorkgroupId),
        )
    }

    fn visible_below(viewer: &Viewer, parent_column: &str) -> Condition {
        use learning_question::Column as C;
        match parent_column {
            "workgroup_id" => level(viewer, C::Visibility, C::CoalitionId),
            _ => Self::visible(viewer),
        }
    }
}

impl Guarded for contribution::Entity {
    fn visible(viewer: &Viewer) -> Condition {
        use contribution::Column as C;
        let own = level(viewer, C::Visibility, C::CoalitionId);
        if viewer.is_platform_admin() {
            return own;
        }
        both(own, parent_visible::<learning_question::Entity>(viewer, C::QuestionId))
    }

    fn visible_below(viewer: &Viewer, parent_column: &str) -> Condition {
        use contribution::Column as C;
        match parent_column {
            "question_id" => level(viewer, C::Visibility, C::CoalitionId),
            _ => Self::visible(viewer),
        }
    }
}

impl Guarded for meeting::Entity {
    fn visible(viewer: &Viewer) -> Condition {
        use meeting::Column as C;
        both(
            level(viewer, C::Visibility, C::CoalitionId),
            in_visible_workgroup(viewer, C::WorkgroupId),
        )
    }

    fn visible_below(viewer: &Viewer, parent_column: &str) -> Condition {
        use meeting::Column as C;
        match parent_column {
            "workgroup_id" => level(viewer, C::Visibility, C::CoalitionId),
            _ => Self::visible(viewer),
        }
    }
}

impl Guarded for outcome::Entity {
    fn visible(viewer: &Viewer) -> Condition {
        use outcome::Column as C;
        level(viewer, C::Visibility, C::CoalitionId)
    }
}

impl Guarded for audit_event::Entity {
    /// Platform admins read the whole log; an organisation's admins read what its tokens did
    /// and what was done to the organisation itself; nobody else reads it.
    fn visible(viewer: &Viewer) -> Condition {
        use audit_event::Column as C;
        match viewer {
            Viewer::Token(t) if t.role == Role::PlatformAdmin => Condition::all(),
            Viewer::Token(TokenViewer {
                role: Role::OrgAdmin,
                organisation_id: Some(org),
                ..
            }) => {
                let own = crate::ids::encode(crate::ids::NodeType::Organisation, *org);
                Condition::any().add(C::OrganisationId.eq(*org)).add(
                    Condition::all()
                        .add(C::EntityType.eq("Organisation"))
                        .add(C::EntityId.eq(own)),
                )
            }
            _ => Condition::all().add(C::Id.lt(0)),
        }
    }
}

impl Guarded for change_event::Entity {
    /// An event is seen by whom may see its record now. When the record is gone, and for a
    /// deletion, a narrowed visibility or an erasure, also by whom could see it then (the
    /// scope stored with the event), so that every holder of a copy hears to drop it.
    fn visible(viewer: &Viewer) -> Condition {
        if viewer.is_platform_admin() {
            return Condition::all();
        }
        use crate::ids::NodeType as T;
        let scoped = scope_admits(viewer);
        // Records for admins only are seen through their stored scope alone.
        let admin_only = [T::ApiToken.name(), T::Webhook.name(), T::WebhookDelivery.name()];
        let mut any = Condition::any().add(
            Condition::all()
                .add(change_event::Column::EntityType.is_in(admin_only))
                .add(scoped.clone()),
        );
        macro_rules! records {
            ($($t:ident => $m:ident),+) => { $(
                any = any.add(record_event::<$m::Entity>(viewer, T::$t, scoped.clone()));
            )+ };
        }
        records!(
            Organisation => organisation,
            Coalition => coalition,
            CoalitionMembership => coalition_membership,
            Workgroup => workgroup,
            WorkgroupMembership => workgroup_membership,
            Person => person,
            Theme => theme,
            LearningQuestion => learning_question,
            Contribution => contribution,
            LearningTrack => learning_track,
            Meeting => meeting,
            Outcome => outcome
        );
        any
    }
}

/// Events about records of `E`: the record exists and is visible, or the stored scope admits
/// the viewer and the record is gone or the event must reach former readers.
fn record_event<E: Keyed>(viewer: &Viewer, t: crate::ids::NodeType, scoped: Condition) -> Condition {
    use change_event::Column as C;
    let row = |visible: Option<Condition>| {
        let e = E::default();
        let mut probe = Query::select();
        probe
            .expr(Expr::val(1))
            .from(e)
            .and_where(Expr::col((e, E::id_column())).equals((change_event::Entity, C::EntityId)));
        if let Some(v) = visible {
            probe.cond_where(v);
        }
        Expr::exists(probe)
    };
    let former = crate::changes::Action::ALL
        .into_iter()
        .filter(|a| a.reaches_former_readers())
        .map(|a| a.as_str());
    Condition::all().add(C::EntityType.eq(t.name())).add(
        Condition::any().add(row(Some(E::visible(viewer)))).add(
            Condition::all().add(scoped).add(
                Condition::any()
                    .add(C::Action.is_in(former))
                    .add(Condition::all().add(row(None).not())),
            ),
        ),
    )
}

/// A stored scope, a visibility level and a coalition kept beside a record's copy (as each
/// search entry keeps its record's effective one, see `search::scope`), admits the viewer: the
/// rule of `level`, on columns without an entity. A NULL level admits platform admins only.
pub fn stored_level_admits(viewer: &Viewer, visibility: impl Fn() -> Expr, coalition_id: Expr) -> Condition {
    match viewer {
        Viewer::Anonymous => Condition::all().add(visibility().eq("PUBLIC")),
        Viewer::Token(t) if t.role == Role::PlatformAdmin => Condition::all(),
        Viewer::Token(t) => Condition::any().add(visibility().is_in(["PUBLIC", "PARTNERS"])).add(
            Condition::all()
                .add(visibility().eq("COALITION"))
                .add(coalition_id.is_in(t.coalitions.iter().copied())),
        ),
    }
}

/// The stored scope of an event admits the viewer: its level and coalition as
/// [`stored_level_admits`] reads them, or, for an organisation admin, the ADMIN scope of its own
/// organisation. (Platform admins see every event; both callers answer them before asking.)
pub fn scope_admits(viewer: &Viewer) -> Condition {
    use change_event::Column as C;
    let ce = change_event::Entity;
    let level = stored_level_admits(
        viewer,
        || Expr::col((ce, C::ScopeVisibility)),
        Expr::col((ce, C::ScopeCoalitionId)),
    );
    match viewer {
        Viewer::Token(TokenViewer {
            role: Role::OrgAdmin,
            organisation_id: Some(org),
            ..
        }) => Condition::any().add(level).add(
            Condition::all()
                .add(C::ScopeVisibility.eq("ADMIN"))
                .add(C::ScopeOrganisationId.eq(*org)),
        ),
        _ => level,
    }
}

/// Contributions that may be listed under their author: NAMED ones, or all inside the coalition.
pub fn attributed_to_person(viewer: &Viewer) -> Condition {
    attributed(viewer, &[Attribution::Named])
}

/// Contributions that may be listed under their organisation: all but ANONYMOUS ones outside
/// the coalition.
pub fn attributed_to_organisation(viewer: &Viewer) -> Condition {
    attributed(viewer, &[Attribution::Named, Attribution::Organisation])
}

fn attributed(viewer: &Viewer, open: &[Attribution]) -> Condition {
    use contribution::Column as C;
    match viewer {
        Viewer::Token(t) if t.role == Role::PlatformAdmin => Condition::all(),
        Viewer::Token(t) => Condition::any()
            .add(C::Attribution.is_in(open.iter().copied()))
            .add(C::CoalitionId.is_in(t.coalitions.iter().copied())),
        Viewer::Anonymous => Condition::all().add(C::Attribution.is_in(open.iter().copied())),
    }
}

/// Whether the viewer may see the person behind a contribution.
pub fn shows_author(viewer: &Viewer, c: &contribution::Model) -> bool {
    c.attribution == Attribution::Named || viewer.in_coalition(c.coalition_id)
}

/// Whether the viewer may see the organisation behind a contribution.
pub fn shows_organisation(viewer: &Viewer, c: &contribution::Model) -> bool {
    c.attribution != Attribution::Anonymous || viewer.in_coalition(c.coalition_id)
}

/// Whether the viewer may read a person's email: the person's own organisation admins and
/// platform admins.
pub fn shows_email(viewer: &Viewer, p: &person::Model) -> bool {
    match viewer {
        Viewer::Token(t) => {
            t.role == Role::PlatformAdmin
                || (t.role == Role::OrgAdmin && t.organisation_id.is_some() && t.organisation_id == p.organisation_id)
        }
        Viewer::Anonymous => false,
    }
}
