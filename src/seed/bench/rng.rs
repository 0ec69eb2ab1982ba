//! A tiny deterministic PRNG (SplitMix64) and the draws the bench generator makes with it.
//! Written out rather than taken from `rand`, whose generators may change between versions:
//! the same scale must give the same rows, byte for byte, on every machine and forever.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use entity::Visibility;

/// SplitMix64 (Steele, Lea & Flood 2014): one 64-bit state, full period, good enough spread.
pub struct Rng(u64);

/// The seed every stream derives from.
const SEED: u64 = 0x5A3E_45E1_2016_2025;

/// 2016-01-01T00:00:00Z and 2026-01-01T00:00:00Z: every generated instant lies in between.
pub const FIRST: i64 = 1_451_606_400;
pub const END: i64 = 1_767_225_600;

const DAY: i64 = 86_400;

impl Rng {
    /// An independent stream per table, so changing one table leaves the others' rows alone.
    pub fn stream(name: &str) -> Self {
        let mut state = SEED;
        for b in name.bytes() {
            state = (state ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3);
        }
        Self(state)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi` (`lo` when the range is empty).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = (hi - lo) as u64 + 1;
        lo + ((u128::from(self.next_u64()) * u128::from(span)) >> 64) as i64
    }

    /// An index below `len` (0 when `len` is 0).
    pub fn below(&mut self, len: usize) -> usize {
        self.range(0, len as i64 - 1) as usize
    }

    /// True with `percent` % probability.
    pub fn chance(&mut self, percent: i64) -> bool {
        self.range(0, 99) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An element of `items` drawn by the weights beside them (which need not sum to 100).
    pub fn weighted<T: Copy>(&mut self, items: &[(T, i64)]) -> T {
        let total: i64 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.range(0, total - 1);
        for &(item, weight) in items {
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        items[items.len() - 1].0
    }

    /// Up to `n` distinct indexes below `len`, in the order drawn.
    pub fn distinct(&mut self, n: usize, len: usize) -> Vec<usize> {
        let n = n.min(len);
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let i = self.below(len);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }

    /// An instant (whole seconds) at least `after` and at most `within_days` days later,
    /// never past the end of 2025.
    pub fn after(&mut self, after: i64, within_days: i64) -> i64 {
        let last = (after + within_days * DAY).min(END - 1);
        self.range(after, last)
    }

    /// A visibility no broader than `parent`: usually the parent's own, sometimes one narrower.
    pub fn narrow(&mut self, parent: Visibility, percent_narrower: i64) -> Visibility {
        if !self.chance(percent_narrower) {
            return parent;
        }
        match parent {
            Visibility::Public => Visibility::Partners,
            Visibility::Partners | Visibility::Coalition => Visibility::Coalition,
        }
    }
}

/// The UTC instant of `secs` seconds since the epoch.
pub fn instant(secs: i64) -> DateTime<Utc> {
    DateTime::UNIX_EPOCH + TimeDelta::seconds(secs)
}

/// The UTC date of `secs` seconds since the epoch.
pub fn date(secs: i64) -> NaiveDate {
    instant(secs).date_naive()
}

/// Whole days as seconds.
pub const fn days(n: i64) -> i64 {
    n * DAY
}
