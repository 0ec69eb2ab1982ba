//! The output types of search: the `SearchResult` union and its connection, whose edges carry a
//! score and a highlight.

use async_graphql::{Context, Enum, ID, InputObject, Object, Result, Union};

use crate::graphql::connection::{PageInfo, cursor_key, loaders};
use crate::graphql::enums::QuestionStatus;
use crate::graphql::ids::{NodeType, decode_as};
use crate::graphql::types::*;
use crate::paging::{Cursor, Scope, SortValue};
use crate::search::{Filter, Hit, Position, Record, SCALE, SearchQuery};

/// The list cursors of search results belong to: by block, then score, then entry. (Cursors of
/// the ordering by score alone, before blocks, are refused as invalid.)
pub const SCOPE: Scope = Scope {
    table: "search_entry",
    sort: "BLOCK_SCORE",
    parent: None,
};

/// A kind of record search can find.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum SearchType {
    /// Learning questions (title, context, resolution summary).
    LearningQuestion,
    /// Contributions (their text; never their author).
    Contribution,
    /// Outcomes (title, summary).
    Outcome,
    /// Meetings (title, report, work form, location).
    Meeting,
    /// Workgroups (name, description, method).
    Workgroup,
    /// Coalitions (name, description, area, municipality).
    Coalition,
    /// Organisations (name, description, city).
    Organisation,
    /// Themes (name, description).
    Theme,
}

impl From<SearchType> for NodeType {
    fn from(t: SearchType) -> Self {
        match t {
            SearchType::LearningQuestion => NodeType::LearningQuestion,
            SearchType::Contribution => NodeType::Contribution,
            SearchType::Outcome => NodeType::Outcome,
            SearchType::Meeting => NodeType::Meeting,
            SearchType::Workgroup => NodeType::Workgroup,
            SearchType::Coalition => NodeType::Coalition,
            SearchType::Organisation => NodeType::Organisation,
            SearchType::Theme => NodeType::Theme,
        }
    }
}

/// Which records a search returns; every field given must hold.
#[derive(InputObject, Default)]
pub struct SearchFilter {
    /// Only these kinds of record.
    types: Option<Vec<SearchType>>,
    /// Only records of this coalition (a Coalition ID): its questions, contributions, meetings,
    /// outcomes and workgroups, the coalition itself and its member organisations.
    coalition: Option<ID>,
    /// Only records on this theme (a Theme ID): questions with it and their contributions,
    /// meetings and outcomes, workgroups with it, and the theme itself.
    theme: Option<ID>,
    /// Only learning questions in these statuses, and contributions to them.
    status: Option<Vec<QuestionStatus>>,
}

impl SearchFilter {
    /// The service's filter.
    pub fn plain(self) -> Result<Filter> {
        let id = |v: Option<ID>, t| v.map(|id| decode_as(&id, t)).transpose();
        Ok(Filter {
            kinds: self.types.map(|v| v.into_iter().map(Into::into).collect()),
            coalition_id: id(self.coalition, NodeType::Coalition)?,
            theme_id: id(self.theme, NodeType::Theme)?,
            statuses: self.status.map(|v| v.into_iter().map(Into::into).collect()),
            except_question: None,
        })
    }
}

/// A record search found.
#[derive(Union)]
pub enum SearchResult {
    /// A learning question.
    LearningQuestion(LearningQuestion),
    /// A contribution; its author shows as the contribution's attribution allows.
    Contribution(Contribution),
    /// An outcome.
    Outcome(Outcome),
    /// A meeting.
    Meeting(Meeting),
    /// A workgroup.
    Workgroup(Workgroup),
    /// A coalition.
    Coalition(Coalition),
    /// An organisation.
    Organisation(Organisation),
    /// A theme.
    Theme(Theme),
}

impl From<Record> for SearchResult {
    fn from(r: Record) -> Self {
        match r {
            Record::LearningQuestion(m) => SearchResult::LearningQuestion(LearningQuestion(m)),
            Record::Contribution(m) => SearchResult::Contribution(Contribution(m)),
            Record::Outcome(m) => SearchResult::Outcome(Outcome(m)),
            Record::Meeting(m) => SearchResult::Meeting(Meeting(m)),
            Record::Workgroup(m) => SearchResult::Workgroup(Workgroup(m)),
            Record::Coalition(m) => SearchResult::Coalition(Coalition(m)),
            Record::Organisation(m) => SearchResult::Organisation(Organisation(m)),
            Record::Theme(m) => SearchResult::Theme(Theme(m)),
        }
    }
}

/// The position of a hit in the result list: its block's entry ids and its score, as text
/// (the cursor is sealed, so only this server reads it back), and its entry id.
pub fn cursor_of(hit: &Hit) -> Cursor {
    let (from, below) = hit.block;
    Cursor {
        value: SortValue::Text(format!("{from}.{below}.{}", hit.score)),
        id: hit.entry,
    }
}

/// The position a cursor of [`cursor_of`] names; `None` when it is not one.
pub fn position_of(c: &Cursor) -> Option<Position> {
    let SortValue::Text(v) = &c.value else { return None };
    let mut parts = v.split('.');
    let from: i32 = parts.next()?.parse().ok()?;
    let below: i32 = parts.next()?.parse().ok()?;
    let score: i64 = parts.next()?.parse().ok()?;
    (parts.next().is_none() && 0 < from && from < below).then_some(Position {
        from,
        below,
        score,
        entry: c.id,
    })
}

/// One hit with its cursor, score and highlight.
pub struct SearchResultEdge {
    pub(super) cursor: Cursor,
    pub(super) score: i64,
    pub(super) highlight: String,
    pub(super) node: SearchResult,
}

/// One search result with its position, relevance and an excerpt.
#[Object]
impl SearchResultEdge {
    /// Opaque position of this result; pass it as `after` for the next page.
    async fn cursor(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(cursor_key(ctx)?.seal(&SCOPE, &self.cursor))
    }
    /// The record found.
    async fn node(&self) -> &SearchResult {
        &self.node
    }
    /// How well the record matches: higher is better; comparable within one block of one
    /// search only (see `Query.search`).
    async fn score(&self) -> f64 {
        self.score as f64 / SCALE
    }
    /// A short excerpt of the record's own text (never an author's name) with the matched words
    /// in `<mark>…</mark>`; every other character is HTML-escaped.
    async fn highlight(&self) -> &str {
        &self.highlight
    }
}

/// A page of search results: blocks of the newest matches, best first within each.
pub struct SearchResultConnection {
    pub(super) edges: Vec<SearchResultEdge>,
    pub(super) page_info: PageInfo,
    pub(super) query: SearchQuery,
    pub(super) filter: Filter,
}

/// A page of search results, with a cursor to read on and the number of results.
#[Object]
impl SearchResultConnection {
    /// The results with their cursors, scores and highlights.
    async fn edges(&self) -> &[SearchResultEdge] {
        &self.edges
    }
    /// The records found, in the order of the edges.
    async fn nodes(&self) -> Vec<&SearchResult> {
        self.edges.iter().map(|e| &e.node).collect()
    }
    /// Where this page sits in the results.
    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }
    /// How many records match (those you may see only).
    async fn total_count(&self, ctx: &Context<'_>) -> Result<u64> {
        let db = ctx.data::<sea_orm::DatabaseConnection>()?;
        let viewer = loaders(ctx)?.viewer();
        Ok(crate::search::count(db, viewer, &self.query, &self.filter).await?)
    }
}
