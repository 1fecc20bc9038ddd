//! Figures for slides and worksheets, each with a heading and a caption line (what it shows,
//! the parameters, the iteration): the cost map with the descent path, the network diagram,
//! both side by side, the loss curve, and the chain rule worked on the current numbers.
//! Always in the light theme unless asked otherwise; every label at least [`MIN_LABEL`] of
//! the figure's width (tests/slides.rs pins it for each picture alone at its default size,
//! and for the map, loss curve and chain rule at other slide sizes; "both" puts two pictures
//! on one slide, and its diagram's labels are smaller).
//!
//! The same code draws them for the figure command (`examples/figure.rs`, natively) and for
//! the page's Export (`src/web/figure.rs`, in the wasm), so what the page downloads is what
//! the command makes: the command's options ([`parse_args`]), the state (a share link, or
//! the page's own session: [`Scene`]), the composition, generic over the backend
//! ([`draw_figure`]), and the two renderings: [`svg`] (an SVG document, byte for byte the
//! same in both) and [`slide::Slide::bitmap`] (the command's PNG, at `scale` pixels per unit;
//! the page rasterises the SVG instead). The options are in `options.rs`, the network
//! diagram in [`network`], the loss curve and the chain rule in `panels.rs`, the backend
//! wrapper that makes text measure alike everywhere in [`slide`].

pub mod metrics;
pub mod network;
mod options;
mod panels;
pub mod png;
pub mod slide;

pub use options::*;
pub use panels::{ChainGeometry, caption_lines};

use crate::chart::map::{self, MapGeometry, MapStyle, Overlay, OverlayGeometry};
use crate::chart::theme::{self, Theme};
use crate::chart::{Rival, colormap};
use crate::check;
use crate::cost::Cost;
use crate::error::InputError;
use crate::link::State;
use crate::net::Sample;
use crate::optim::Optimizer;
use crate::session::Session;
use crate::surface::{self, Grid, GridSpec};
use crate::train::{Pass, Phase, Trainer};
use crate::view::View;
use network::{
    BackwardValues, Diagram, ForwardValues, Layout, NetworkGeometry, NetworkStyle, format_number,
};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Grid points per side of the map's surface.
pub const RESOLUTION: usize = 160;

/// The smallest text, as a share of the figure's width: an SVG's font sizes (the em) are at
/// least this times its width, so labels stay legible on a projected slide.
pub const MIN_LABEL: f64 = 0.0125;

