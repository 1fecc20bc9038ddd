//! Long paths drawn as few points as look the same: a descent path or a loss curve keeps up to
//! 4096 points, most of them within a pixel of the last once training settles, and stroking
//! every one (five times over in a race) costs more than the rest of a frame.

/// The points of `pixels` worth drawing, as indices: the first, every point at least
/// `tolerance` pixels from the last one kept, and the last. A line through them stays within
/// `tolerance` of the full polyline's vertices.
pub fn thin(pixels: &[(f64, f64)], tolerance: f64) -> Vec<usize> {
    let mut kept = Vec::with_capacity(pixels.len().min(1024));
    let mut last: Option<(f64, f64)> = None;
    let t2 = tolerance * tolerance;
    for (i, &p) in pixels.iter().enumerate() {
        let far = last.is_none_or(|q| {
            let (dx, dy) = (p.0 - q.0, p.1 - q.1);
            dx * dx + dy * dy >= t2
        });
        if far || i + 1 == pixels.len() {
            kept.push(i);
            last = Some(p);
        }
    }
    kept
}

/// Below this distance, in backend pixels at a pixel ratio of 1, a vertex is not drawn.
pub const TOLERANCE_PX: f64 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_ends_and_drops_points_within_tolerance() {
        assert!(thin(&[], 0.5).is_empty());
        assert_eq!(thin(&[(3.0, 4.0)], 0.5), vec![0]);
        let settled: Vec<(f64, f64)> = (0..1000).map(|i| (10.0 + 1e-4 * i as f64, 5.0)).collect();
        assert_eq!(thin(&settled, 0.5), vec![0, 999]);
        let walk = [
            (0.0, 0.0),
            (0.2, 0.0),
            (0.6, 0.0),
            (0.7, 0.0),
            (5.0, 0.0),
            (5.1, 0.1),
        ];
        assert_eq!(thin(&walk, 0.5), vec![0, 2, 4, 5]);
    }
}
