//! Each teacher's scene shows what it claims: the diverging one diverges, the saturated one
//! plateaus for tens of iterations and then escapes.
#![cfg(not(target_arch = "wasm32"))]

use backprop_lab::scenes::SCENES;
use backprop_lab::session::Session;
use backprop_lab::train::{OnTrouble, Trouble};

fn open(label_start: &str) -> Session {
    let scene = SCENES
        .iter()
        .find(|s| s.label.starts_with(label_start))
        .unwrap();
    let (s, ignored) = Session::from_link(scene.link);
    assert!(ignored.is_empty(), "{}: {ignored:?}", scene.label);
    s
}

#[test]
fn every_scene_opens_cleanly_and_says_why() {
    for scene in SCENES {
        let (_, ignored) = Session::from_link(scene.link);
        assert!(ignored.is_empty(), "{}: {ignored:?}", scene.label);
        assert!(
            scene.why.len() > 40 && scene.why.ends_with('.'),
            "{}",
            scene.label
        );
    }
}

#[test]
fn the_diverging_scene_diverges_as_play_would_show() {
    let mut s = open("Training diverges");
    let c0 = s.run().cost();
    let ran = s.change_run(|t| t.advance(100, OnTrouble::Pause));
    assert!(ran < 20, "paused after {ran} iterations");
    match s.run().trouble() {
        Some(Trouble::Diverging { to_cost, .. }) => assert!(*to_cost > c0),
        other => panic!("expected divergence, got {other:?}"),
    }
}

#[test]
fn the_saturated_scene_plateaus_for_tens_of_iterations_then_escapes() {
    let mut s = open("A saturated node");
    let c0 = s.run().cost();
    // The output node sits on the sigmoid's flat top: σ′(z₂) is tiny, as the line says.
    let pass = backprop_lab::train::Pass::at(s.run().params(), s.run().settings());
    assert!(
        pass.backward.d_y_hat_d_z2 < 0.005,
        "{}",
        pass.backward.d_y_hat_d_z2
    );
    assert!((c0 - 0.40).abs() < 0.01, "{c0}");
    let mut plateau = 0;
    let mut escaped = None;
    for i in 1..=300u64 {
        assert_eq!(s.change_run(|t| t.advance(1, OnTrouble::Pause)), 1);
        let c = s.run().cost();
        if c > 0.9 * c0 {
            plateau = i;
        }
        if escaped.is_none() && c < 0.1 * c0 {
            escaped = Some(i);
        }
    }
    assert!(
        plateau >= 30,
        "the cost left its plateau after {plateau} iterations"
    );
    let escaped = escaped.expect("it escapes the plateau");
    assert!(
        escaped <= plateau + 40,
        "escaped at {escaped}, plateau until {plateau}"
    );
    assert!(s.run().trouble().is_none());
}
