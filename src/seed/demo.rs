//! Placeholder: the demo dataset is being written.
