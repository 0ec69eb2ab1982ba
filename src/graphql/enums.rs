//! GraphQL enums, mirrored from the stored enums so each value carries documentation.

use async_graphql::Enum;

/// What kind of partner an organisation is.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "entity::OrganisationKind")]
pub enum OrganisationKind {
    /// A care or support provider (Cordaan, Philadelphia, HVO Querido, …).
    CareProvider,
    /// A municipality.
    Municipality,
    /// A university of applied sciences or research institute.
    KnowledgeInstitute,
    /// A welfare organisation.
    Welfare,
    /// A housing corporation.
    Housing,
    /// A funder such as ZonMw.
    Funder,
    /// An initiative run by residents.
    ResidentInitiative,
    /// Anything else.
    Other,
}

/// What form a coalition takes.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "entity::CoalitionKind")]
pub enum CoalitionKind {
    /// A community of practice.
    CommunityOfPractice,
    /// A coalition working on one area or neighbourhood.
    AreaCoalition,
    /// A learning community.
    LearningCommunity,
    /// A partnership of organisations.
    Partnership,
}

/// Where a coalition is in its life.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "entity::LifecycleStage")]
pub enum LifecycleStage {
    /// People have found each other but do not work together yet.
    Potential,
    /// The coalition is forming.
    Coalescing,
    /// The coalition works and learns together.
    Active,
    /// The coalition is winding down.
    Dispersed,
    /// The coalition has ended and is remembered for what it left.
    Memorable,
}

/// The part an organisation plays in a coalition.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "entity::MembershipRole")]
pub enum MembershipRole {
    /// Leads the coalition.
    Lead,
    /// Takes part.
    Partner,
    /// Brings knowledge and research.
    KnowledgePartner,
    /// Pays for (part of) the work.
    Funder,
}

/// The form of a workgroup.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "entity::WorkgroupKind")]
pub enum WorkgroupKind {
    /// A workgroup.
    Workgroup,
    /// A learning circle.
    LearningCircle,
    /// A learning studio (leeratelier).
    LearningStudio,
    /// A learning network between places or organisations.
    LearningNetwork,
}

/// Who may see a record.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "entity::Visibility")]
pub enum Visibility {
    /// Anyone, without a token.
    Public,
    /// Anyone with a valid token.
    Partners,
    /// Tokens of the coalition's member organisations, and platform admins.
    Coalition,
}

/// The role a person takes part in.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "entity::PersonRole")]
pub enum PersonRole {
    /// A resident of the neighbourhood.
    Resident,
    /// A social or care professional.
    Professional,
    /// A civil servant.
    CivilServant,
    /// A volunteer.
    Volunteer,
    /// An expert by experience.
    ExperienceExpert,
    /// A researcher.
    Researcher,
    /// A facilitator of learning.
    Facilitator,
}

/// The part a person plays in a workgroup.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "entity::WorkgroupRole")]
pub enum WorkgroupRole {
    /// Leads the sessions.
    Facilitator,
    /// Takes part.
    Participant,
}

/// Where a learning question stands.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "entity::QuestionStatus")]
pub enum QuestionStatus {
    /// Asked, not yet worked on.
    Open,
    /// Being explored.
    Exploring,
    /// Answered; see the resolution summary and outcomes.
    Answered,
    /// No longer pursued.
    Archived,
}

/// What a contribution offers.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "entity::ContributionKind")]
pub enum ContributionKind {
    /// Something that happened in practice.
    Experience,
    /// Something understood.
    Insight,
    /// Practical advice.
    Tip,
    /// Something to do.
    Do,
    /// Something not to do.
    Dont,
    /// A link to a document, tool or publication.
    Resource,
}

/// How a contribution is attributed outside its coalition (the Chatham House rule).
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "entity::Attribution")]
pub enum Attribution {
    /// Person and organisation are shown.
    Named,
    /// Only the organisation is shown outside the coalition.
    Organisation,
    /// Neither person nor organisation is shown outside the coalition.
    Anonymous,
}

/// The form of a meeting.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "entity::MeetingKind")]
pub enum MeetingKind {
    /// A learning session.
    LearningSession,
    /// A workshop.
    Workshop,
    /// A meeting with experts.
    ExpertMeeting,
    /// An afternoon of a knowledge community.
    KnowledgeCommunity,
}

/// What was published.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(remote = "entity::OutcomeKind")]
pub enum OutcomeKind {
    /// A bundle of findings.
    Bundle,
    /// A report.
    Report,
    /// A guide or handbook (handreiking).
    Guide,
    /// A visual story.
    VisualStory,
    /// An article.
    Article,
    /// A toolkit of methods and work forms.
    Toolkit,
}

/// Sort direction.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug, Default)]
pub enum OrderDirection {
    /// Smallest, earliest or A first.
    #[default]
    Asc,
    /// Largest, latest or Z first.
    Desc,
}
