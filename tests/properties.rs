//! Property tests: for thousands of random networks and samples, back-propagation agrees with
//! central differences, a small step downhill lowers the cost, and nothing is ever NaN.
#![cfg(not(target_arch = "wasm32"))]

use backprop_lab::net::{Gradient, Model};
use backprop_lab::surface::{Grid, cost_surface};
use backprop_lab::{Cost, Params, Sample, check, update};
use proptest::prelude::*;

fn params(range: f64) -> impl Strategy<Value = Params> {
    let r = -range..=range;
    (r.clone(), r.clone(), r.clone(), r).prop_map(|(w1, b1, w2, b2)| Params { w1, b1, w2, b2 })
}

fn samples(x_range: f64, max: usize) -> impl Strategy<Value = Vec<Sample>> {
    prop::collection::vec(
        (
            -x_range..=x_range,
            prop_oneof![Just(0.0), Just(1.0), 0.0..=1.0f64],
        )
            .prop_map(|(x, y)| Sample { x, y }),
        1..=max,
    )
}

fn cost() -> impl Strategy<Value = Cost> {
    prop_oneof![Just(Cost::Squared), Just(Cost::CrossEntropy)]
}

fn components(g: &Gradient) -> [f64; 4] {
    [g.d_c_d_w1, g.d_c_d_b1, g.d_c_d_w2, g.d_c_d_b2]
}