/// The smallest text size in plotters' units (ab_glyph's: ascent − descent, 1.1641 em) for a
/// figure `width` units wide, a hair above [`MIN_LABEL`] so rounding cannot take it under.
pub fn min_text_px(width: f64) -> f64 {
    (MIN_LABEL * width + 0.01) * metrics::HEIGHT_UNITS / 2048.0
}

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
        let mut scene = Scene::surface(state.clone(), session)?;
        scene.hide_answers = hide_answers;
        Ok(scene)
    }

    /// The page's session as it is now (not replayed: the run, its history and its quiz as
    /// on screen), its map over the session's range.
    pub fn of_session(session: &Session) -> Result<Scene, InputError> {
        let state = session.to_state();
        let mut scene = Scene::surface(state, session.clone())?;
        scene.hide_answers = session.quiz_hidden();
        Ok(scene)
    }

    /// The state's map: the grid over its range, the costs at the run's biases.
    fn surface(state: State, session: Session) -> Result<Scene, InputError> {
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
            state,
            session,
            grid,
            costs,
            hide_answers: false,
        })
    }

    /// Every number on screen, as the page's view has them (a hidden quiz's answers withheld).
    pub fn view(&self) -> View {
        View::of_run(self.run(), self.hide_answers)
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

    /// The heading the figure gets by default: what `panels` show, in words, and the caption
    /// line: the iteration, the parameters now, the data, η, the cost and the optimizer.
    pub fn auto_title(&self, panels: Panels) -> (String, String) {
        let s = &self.state;
        let t = self.run();
        let it = t.iteration();
        let run = match it {
            0 => "at the starting weights".to_string(),
            1 => format!("after 1 iteration of {}", optimizer_name(&s.optimizer)),
            n => format!("after {n} iterations of {}", optimizer_name(&s.optimizer)),
        };
        let title = match s.quiz {
            Some(seed) if self.hide_answers => {
                format!("Exercise {seed}: predict δ₂, δ₁, ∂C/∂w₂ and ∂C/∂w₁ by back-propagation")
            }
            Some(seed) => format!("Exercise {seed}: the answers"),
            None => match panels {
                Panels::Both if it == 0 => "Before training: the starting weights".to_string(),
                Panels::Both => format!(
                    "After {it} iteration{} of {}",
                    if it == 1 { "" } else { "s" },
                    optimizer_name(&s.optimizer)
                ),
                Panels::Map => format!("The cost map and the descent path, {run}"),
                Panels::Network => format!("The network's forward and backward values, {run}"),
                Panels::Loss => format!("The loss curve: the cost {run}"),
                Panels::Chain => format!("The chain rule on the network's numbers, {run}"),
            },
        };
        (title, self.caption())
    }

    /// The caption line: "Iteration 60 · w₁ = −1.234, b₁ = 0.9870, w₂ = … · x = 0.2, y = 0.9
    /// (point 1 of 2) · η = 3 · squared error · gradient descent · mean cost 0.1234".
    pub fn caption(&self) -> String {
        let s = &self.state;
        let t = self.run();
        let p = t.params();
        let f = crate::format::plain;
        let sample = &s.samples[s.chosen];
        let data = match s.samples.len() {
            1 => format!("x = {}, y = {}", sample.x, sample.y),
            n => format!(
                "x = {}, y = {} (point {} of {n})",
                sample.x,
                sample.y,
                s.chosen + 1
            ),
        };
        let mean = if s.samples.len() > 1 {
            "mean cost"
        } else {
            "cost"
        };
        let settings = t.settings();
        let acts = if settings.hidden == settings.output {
            format!("{} nodes", settings.hidden.name())
        } else {
            format!(
                "{} hidden, {} output",
                settings.hidden.name(),
                settings.output.name()
            )
        };
        format!(
            "Iteration {} · w₁ = {}, b₁ = {}, w₂ = {}, b₂ = {} · {data} · η = {} · {} · {} · {acts} · {mean} {}",
            t.iteration(),
            f(p.w1),
            f(p.b1),
            f(p.w2),
            f(p.b2),
            s.learning_rate,
            self.cost_name(),
            optimizer_name(&s.optimizer),
            f(t.cost())
        )
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
    /// The loss curve's plot.
    pub loss: Option<crate::chart::loss::LossGeometry>,
    /// The chain rule's lines.
    pub chain: Option<ChainGeometry>,
    /// The heading, if drawn: the title and the caption line.
    pub title: Option<(String, String)>,
    /// The heading's text sizes (title, caption), in plotters' units.
    pub title_px: (f64, f64),
}

/// A figure of `width` × `height` units as an SVG document, and where everything landed:
/// what the figure command writes for a .svg file, and what the page's Export downloads.
/// The heatmap inside is drawn at `style.scale` pixels per unit.
pub fn svg(
    scene: &Scene,
    style: &FigureStyle,
    (width, height): (u32, u32),
) -> Result<(String, FigureGeometry), String> {
    slide::svg((width, height), style.scale, |root| {
        draw_figure(root, scene, style)
    })
}

/// Draws the figure on `root`, the backend's whole drawing area (as `into_drawing_area`
/// gives it: the map's geometry is in backend pixels): the heading, then the pictures
/// `style` asks for. On a [`slide::Slide`] (as [`svg`] and the command's PNG draw), text is
/// measured alike everywhere and the heatmap is one image.
pub fn draw_figure<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    scene: &Scene,
    style: &FigureStyle,
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
    let min_text = min_text_px(wf);

    let title = match &style.title {
        Title::Auto => Some(scene.auto_title(style.panels)),
        Title::None => None,
        Title::Text(t) => Some((t.clone(), String::new())),
    };
    let room = wf - 2.0 * pad as f64;
    let measure = |text: &str, size: f64, weight: FontStyle| {
        let style = TextStyle::from((theme::FONT, size, weight).into_font());
        root.estimate_text_size(text, &style)
            .map_or(text.chars().count() as f64 * 0.6 * size, |(w, _)| w as f64)
    };
    // The title smaller if it would not fit the width (never under the smallest text); the
    // caption at its size, on a second line where it does not fit one.
    let (big, small) = match &title {
        Some((t, _)) => {
            let big = (26.0 * u).max(15.0).max(min_text * 1.15);
            let tw = measure(t, big, FontStyle::Bold);
            let big = if tw > room {
                (big * room / tw).max(min_text)
            } else {
                big
            };
            (big, (18.0 * u).max(11.0).max(min_text))
        }
        None => (0.0, 0.0),
    };
    let caption = match &title {
        Some((_, sub)) if !sub.is_empty() => {
            caption_lines(sub, room, |t| measure(t, small, FontStyle::Normal))
        }
        _ => Vec::new(),
    };
    let title_h = match &title {
        Some(_) => big * 1.25 + small * 1.3 * caption.len() as f64 + 10.0 * u,
        None => 0.0,
    };
    let body = root.margin(pad + title_h.round() as u32, pad, pad, pad);
    let (bw, bh) = body.dim_in_pixel();
    let (bwf, bhf) = (bw as f64, bh as f64);
    let (map_area, net_area) = match style.panels {
        Panels::Map => (Some(body.clone()), None),
        Panels::Network => (None, Some(body.clone())),
        Panels::Loss | Panels::Chain => (None, None),
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
        loss: None,
        chain: None,
        title: title.clone(),
        title_px: (big, small),
    };
    // Single pictures keep every label at least the smallest text; "both" shares the room.
    let floor = if style.panels == Panels::Both {
        0.0
    } else {
        min_text
    };
    if let Some(area) = &map_area {
        out.map = Some(draw_map_panel(root, area, scene, style, floor)?);
    }
    if let Some(area) = net_area {
        let origin = area.get_base_pixel();
        let n = draw_network_panel(&area, scene, style.dark)?;
        out.network = Some((origin, n));
    }
    match style.panels {
        Panels::Loss => out.loss = Some(panels::draw_loss_panel(&body, scene, style, min_text)?),
        Panels::Chain => out.chain = Some(panels::draw_chain_panel(&body, scene, style, min_text)?),
        _ => {}
    }
    if let Some((t, _)) = &title {
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
        for (i, line) in caption.iter().enumerate() {
            root.draw(&Text::new(
                line.clone(),
                at(big * 1.25 + small * 1.3 * i as f64),
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
    figure: &FigureStyle,
    min_text: f64,
) -> Result<MapPanel, DrawingAreaErrorKind<DB::ErrorType>> {
    let dark = figure.dark;
    let theme = Theme::pick(dark);
    let p = scene.run().params();
    let (aw, ah) = area.dim_in_pixel();
    // Text and lines at the page's proportions for a map of about 500 x 440, the tick
    // labels (12 px times the ratio) no smaller than `min_text`.
    let ratio = (aw as f64 / 500.0)
        .min(ah as f64 / 440.0)
        .max(min_text / theme::FONT_PX)
        .clamp(0.75, 4.0);
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
        // The heatmap at the figure's pixel density (a PNG at 2× gets twice the pixels).
        let (pw, ph) = g.plot_size();
        let k = figure.scale.clamp(1.0, MAX_SCALE);
        let (pw, ph) = (
            (pw as f64 * k).round() as usize,
            (ph as f64 * k).round() as usize,
        );
        let scale = g.scale();
        let mut rgba = vec![0u8; pw * ph * 4];
        surface::fill_rgba(costs, n, pw, ph, &mut rgba, |c| {
            colormap::lut()[colormap::index(scale.t(c))]
        });
        let data: Vec<u8> = rgba
            .chunks_exact(4)
            .flat_map(|px| [px[0], px[1], px[2]])
            .collect();
        root.draw(&slide::Picture {
            pos: (g.plot.left.round() as i32, g.plot.top.round() as i32),
            size: (pw as u32, ph as u32),
            rgb: &data,
        })
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
    let rivals: Vec<_> = rival_paths
        .iter()
        .zip(&kinds)
        .map(|(path, kind)| Rival::of(path, kind, true))
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
    let left = (geometry.plot.left - area.get_base_pixel().0 as f64).round() as i32;
    area.draw(&Text::new(caption, (left, 0), text.clone()))?;
    // A race: a key under the plot, each rival's mark (its shape and colour) beside its name.
    if !kinds.is_empty() {
        let below = (geometry.plot.bottom - area.get_base_pixel().1 as f64 + 3.2 * size) as i32;
        let lead = format!(
            "○ {} (white)",
            optimizer_label(scene.run().settings().optimizer.name())
        );
        area.draw(&Text::new(lead.clone(), (left, below), text.clone()))?;
        let mut x = left + (0.62 * size * lead.chars().count() as f64) as i32 + size as i32;
        for kind in &kinds {
            let r = (0.4 * size).round() as i32;
            area.draw(&crate::chart::marks::MarkAt::new(
                (x + r, below + (0.55 * size) as i32),
                crate::palette::rival_mark(kind),
                r as u32,
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
pub(super) fn optimizer_label(kind: &str) -> &'static str {
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
    // The pass on screen, as the page's diagram shows it: the one being stepped through (after
    // the update, the one that moved the weights, beside the weights it moved them to), else
    // the pass at the current weights.
    let t = scene.run();
    let pass = t.pass().cloned().unwrap_or_else(|| scene.pass());
    let (f, b) = (pass.forward, pass.backward);
    let sample: Sample = s.samples[s.chosen];
    let diagram = Diagram {
        params: t.params(),
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
        backward_pending: t.phase() == Phase::Forward,
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

/// What the page's Export downloads: the figure `panels` of the page's own session (the
/// run, its history and quiz as on screen) as an SVG of the command's default size for that
/// kind, in the light theme whatever the page's, with its heading and caption, the heatmap
/// at `scale` pixels per unit. The same as the command's `--figure KIND --scale SCALE` for
/// the session's link (tests/figure.rs).
pub fn page_svg(
    session: &Session,
    panels: Panels,
    scale: f64,
) -> Result<(String, (u32, u32)), String> {
    let scene = Scene::of_session(session).map_err(|e| e.to_string())?;
    let size = panels.default_size();
    let style = FigureStyle {
        panels,
        scale: scale.clamp(1.0, MAX_SCALE),
        ..FigureStyle::default()
    };
    Ok((svg(&scene, &style, size)?.0, size))
}

/// The chain rule on the numbers of the page's session as LaTeX (`markdown` false) or
/// Markdown, headed by the chain-rule figure's heading and caption.
pub fn chain_text(session: &Session, markdown: bool) -> String {
    // As the figure: a quiz's answers withheld until checked.
    let chain = crate::chain::Chain::of(&View::of(session), session.run().settings());
    let heading = match Scene::of_session(session) {
        Ok(scene) => {
            let (title, caption) = scene.auto_title(Panels::Chain);
            format!("{title}. {caption}")
        }
        Err(e) => e.to_string(),
    };
    if markdown {
        chain.markdown(&heading)
    } else {
        chain.latex(&heading)
    }
}
