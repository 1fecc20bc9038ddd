//! The one formatter: every number on the page, in the charts and in the figure command is
//! written by `format`, so these cases pin what a learner reads and hears.
#![cfg(not(target_arch = "wasm32"))]

use backprop_lab::format::{self, Num, Sign, power_of_ten};
use proptest::prelude::*;

#[test]
fn numbers_have_four_significant_digits_a_sign_and_a_true_minus() {
    for (v, want) in [
        (0.12634, "+0.1263"),
        (-2.5, "−2.500"),
        (2.0, "+2.000"),
        (1.256e-7, "+1.256 × 10⁻⁷"),
        (-1.23456e-7, "−1.235 × 10⁻⁷"),
        (2.5e9, "+2.500 × 10⁹"),
        (0.0, "0"),
        (-0.0, "0"),
        (12345.6, "+12346"),
        (99999.7, "+100000"),
        (9.99996, "+10.00"),
        (9999.7, "+10000"),
        (0.001, "+0.001000"),
        (0.00099996, "+1.000 × 10⁻³"),
        (1e5, "+1.000 × 10⁵"),
        (1.0625, "+1.063"),
        (1.0005, "+1.001"),
        (-0.074559, "−0.07456"),
        (5e-324, "+5.000 × 10⁻³²⁴"),
        (f64::MAX, "+1.798 × 10³⁰⁸"),
        (f64::INFINITY, "+∞ (too large for a float)"),
        (f64::NEG_INFINITY, "−∞ (too large for a float)"),
        (f64::NAN, "undefined (not a number)"),
    ] {
        assert_eq!(format::signed(v), want, "{v:e}");
    }
}

#[test]
fn plain_numbers_carry_a_sign_only_when_negative() {
    assert_eq!(format::plain(0.1359), "0.1359");
    assert_eq!(format::plain(-0.1359), "−0.1359");
    assert_eq!(format::plain(3.1e-5), "3.100 × 10⁻⁵");
    assert_eq!(format::plain(-0.0), "0");
}

#[test]
fn the_spoken_form_says_the_same_digits_in_words() {
    for (v, sign, want) in [
        (0.7355, Sign::Always, "plus 0.7355"),
        (-0.07456, Sign::Always, "minus 0.07456"),
        (0.1359, Sign::Negative, "0.1359"),
        (
            -1.5e-4,
            Sign::Always,
            "minus 1.500 times ten to the minus 4",
        ),
        (2.5e9, Sign::Negative, "2.500 times ten to the 9"),
        (0.0, Sign::Always, "0"),
        (f64::NAN, Sign::Always, "undefined, not a number"),
        (
            f64::NEG_INFINITY,
            Sign::Always,
            "minus infinity, too large for a float",
        ),
    ] {
        assert_eq!(format::spoken(v, sign), want, "{v:e}");
    }
    let n = Num::of(-2.5e-6, Sign::Always);
    assert_eq!(n.text, "−2.500 × 10⁻⁶");
    assert_eq!(n.spoken, "minus 2.500 times ten to the minus 6");
}

#[test]
fn powers_of_ten_are_written_one_way() {
    assert_eq!(power_of_ten("2.5", -4), "2.5 × 10⁻⁴");
    assert_eq!(power_of_ten("1", -12), "10⁻¹²");
    assert_eq!(power_of_ten("7", 21), "7 × 10²¹");
    assert_eq!(format::power_of_ten_spoken("1", -3), "ten to the minus 3");
}

/// What the text says, read back as a number: mantissa × 10^exponent.
fn read_back(text: &str) -> f64 {
    let t = text.replace('−', "-").replace('+', "");
    match t.split_once(" × 10") {
        None => t.parse().unwrap(),
        Some((m, e)) => {
            let e: String = e
                .chars()
                .map(|c| match c {
                    '⁻' => '-',
                    c => char::from_digit(
                        "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|d| d == c).unwrap() as u32,
                        10,
                    )
                    .unwrap(),
                })
                .collect();
            format!("{m}e{e}").parse().unwrap()
        }
    }
}

proptest! {
    /// Any finite number reads back within half a unit of its fourth significant digit, with
    /// its sign, and never as "-0", "NaN" or "e".
    #[test]
    fn the_text_is_the_number_rounded(mantissa in -1.0f64..1.0, exponent in -320i32..308) {
        let v = mantissa * 10f64.powi(exponent);
        prop_assume!(v.is_finite() && v != 0.0);
        let text = format::signed(v);
        prop_assert!(!text.contains('-') && !text.contains('e') && !text.contains("NaN"), "{}", text);
        prop_assert_eq!(text.starts_with('−'), v < 0.0);
        let back = read_back(&text);
        // Half a unit of the fourth digit is at most 0.05% of the number.
        prop_assert!((back - v).abs() <= 5.0001e-4 * v.abs(), "{:e} -> {} ({:e})", v, text, back);
        prop_assert_eq!(format::spoken(v, Sign::Always).starts_with("minus"), v < 0.0);
    }
}
