//! Each picture in words, for a learner who cannot see it: the loss curve, the two slope plots
//! and the cost map (the 3D view shows the same surface), each a sentence with its current
//! numbers and a small table behind it. Written from the same session and view the pictures
//! are drawn from (the slope plots at the pass on screen's weights, the tangent and the step
//! only when the view shows them), with the one formatter; a screen reader reads them on
//! request, so they are kept current without being announced.

use crate::format;
use crate::narration::optimizer_words;
use crate::net::Params;
use crate::palette::rival_mark;
use crate::session::Session;
use crate::surface::{self, Grid};
use crate::train::Phase;
use crate::view::{self, Status, View};

/// The map's range, which the slope plots share: [min, max] of each weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub w1: (f64, f64),
    pub w2: (f64, f64),
}

/// One picture in words: a sentence, and a table of what it draws (headings, rows of text).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "charts", derive(serde::Serialize))]
pub struct Picture {
    pub said: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Every picture of the page in words.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "charts", derive(serde::Serialize))]
pub struct Pictures {
    pub loss: Picture,
    pub w1: Picture,
    pub w2: Picture,
    pub map: Picture,
}

/// The optimizers racing the lead, in words: each by name and mark, where it is now (its
/// weights, on the map and in 3D) and its cost. Empty without a race.
fn racing(session: &Session, weights: bool) -> String {
    let rivals = session.race().rivals();
    if rivals.is_empty() {
        return String::new();
    }
    let each: Vec<String> = rivals
        .iter()
        .map(|r| {
            let o = &r.settings().optimizer;
            let mark = rival_mark(o.name());
            let p = r.params();
            if weights {
                format!(
                    "{} (a {}) at w₁ = {}, w₂ = {}, cost {}",
                    optimizer_words(o),
                    mark.name(),
                    format::plain(p.w1),
                    format::plain(p.w2),
                    format::plain(r.cost())
                )
            } else {
                format!(
                    "{} (marked with {}) now at {}",
                    optimizer_words(o),
                    mark.plural(),
                    format::plain(r.cost())
                )
            }
        })
        .collect();
    format!(" Racing it: {}.", each.join("; "))
}

/// How many rows a picture's table has at most: enough to follow the shape, few enough to read.
pub const ROWS: usize = 11;

impl Pictures {
    pub fn of(session: &Session, range: Range) -> Pictures {
        let v = View::of(session);
        Pictures {
            loss: loss(session),
            w1: section(session, &v, range, true),
            w2: section(session, &v, range, false),
            map: map(session, &v, range),
        }
    }
}

/// "the cost" or "the mean cost" (over several points).
fn cost_words(n: usize) -> &'static str {
    if n > 1 { "The mean cost" } else { "The cost" }
}

/// `ROWS` indices spread evenly over `0..len` (all of them when there are fewer).
fn spread(len: usize) -> Vec<usize> {
    if len <= ROWS {
        return (0..len).collect();
    }
    let mut out: Vec<usize> = (0..ROWS).map(|i| i * (len - 1) / (ROWS - 1)).collect();
    out.dedup();
    out
}

fn loss(session: &Session) -> Picture {
    let t = session.run();
    let points = t.history().points();
    let n = t.settings().samples.len();
    let what = cost_words(n);
    let head = vec!["iteration".to_string(), what[4..].to_string()];
    let rows = spread(points.len())
        .into_iter()
        .map(|i| {
            vec![
                points[i].iteration.to_string(),
                format::plain(points[i].cost),
            ]
        })
        .collect();
    let said = match (points.first(), points.last()) {
        (Some(first), Some(last)) if t.iteration() > 0 => {
            // How it moved lately: over the last tenth of the run, at least the last point.
            let back = points.len().saturating_sub(1 + (points.len() / 10).max(1));
            let then = &points[back];
            let lowest = points
                .iter()
                .filter(|p| p.cost.is_finite())
                .min_by(|a, b| a.cost.total_cmp(&b.cost))
                .unwrap_or(last);
            let trend = if last.cost < then.cost {
                "falling"
            } else if last.cost > then.cost {
                "rising"
            } else {
                "level"
            };
            format!(
                "Loss curve: {} over {} iterations, from {} at iteration {} to {} now; {trend} over the last {} iterations (from {}). Lowest so far: {} at iteration {}.",
                what.to_lowercase(),
                t.iteration(),
                format::plain(first.cost),
                first.iteration,
                format::plain(last.cost),
                last.iteration - then.iteration,
                format::plain(then.cost),
                format::plain(lowest.cost),
                lowest.iteration
            )
        }
        _ => format!(
            "Loss curve: no training yet. {} now is {}; press Play or Step iteration to draw it.",
            what,
            format::plain(t.cost())
        ),
    };
    let said = said + &racing(session, false);
    Picture { said, head, rows }
}

