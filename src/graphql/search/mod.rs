//! `search` and `similarQuestions`: thin resolvers over `crate::search`.

mod types;

use async_graphql::{Context, Object, Result};

use types::{SCOPE, cursor_of, position_of};
pub use types::{SearchFilter, SearchResult, SearchResultConnection, SearchResultEdge, SearchType};

use crate::error::AppError;
use crate::graphql::connection::{PageInfo, cursor_key, loaders};
use crate::graphql::types::LearningQuestion;
use crate::paging::PageArgs;
use crate::search::{Record, SearchQuery};

/// Similar questions returned when `first` is not given.
const DEFAULT_SIMILAR: i32 = 5;

/// Root fields of search.
#[derive(Default)]
pub struct SearchQueryRoot;

#[Object]
impl SearchQueryRoot {
    /// Full-text search in Dutch over learning questions, contributions, outcomes, meetings,
    /// workgroups, coalitions, organisations and themes you may see. `query` is what people
    /// type: words (all must match), "phrases", -exclusions and `or`; inflections, accents and
    /// case do not matter. Titles weigh more than texts. Results come in blocks of the 200
    /// newest matches, best first within each block; a query with at most 200 matches is one
    /// block, best first over all.
    #[graphql(complexity = "crate::graphql::cost::page(first, None, child_complexity)")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        query: String,
        first: Option<i32>,
        after: Option<String>,
        filter: Option<SearchFilter>,
    ) -> Result<SearchResultConnection> {
        let db = ctx.data::<sea_orm::DatabaseConnection>()?;
        let viewer = loaders(ctx)?.viewer();
        let args = PageArgs::new(first, after, None, None, (cursor_key(ctx)?, &SCOPE))?;
        let query = SearchQuery::parse(&query)?;
        let filter = filter.unwrap_or_default().plain()?;
        let after = match args.after {
            Some(c) => Some(position_of(&c).ok_or_else(|| AppError::bad_input("Invalid cursor: not one of a search"))?),
            None => None,
        };
        let page = crate::search::search(db, viewer, &query, &filter, args.limit, after).await?;
        let edges: Vec<SearchResultEdge> = page
            .hits
            .into_iter()
            .map(|h| SearchResultEdge {
                cursor: cursor_of(&h),
                score: h.score,
                highlight: h.highlight,
                node: h.record.into(),
            })
            .collect();
        let start = edges.first().map(|e| e.cursor.clone());
        let end = edges.last().map(|e| e.cursor.clone());
        Ok(SearchResultConnection {
            edges,
            page_info: PageInfo::forward(SCOPE, page.has_next, start, end),
            query,
            filter,
        })
    }

    /// Learning questions like the one being written, across every coalition you may see:
    /// for a form that is being filled in. Answered questions with an outcome rank higher.
    #[graphql(complexity = "crate::graphql::cost::page(first, None, child_complexity)")]
    async fn similar_questions(
        &self,
        ctx: &Context<'_>,
        title: String,
        context: Option<String>,
        first: Option<i32>,
    ) -> Result<Vec<LearningQuestion>> {
        let text = format!("{title}\n{}", context.unwrap_or_default());
        similar(ctx, &text, None, first).await
    }
}

/// The questions most like `text`, leaving out the question `except`.
pub async fn similar(
    ctx: &Context<'_>,
    text: &str,
    except: Option<i32>,
    first: Option<i32>,
) -> Result<Vec<LearningQuestion>> {
    let db = ctx.data::<sea_orm::DatabaseConnection>()?;
    let viewer = loaders(ctx)?.viewer();
    let limit = PageArgs::new(
        first.or(Some(DEFAULT_SIMILAR)),
        None,
        None,
        None,
        (cursor_key(ctx)?, &SCOPE),
    )?
    .limit;
    let hits = crate::search::similar_questions(db, viewer, text, except, limit).await?;
    let questions = hits.into_iter().filter_map(|h| match h.record {
        Record::LearningQuestion(m) => Some(LearningQuestion(m)),
        _ => None,
    });
    Ok(questions.collect())
}
