//! Who could see a record when its event was written, and the coalition it belongs to. Stored
//! with every change event, so an event about a record that is gone is shown exactly to whom
//! could see the record, and a reader can follow one coalition.

use entity::Visibility;

/// How widely a record is seen, narrowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Platform admins, and the organisation's admins (API tokens).
    Admin,
    /// Tokens of the coalition's member organisations.
    Coalition,
    /// Any valid token.
    Partners,
    /// Anyone.
    Public,
}

/// The readers of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    level: Level,
    coalition: Option<i32>,
    organisation: Option<i32>,
}

impl Scope {
    /// Anyone, outside any coalition (the directory).
    pub const PUBLIC: Scope = Scope {
        level: Level::Public,
        coalition: None,
        organisation: None,
    };

    /// A record with visibility `v` in coalition `coalition`.
    pub fn of(v: Visibility, coalition: i32) -> Scope {
        let level = match v {
            Visibility::Public => Level::Public,
            Visibility::Partners => Level::Partners,
            Visibility::Coalition => Level::Coalition,
        };
        Scope {
            level,
            coalition: Some(coalition),
            organisation: None,
        }
    }

    /// Platform admins and the admins of `organisation`.
    pub fn admin(organisation: Option<i32>) -> Scope {
        Scope {
            level: Level::Admin,
            coalition: None,
            organisation,
        }
    }

    /// The same readers, for a record of coalition `c`.
    pub fn in_coalition(self, c: i32) -> Scope {
        Scope {
            coalition: Some(c),
            ..self
        }
    }

    /// The narrower of two scopes: a record inside a narrower parent is no more visible than it.
    pub fn narrowest(self, other: Scope) -> Scope {
        if other.level < self.level { other } else { self }
    }

    /// The wider of two scopes: a narrowing is told to the readers of before.
    pub fn widest(self, other: Scope) -> Scope {
        if other.level > self.level { other } else { self }
    }

    /// The stored columns: level, coalition, organisation.
    pub fn columns(self) -> (&'static str, Option<i32>, Option<i32>) {
        let level = match self.level {
            Level::Public => "PUBLIC",
            Level::Partners => "PARTNERS",
            Level::Coalition => "COALITION",
            Level::Admin => "ADMIN",
        };
        (level, self.coalition, self.organisation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrowest_and_widest() {
        let c = Scope::of(Visibility::Coalition, 3);
        let p = Scope::of(Visibility::Partners, 3);
        assert_eq!(Scope::PUBLIC.narrowest(c), c);
        assert_eq!(c.narrowest(p), c);
        assert_eq!(c.widest(p), p);
        assert_eq!(Scope::admin(None).widest(Scope::PUBLIC), Scope::PUBLIC);
        assert_eq!(c.columns(), ("COALITION", Some(3), None));
    }
}
