//! Figures for slides and worksheets: the cost map with the descent path and the network
//! diagram, side by side (or either alone), rendered natively by `examples/figure.rs` to SVG
//! and PNG with plotters' own backends, with no browser.
//!
//! Everything except the backends lives here, so the tests drive the same code: the command's
//! options ([`parse_args`]), the state they describe (a share link, decoded as the page
//! decodes it, then individual options over it), the training run replayed exactly as the
//! page replays it ([`Scene`]), and the composition, generic over the backend
//! ([`draw_figure`]). The options are in `options.rs`, the network diagram in [`network`].

pub mod network;
mod options;

pub use options::*;

use crate::chart::colormap;
use crate::chart::map::{self, MapGeometry, MapStyle, Overlay, OverlayGeometry};
use crate::chart::theme::{self, Theme};
use crate::check;
use crate::cost::Cost;
use crate::error::InputError;
use crate::link::State;
use crate::net::Sample;
use crate::optim::Optimizer;
use crate::session::Session;
use crate::surface::{self, Grid, GridSpec};
use crate::train::{Pass, Trainer};
use network::{
    BackwardValues, Diagram, ForwardValues, Layout, NetworkGeometry, NetworkStyle, format_number,
};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Grid points per side of the map's surface.
pub const RESOLUTION: usize = 160;

/// A state made ready to draw: training replayed, the surface computed.
pub struct Scene {
    /// The state as asked for.
    pub state: State,
    /// The state opened as the page opens it: the run replayed, its race level with it.
    pub session: Session,
    pub grid: Grid,
    /// Mean cost over `grid`, row-major, b1 and b2 at their current values.
    pub costs: Vec<f32>,
    /// Delta2, delta1 and the weight gradients shown as "?" (a quiz without its answers).
    pub hide_answers: bool,
}

impl Scene {
    /// Replays the state's training from its start, exactly as the page opens a link.
    pub fn new(state: &State, hide_answers: bool) -> Result<Scene, InputError> {
        let session = Session::from_state(state)?;
        let v = &state.view;
        let grid = check::grid(
            &GridSpec {
                w1_min: v.w1_min,
                w1_max: v.w1_max,
                w2_min: v.w2_min,
                w2_max: v.w2_max,
                resolution: RESOLUTION as f64,
            },
            "range",
        )?;
        let p = session.run().params();
        let s = session.run().settings();
        let mut costs = vec![0.0f32; RESOLUTION * RESOLUTION];
        surface::cost_surface(p.b1, p.b2, &s.samples, s.model(), &grid, &mut costs);
        Ok(Scene {
            state: state.clone(),
            session,
            grid,
            costs,
            hide_answers,
        })
    }

    /// From options: the state, and the quiz's answers hidden unless asked for.
    pub fn from_options(o: &FigureOptions) -> Result<Scene, InputError> {
        Scene::new(&o.state, o.state.quiz.is_some() && !o.answers)
    }

    /// The lead run, replayed.
    pub fn run(&self) -> &Trainer {
        self.session.run()
    }

    /// Messages about the run worth printing (a refused step, trouble on screen).
    pub fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        let replayed = self.run().iteration();
        if replayed < self.state.iterations {
            out.push(format!(
                "training stopped after {} of {} iterations: the next step would move a weight \
                 beyond ±10⁶ (the page stops there too)",
                replayed, self.state.iterations
            ));
        }
        if let Some(t) = self.run().trouble() {
            out.push(format!(
                "at this iteration the page pauses training and says why: {t:?}"
            ));
        }
        out
    }

    /// (w1, w2) after each kept iteration, oldest first.
    pub fn path(&self) -> Vec<(f64, f64)> {
        self.run().path()
    }

    /// Each rival's path, as [`Scene::path`].
    pub fn rival_paths(&self) -> Vec<Vec<(f64, f64)>> {
        self.session
            .race()
            .rivals()
            .iter()
            .map(Trainer::path)
            .collect()
    }

    /// What the diagram shows: the pass at the current weights for the chosen sample, as the
    /// page's diagram does once a replay has ended.
    pub fn pass(&self) -> Pass {
        Pass::at(self.run().params(), self.run().settings())
    }

    /// The cost's name in words.
    pub fn cost_name(&self) -> &'static str {
        match self.state.cost {
            Cost::Squared => "squared error",
            Cost::CrossEntropy => "cross-entropy",
        }
    }

    /// The heading the figure gets by default: what is shown, in words.
    pub fn auto_title(&self) -> (String, String) {
        let s = &self.state;
        let t = self.run();
        let title = match s.quiz {
            Some(seed) if self.hide_answers => {
                format!("Exercise {seed}: predict δ₂, δ₁, ∂C/∂w₂ and ∂C/∂w₁ by back-propagation")
            }
            Some(seed) => format!("Exercise {seed}: the answers"),
            None if t.iteration() == 0 => "Before training: the starting weights".to_string(),
            None => format!(
                "After {} iteration{} of {}",
                t.iteration(),
                if t.iteration() == 1 { "" } else { "s" },
                optimizer_name(&s.optimizer)
            ),
        };
        let points = match s.samples.len() {
            1 => format!("x = {}, y = {}", s.samples[0].x, s.samples[0].y),
            n => format!(
                "{n} training points, point {} shown (x = {}, y = {})",
                s.chosen + 1,
                s.samples[s.chosen].x,
                s.samples[s.chosen].y
            ),
        };
        let mean = if s.samples.len() > 1 {
            "mean cost"
        } else {
            "cost"
        };
        let subtitle = format!(
            "{} · η = {} · {points} · {mean} {}",
            self.cost_name(),
            s.learning_rate,
            format_number(t.cost())
        );
        (title, subtitle)
    }
}

