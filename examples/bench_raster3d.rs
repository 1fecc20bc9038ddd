//! How long one rasterized frame of the 3D surface takes natively: the median of 30 renders
//! of a 128 x 128 cost grid (drawn as 64 x 64 quads) into a 600 x 560 RGBA buffer, the yaw
//! turning between renders as when the page's view is dragged.
//!
//! `cargo run --release --example bench_raster3d [-- [WIDTHxHEIGHT] [out.ppm]]`: another
//! buffer size (1200x1120 is the same canvas at pixel ratio 2), and the last frame written
//! as a binary PPM.

#[path = "../tests/common/scene3d.rs"]
mod scene3d;
use scene3d::Scene;

use backprop_lab::chart::surface3d::{View3d, rasterize_surface3d};
use std::time::{Duration, Instant};

const RESOLUTION: usize = 128;
const ROUNDS: usize = 30;

fn main() {
    let (mut width, mut height, mut out) = (600u32, 560u32, None);
    for arg in std::env::args().skip(1) {
        match arg.split_once('x').map(|(w, h)| (w.parse(), h.parse())) {
            Some((Ok(w), Ok(h))) => (width, height) = (w, h),
            _ => out = Some(arg),
        }
    }
    // The run and surface tests/raster3d.rs and tests/surface3d.rs draw, on a finer grid.
    let scene = Scene::new(RESOLUTION, 120);
    let s = scene.surface();

    let mut rgba = Vec::new();
    // One frame to size the buffer and warm up, as the page's first draw does.
    rasterize_surface3d(&s, &View3d::default(), width, height, &mut rgba);
    let mut times: Vec<Duration> = Vec::with_capacity(ROUNDS);
    let mut faces = 0;
    for k in 0..ROUNDS {
        let view = View3d {
            yaw: 0.7 + 0.1 * k as f64,
            ..View3d::default()
        };
        let t = Instant::now();
        let layout = rasterize_surface3d(&s, &view, width, height, &mut rgba);
        times.push(t.elapsed());
        faces = layout.faces();
    }
    times.sort();
    println!(
        "rasterize_surface3d, {RESOLUTION}x{RESOLUTION} grid as {faces} quads into \
         {width}x{height}: median {:?} (min {:?}, max {:?}) over {ROUNDS} renders",
        times[ROUNDS / 2],
        times[0],
        times[ROUNDS - 1]
    );

    if let Some(out) = out {
        let mut ppm = format!("P6\n{width} {height}\n255\n").into_bytes();
        for px in rgba.chunks_exact(4) {
            ppm.extend_from_slice(&px[..3]);
        }
        std::fs::write(&out, ppm).expect("write the PPM");
        println!("last frame written to {out}");
    }
}
