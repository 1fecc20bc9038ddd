//! The long fuzz run of everything that parses outside input: the share-link decoder, the
//! typed-number parser (slider fields and the training-set editor) and the grid checks.
//!
//!     cargo run --release --example fuzz -- [cases] [seed]      (default 1,000,000 cases)
//!
//! Each case feeds one generated string (arbitrary Unicode, link-shaped key=value soup, or
//! number-shaped text) to every parser, checks that nothing panics and that what comes back is
//! valid, and times it: the slowest case is reported, so a hang would show. Prints a summary.

// proptest is a native-only dev-dependency; on wasm32 this example is empty.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use backprop_lab::check::{self, parse_number};
    use backprop_lab::link::decode;
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    use std::time::{Duration, Instant};

    fn inputs() -> impl Strategy<Value = String> {
        let pair = ("[a-z0-9]{1,6}", "[-+0-9eE.,_%a-zA-Z<>\"'&=#?]{0,40}")
            .prop_map(|(k, v)| format!("{k}={v}"));
        prop_oneof![
            "\\PC{0,200}",
            prop::collection::vec(pair, 0..24).prop_map(|v| v.join("&")),
            "[-+\u{2212}0-9.,eE _]{0,40}",
            prop::collection::vec(any::<u8>(), 0..300)
                .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        ]
    }

    pub fn main() {
        let mut args = std::env::args().skip(1);
        let cases: u64 = args
            .next()
            .and_then(|a| a.replace('_', "").parse().ok())
            .unwrap_or(1_000_000);
        let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(20261128);
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
        let mut runner = TestRunner::new_with_rng(Config::default(), rng);
        let strategy = inputs();
        let start = Instant::now();
        let mut slowest = (Duration::ZERO, String::new());
        let mut refused = 0u64;
        for case in 0..cases {
            let text = strategy.new_tree(&mut runner).expect("generate").current();
            let t0 = Instant::now();
            let result = std::panic::catch_unwind(|| {
                let (state, ignored) = decode(&text);
                assert!(check::params(&state.start, "start").is_ok());
                assert!(check::samples(&state.samples, "samples").is_ok());
                assert!(state.chosen < state.samples.len());
                assert!(ignored.iter().all(|i| i.reason.chars().count() < 300));
                let parsed = parse_number(&text, "x", -1e6, 1e6);
                if let Ok(v) = parsed {
                    assert!(v.is_finite() && v.abs() <= 1e6);
                }
                parsed.is_err()
            });
            match result {
                Ok(was_refused) => refused += was_refused as u64,
                Err(_) => {
                    eprintln!("PANIC on case {case}: {text:?}");
                    std::process::exit(1);
                }
            }
            let dt = t0.elapsed();
            if dt > slowest.0 {
                slowest = (dt, text.chars().take(60).collect());
            }
        }
        let total = start.elapsed();
        println!(
            "fuzz: {cases} cases (seed {seed}) in {:.1} s, no panic, no invalid result; \
             {refused} typed-number inputs refused with a message; slowest case {:.3} ms ({:?})",
            total.as_secs_f64(),
            slowest.0.as_secs_f64() * 1e3,
            slowest.1
        );
    }
}