fn optimizer_name(o: &Optimizer) -> String {
    match *o {
        Optimizer::Sgd => "gradient descent".into(),
        Optimizer::Momentum { beta } => format!("momentum (β = {beta})"),
        Optimizer::Nesterov { beta } => format!("Nesterov momentum (β = {beta})"),
        Optimizer::RmsProp { rho, .. } => format!("RMSProp (ρ = {rho})"),
        Optimizer::Adam { beta1, beta2, .. } => format!("Adam (β₁ = {beta1}, β₂ = {beta2})"),
    }
}

/// Where the map landed, in backend pixels of the whole figure.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPanel {
    /// The top-left corner of the map's area (its caption above the chart).
    pub origin: (i32, i32),
    pub geometry: MapGeometry,
    pub overlay: OverlayGeometry,
}

/// Where everything landed, in backend pixels of the whole figure.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureGeometry {
    pub map: Option<MapPanel>,
    /// The diagram's area (left, top) within the figure and its geometry there.
    pub network: Option<((i32, i32), NetworkGeometry)>,
    /// The heading, if drawn.
    pub title: Option<(String, String)>,
}

/// Puts an RGB image (3 bytes a pixel, rows top to bottom) at a pixel position of an area in
/// one piece: the command passes plotters' `BitMapElement`, which becomes one `<image>` in an
/// SVG and a copy of pixels in a bitmap. (The library's plotters has no bitmap features, so
/// the caller provides it; [`blit_by_pixels`] works anywhere, one pixel at a time.)
pub type Blit<'b, DB> =
    &'b dyn Fn(
        &DrawingArea<DB, Shift>,
        (i32, i32),
        (u32, u32),
        &[u8],
    ) -> Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A [`Blit`] for any backend, one pixel at a time (slow, and large in an SVG).
pub fn blit_by_pixels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    (w, _): (u32, u32),
    rgb: &[u8],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    for (i, px) in rgb.chunks_exact(3).enumerate() {
        let (dx, dy) = ((i % w as usize) as i32, (i / w as usize) as i32);
        area.draw_pixel((x + dx, y + dy), &RGBColor(px[0], px[1], px[2]))?;
    }
    Ok(())
}

