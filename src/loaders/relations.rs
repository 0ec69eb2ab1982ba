//! Every relation a client can follow to a list, in both directions. Each is one `ToMany`:
//! which column links child to parent, which join table (for many-to-many), which order.

use sea_orm::Condition;

use super::ToMany;
use crate::paging::Sort;
use crate::policy;
use crate::sorts::*;
use crate::viewer::Viewer;

macro_rules! to_many {
    ($(#[$doc:meta])* $name:ident: $child:ident by $parent:expr $(, join $join:expr)?, sort $sort:expr $(, extra $extra:path)?) => {
        $(#[$doc])*
        pub struct $name;
        impl ToMany for $name {
            type Child = entity::$child::Entity;
            const PARENT: (&'static str, &'static str) = $parent;
            $(const JOIN: Option<(&'static str, &'static str)> = Some($join);)?
            fn sort() -> Sort<Self::Child> {
                $sort
            }
            $(fn extra(viewer: &Viewer) -> Condition {
                $extra(viewer)
            })?
        }
    };
}

to_many!(/// Coalitions an organisation takes part in.
    OrganisationMemberships: coalition_membership by ("coalition_membership", "organisation_id"), sort MEMBERSHIP_ID);
to_many!(/// Coalitions an organisation takes part in, without the membership details.
    OrganisationCoalitions: coalition by ("coalition_membership", "organisation_id"), join ("coalition_membership", "coalition_id"), sort COALITION_NAME);
to_many!(/// Organisations taking part in a coalition.
    CoalitionMembers: coalition_membership by ("coalition_membership", "coalition_id"), sort MEMBERSHIP_ID);
to_many!(/// People of an organisation.
    OrganisationPeople: person by ("person", "organisation_id"), sort PERSON_NAME);
to_many!(/// Questions an organisation asked.
    OrganisationQuestions: learning_question by ("learning_question", "asked_by_organisation_id"), sort QUESTION_NEWEST);
to_many!(/// Contributions made on behalf of an organisation, anonymous ones hidden outside the coalition.
    OrganisationContributions: contribution by ("contribution", "organisation_id"), sort CONTRIBUTION_OLDEST,
    extra policy::attributed_to_organisation);
to_many!(/// Workgroups of a coalition.
    CoalitionWorkgroups: workgroup by ("workgroup", "coalition_id"), sort WORKGROUP_NAME);
to_many!(/// Questions of a coalition.
    CoalitionQuestions: learning_question by ("learning_question", "coalition_id"), sort QUESTION_NEWEST);
to_many!(/// Learning tracks of a coalition.
    CoalitionTracks: learning_track by ("learning_track", "coalition_id"), sort TRACK_TITLE);
to_many!(/// Meetings of a coalition.
    CoalitionMeetings: meeting by ("meeting", "coalition_id"), sort MEETING_STARTS);
to_many!(/// Outcomes of a coalition.
    CoalitionOutcomes: outcome by ("outcome", "coalition_id"), sort OUTCOME_TITLE);
to_many!(/// People in a workgroup.
    WorkgroupMembers: workgroup_membership by ("workgroup_membership", "workgroup_id"), sort WORKGROUP_MEMBERSHIP_ID);
to_many!(/// Questions of a workgroup.
    WorkgroupQuestions: learning_question by ("learning_question", "workgroup_id"), sort QUESTION_NEWEST);
to_many!(/// Meetings of a workgroup.
    WorkgroupMeetings: meeting by ("meeting", "workgroup_id"), sort MEETING_STARTS);
to_many!(/// Themes of a workgroup.
    WorkgroupThemes: theme by ("workgroup_theme", "workgroup_id"), join ("workgroup_theme", "theme_id"), sort THEME_NAME);
to_many!(/// Workgroups a person takes part in.
    PersonMemberships: workgroup_membership by ("workgroup_membership", "person_id"), sort WORKGROUP_MEMBERSHIP_ID);
to_many!(/// Contributions by a person, those shared without name hidden outside the coalition.
    PersonContributions: contribution by ("contribution", "author_person_id"), sort CONTRIBUTION_OLDEST,
    extra policy::attributed_to_person);
to_many!(/// Questions a person asked.
    PersonQuestions: learning_question by ("learning_question", "asked_by_person_id"), sort QUESTION_NEWEST);
to_many!(/// Questions with a theme.
    ThemeQuestions: learning_question by ("question_theme", "theme_id"), join ("question_theme", "question_id"), sort QUESTION_NEWEST);
to_many!(/// Workgroups with a theme.
    ThemeWorkgroups: workgroup by ("workgroup_theme", "theme_id"), join ("workgroup_theme", "workgroup_id"), sort WORKGROUP_NAME);
to_many!(/// Themes of a question.
    QuestionThemes: theme by ("question_theme", "question_id"), join ("question_theme", "theme_id"), sort THEME_NAME);
to_many!(/// Contributions to a question.
    QuestionContributions: contribution by ("contribution", "question_id"), sort CONTRIBUTION_OLDEST);
to_many!(/// Meetings that discussed a question.
    QuestionMeetings: meeting by ("meeting_question", "question_id"), join ("meeting_question", "meeting_id"), sort MEETING_STARTS);
to_many!(/// Outcomes that answer a question.
    QuestionOutcomes: outcome by ("outcome_question", "question_id"), join ("outcome_question", "outcome_id"), sort OUTCOME_TITLE);
to_many!(/// Questions discussed in a meeting.
    MeetingQuestions: learning_question by ("meeting_question", "meeting_id"), join ("meeting_question", "question_id"), sort QUESTION_NEWEST);
to_many!(/// Learning tracks a meeting is a session of.
    MeetingTracks: learning_track by ("track_session", "meeting_id"), join ("track_session", "track_id"), sort TRACK_TITLE);
to_many!(/// Questions an outcome answers.
    OutcomeQuestions: learning_question by ("outcome_question", "outcome_id"), join ("outcome_question", "question_id"), sort QUESTION_NEWEST);
to_many!(/// Sessions of a learning track, in date order.
    TrackSessions: meeting by ("track_session", "track_id"), join ("track_session", "meeting_id"), sort MEETING_STARTS);
