//! The chain rule worked on one [`View`]'s numbers, line by line: the forward pass, then each
//! factor and each product of the backward pass, for the point on screen. One list of lines,
//! written three ways: Unicode text (the chain-rule figure draws it), LaTeX and Markdown (for
//! a teacher's notes).
//!
//! Every number is the view's, written by [`crate::format`] as the page writes it, so these
//! lines never show a number the page does not: one the view withholds (a quiz's answers) or
//! has not computed yet (before the backward pass) is "?".

use crate::activation::Activation;
use crate::cost::Cost;
use crate::format;
use crate::narration;
use crate::train::{Phase, Settings};
use crate::view::View;

/// What stands for a number the view does not show.
pub const HIDDEN: &str = "?";

/// Which pass a line belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    Forward,
    Backward,
}

/// One line: `lhs = rhs`, and a note in words after it (or empty).
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub pass: Pass,
    pub lhs: String,
    pub rhs: String,
    pub note: String,
}

impl Line {
    /// The line as text: "δ₂ = ∂C/∂ŷ × σ′(z₂) = 0.3000 × 0.2100 = 0.06300".
    pub fn text(&self) -> String {
        format!("{} = {}", self.lhs, self.rhs)
    }
}

/// The chain rule on a view's numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Chain {
    /// Whose numbers: "For the sample x = 0.8000, y = 0.1000" (and the moment after an update).
    pub sample: String,
    pub lines: Vec<Line>,
    /// Why some results are "?", when some are (a quiz, or the backward pass not run yet).
    pub hidden: Option<&'static str>,
}

const QUIZ: &str = "The quiz's answers (δ₂, δ₁, ∂C/∂w₂, ∂C/∂w₁) are hidden until they are checked.";
const PENDING: &str = "The backward pass has not run yet: its numbers come with the next step.";

impl Chain {
    /// The chain rule for `view`, a view of a run with `settings`.
    pub fn of(view: &View, settings: &Settings) -> Chain {
        let w = Filler { view };
        let (g1, g2) = (settings.hidden, settings.output);
        let ce = settings.cost == Cost::CrossEntropy;
        let act = |a: Activation, z: &str| format!("{}({z})", a.symbol());
        let slope = |a: Activation, z: &str| format!("{}′({z})", a.symbol());
        let mut lines = Vec::new();
        let mut push = |pass: Pass, lhs: String, rhs: String, note: &str| {
            lines.push(Line {
                pass,
                lhs,
                rhs,
                note: note.to_string(),
            })
        };
        use Pass::{Backward as B, Forward as F};
        push(
            F,
            "z₁".into(),
            w.fill("w₁x + b₁ = {w1} × {(x)} + {(b1)} = {z1}"),
            "",
        );
        push(
            F,
            "a₁".into(),
            format!("{} = {}", act(g1, "z₁"), w.num("a1")),
            "",
        );
        push(
            F,
            "z₂".into(),
            w.fill("w₂a₁ + b₂ = {w2} × {(a1)} + {(b2)} = {z2}"),
            "",
        );
        push(
            F,
            "ŷ".into(),
            format!("{} = {}", act(g2, "z₂"), w.num("yHat")),
            "",
        );
        let [c, dc, dc_numbers] = narration::cost_rule(settings.cost);
        push(F, "C".into(), format!("{c} = {}", w.num("cost")), "");
        push(
            B,
            "∂C/∂ŷ".into(),
            format!("{dc} = {} = {}", w.fill(dc_numbers), w.num("dCdYHat")),
            "",
        );
        let (rhs, note) = slope_rhs(&w, g2, false);
        push(B, slope(g2, "z₂"), rhs, note);
        if ce {
            push(
                B,
                "δ₂".into(),
                w.fill("ŷ − y = {yHat} − {(y)} = {delta2}"),
                "σ′(z₂) cancels against ∂C/∂ŷ's denominator",
            );
        } else {
            push(
                B,
                "δ₂".into(),
                format!(
                    "∂C/∂ŷ × {} = {}",
                    slope(g2, "z₂"),
                    w.fill("{dCdYHat} × {(dYHatdZ2)} = {delta2}")
                ),
                "",
            );
        }
        push(
            B,
            "∂C/∂w₂".into(),
            w.fill("δ₂ × a₁ = {delta2} × {(a1)} = {dCdW2}"),
            "",
        );
        push(B, "∂C/∂b₂".into(), w.fill("δ₂ = {delta2}"), "");
        let (rhs, note) = slope_rhs(&w, g1, true);
        push(B, slope(g1, "z₁"), rhs, note);
        push(
            B,
            "δ₁".into(),
            format!(
                "δ₂ × w₂ × {} = {}",
                slope(g1, "z₁"),
                w.fill("{delta2} × {(dZ2dA1)} × {(dA1dZ1)} = {delta1}")
            ),
            "",
        );
        push(
            B,
            "∂C/∂w₁".into(),
            w.fill("δ₁ × x = {delta1} × {(x)} = {dCdW1}"),
            "",
        );
        push(B, "∂C/∂b₁".into(), w.fill("δ₁ = {delta1}"), "");

        let pending = view.phase == Phase::Forward;
        let hidden = if pending {
            Some(PENDING)
        } else if view.get("delta2").is_some_and(|e| e.value.is_none()) {
            Some(QUIZ)
        } else {
            None
        };
        let mut sample = if view.points == 1 {
            w.fill("For the sample x = {x}, y = {y}")
        } else {
            format!(
                "For point {} of {} (x = {}, y = {}); the step uses the mean over all {} points",
                view.chosen + 1,
                view.points,
                w.num("x"),
                w.num("y"),
                view.points
            )
        };
        if view.phase == Phase::Update {
            sample.push_str(", at the weights before the update just made");
        }
        sample.push('.');
        Chain {
            sample,
            lines,
            hidden,
        }
    }

