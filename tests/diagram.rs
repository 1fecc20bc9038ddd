//! The network diagram's layouts (src/diagram.rs), which the page's SVG and the figure
//! command both draw: each label once in each, inside its slot, the slots on a row apart and
//! clear of the nodes, everything inside the view box; and the fitting rule the page and the
//! figure share. (tests/figure.rs checks the figure draws them; tests/e2e/words.test.mjs that
//! the page's labels never overlap.)

use backprop_lab::diagram::{Anchor, Label, Layout, TALL, WIDE};

const LAYOUTS: [&Layout; 2] = [&WIDE, &TALL];

/// Where a label's capitals and digits stand: from its baseline up 0.73 em of its 14 units.
fn band(l: &Label) -> [f64; 2] {
    let y = f64::from(l.y);
    [y - 0.73 * 14.0, y]
}

#[test]
fn both_layouts_hold_every_label_once_in_the_same_order() {
    let keys = |g: &Layout| g.labels.map(|l| l.key);
    assert_eq!(keys(&WIDE), keys(&TALL));
    let mut sorted = keys(&WIDE).to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 18);
    for g in LAYOUTS {
        for k in keys(g) {
            assert_eq!(g.label(k).unwrap().key, k);
        }
        assert!(g.label("dCdB1").is_none(), "no label of its own");
    }
    assert_eq!((WIDE.name, TALL.name), ("wide", "tall"));
}

#[test]
fn every_label_and_node_is_inside_the_view_box() {
    for g in LAYOUTS {
        let [x0, y0, w, h] = g.view_box.map(f64::from);
        let (x1, y1) = (x0 + w, y0 + h);
        for l in &g.labels {
            let [left, right] = l.slot.map(f64::from);
            let x = f64::from(l.x);
            let key = l.key;
            assert!(x0 <= left && left < right && right <= x1, "{key}");
            assert!(left <= x && x <= right, "{key}: {x} in {:?}", l.slot);
            let [top, bottom] = band(l);
            assert!(y0 <= top && bottom <= y1, "{} {key}", g.name);
        }
        let [bw, bh, br] = g.cost_box.map(f64::from);
        let r = f64::from(g.r);
        assert!(br < bw.min(bh) && g.input_r < g.r);
        for (i, p) in g.nodes.into_iter().enumerate() {
            let [x, y] = p.map(f64::from);
            let (rx, ry) = if i == 3 { (bw, bh) } else { (r, r) };
            assert!(x - rx >= x0 && x + rx <= x1 && y - ry >= y0 && y + ry <= y1);
        }
    }
    // Left to right, and top to bottom.
    let [a, b, c, d] = WIDE.nodes;
    assert!(a[0] < b[0] && b[0] < c[0] && c[0] < d[0]);
    let [a, b, c, d] = TALL.nodes;
    assert!(a[1] < b[1] && b[1] < c[1] && c[1] < d[1]);
}

#[test]
fn labels_on_a_row_own_rooms_apart_and_clear_of_the_nodes() {
    for g in LAYOUTS {
        let [bw, bh, _] = g.cost_box.map(f64::from);
        for (i, a) in g.labels.iter().enumerate() {
            let [top, bottom] = band(a);
            let [left, right] = a.slot.map(f64::from);
            // Rows that share a line of text own rooms apart.
            for b in &g.labels[i + 1..] {
                let [btop, bbottom] = band(b);
                if top < bbottom && btop < bottom {
                    let apart = a.slot[1] <= b.slot[0] || b.slot[1] <= a.slot[0];
                    assert!(apart, "{}: {} and {} share room", g.name, a.key, b.key);
                }
            }
            // A node's widest point across the label's band is outside its room.
            for (n, p) in g.nodes.into_iter().enumerate() {
                let [x, y] = p.map(f64::from);
                let half = if n == 3 {
                    if top < y + bh && y - bh < bottom {
                        bw
                    } else {
                        0.0
                    }
                } else {
                    let r = f64::from(if n == 0 { g.input_r } else { g.r });
                    let d = if (top..=bottom).contains(&y) {
                        0.0
                    } else {
                        (y - top).abs().min((y - bottom).abs())
                    };
                    (r * r - d * d).max(0.0).sqrt()
                };
                let clear = half == 0.0 || right <= x - half || x + half <= left;
                assert!(clear, "{}: {} runs into node {n}", g.name, a.key);
            }
        }
    }
}

#[test]
fn a_label_is_moved_along_its_row_into_its_slot_or_stands_in_its_middle() {
    let centred = Label {
        key: "w1",
        x: 100,
        y: 50,
        anchor: Anchor::Middle,
        slot: [80, 200],
    };
    assert_eq!(centred.fit(20.0), (100.0, true), "fits where it is");
    assert_eq!(
        centred.fit(60.0),
        (110.0, true),
        "moved right, flush with the left"
    );
    assert_eq!(centred.fit(120.0), (140.0, true), "exactly the slot");
    assert_eq!(centred.fit(121.0), (140.0, false), "too long: the middle");
    let right = Label {
        x: 200,
        anchor: Anchor::End,
        ..centred
    };
    assert_eq!(right.fit(60.0), (200.0, true));
    assert_eq!(right.fit(300.0), (200.0, false));
    let left = Label {
        x: 80,
        anchor: Anchor::Start,
        ..centred
    };
    assert_eq!(left.fit(300.0), (80.0, false));
    assert_eq!(
        [Anchor::Start, Anchor::Middle, Anchor::End].map(Anchor::name),
        ["start", "middle", "end"]
    );
}
