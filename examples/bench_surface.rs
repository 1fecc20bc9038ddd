//! Native timing of the cost surface: the exact f64 path and the fast f32 picture path, on a
//! 256 x 256 grid over 16 samples (1,048,576 cost evaluations), the workload of
//! `scripts/bench.mjs` (same samples and parameters).
//!
//! `cargo run --release --example bench_surface` prints the median of 30 runs of each;
//! with `-- --json`, the last line is `{"squared":{"fastMs":..,"exactMs":..},...}`.
//!
//! Natively the fast path runs its portable `[f32; 4]` lanes (scalar code: the release
//! profile's opt-level "s" turns LLVM's vectorizers off); in the browser it runs wasm SIMD.

use backprop_lab::Cost;
use backprop_lab::net::Sample;
use backprop_lab::surface::{Grid, Scratch, cost_surface, cost_surface_fast};
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
        let (exact_ms, fast_ms) = (exact.as_secs_f64() * 1e3, fast.as_secs_f64() * 1e3);
        fields.push(format!(
            "\"{}\":{{\"fastMs\":{fast_ms:.4},\"exactMs\":{exact_ms:.4}}}",
            cost.name()
        ));
        if !json {
            println!(
                "  {:<13} exact {exact_ms:>8.3} ms   fast {fast_ms:>8.3} ms   ({:.1}x, {:.2} ns per evaluation)",
                cost.name(),
                exact_ms / fast_ms,
                fast_ms * 1e6 / cells as f64,
            );
        }
    }
    if json {
        println!("{{{}}}", fields.join(","));
    }
}
