//! Class limits for graduated styles: by quantile or equal interval, the lowest value a class
//! of its own when quantiles coincide there, and symmetric about zero for a change.

use super::classify::Classing;

/// Class limits for values either side of zero (a change): symmetric about it, from classes of
/// the values' sizes, so that the middle class holds (or the two middle ones meet at) no change.
pub fn diverging_breaks(sorted: &[f64], method: Classing, count: usize) -> Vec<f64> {
    let mut sizes: Vec<f64> = sorted.iter().map(|v| v.abs()).collect();
    sizes.sort_unstable_by(f64::total_cmp);
    let half = count.div_ceil(2).max(1);
    let mut up = breaks(&sizes, method, half);
    if let Some(first) = up.first_mut() {
        *first = 0.0;
    }
    up.dedup();
    let mut out: Vec<f64> = up.iter().skip(1).rev().map(|b| -b).collect();
    if count.is_multiple_of(2) || up.len() < 2 {
        out.push(0.0);
    }
    out.extend(up.iter().skip(1));
    out
}

/// Class limits over sorted values: `count + 1` of them, fewer where quantiles coincide (a
/// column of mostly zeros).
///
/// ```
/// use strikemap::data::thematic::{Classing, classify::breaks};
/// // Eight zeros and 1 to 4: zero is a class of its own, the rest split by quantile.
/// let values = [0., 0., 0., 0., 0., 0., 0., 0., 1., 2., 3., 4.];
/// assert_eq!(breaks(&values, Classing::Quantile, 3), [0.0, 1.0, 3.0, 4.0]);
/// ```
pub fn breaks(sorted: &[f64], method: Classing, count: usize) -> Vec<f64> {
    let (Some(&lo), Some(&hi)) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };
    let mut out: Vec<f64> = match method {
        Classing::EqualInterval => (0..=count)
            .map(|i| lo + (hi - lo) * i as f64 / count as f64)
            .collect(),
        Classing::Quantile => (0..=count)
            .map(|i| {
                let at = (i * sorted.len() / count).min(sorted.len() - 1);
                if i == count { hi } else { sorted[at] }
            })
            .collect(),
    };
    out.dedup();
    // Quantiles that coincide at the lowest value (a count of mostly zeros): that value is a
    // class of its own, the rest split by quantile.
    if method == Classing::Quantile && out.len() < count + 1 && count > 2 && lo < hi {
        let rest = &sorted[sorted.partition_point(|&v| v <= lo)..];
        let upper = breaks(rest, method, count - 1);
        if upper.len() >= out.len() {
            out = std::iter::once(lo).chain(upper).collect();
            out.dedup();
        }
    }
    if out.len() == 1 {
        out.push(hi);
    }
    out
}
