//! The racing optimizers' colours stay apart for every learner: any two, and each beside the
//! lead's, differ by at least 12 CIEDE2000 units with normal vision and with protanopia,
//! deuteranopia and tritanopia simulated (Machado, Oliveira and Fernandes 2009, severity 1),
//! and each stands out on the background it is drawn on.

use backprop_lab::palette::{rival_mark, rival_rgb};

const KINDS: [&str; 5] = ["sgd", "momentum", "nesterov", "rmsprop", "adam"];
/// The least colour difference between any two lines a learner must tell apart.
const MIN_DE: f64 = 12.0;

fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

fn encoded(c: f64) -> f64 {
    let c = c.clamp(0.0, 1.0);
    255.0
        * if c <= 0.003_130_8 {
            12.92 * c
        } else {
            1.055 * c.powf(1.0 / 2.4) - 0.055
        }
}

/// Machado et al.'s matrices (severity 1), on linear RGB.
const SIMULATIONS: [(&str, [[f64; 3]; 3]); 3] = [
    (
        "protanopia",
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ],
    ),
    (
        "deuteranopia",
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ],
    ),
    (
        "tritanopia",
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ],
    ),
];

/// An sRGB colour as seen with matrix `m` (None: normal vision), back in sRGB (0–255).
fn seen(rgb: [u8; 3], m: Option<&[[f64; 3]; 3]>) -> [f64; 3] {
    let l = rgb.map(linear);
    match m {
        None => rgb.map(f64::from),
        Some(m) => [0, 1, 2].map(|i| encoded(m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2])),
    }
}

/// CIE L*a*b* (D65) of an sRGB colour given as 0–255 floats.
fn lab(rgb: [f64; 3]) -> [f64; 3] {
    let [r, g, b] = rgb.map(|c| linear(c.round().clamp(0.0, 255.0) as u8));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    [
        116.0 * f(y) - 16.0,
        500.0 * (f(x) - f(y)),
        200.0 * (f(y) - f(z)),
    ]
}

/// The CIEDE2000 colour difference (Sharma, Wu and Dalal's formulation).
fn de2000([l1, a1, b1]: [f64; 3], [l2, a2, b2]: [f64; 3]) -> f64 {
    let (c1, c2) = (a1.hypot(b1), a2.hypot(b2));
    let cb = (c1 + c2) / 2.0;
    let g = 0.5 * (1.0 - (cb.powi(7) / (cb.powi(7) + 25f64.powi(7))).sqrt());
    let (a1p, a2p) = ((1.0 + g) * a1, (1.0 + g) * a2);
    let (c1p, c2p) = (a1p.hypot(b1), a2p.hypot(b2));
    let hue = |b: f64, a: f64| b.atan2(a).to_degrees().rem_euclid(360.0);
    let (h1, h2) = (hue(b1, a1p), hue(b2, a2p));
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if (h2 - h1).abs() <= 180.0 {
        h2 - h1
    } else if h2 - h1 > 180.0 {
        h2 - h1 - 360.0
    } else {
        h2 - h1 + 360.0
    };
    let d_l = l2 - l1;
    let d_c = c2p - c1p;
    let d_h = 2.0 * (c1p * c2p).sqrt() * (dh / 2.0).to_radians().sin();
    let lb = (l1 + l2) / 2.0;
    let cbp = (c1p + c2p) / 2.0;
    let hb = if c1p * c2p == 0.0 {
        h1 + h2
    } else if (h1 - h2).abs() <= 180.0 {
        (h1 + h2) / 2.0
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    let cos = |d: f64| d.to_radians().cos();
    let t = 1.0 - 0.17 * cos(hb - 30.0) + 0.24 * cos(2.0 * hb) + 0.32 * cos(3.0 * hb + 6.0)
        - 0.2 * cos(4.0 * hb - 63.0);
    let dth = 30.0 * (-((hb - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cbp.powi(7) / (cbp.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (lb - 50.0).powi(2) / (20.0 + (lb - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cbp;
    let sh = 1.0 + 0.015 * cbp * t;
    let rt = -(2.0 * dth).to_radians().sin() * rc;
    ((d_l / sl).powi(2) + (d_c / sc).powi(2) + (d_h / sh).powi(2) + rt * (d_c / sc) * (d_h / sh))
        .sqrt()
}

fn luminance(rgb: [u8; 3]) -> f64 {
    let [r, g, b] = rgb.map(linear);
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The least difference between any two of `colors`, under each vision.
fn least_apart(colors: &[[u8; 3]]) -> Vec<(&'static str, f64)> {
    let visions = std::iter::once(("normal vision", None))
        .chain(SIMULATIONS.iter().map(|(name, m)| (*name, Some(m))));
    visions
        .map(|(name, m)| {
            let labs: Vec<[f64; 3]> = colors.iter().map(|&c| lab(seen(c, m))).collect();
            let mut least = f64::INFINITY;
            for i in 0..labs.len() {
                for j in i + 1..labs.len() {
                    least = least.min(de2000(labs[i], labs[j]));
                }
            }
            (name, least)
        })
        .collect()
}

#[test]
fn the_difference_formula_agrees_with_sharmas_test_data() {
    // Pairs 1, 7 and 17 of Sharma, Wu and Dalal (2005), Table 1.
    let cases = [
        ([50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425),
        ([50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669),
        ([50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492),
    ];
    for (a, b, want) in cases {
        assert!(
            (de2000(a, b) - want).abs() < 1e-4,
            "{a:?} {b:?}: {}",
            de2000(a, b)
        );
    }
}

#[test]
fn racing_colours_stay_apart_for_every_learner() {
    // Bright: on the map and in 3D (beside the lead's white) and on dark charts (beside the
    // dark theme's teal lead). Deep: on light charts, beside the light theme's teal.
    let white = [0xff, 0xff, 0xff];
    let dark_teal = [0x3c, 0xc3, 0xb1];
    let light_teal = [0x0d, 0x6e, 0x66];
    for (name, bright, leads) in [
        ("bright", true, vec![white, dark_teal]),
        ("deep", false, vec![light_teal]),
    ] {
        let rivals: Vec<[u8; 3]> = KINDS.iter().map(|k| rival_rgb(k, bright)).collect();
        for lead in &leads {
            let mut all = rivals.clone();
            all.push(*lead);
            for (vision, least) in least_apart(&all) {
                assert!(
                    least >= MIN_DE,
                    "{name} colours beside the lead {lead:?}: {least:.1} apart with {vision}"
                );
            }
        }
        for (kind, c) in KINDS.iter().zip(&rivals) {
            if bright {
                let bg = [0x0e, 0x12, 0x17];
                assert!(contrast(*c, bg) >= 7.0, "{kind} on the dark theme");
            } else {
                assert!(contrast(*c, white) >= 3.0, "{kind} on white");
            }
        }
    }
}

/// Colour is not the only difference: each optimizer has a shape of its own on the map, in 3D
/// and on the loss curve, and the legends write it (WCAG 1.4.1).
#[test]
fn every_optimizer_has_a_mark_of_its_own() {
    let marks: Vec<_> = KINDS.iter().map(|k| rival_mark(k)).collect();
    for (i, a) in marks.iter().enumerate() {
        for b in &marks[i + 1..] {
            assert_ne!(a, b);
            assert_ne!(a.glyph(), b.glyph());
            assert_ne!(a.name(), b.name());
        }
    }
}
