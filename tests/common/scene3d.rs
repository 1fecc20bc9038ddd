//! The 3D surface's fixtures: a real training run and the cost surface at its final biases,
//! views, and the odd input no drawing may panic on. Shared by tests/surface3d.rs (SVG),
//! tests/raster3d.rs (the RGBA buffer) and examples/bench_raster3d.rs (which takes this file
//! in by `#[path]`); tests/charts.rs trains with the same settings.
#![allow(dead_code)]

use backprop_lab::Model;
use backprop_lab::chart::surface3d::{Surface3d, View3d, surface_path};
use backprop_lab::surface::{Grid, cost_surface};
use backprop_lab::train::{OnTrouble, Settings, Trainer};
use backprop_lab::{Cost, Params, Sample};

/// The sliders' square, -8..8 on both weights.
pub fn grid(resolution: usize) -> Grid {
    Grid {
        w1_min: -8.0,
        w1_max: 8.0,
        w2_min: -8.0,
        w2_max: 8.0,
        resolution,
    }
}

/// Two samples, cross-entropy, a brisk learning rate: a run that goes somewhere.
pub fn settings() -> Settings {
    Settings {
        samples: vec![Sample { x: 0.2, y: 0.1 }, Sample { x: 0.8, y: 0.9 }],
        cost: Cost::CrossEntropy,
        learning_rate: 2.0,
        chosen: 0,
        weight_range: 8.0,
        optimizer: Default::default(),
        hidden: Default::default(),
        output: Default::default(),
    }
}

/// The default view turned to `yaw` and tilted to `pitch`.
pub fn view(yaw: f64, pitch: f64) -> View3d {
    View3d {
        yaw,
        pitch,
        ..View3d::default()
    }
}

/// The default view with log colouring.
pub fn log_view() -> View3d {
    View3d {
        log_color: true,
        ..View3d::default()
    }
}

/// Every number out of range, in the dark, log-coloured: what a broken page could ask for.
pub fn wild_view() -> View3d {
    View3d {
        yaw: 1e300,
        pitch: -1e300,
        dark: true,
        log_color: true,
        pixel_ratio: f64::NAN,
    }
}

/// Turns the default view to four yaws, asks `marker_at` where the marker is drawn in each
/// (it checks what it will of the picture), and asserts the marker moved every time.
pub fn assert_the_marker_moves_with_yaw(mut marker_at: impl FnMut(f64, &View3d) -> [f64; 2]) {
    let mut seen = Vec::new();
    for yaw in [0.7, 1.6, -0.9, 3.0] {
        let view = View3d {
            yaw,
            ..View3d::default()
        };
        seen.push(marker_at(yaw, &view));
    }
    for (k, a) in seen.iter().enumerate() {
        for b in &seen[k + 1..] {
            assert_ne!(a, b, "the marker did not move with yaw");
        }
    }
}

/// A real run and the surface at its final biases.
pub struct Scene {
    pub grid: Grid,
    pub costs: Vec<f32>,
    pub path: Vec<(f64, f64, f64)>,
    pub current: (f64, f64, f64),
}

impl Scene {
    /// `iterations` down a long slope into the valley at w2 < 0, on a grid of `resolution`
    /// points a side; the path and marker at the costs the run recorded.
    pub fn new(resolution: usize, iterations: u64) -> Scene {
        let (trainer, grid, costs) = Scene::run(resolution, iterations);
        let p = trainer.params();
        Scene {
            grid,
            costs,
            path: surface_path(trainer.history().points()),
            current: (p.w1, p.w2, trainer.cost()),
        }
    }

    /// As [`Scene::new`], with the path and marker laid on this surface (their costs at the
    /// final biases), as the page does.
    pub fn laid_on_surface(resolution: usize, iterations: u64) -> Scene {
        let (trainer, grid, costs) = Scene::run(resolution, iterations);
        let p = trainer.params();
        let on = |w1: f64, w2: f64| {
            let q = Params { w1, w2, ..p };
            (
                w1,
                w2,
                Model::from(Cost::CrossEntropy).mean_cost(&q, &settings().samples),
            )
        };
        let path = surface_path(trainer.history().points())
            .into_iter()
            .map(|(w1, w2, _)| on(w1, w2))
            .collect();
        Scene {
            grid,
            costs,
            path,
            current: on(p.w1, p.w2),
        }
    }

    fn run(resolution: usize, iterations: u64) -> (Trainer, Grid, Vec<f32>) {
        let start = Params {
            w1: 0.0,
            b1: 0.0,
            w2: -6.0,
            b2: 0.0,
        };
        let mut trainer = Trainer::new(start, settings());
        trainer.advance(iterations, OnTrouble::Pause);
        let p = trainer.params();
        let grid = grid(resolution);
        let mut costs = vec![0.0f32; resolution * resolution];
        cost_surface(
            p.b1,
            p.b2,
            &settings().samples,
            Cost::CrossEntropy,
            &grid,
            &mut costs,
        );
        (trainer, grid, costs)
    }

    pub fn surface(&self) -> Surface3d<'_> {
        Surface3d {
            grid: self.grid,
            costs: &self.costs,
            path: &self.path,
            current: self.current,
        }
    }

    /// The cost at grid point (row i, column j).
    pub fn cost(&self, i: usize, j: usize) -> f64 {
        f64::from(self.costs[i * self.grid.resolution + j])
    }
}

/// A real surface of 30 x 30 points with holes in it: every 7th cost NaN, every 11th
/// (of the rest) infinite.
pub fn costs_with_holes() -> Vec<f32> {
    let mut holes = Scene::new(30, 10).costs;
    for (k, c) in holes.iter_mut().enumerate() {
        if k % 7 == 0 {
            *c = f32::NAN;
        } else if k % 11 == 0 {
            *c = f32::INFINITY;
        }
    }
    holes
}

/// A path that goes where no path should: far off the grid, to NaN weights, to an infinite
/// cost and to a huge one.
pub const FAR_PATH: [(f64, f64, f64); 4] = [
    (1e9, -1e9, 5.0),
    (f64::NAN, 0.0, 0.1),
    (0.0, 0.0, f64::INFINITY),
    (0.5, 0.5, 1e300),
];

/// Costs out of f32's comfort: huge, at its limit, zero and negative (a 5-point grid's worth
/// of them, for a grid of any size).
pub const HUGE_COSTS: [f32; 5] = [1e30, 3e38, 0.0, -1.0, 2.0];

/// Grids nothing sensible asks for: reversed, NaN-bounded, of one, none or countless points,
/// and spanning everything a double holds while nothing of w2.
pub fn odd_grids() -> [Grid; 6] {
    [
        Grid {
            w1_min: 1.0,
            w1_max: -1.0,
            ..grid(5)
        },
        Grid {
            w2_max: f64::NAN,
            ..grid(5)
        },
        grid(1),
        grid(0),
        grid(usize::MAX),
        Grid {
            w1_min: -1e300,
            w1_max: 1e300,
            w2_min: 0.0,
            w2_max: 1e-300,
            resolution: 5,
        },
    ]
}