/// The weights with one replaced: the point `w` of the `w1` (or w2) slope plot.
fn with(p: Params, w1_axis: bool, w: f64) -> Params {
    let mut q = p;
    if w1_axis {
        q.w1 = w;
    } else {
        q.w2 = w;
    }
    q
}

/// `count` points evenly from `lo` to `hi`.
fn steps(lo: f64, hi: f64, count: usize) -> impl Iterator<Item = f64> {
    (0..count).map(move |i| lo + (hi - lo) * i as f64 / (count - 1) as f64)
}

fn section(session: &Session, v: &View, range: Range, w1_axis: bool) -> Picture {
    let t = session.run();
    let s = t.settings();
    let model = s.model();
    let p = view::pass_params(session);
    let (name, key, (lo, hi)) = if w1_axis {
        ("w₁", "dCdW1", range.w1)
    } else {
        ("w₂", "dCdW2", range.w2)
    };
    let cost = |w: f64| model.mean_cost(&with(p, w1_axis, w), &s.samples);
    let w0 = if w1_axis { p.w1 } else { p.w2 };
    let held = if w1_axis {
        format!(
            "w₂ = {}, b₁ = {}, b₂ = {}",
            format::plain(p.w2),
            format::plain(p.b1),
            format::plain(p.b2)
        )
    } else {
        format!(
            "w₁ = {}, b₁ = {}, b₂ = {}",
            format::plain(p.w1),
            format::plain(p.b1),
            format::plain(p.b2)
        )
    };
    let when = if v.phase == Phase::Update {
        ", at the weights before this step"
    } else {
        ""
    };
    let tangent = match v.get(&format!("mean.{key}")).map(|e| (e.status, e.value)) {
        Some((Status::Known, Some(g))) => {
            let way = if g > 0.0 {
                format!("the cost rises as {name} grows, so a step lowers {name}")
            } else if g < 0.0 {
                format!("the cost falls as {name} grows, so a step raises {name}")
            } else {
                "the curve is flat there".to_string()
            };
            format!(
                "The tangent's slope there is ∂C/∂{name} = {}: {way}.",
                format::signed(g)
            )
        }
        Some((Status::Withheld, _)) => {
            "The tangent's slope is hidden until you check your answers.".to_string()
        }
        _ => "The tangent comes with the backward pass.".to_string(),
    };
    let lowest = steps(lo, hi, 201)
        .map(|w| (w, cost(w)))
        .filter(|(_, c)| c.is_finite())
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let at = if lo <= w0 && w0 <= hi {
        format!(
            "At {name} = {} it is {}. ",
            format::plain(w0),
            format::plain(cost(w0))
        )
    } else {
        format!(
            "{name} = {} is off this range, where the cost is {}. ",
            format::plain(w0),
            format::plain(cost(w0))
        )
    };
    let said = format!(
        "Slope plot: {} as {name} varies from {} to {}, the others held ({held}){when}. {at}{tangent}{}",
        cost_words(s.samples.len()).to_lowercase(),
        format::plain(lo),
        format::plain(hi),
        lowest.map_or(String::new(), |(w, c)| format!(
            " Lowest on this range: {} at {name} = {}.",
            format::plain(c),
            format::plain(w)
        ))
    );
    let rows = steps(lo, hi, ROWS)
        .map(|w| vec![format::plain(w), format::plain(cost(w))])
        .collect();
    Picture {
        said,
        head: vec![name.to_string(), "C".to_string()],
        rows,
    }
}

/// Points per side of the grid on which the map's words look for its lowest point.
const LOWEST_GRID: usize = 41;

