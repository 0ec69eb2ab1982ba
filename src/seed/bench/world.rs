//! What later tables need to know about rows already generated. A row's id is its index + 1:
//! the generator sets ids itself, so they are the same on every database.

use entity::{QuestionStatus, Visibility};

use super::counts::{BenchCounts, Plan};

/// The optimistic-lock version of a freshly inserted row.
pub const FIRST_VERSION: i32 = 1;

/// The id of the row at `index`.
pub fn id(index: usize) -> i32 {
    // Plan::at bounds the scale, so every index fits an i32.
    i32::try_from(index + 1).unwrap_or(i32::MAX)
}

pub struct Coalition {
    pub created: i64,
    /// Indexes of the member organisations, the lead first.
    pub members: Vec<usize>,
    /// Indexes of its workgroups and learning questions.
    pub workgroups: Vec<usize>,
    pub questions: Vec<usize>,
}

pub struct Workgroup {
    pub coalition: usize,
    pub visibility: Visibility,
    pub created: i64,
    pub questions: Vec<usize>,
}

pub struct Question {
    pub coalition: usize,
    pub workgroup: Option<usize>,
    pub visibility: Visibility,
    pub status: QuestionStatus,
    pub created: i64,
}

/// The generated rows so far, as far as later tables refer to them.
pub struct World {
    pub plan: Plan,
    pub counts: BenchCounts,
    /// Creation instant of each organisation.
    pub orgs: Vec<i64>,
    /// Person indexes per organisation index, and of residents without one.
    pub staff: Vec<Vec<usize>>,
    pub residents: Vec<usize>,
    pub themes: usize,
    pub coalitions: Vec<Coalition>,
    pub workgroups: Vec<Workgroup>,
    pub questions: Vec<Question>,
}

impl World {
    pub fn new(plan: Plan) -> Self {
        Self {
            plan,
            counts: BenchCounts::default(),
            orgs: Vec::new(),
            staff: Vec::new(),
            residents: Vec::new(),
            themes: 0,
            coalitions: Vec::new(),
            workgroups: Vec::new(),
            questions: Vec::new(),
        }
    }
}
