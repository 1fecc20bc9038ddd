//! Everything typed or pasted by a person goes through `check::parse_number` or
//! `link::decode`: a short seeded fuzz run over arbitrary strings (the long run is
//! `cargo run --release --example fuzz`), plus the forgiving cases by hand.
#![cfg(not(target_arch = "wasm32"))]

use backprop_lab::check::parse_number;
use proptest::prelude::*;

#[test]
fn typed_numbers_are_read_forgivingly_and_refused_clearly() {
    let ok = |t: &str| parse_number(t, "w₁", -8.0, 8.0).unwrap();
    assert_eq!(ok("1.5"), 1.5);
    assert_eq!(ok("  -2 "), -2.0);
    assert_eq!(ok("\u{2212}0.25"), -0.25);
    assert_eq!(ok("1e-3"), 0.001);
    assert_eq!(ok(".5"), 0.5);
    let err = |t: &str| parse_number(t, "w₁", -8.0, 8.0).unwrap_err().to_string();
    assert_eq!(err(""), "w₁ needs a number");
    assert_eq!(err("abc"), "w₁ needs a number; \"abc\" is not one");
    assert_eq!(err("inf"), "w₁ needs a number; \"inf\" is not one");
    assert_eq!(err("NaN"), "w₁ needs a number; \"NaN\" is not one");
    assert_eq!(err("1e308"), "w₁ must be between -8 and 8, got 1e308");
    assert_eq!(err("9"), "w₁ must be between -8 and 8, got 9");
    // A decimal comma, as much of the world writes it, and spaces between digit groups.
    assert_eq!(ok("0,5"), 0.5);
    assert_eq!(ok("−0,007686"), -0.007686);
    assert_eq!(ok("0,500"), 0.5);
    assert_eq!(ok("1 000e-3"), 1.0);
    assert_eq!(ok("0.000\u{2009}125"), 0.000125);
    assert_eq!(ok("-1\u{a0},25"), -1.25);
    // Where a comma could be a thousands separator, the message asks instead of guessing.
    assert_eq!(
        err("1,500"),
        "w₁ is unclear: is \"1,500\" a decimal comma or a thousands separator? Write 1.500 or 1500"
    );
    assert_eq!(
        err("1,000,000"),
        "w₁ needs a number without commas between thousands: write 1000 or 1 000"
    );
    assert_eq!(
        err("1,000.5"),
        "w₁ needs one decimal mark, a point or a comma, not both"
    );
    assert_eq!(
        parse_number("1 000,5", "x", 0.0, 1e6).unwrap(),
        1000.5,
        "a thousand and a half, grouped and with a decimal comma"
    );
    assert_eq!(err("1,2x"), "w₁ needs a number; \"1,2x\" is not one");
    assert!(err(&"1".repeat(100)).contains("too long"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

    #[test]
    fn any_text_parses_to_a_number_in_range_or_a_message(text in "\\PC{0,80}", lo in -1e6..0.0f64, span in 0.0..2e6f64) {
        match parse_number(&text, "x", lo, lo + span) {
            Ok(v) => prop_assert!(v.is_finite() && v >= lo && v <= lo + span),
            Err(e) => prop_assert!(e.to_string().starts_with("x ") && e.to_string().len() < 200),
        }
    }

    #[test]
    fn number_shaped_text_never_slips_through(text in "[-+\u{2212}0-9.,eE ]{0,30}") {
        if let Ok(v) = parse_number(&text, "y", 0.0, 1.0) {
            prop_assert!((0.0..=1.0).contains(&v));
        }
    }
}
