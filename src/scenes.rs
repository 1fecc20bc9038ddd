//! The teachers' scenes: ready-made states for a lesson, each a share link and the one line
//! that says what it shows and why. `tests/scenes.rs` holds each to its claim (it diverges,
//! it plateaus and then escapes), so a scene cannot quietly stop showing what it says.

/// A scene: its button's label, what it shows and why, and the link that opens it (the
/// teacher's hidden controls are kept when it opens).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scene {
    pub label: &'static str,
    pub why: &'static str,
    pub link: &'static str,
}

/// Every scene, in the order the teachers' menu lists them.
pub const SCENES: [Scene; 2] = [
    Scene {
        label: "Training diverges: 8 points, η = 50",
        why: "Each step overshoots the valley it aims for: with η = 50 the cost rises step \
              after step until training pauses. Try η = 3.",
        link: "v=1&w1=2&b1=-0.5&w2=1.5&b2=0.5&data=0.05_0,0.15_0,0.25_0,0.35_0,0.55_1,0.65_1,\
               0.75_1,0.9_1&cost=squared&lr=50&speed=4",
    },
    Scene {
        label: "A saturated node learns slowly",
        why: "ŷ sits on the sigmoid's flat top, so σ′(z₂) ≈ 0.004 scales every gradient down: \
              the cost stays near 0.40 for about 50 iterations, then z₂ slides off the plateau \
              and learning takes off.",
        link: "v=1&w1=2&b1=-0.5&w2=4&b2=2.5&data=0.8_0.1&cost=squared&lr=2&speed=4",
    },
];
