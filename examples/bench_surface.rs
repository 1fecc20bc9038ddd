//! Native timing of the cost surface: the plain f64 loop, the exact path made fast
//! (`cost_surface_exact`, what `costSurface` runs) and the fast f32 picture path, on a
//! 256 x 256 grid over 16 samples (1,048,576 cost evaluations), the workload of
//! `scripts/bench.mjs` (same samples and parameters).
//!
//! `cargo run --release --example bench_surface` prints the median of 30 runs of each;
//! with `-- --json`, the last line is
//! `{"squared":{"fastMs":..,"exactMs":..,"exactFastMs":..},...,"activations":{"relu → linear":..}}`
//! (exactMs is the plain loop's; the activations' times are cost_surface_exact's, squared cost).
//!
//! Natively the fast path runs its portable `[f32; 4]` lanes (scalar code: the release
//! profile's opt-level "s" turns LLVM's vectorizers off); in the browser it runs wasm SIMD.

use backprop_lab::Cost;
use backprop_lab::activation::Activation;
use backprop_lab::net::Model;
use backprop_lab::net::Sample;
use backprop_lab::surface::{Grid, Scratch, cost_surface, cost_surface_exact, cost_surface_fast};
use std::hint::black_box;
use std::time::{Duration, Instant};

const REPEATS: usize = 30;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time(mut run: impl FnMut()) -> Duration {
    run(); // warm-up
    median(
        (0..REPEATS)
            .map(|_| {
                let start = Instant::now();
                run();
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let json = std::env::args().any(|a| a == "--json");
    let n = 256;
    let grid = Grid {
        w1_min: -8.0,
        w1_max: 8.0,
        w2_min: -8.0,
        w2_max: 8.0,
        resolution: n,
    };
    let samples: Vec<Sample> = (0..16)
        .map(|i| Sample {
            x: i as f64 / 15.0,
            y: if i < 8 { 0.1 } else { 0.9 },
        })
        .collect();
    let (b1, b2) = (-0.5, 0.5);
    let cells = n * n * samples.len();
    if !json {
        println!(
            "cost surface, {n} x {n} grid x {} samples = {cells} evaluations, median of {REPEATS}:",
            samples.len()
        );
    }
    let mut out = vec![0.0f32; n * n];
    let mut scratch = Scratch::default();
    let mut fields = Vec::new();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    for cost in Cost::ALL {
        let exact = time(|| {
            cost_surface(b1, b2, black_box(&samples), cost, &grid, &mut out);
            black_box(&out);
        });
        let fast = time(|| {
            cost_surface_fast(
                b1,
                b2,
                black_box(&samples),
                cost,
                &grid,
                &mut out,
                &mut scratch,
            );
            black_box(&out);
        });
        let exact_fast = time(|| {
            cost_surface_exact(b1, b2, black_box(&samples), cost.into(), &grid, &mut out);
            black_box(&out);
        });
        let (exact_ms, fast_ms, exact_fast_ms) = (ms(exact), ms(fast), ms(exact_fast));
        fields.push(format!(
            "\"{}\":{{\"fastMs\":{fast_ms:.4},\"exactMs\":{exact_ms:.4},\"exactFastMs\":{exact_fast_ms:.4}}}",
            cost.name()
        ));
        if !json {
            println!(
                "  {:<13} plain {exact_ms:>8.3} ms   exact {exact_fast_ms:>8.3} ms   fast {fast_ms:>8.3} ms   ({:.2} ns per evaluation, exact)",
                cost.name(),
                exact_fast_ms * 1e6 / cells as f64,
            );
        }
    }
    let mut activations = Vec::new();
    let pairs = Activation::ALL.map(|h| Activation::ALL.map(|o| (h, o)));
    for (hidden, output) in pairs.into_iter().flatten() {
        let cost = Cost::Squared;
        let model = Model {
            hidden,
            output,
            cost,
        };
        let t = ms(time(|| {
            cost_surface_exact(b1, b2, black_box(&samples), model, &grid, &mut out);
            black_box(&out);
        }));
        let name = format!("{} → {}", hidden.name(), output.name());
        if !json {
            println!("  squared, {name:<18} exact {t:>8.3} ms");
        }
        activations.push(format!("\"{name}\":{t:.4}"));
    }
    fields.push(format!("\"activations\":{{{}}}", activations.join(",")));
    if json {
        println!("{{{}}}", fields.join(","));
    }
}
