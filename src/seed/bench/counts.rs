//! How many rows a scale asks for, and how many rows each table got.

use std::fmt;

/// The sizes at scale 1; every one grows linearly with the scale.
pub struct Plan {
    pub organisations: usize,
    pub themes: usize,
    pub people: usize,
    pub coalitions: usize,
    pub workgroups: usize,
    pub questions: usize,
    pub contributions: usize,
    pub meetings: usize,
    pub tracks: usize,
    pub outcomes: usize,
}

/// Organisations each coalition has as members; also the fewest organisations generated.
pub const MEMBERS_PER_COALITION: usize = 5;

/// The largest scale accepted: 100,000,000 contributions still fit an `i32` id.
pub const MAX_SCALE: f64 = 1_000.0;

impl Plan {
    /// The sizes at `scale`: 200 organisations, 500 coalitions, 2,000 workgroups, 20,000
    /// questions and 100,000 contributions at scale 1. Every table gets at least one row, and
    /// at least five organisations so each coalition can have five members.
    pub fn at(scale: f64) -> anyhow::Result<Self> {
        anyhow::ensure!(
            scale.is_finite() && scale > 0.0 && scale <= MAX_SCALE,
            "the bench scale must be above 0 and at most {MAX_SCALE}, not {scale}"
        );
        let n = |base: f64| ((base * scale).round() as usize).max(1);
        Ok(Self {
            organisations: n(200.0).max(MEMBERS_PER_COALITION),
            themes: n(30.0),
            people: n(2_000.0),
            coalitions: n(500.0),
            workgroups: n(2_000.0),
            questions: n(20_000.0),
            contributions: n(100_000.0),
            meetings: n(5_000.0),
            tracks: n(500.0),
            outcomes: n(1_000.0),
        })
    }
}

/// Rows written per table by `seed_bench`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BenchCounts {
    pub organisations: u64,
    pub themes: u64,
    pub people: u64,
    pub coalitions: u64,
    pub coalition_memberships: u64,
    pub workgroups: u64,
    pub workgroup_memberships: u64,
    pub workgroup_themes: u64,
    pub learning_questions: u64,
    pub question_themes: u64,
    pub contributions: u64,
    pub learning_tracks: u64,
    pub meetings: u64,
    pub meeting_questions: u64,
    pub track_sessions: u64,
    pub outcomes: u64,
    pub outcome_questions: u64,
}

impl BenchCounts {
    /// `(table, rows)` for every table written, in insertion order.
    pub fn tables(&self) -> [(&'static str, u64); 17] {
        [
            ("organisation", self.organisations),
            ("theme", self.themes),
            ("person", self.people),
            ("coalition", self.coalitions),
            ("coalition_membership", self.coalition_memberships),
            ("workgroup", self.workgroups),
            ("workgroup_membership", self.workgroup_memberships),
            ("workgroup_theme", self.workgroup_themes),
            ("learning_question", self.learning_questions),
            ("question_theme", self.question_themes),
            ("contribution", self.contributions),
            ("learning_track", self.learning_tracks),
            ("meeting", self.meetings),
            ("meeting_question", self.meeting_questions),
            ("track_session", self.track_sessions),
            ("outcome", self.outcomes),
            ("outcome_question", self.outcome_questions),
        ]
    }

    /// All rows written.
    pub fn total(&self) -> u64 {
        self.tables().iter().map(|(_, n)| n).sum()
    }
}

impl fmt::Display for BenchCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (table, rows) in self.tables() {
            writeln!(f, "{table:<22} {rows:>10}")?;
        }
        write!(f, "{:<22} {:>10}", "total", self.total())
    }
}
