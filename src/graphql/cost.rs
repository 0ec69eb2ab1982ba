//! What a query costs before it runs: a connection costs its page size times what each row
//! asks for, so a nested query of big pages is refused by the complexity limit, not executed.

use crate::paging::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};

/// Cost of a connection field asking `first` or `last` rows whose selection costs `child`.
pub fn page(first: Option<i32>, last: Option<i32>, child: usize) -> usize {
    let rows = first.or(last).unwrap_or(DEFAULT_PAGE_SIZE).clamp(0, MAX_PAGE_SIZE) as usize;
    rows.max(1).saturating_mul(child).saturating_add(1)
}
