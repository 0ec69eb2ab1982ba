//! Services: what a list or lookup means in SQL, independent of GraphQL. Each takes the viewer
//! and plain filter values and returns a query that already holds the viewer's visibility.

pub mod directory;
pub mod questions;
pub mod schedule;
pub mod write;

use sea_orm::{QueryFilter, Select};

use crate::policy::Guarded;
use crate::viewer::Viewer;

/// Every row of `E` the viewer may see.
pub fn visible<E: Guarded>(viewer: &Viewer) -> Select<E> {
    E::find().filter(E::visible(viewer))
}
