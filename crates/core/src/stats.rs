//! Pearson's χ² test of independence for an r × c table of counts, with Cramér's V as effect size.
//! The χ² distribution comes from `statrs`; only the test statistic itself is computed here. Rows or
//! columns that are all zero are left out (they carry no information and would divide by zero), as
//! `scipy.stats.chi2_contingency` requires them to be absent; no Yates correction is applied.
//!
//! Cramér's V = √(χ² / (n · (min(r, c) − 1))) is used because it is the usual effect size for tables
//! larger than 2 × 2 (here: groups × three lights), lies between 0 and 1 whatever the table's shape,
//! and is what the deck's threshold of 0.20 (a "small to medium" association) is stated for.

use statrs::distribution::{ChiSquared, ContinuousCDF};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChiSquare {
    pub statistic: f64,
    pub dof: usize,
    pub p: f64,
    pub cramers_v: f64,
}

/// `None` when fewer than two non-empty rows or columns remain (nothing to compare).
pub fn chi_square(table: &[Vec<u64>]) -> Option<ChiSquare> {
    let cols = table.first().map_or(0, Vec::len);
    let rows: Vec<&Vec<u64>> = table.iter().filter(|r| r.iter().sum::<u64>() > 0).collect();
    let keep: Vec<usize> = (0..cols).filter(|&c| rows.iter().map(|r| r[c]).sum::<u64>() > 0).collect();
    if rows.len() < 2 || keep.len() < 2 {
        return None;
    }
    let row_sums: Vec<f64> = rows.iter().map(|r| keep.iter().map(|&c| r[c] as f64).sum()).collect();
    let col_sums: Vec<f64> = keep.iter().map(|&c| rows.iter().map(|r| r[c] as f64).sum()).collect();
    let n: f64 = row_sums.iter().sum();
    let mut statistic = 0.0;
    for (i, r) in rows.iter().enumerate() {
        for (j, &c) in keep.iter().enumerate() {
            let expected = row_sums[i] * col_sums[j] / n;
            statistic += (r[c] as f64 - expected).powi(2) / expected;
        }
    }
    let dof = (rows.len() - 1) * (keep.len() - 1);
    let p = ChiSquared::new(dof as f64).ok()?.sf(statistic);
    let cramers_v = (statistic / (n * (rows.len().min(keep.len()) - 1) as f64)).sqrt();
    Some(ChiSquare { statistic, dof, p, cramers_v })
}

/// The deck's markers: ▲/▼ significant (p < 0.05) with an effect of at least 0.20, Δ/∇ significant
/// with a smaller effect. Up or down says whether the group has more or less groen than the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    StrongUp,
    StrongDown,
    WeakUp,
    WeakDown,
}

pub const ALPHA: f64 = 0.05;
pub const EFFECT_THRESHOLD: f64 = 0.20;

impl Marker {
    pub fn of(test: &ChiSquare, higher: bool) -> Option<Marker> {
        if test.p >= ALPHA {
            return None;
        }
        Some(match (test.cramers_v >= EFFECT_THRESHOLD, higher) {
            (true, true) => Marker::StrongUp,
            (true, false) => Marker::StrongDown,
            (false, true) => Marker::WeakUp,
            (false, false) => Marker::WeakDown,
        })
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Marker::StrongUp => "▲",
            Marker::StrongDown => "▼",
            Marker::WeakUp => "Δ",
            Marker::WeakDown => "∇",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values from `scipy.stats.chi2_contingency(table, correction=False)` (scipy 1.17.1),
    /// made by tests/stats/reference.py and kept in tests/fixtures/chi2_scipy.json.
    #[test]
    fn matches_scipy_on_every_reference_table() {
        let cases: Vec<serde_json::Value> = serde_json::from_str(include_str!("../../../tests/fixtures/chi2_scipy.json")).unwrap();
        assert!(cases.len() >= 20);
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1e-300);
        for case in cases {
            let table: Vec<Vec<u64>> = serde_json::from_value(case["table"].clone()).unwrap();
            let t = chi_square(&table).unwrap();
            let (stat, p, dof) = (case["chi2"].as_f64().unwrap(), case["p"].as_f64().unwrap(), case["dof"].as_u64().unwrap() as usize);
            assert!(close(t.statistic, stat), "{table:?}: χ² {} vs scipy {stat}", t.statistic);
            assert!(close(t.p, p), "{table:?}: p {} vs scipy {p}", t.p);
            assert_eq!(t.dof, dof, "{table:?}");
        }
    }

    #[test]
    fn empty_rows_and_columns_are_left_out_and_markers_follow_the_deck() {
        let with_empty = chi_square(&[vec![10, 0, 5], vec![2, 0, 9], vec![0, 0, 0]]).unwrap();
        let without = chi_square(&[vec![10, 5], vec![2, 9]]).unwrap();
        assert_eq!(with_empty, without);
        assert!(chi_square(&[vec![3, 4, 5]]).is_none());
        let strong = ChiSquare { statistic: 9.0, dof: 2, p: 0.01, cramers_v: 0.3 };
        let weak = ChiSquare { cramers_v: 0.1, ..strong };
        let none = ChiSquare { p: 0.2, ..strong };
        assert_eq!(Marker::of(&strong, true).map(Marker::symbol), Some("▲"));
        assert_eq!(Marker::of(&strong, false).map(Marker::symbol), Some("▼"));
        assert_eq!(Marker::of(&weak, true).map(Marker::symbol), Some("Δ"));
        assert_eq!(Marker::of(&weak, false).map(Marker::symbol), Some("∇"));
        assert_eq!(Marker::of(&none, true), None);
    }
}
