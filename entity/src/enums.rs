//! Enumerations stored as upper-case strings, so the database stays readable and portable.

use sea_orm::entity::prelude::*;

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))", rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum $name { $($variant),+ }
    };
}

string_enum!(
    /// What kind of partner an organisation is.
    OrganisationKind { CareProvider, Municipality, KnowledgeInstitute, Welfare, Housing, Funder, ResidentInitiative, Other }
);
string_enum!(
    /// What form a coalition takes.
    CoalitionKind { CommunityOfPractice, AreaCoalition, LearningCommunity, Partnership }
);
string_enum!(
    /// Where a coalition is in its life (Wenger's stages of a community of practice).
    LifecycleStage { Potential, Coalescing, Active, Dispersed, Memorable }
);
string_enum!(
    /// The part an organisation plays in a coalition.
    MembershipRole { Lead, Partner, KnowledgePartner, Funder }
);
string_enum!(
    /// The form of a workgroup.
    WorkgroupKind { Workgroup, LearningCircle, LearningStudio, LearningNetwork }
);
string_enum!(
    /// Who may see a record.
    Visibility { Public, Partners, Coalition }
);
string_enum!(
    /// The role a person takes part in.
    PersonRole { Resident, Professional, CivilServant, Volunteer, ExperienceExpert, Researcher, Facilitator }
);
string_enum!(
    /// The part a person plays in a workgroup.
    WorkgroupRole { Facilitator, Participant }
);
string_enum!(
    /// Where a learning question stands.
    QuestionStatus { Open, Exploring, Answered, Archived }
);
string_enum!(
    /// What a contribution offers.
    ContributionKind { Experience, Insight, Tip, Do, Dont, Resource }
);
string_enum!(
    /// How a contribution is attributed outside its coalition.
    Attribution { Named, Organisation, Anonymous }
);
string_enum!(
    /// The form of a meeting.
    MeetingKind { LearningSession, Workshop, ExpertMeeting, KnowledgeCommunity }
);
string_enum!(
    /// What was published.
    OutcomeKind { Bundle, Report, Guide, VisualStory, Article, Toolkit }
);