/// Draws the figure on `root`, the backend's whole drawing area (as `into_drawing_area`
/// gives it: the map's geometry is in backend pixels): the heading, then the map (heatmap,
/// contours, axes, legend, path, step arrow and current weights) and the network diagram, as
/// `style` asks. `blit` puts the heatmap's pixels in place.
pub fn draw_figure<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scene: &Scene,
    style: &FigureStyle,
    blit: Blit<DB>,
) -> Result<FigureGeometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let theme = Theme::pick(style.dark);
    root.fill(&theme.background)?;
    let (w, h) = root.dim_in_pixel();
    let (wf, hf) = (w as f64, h as f64);
    // One unit: 1 on a 1280 x 720 canvas, so text and margins grow with the figure's area.
    let u = ((wf * hf).sqrt() / (1280.0f64 * 720.0).sqrt())
        .max(wf / 1300.0)
        .clamp(0.4, 6.0);
    let pad = (16.0 * u).round() as u32;

    let title = match &style.title {
        Title::Auto => Some(scene.auto_title()),
        Title::None => None,
        Title::Text(t) => Some((t.clone(), String::new())),
    };
    // The heading's sizes, smaller if a line would not fit the width.
    let fits = |text: &str, size: f64, weight: FontStyle| {
        let style = TextStyle::from((theme::FONT, size, weight).into_font());
        let tw = root
            .estimate_text_size(text, &style)
            .map_or(text.chars().count() as f64 * 0.6 * size, |(w, _)| w as f64);
        let room = wf - 2.0 * pad as f64;
        if tw > room { size * room / tw } else { size }
    };
    let (big, small) = match &title {
        Some((t, sub)) => (
            fits(t, (26.0 * u).max(15.0), FontStyle::Bold),
            fits(sub, (18.0 * u).max(11.0), FontStyle::Normal),
        ),
        None => (0.0, 0.0),
    };
    let title_h = match &title {
        Some((_, sub)) if !sub.is_empty() => big * 1.25 + small * 1.3 + 10.0 * u,
        Some(_) => big * 1.25 + 10.0 * u,
        None => 0.0,
    };
    let body = root.margin(pad + title_h.round() as u32, pad, pad, pad);
    let (bw, bh) = body.dim_in_pixel();
    let (bwf, bhf) = (bw as f64, bh as f64);
    let (map_area, net_area) = match style.panels {
        Panels::Map => (Some(body.clone()), None),
        Panels::Network => (None, Some(body.clone())),
        Panels::Both if bwf >= 1.3 * bhf => {
            // Side by side: the map about square on the left, the diagram on the right.
            let map_w = (bhf * 1.2).min(bwf * 0.62).round() as i32;
            let (a, b) = body.split_horizontally(map_w);
            (Some(a), Some(b.margin(0, 0, pad, 0)))
        }
        Panels::Both => {
            // Stacked: the diagram in a band on top, the map below, centred and no more
            // than a little wider than high.
            let band = (bwf * 0.32).min(bhf * 0.38).round() as i32;
            let (a, b) = body.split_vertically(band);
            let b = b.margin(pad, 0, 0, 0);
            let (mw, mh) = b.dim_in_pixel();
            let side = ((mw as f64 - mh as f64 * 1.3) / 2.0).max(0.0).round() as u32;
            (Some(b.margin(0, 0, side, side)), Some(a))
        }
    };

    // The map first: its legend repaints the background right of the plot, up to the top.
    let mut out = FigureGeometry {
        map: None,
        network: None,
        title: title.clone(),
    };
    if let Some(area) = &map_area {
        out.map = Some(draw_map_panel(root, area, scene, style.dark, blit)?);
    }
    if let Some(area) = net_area {
        let origin = area.get_base_pixel();
        let n = draw_network_panel(&area, scene, style.dark)?;
        out.network = Some((origin, n));
    }
    if let Some((t, sub)) = &title {
        fn text(size: f64, weight: FontStyle, color: &RGBColor) -> TextStyle<'_> {
            TextStyle::from((theme::FONT, size, weight).into_font())
                .color(color)
                .pos(Pos::new(HPos::Left, VPos::Top))
        }
        let at = |y: f64| (pad as i32, pad as i32 + y.round() as i32);
        root.draw(&Text::new(
            t.clone(),
            at(0.0),
            text(big, FontStyle::Bold, &theme.text),
        ))?;
        if !sub.is_empty() {
            root.draw(&Text::new(
                sub.clone(),
                at(big * 1.25),
                text(small, FontStyle::Normal, &theme.muted),
            ))?;
        }
    }
    Ok(out)
}