    /// As LaTeX: a comment with `caption`, then an `align*` of the lines, aligned on their
    /// first "=" (amsmath).
    pub fn latex(&self, caption: &str) -> String {
        let mut out = format!(
            "% {}\n% {}\n",
            latex_comment(caption),
            latex_comment(&self.sample)
        );
        if let Some(h) = self.hidden {
            out.push_str(&format!("% {}\n", latex_comment(h)));
        }
        out.push_str("\\begin{align*}\n");
        let n = self.lines.len();
        for (i, l) in self.lines.iter().enumerate() {
            out.push_str(&format!("{} &= {}", to_latex(&l.lhs), to_latex(&l.rhs)));
            if !l.note.is_empty() {
                out.push_str(&format!(" && \\text{{{}}}", latex_text(&l.note)));
            }
            if i + 1 < n {
                out.push_str(" \\\\");
                if self.lines[i + 1].pass != l.pass {
                    out.push_str("[6pt]");
                }
            }
            out.push('\n');
        }
        out.push_str("\\end{align*}\n");
        out
    }

    /// As Markdown: `caption` in bold, whose numbers, then the two passes as lists.
    pub fn markdown(&self, caption: &str) -> String {
        let mut out = format!("**{}**\n\n{}\n", markdown_text(caption), self.sample);
        if let Some(h) = self.hidden {
            out.push_str(&format!("\n{h}\n"));
        }
        for (pass, heading) in [
            (Pass::Forward, "Forward pass:"),
            (Pass::Backward, "Backward pass, by the chain rule:"),
        ] {
            out.push_str(&format!("\n{heading}\n\n"));
            for l in self.lines.iter().filter(|l| l.pass == pass) {
                out.push_str(&format!("- {}", markdown_text(&l.text())));
                if !l.note.is_empty() {
                    out.push_str(&format!(" ({})", markdown_text(&l.note)));
                }
                out.push('\n');
            }
        }
        out
    }
}

/// A node's slope: the rule, the numbers and the value, and a note for the rules that are
/// not arithmetic (ReLU's and the identity's).
fn slope_rhs(w: &Filler, a: Activation, hidden: bool) -> (String, &'static str) {
    let (key, y, y_key, z) = if hidden {
        ("dA1dZ1", "a₁", "a1", "z₁")
    } else {
        ("dYHatdZ2", "ŷ", "yHat", "z₂")
    };
    let value = w.num(key);
    match a {
        Activation::Sigmoid => {
            let one_minus = if hidden { "oneMinusA1" } else { "oneMinusYHat" };
            (
                format!(
                    "{y}(1 − {y}) = {} × {} = {value}",
                    w.num(y_key),
                    w.num(one_minus)
                ),
                "",
            )
        }
        Activation::Tanh => (format!("1 − {y}² = 1 − {}² = {value}", w.paren(y_key)), ""),
        Activation::Relu => (
            value,
            if hidden {
                "ReLU′ is 1 where z₁ > 0, else 0"
            } else {
                "ReLU′ is 1 where z₂ > 0, else 0"
            },
        ),
        Activation::Linear => {
            let _ = z;
            (value, "the identity's slope")
        }
    }
}