fn map(session: &Session, v: &View, range: Range) -> Picture {
    let t = session.run();
    let s = t.settings();
    let model = s.model();
    let now = t.params();
    let n = s.samples.len();
    // The lowest point of the map, on a 41 × 41 grid of its range (by the surface's exact
    // path: the words are written at once when Play pauses, and one cost at a time this grid
    // was most of their time, about 1.2 ms of 1.75 in the page).
    let grid = Grid {
        w1_min: range.w1.0,
        w1_max: range.w1.1,
        w2_min: range.w2.0,
        w2_max: range.w2.1,
        resolution: LOWEST_GRID,
    };
    let means = surface::exact_means(now.b1, now.b2, &s.samples, model, &grid);
    // The first lowest in w1-major order; costs within the path's 1e-9 of each other count
    // as equal, so a valley of equal costs (w1 w2 held, say) is named where one cost at a
    // time named it.
    let mut lowest: Option<(f64, f64, f64)> = None;
    for j in 0..LOWEST_GRID {
        for i in 0..LOWEST_GRID {
            let c = means[i * LOWEST_GRID + j];
            if c.is_finite() && lowest.is_none_or(|l| c < l.2 - l.2.abs() * 1e-9) {
                lowest = Some((grid.w1(j), grid.w2(i), c));
            }
        }
    }
    let step = |k: &str| v.get(k).map(|e| (e.status, e.value));
    let step_words = match (step("step.w1"), step("step.w2")) {
        (Some((Status::Known, Some(a))), Some((Status::Known, Some(b)))) => format!(
            "{} moves w₁ by {} and w₂ by {}.",
            if v.phase == Phase::Update {
                "The step just taken (the arrow)"
            } else {
                "The next step (the arrow)"
            },
            format::signed(a),
            format::signed(b)
        ),
        (Some((Status::Withheld, _)), _) => {
            "The next step is hidden until you check your answers.".to_string()
        }
        _ => "The next step comes with the backward pass.".to_string(),
    };
    let points = t.history().points();
    let path = match points.first() {
        Some(first) if t.iteration() > 0 => format!(
            " The path (a line) runs from the start, w₁ = {}, w₂ = {} (cost {}), through {} iterations to the marker.",
            format::plain(first.params.w1),
            format::plain(first.params.w2),
            format::plain(first.cost),
            t.iteration()
        ),
        _ => String::new(),
    };
    let said = format!(
        "Cost map: {} for each w₁ from {} to {} and w₂ from {} to {}, with b₁ = {} and b₂ = {} held; dark is low, bright is high. The marker (a ring) is at w₁ = {}, w₂ = {}, where the cost is {}. {step_words}{path}{}{}",
        cost_words(n).to_lowercase(),
        format::plain(range.w1.0),
        format::plain(range.w1.1),
        format::plain(range.w2.0),
        format::plain(range.w2.1),
        format::plain(now.b1),
        format::plain(now.b2),
        format::plain(now.w1),
        format::plain(now.w2),
        format::plain(t.cost()),
        lowest.map_or(String::new(), |(w1, w2, c)| format!(
            " Lowest on the map: {} near w₁ = {}, w₂ = {}.",
            format::plain(c),
            format::plain(w1),
            format::plain(w2)
        )),
        racing(session, true)
    );
    let rows = spread(points.len())
        .into_iter()
        .map(|i| {
            let p = &points[i];
            vec![
                p.iteration.to_string(),
                format::plain(p.params.w1),
                format::plain(p.params.w2),
                format::plain(p.cost),
            ]
        })
        .collect();
    Picture {
        said,
        head: ["iteration", "w₁", "w₂", "C"].map(String::from).to_vec(),
        rows,
    }
}

/// The loss curve as sound: a short tone whose pitch follows the cost, so a learner who cannot
/// see the curve hears it fall (or climb, when training diverges).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "charts", derive(serde::Serialize))]
pub struct Tone {
    /// The pitch at evenly spaced moments of the run, first to last iteration (Hz).
    pub hz: Vec<f64>,
    /// How long the whole run takes to play.
    pub seconds: f64,
}

/// Where the tone starts: the run's first cost is always this pitch (A4).
pub const TONE_START_HZ: f64 = 440.0;
/// Its range: two octaves either side of the start; a cost beyond it stays at the edge.
pub const TONE_HZ: (f64, f64) = (110.0, 1760.0);
/// Pitches in a tone: enough for a smooth glide, few enough to send at once.
pub const TONE_STEPS: usize = 64;
/// A run takes this long to play, however many iterations it has.
pub const TONE_SECONDS: f64 = 1.5;

/// The tone of the run so far: each tenfold fall of the cost, from where the run started,
/// lowers the pitch by an octave (so a curve that falls steeply, then flattens, sounds that
/// way), and a rise raises it; a cost that is not a number is the top of the range. Before any
/// training the tone is one steady pitch.
pub fn loss_tone(session: &Session) -> Tone {
    let points = session.run().history().points();
    let first = points.first().map_or(f64::NAN, |p| p.cost);
    let pitch = |cost: f64| {
        if !(cost.is_finite() && first.is_finite() && first > 0.0) {
            return TONE_HZ.1;
        }
        let octaves = (cost / first).log10();
        (TONE_START_HZ * octaves.exp2()).clamp(TONE_HZ.0, TONE_HZ.1)
    };
    let hz = if points.len() < 2 {
        vec![pitch(first); TONE_STEPS]
    } else {
        // Along the iterations, not the kept points: the history thins its older half.
        let (i0, i1) = (
            points[0].iteration as f64,
            points[points.len() - 1].iteration as f64,
        );
        let mut k = 0;
        (0..TONE_STEPS)
            .map(|s| {
                let it = i0 + (i1 - i0) * s as f64 / (TONE_STEPS - 1) as f64;
                while k + 2 < points.len() && (points[k + 1].iteration as f64) < it {
                    k += 1;
                }
                let (a, b) = (&points[k], &points[k + 1]);
                let span = (b.iteration - a.iteration) as f64;
                let f = if span > 0.0 {
                    ((it - a.iteration as f64) / span).clamp(0.0, 1.0)
                } else {
                    1.0
                };
                pitch(a.cost + (b.cost - a.cost) * f)
            })
            .collect()
    };
    Tone {
        hz,
        seconds: TONE_SECONDS,
    }
}