/// The map in `area`: a caption naming what is held fixed, then the page's map and overlay.
/// The map's code draws in backend pixels, so its frame is laid out in `area` and the rest
/// is drawn on `root`, the whole figure.
fn draw_map_panel<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    dark: bool,
    blit: Blit<DB>,
) -> Result<MapPanel, DrawingAreaErrorKind<DB::ErrorType>> {
    let theme = Theme::pick(dark);
    let p = scene.run().params();
    let (aw, ah) = area.dim_in_pixel();
    // Text and lines at the page's proportions for a map of about 500 x 440.
    let ratio = (aw as f64 / 500.0).min(ah as f64 / 440.0).clamp(0.75, 4.0);
    // The caption a little larger than the tick labels (12 px times the ratio).
    let size = 13.0 * ratio;
    let map_area = area.margin((size * 1.2).round() as u32, 0, 0, 0);
    let style = MapStyle {
        dark,
        log_color: scene.state.view.log_color,
        pixel_ratio: ratio,
        legend_label_px: None,
        fixed_scale: scene.state.view.color_scale,
    };
    let n = scene.grid.resolution;
    let costs = &scene.costs;
    let frame = map::draw_map_frame(&map_area, &scene.grid, &style)?;
    let geometry = map::draw_map_data(root, &frame, &scene.grid, costs, &style, |g| {
        let (pw, ph) = g.plot_size();
        let scale = g.scale();
        let mut rgba = vec![0u8; pw * ph * 4];
        surface::fill_rgba(costs, n, pw, ph, &mut rgba, |c| {
            colormap::lut()[colormap::index(scale.t(c))]
        });
        let data: Vec<u8> = rgba
            .chunks_exact(4)
            .flat_map(|px| [px[0], px[1], px[2]])
            .collect();
        blit(
            root,
            (g.plot_left.round() as i32, g.plot_top.round() as i32),
            (pw as u32, ph as u32),
            &data,
        )
    })?;
    let path = scene.path();
    // A quiz hides the step arrow too: its direction gives the gradients' signs away.
    let next = if scene.hide_answers {
        p
    } else {
        scene.run().next_params()
    };
    let rival_paths = scene.rival_paths();
    let kinds: Vec<&str> = scene
        .session
        .race()
        .rivals()
        .iter()
        .map(|r| r.settings().optimizer.name())
        .collect();
    let rivals: Vec<map::Rival> = rival_paths
        .iter()
        .zip(&kinds)
        .map(|(path, kind)| map::Rival {
            path,
            color: theme::rival_color(kind, true),
            mark: crate::palette::rival_mark(kind),
        })
        .collect();
    let overlay = map::draw_race_overlay(
        root,
        &geometry,
        &Overlay {
            path: &path,
            current: (p.w1, p.w2),
            next: (next.w1, next.w2),
        },
        &rivals,
        &style,
    )?;
    let caption = format!(
        "Cost C(w₁, w₂) with b₁ = {} and b₂ = {} held",
        format_number(p.b1),
        format_number(p.b2)
    );
    let text = TextStyle::from((theme::FONT, size).into_font())
        .color(&theme.text)
        .pos(Pos::new(HPos::Left, VPos::Top));
    let left = (geometry.plot_left - area.get_base_pixel().0 as f64).round() as i32;
    area.draw(&Text::new(caption, (left, 0), text.clone()))?;
    // A race: a key under the plot, each rival's ball colour beside its name.
    if !kinds.is_empty() {
        let below = (geometry.plot_bottom - area.get_base_pixel().1 as f64 + 3.2 * size) as i32;
        let lead = format!(
            "○ {} (white)",
            optimizer_label(scene.run().settings().optimizer.name())
        );
        area.draw(&Text::new(lead.clone(), (left, below), text.clone()))?;
        let mut x = left + (0.62 * size * lead.chars().count() as f64) as i32 + size as i32;
        for kind in &kinds {
            let r = (0.4 * size).round() as i32;
            area.draw(&Circle::new(
                (x + r, below + (0.55 * size) as i32),
                r,
                theme::rival_color(kind, true).filled(),
            ))?;
            let name = optimizer_label(kind);
            area.draw(&Text::new(name, (x + 3 * r, below), text.clone()))?;
            x += 3 * r + (0.62 * size * name.chars().count() as f64) as i32 + size as i32;
        }
    }
    Ok(MapPanel {
        origin: area.get_base_pixel(),
        geometry,
        overlay,
    })
}

/// How the page names an optimizer.
fn optimizer_label(kind: &str) -> &'static str {
    match kind {
        "momentum" => "Momentum",
        "nesterov" => "Nesterov",
        "rmsprop" => "RMSProp",
        "adam" => "Adam",
        _ => "Gradient descent",
    }
}

/// The diagram for the chosen sample at the current weights.
fn draw_network_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    dark: bool,
) -> Result<NetworkGeometry, DrawingAreaErrorKind<DB::ErrorType>> {
    let s = scene.run().settings();
    let pass = scene.pass();
    let (f, b) = (pass.forward, pass.backward);
    let sample: Sample = s.samples[s.chosen];
    let diagram = Diagram {
        params: pass.params,
        sample,
        forward: ForwardValues {
            z1: f.z1,
            a1: f.a1,
            z2: f.z2,
            y_hat: f.y_hat,
        },
        backward: BackwardValues {
            cost: b.cost,
            d_c_d_y_hat: b.d_c_d_y_hat,
            d_y_hat_d_z2: b.d_y_hat_d_z2,
            delta2: b.delta2,
            d_c_d_w2: b.d_c_d_w2,
            d_a1_d_z1: b.d_a1_d_z1,
            delta1: b.delta1,
            d_c_d_w1: b.d_c_d_w1,
        },
        cost_name: scene.cost_name(),
        hidden_activation: s.hidden,
        output_activation: s.output,
        hide_answers: scene.hide_answers,
    };
    network::draw_network(
        area,
        &diagram,
        &NetworkStyle {
            dark,
            layout: Layout::Auto,
        },
    )
}