/// Writes a view's numbers into templates: `{key}` the number, `{(key)}` the same in
/// brackets when negative (after an operator); a number the view does not show is "?".
struct Filler<'a> {
    view: &'a View,
}

impl Filler<'_> {
    fn value(&self, key: &str) -> Option<f64> {
        narration::value(self.view, key)
    }

    fn num(&self, key: &str) -> String {
        self.value(key)
            .map_or_else(|| HIDDEN.to_string(), format::plain)
    }

    fn paren(&self, key: &str) -> String {
        match self.value(key) {
            Some(v) if v < 0.0 => format!("({})", format::plain(v)),
            Some(v) => format::plain(v),
            None => HIDDEN.to_string(),
        }
    }

    /// `template` filled by the sentences' filler ([`narration::fill`]).
    fn fill(&self, template: &str) -> String {
        narration::fill(template, |name| {
            match name.strip_prefix('(').and_then(|k| k.strip_suffix(')')) {
                Some(key) => self.paren(key),
                None => self.num(name),
            }
        })
    }
}

/// Unicode math as the page writes it, in LaTeX: "δ₂ = ∂C/∂ŷ × σ′(z₂) = −1.2 × 10⁻⁴" becomes
/// "\delta_{2} = \partial C/\partial \hat{y} \times \sigma'(z_{2}) = -1.2 \times 10^{-4}".
pub fn to_latex(text: &str) -> String {
    const WORDS: [(&str, &str); 4] = [
        ("tanh", "\\tanh "),
        ("ReLU", "\\operatorname{ReLU}"),
        ("ln", "\\ln "),
        ("id", "\\operatorname{id}"),
    ];
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    'outer: while let Some(c) = rest.chars().next() {
        if c.is_ascii_alphabetic() {
            for (word, latex) in WORDS {
                let Some(after) = rest.strip_prefix(word) else {
                    continue;
                };
                if !after.starts_with(|a: char| a.is_ascii_alphabetic()) {
                    out.push_str(latex);
                    rest = &rest[word.len()..];
                    continue 'outer;
                }
            }
        }
        // A run of superscripts: ^{...}.
        if superscript(c).is_some() {
            let mut sup = String::new();
            while let Some(s) = rest.chars().next().and_then(superscript) {
                sup.push(s);
                rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
            }
            out.push_str(&format!("^{{{sup}}}"));
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match c {
            '₀'..='₉' => {
                let d = (b'0' + (c as u32 - '₀' as u32) as u8) as char;
                out.push_str(&format!("_{{{d}}}"));
            }
            'ŷ' => out.push_str("\\hat{y}"),
            'δ' => out.push_str("\\delta"),
            'σ' => out.push_str("\\sigma"),
            'η' => out.push_str("\\eta"),
            'β' => out.push_str("\\beta"),
            'ρ' => out.push_str("\\rho"),
            '∂' => out.push_str("\\partial "),
            '′' => out.push('\''),
            '−' => out.push('-'),
            '×' => out.push_str("\\times "),
            '·' => out.push_str("\\cdot "),
            '½' => out.push_str("\\tfrac{1}{2}"),
            '∞' => out.push_str("\\infty "),
            '±' => out.push_str("\\pm "),
            '…' => out.push_str("\\dots "),
            '≤' => out.push_str("\\le "),
            '?' => out.push_str("\\,?\\,"),
            '%' | '#' | '&' | '$' | '_' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    // A command's space and the text's own make one.
    let mut tidy = String::with_capacity(out.len());
    for c in out.trim_end().chars() {
        if !(c == ' ' && tidy.ends_with(' ')) {
            tidy.push(c);
        }
    }
    tidy
}

fn superscript(c: char) -> Option<char> {
    Some(match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴'..='⁹' => (b'4' + (c as u32 - '⁴' as u32) as u8) as char,
        '⁻' => '-',
        _ => return None,
    })
}

/// Words inside `\text{...}`: the math in them as inline math.
fn latex_text(words: &str) -> String {
    let mut out = String::new();
    for part in words.split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        if part
            .chars()
            .all(|c| c.is_ascii_alphabetic() || ",.;:'()".contains(c))
        {
            out.push_str(part);
        } else {
            out.push_str(&format!("${}$", to_latex(part)));
        }
    }
    out
}

/// One line for a LaTeX comment.
fn latex_comment(text: &str) -> String {
    text.replace('\n', " ")
}

/// Text with Markdown's active characters escaped (`*`, `_`, backquote, `[`, `]`, `#` at a
/// line's start cannot occur: every line starts with a symbol).
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '`' | '[' | ']' | '\\' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