/// Central difference of the mean cost along parameter k with step h.
fn slope(p: &Params, set: &[Sample], cost: Cost, k: usize, h: f64) -> f64 {
    let (mut up, mut down) = (p.to_array(), p.to_array());
    up[k] += h;
    down[k] -= h;
    let c = |v| Model::from(cost).mean_cost(&Params::from_array(v), set);
    (c(up) - c(down)) / (up[k] - down[k])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    /// Slider-sized networks: the library's gradient check matches backward tightly.
    #[test]
    fn backward_equals_central_differences(p in params(8.0), set in samples(4.0, 6), cost in cost()) {
        let a = Model::from(cost).mean_gradient(&p, &set);
        let n = Model::from(cost).numerical_gradient(&p, &set);
        for (k, (x, y)) in components(&a).into_iter().zip(components(&n)).enumerate() {
            // Rounding in C(p+h) - C(p-h) costs ~eps*C/h absolute; truncation ~h^2 * C'''.
            let tol = 1e-6 * x.abs() + 1e-8 * (1.0 + a.cost);
            prop_assert!((x - y).abs() <= tol, "param {k}: backward {x:e}, numeric {y:e}");
        }
    }

    /// Large weights and inputs, so |z| runs into the hundreds and nodes saturate. Where the
    /// cost is smooth at the step's scale (two step sizes agree), backward must agree too.
    #[test]
    fn backward_equals_central_differences_with_large_z(
        p in params(60.0), set in samples(10.0, 4), cost in cost()
    ) {
        let a = Model::from(cost).mean_gradient(&p, &set);
        for (k, x) in components(&a).into_iter().enumerate() {
            prop_assert!(x.is_finite());
            let h = 1e-5 * p.to_array()[k].abs().max(1.0);
            let (d1, d2) = (slope(&p, &set, cost, k, h), slope(&p, &set, cost, k, 2.0 * h));
            // The h-estimate's truncation error is about (d2 - d1) / 3.
            let tol = 1e-6 * x.abs() + 2.0 * (d2 - d1).abs() + 1e-9 * (1.0 + a.cost) / h;
            prop_assert!((x - d1).abs() <= tol, "param {k}: backward {x:e}, numeric {d1:e} / {d2:e}");
        }
    }

    /// The classroom stress range: |w|, |b|, |x| up to 1e3. Everything stays finite, and a
    /// small step never raises the cost.
    #[test]
    fn wide_ranges_stay_finite_and_descend(p in params(1e3), set in samples(1e3, 4), cost in cost()) {
        let a = Model::from(cost).mean_gradient(&p, &set);
        prop_assert!(a.cost.is_finite() && components(&a).iter().all(|v| v.is_finite()));
        for s in &set {
            let b = Model::from(cost).pass(&p, *s).1;
            prop_assert!([b.cost, b.delta1, b.delta2, b.d_c_d_w1, b.d_c_d_w2].iter().all(|v| v.is_finite()));
        }
        let norm2: f64 = components(&a).iter().map(|v| v * v).sum();
        if norm2 > 0.0 {
            let lr = 1e-9 / (1.0 + norm2.sqrt());
            prop_assert!(Model::from(cost).mean_cost(&update(&p, &a, lr), &set) <= a.cost * (1.0 + 1e-12));
        }
    }

    /// Large weights, biases and inputs (up to 1e3) with the nodes NOT saturated (z1 and z2
    /// within +-12, by construction): the hard case for a gradient check, since every
    /// parameter moves z by up to 1e3 per unit. Steps are scaled to how fast each parameter
    /// moves z, and back-propagation must agree with central differences.
    #[test]
    fn large_unsaturated_networks_agree_with_central_differences(
        x in prop_oneof![-1e3..-0.5f64, 0.5..1e3f64], y in 0.0..=1.0f64,
        b1 in -1e3..1e3f64, w2 in prop_oneof![-1e3..-0.5f64, 0.5..1e3f64],
        z1 in -12.0..12.0f64, z2 in -12.0..12.0f64, cost in cost(),
    ) {
        let w1 = (z1 - b1) / x;
        let a1 = backprop_lab::activation::sigmoid(z1);
        let b2 = z2 - w2 * a1;
        let p = Params { w1, b1, w2, b2 };
        let set = [Sample { x, y }];
        let a = Model::from(cost).mean_gradient(&p, &set);
        let b = Model::from(cost).pass(&p, set[0]).1;
        // How far z moves per unit of each parameter: dz1/dw1 = x, dz1/db1 = 1 (then times w2
        // on the way to z2), dz2/dw2 = a1, dz2/db2 = 1.
        let speed = [x.abs() * (1.0 + w2.abs()), 1.0 + w2.abs(), 1.0, 1.0];
        // C(p +- h) is only known to the rounding of every intermediate value, weighted by how
        // much C depends on it (y_hat and a1 near 1 are known to 1e-16 absolute, z2 = w2*a1 + b2
        // to 1e-16 of |w2*a1| + |b2|, ...): with large weights that, not the rounding of C,
        // dominates.
        let noise = 4e-16
            * (a.cost.abs()
                + b.d_c_d_y_hat.abs()
                + b.delta2.abs() * ((w2 * a1).abs() + b2.abs() + 1.0)
                + (b.delta2 * w2).abs()
                + b.delta1.abs() * ((w1 * x).abs() + b1.abs() + 1.0));
        for (k, g) in components(&a).into_iter().enumerate() {
            let h = 1e-5 / speed[k];
            let (d1, d2) = (slope(&p, &set, cost, k, h), slope(&p, &set, cost, k, 2.0 * h));
            let rounding = noise / h;
            let tol = 1e-6 * g.abs() + 2.0 * (d2 - d1).abs() + 10.0 * rounding;
            prop_assert!((g - d1).abs() <= tol, "param {k}: backward {g:e}, numeric {d1:e} / {d2:e}, tol {tol:e}");
        }
    }

    /// A small enough step against the gradient never raises the cost.
    #[test]
    fn a_small_step_downhill_lowers_the_cost(p in params(8.0), set in samples(4.0, 6), cost in cost()) {
        let g = Model::from(cost).mean_gradient(&p, &set);
        let norm2: f64 = components(&g).iter().map(|v| v * v).sum();
        let scale = set.iter().map(|s| s.x * s.x).fold(1.0, f64::max) * (1.0 + p.w2 * p.w2);
        let lr = 1e-2 / scale;
        let after = Model::from(cost).mean_cost(&update(&p, &g, lr), &set);
        // Never higher, but for rounding where the predicted drop is below it: C is known to
        // ~eps * C, and a squared cost to |y_hat - y| * 1e-16 more (y_hat near 1 is known to
        // 1e-16 absolute).
        let noise = 4e-16 * (g.cost + (2.0 * g.cost).sqrt());
        prop_assert!(after <= g.cost + noise, "cost rose from {} to {after}", g.cost);
        // Strictly lower whenever the predicted drop is above rounding noise. That noise is
        // larger than eps * C: near y_hat = y = 1, y_hat - y keeps only ~1e-16 / |y_hat - y| of
        // relative precision, so a tiny squared cost is only known to ~1e-11 relative.
        if lr * norm2 > 1e-8 * g.cost {
            prop_assert!(after < g.cost, "cost did not fall: {} -> {after}", g.cost);
        }
    }

    /// Across the whole accepted domain nothing is NaN or infinite (cross-entropy's dC/dy_hat
    /// aside, which is honestly infinite once y_hat rounds to 0 or 1).
    #[test]
    fn nothing_is_ever_nan_over_the_accepted_domain(
        p in params(check::VALUE_LIMIT), set in samples(check::VALUE_LIMIT, 3), cost in cost()
    ) {
        prop_assert!(check::params(&p, "p").is_ok() && check::samples(&set, "s").is_ok());
        for s in &set {
            let f = Model::default().forward(&p, s.x);
            prop_assert!([f.z1, f.a1, f.z2, f.y_hat].iter().all(|v| v.is_finite()));
            let b = Model::from(cost).pass(&p, *s).1;
            let finite = [b.cost, b.d_y_hat_d_z2, b.delta2, b.d_c_d_w2, b.d_c_d_b2, b.d_z2_d_a1,
                b.d_a1_d_z1, b.delta1, b.d_c_d_w1, b.d_c_d_b1];
            prop_assert!(finite.iter().all(|v| v.is_finite()), "{b:?}");
            prop_assert!(!b.d_c_d_y_hat.is_nan());
            if cost == Cost::Squared { prop_assert!(b.d_c_d_y_hat.is_finite()); }
        }
        let g = Model::from(cost).mean_gradient(&p, &set);
        prop_assert!(components(&g).iter().all(|v| v.is_finite()) && g.cost.is_finite());
        let n = Model::from(cost).numerical_gradient(&p, &set);
        prop_assert!(components(&n).iter().all(|v| v.is_finite()));
        let grid = Grid { w1_min: p.w1 - 1.0, w1_max: p.w1 + 1.0, w2_min: -check::VALUE_LIMIT,
            w2_max: check::VALUE_LIMIT, resolution: 5 };
        let mut out = vec![0.0f32; 25];
        cost_surface(p.b1, p.b2, &set, cost, &grid, &mut out);
        prop_assert!(out.iter().all(|v| v.is_finite() && *v >= 0.0));
    }
}
