//! The core's decimal reader gives exactly what `str::parse::<f64>` gives (the same bits, the
//! same refusals), for shortest forms, long and exact forms, ties between two floats and their
//! neighbours, subnormals, the edges of the range, long numbers and random text; its writer
//! gives what `{}` and `{:e}` give (but for ties, which go to the even digit), for random
//! floats of every kind.
#![cfg(not(target_arch = "wasm32"))]

use backprop_lab::decimal::{Shortest, exponent_form, parse};
use proptest::prelude::*;

/// Our reading and the standard library's agree: both refuse, or both give the same bits.
fn agrees(text: &str) {
    let ours = parse(text).map(f64::to_bits);
    let std = text.parse::<f64>().ok().map(f64::to_bits);
    assert_eq!(
        ours,
        std,
        "{text:?}: ours {:?}, std {:?}",
        parse(text),
        text.parse::<f64>().ok()
    );
}

/// The exact decimal expansion of (2m + 1) * 2^(e - 1), the midpoint between m * 2^e and the
/// next float up, as "digits" "e" "power".
fn midpoint(m: u64, e: i32) -> String {
    // Base 10^9 limbs, least significant first.
    const BASE: u64 = 1_000_000_000;
    let mut limbs = vec![
        (2 * m + 1) % BASE,
        (2 * m + 1) / BASE % BASE,
        (2 * m + 1) / BASE / BASE,
    ];
    let times = |limbs: &mut Vec<u64>, k: u64| {
        let mut carry = 0;
        for l in limbs.iter_mut() {
            let v = *l * k + carry;
            *l = v % BASE;
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    };
    // 2^p for p >= 0; for p < 0, 2^p = 5^-p / 10^-p.
    let p = e - 1;
    let (factor, chunk, mut left) = if p >= 0 { (2u64, 30, p) } else { (5, 13, -p) };
    while left > 0 {
        let k = left.min(chunk);
        times(&mut limbs, factor.pow(k as u32));
        left -= k;
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut text = limbs.last().unwrap().to_string();
    for l in limbs.iter().rev().skip(1) {
        text.push_str(&format!("{l:09}"));
    }
    format!("{text}e{}", p.min(0))
}

/// Our writing and the standard library's agree, in both forms, but for one rule: where two
/// shortest forms are equally near (2062995433487412.25 as ...412.2 or ...412.3), ours takes
/// the even last digit, as JS does, and the standard library the one above.
fn writes_as_std(x: f64) {
    let mut pairs = vec![(Shortest(x).to_string(), format!("{x}"))];
    if x.is_finite() {
        pairs.push((exponent_form(x), format!("{x:e}")));
    }
    for (ours, std) in pairs {
        if ours == std {
            continue;
        }
        let digit = |s: &str, at: usize| s.as_bytes()[at] - b'0';
        // The last digit of the mantissa (before any exponent).
        let at = ours.find('e').unwrap_or(ours.len()) - 1;
        assert!(
            ours.len() == std.len()
                && ours[..at] == std[..at]
                && ours[at + 1..] == std[at + 1..]
                && digit(&ours, at) % 2 == 0
                && digit(&std, at) == digit(&ours, at) + 1
                && parse(&ours) == Some(x),
            "{x:?}: ours {ours}, std {std}"
        );
    }
}

#[test]
fn writes_as_the_standard_library_does() {
    for x in [
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        0.3,
        0.1 + 0.2,
        1.5,
        100.0,
        1e6,
        1e15,
        1e16,
        1e17,
        1e21,
        1e22,
        1e23,
        123456.789,
        1e-5,
        1e-6,
        1e-7,
        2.5e-7,
        1e-300,
        5e-324,
        f64::MIN_POSITIVE,
        f64::MAX,
        f64::MIN,
        f64::EPSILON,
        9007199254740993.0,
        0.000123,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ] {
        writes_as_std(x);
    }
    // Two shortest forms equally near: the even one.
    assert_eq!(
        Shortest(2062995433487412.0 + 0.25).to_string(),
        "2062995433487412.2"
    );
}

#[test]
fn edges_of_the_range() {
    for text in [
        "0",
        "-0",
        "+0",
        "0.0",
        ".0",
        "0.",
        "1",
        "-1",
        "1.5",
        "1e0",
        "1E5",
        "1e+5",
        "1e-5",
        "1.e3",
        "+.5",
        "-.5",
        "0.1",
        "0.2",
        "0.30000000000000004",
        "123456789012345678901234567890",
        "1e22",
        "1e23",
        "9007199254740993",
        "9007199254740992.5",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "1.8e308",
        "1e309",
        "1e400",
        "2.2250738585072014e-308",
        "2.2250738585072011e-308",
        "4.9406564584124654e-324",
        "2.4703282292062328e-324",
        "2.4703282292062327e-324",
        "2.4703282292062327208828439643e-324",
        "1e-324",
        "5e-324",
        "1e-400",
        "0.000000000000000000000000000000000000000000001",
        "1e1000000000000",
        "1e-1000000000000",
        "00000000000000000000012.5000000000000000000",
        "7.038531e-26",
        "8.5e-323",
    ] {
        agrees(text);
    }
}

#[test]
fn long_numbers_read_as_the_standard_library_reads_them() {
    let long = |digits: &str, n: usize, tail: &str| format!("0.{}{tail}", digits.repeat(n));
    for text in [
        long("1", 100_000, ""),
        long("9", 5_000, "e1"),
        format!("{}e-5000", "7".repeat(5_000)),
        // The tie between 1 and the next float up, then zeros and a 1 far past 800 digits.
        format!(
            "1.00000000000000011102230246251565404236316680908203125{}1",
            "0".repeat(3_000)
        ),
        format!(
            "1.00000000000000011102230246251565404236316680908203125{}",
            "0".repeat(3_000)
        ),
        format!("{}1", "0".repeat(4_000)),
    ] {
        agrees(&text);
    }
}

#[test]
fn refuses_what_is_not_a_decimal_number() {
    for text in [
        "", "+", "-", ".", "-.", "e5", ".e5", "1e", "1e+", "1e-", "1ee5", "1.2.3", "--1", "+-1",
        " 1", "1 ", "1_000", "0x10", "1,5", "inf", "NaN", "infinity", "1e5.5", "١",
    ] {
        assert_eq!(parse(text), None, "{text:?}");
        // The standard library also reads "inf" and "NaN"; the core never wants them.
        if !text.chars().any(|c| c.is_ascii_alphabetic() && c != 'e') {
            agrees(text);
        }
    }
}

#[test]
fn ties_go_to_even_and_their_neighbours_to_the_nearest() {
    // Halfway between 1 and the next float, and near the bottom and top of the range.
    for (m, e) in [
        (1u64 << 52, -52),
        ((1 << 53) - 1, -53),
        (1, -1074),
        (3, -1074),
        ((1 << 53) - 1, 971),
    ] {
        let tie = midpoint(m, e);
        agrees(&tie);
        let (digits, power) = tie.split_once('e').unwrap();
        // Just above the tie, and just below it (its digits cut short).
        agrees(&format!("{digits}0000001e{power}"));
        let power: i64 = power.parse().unwrap();
        agrees(&format!("{}e{}", &digits[..digits.len() - 1], power + 1));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

    #[test]
    fn reads_every_float_back_from_its_shortest_forms(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        for text in [format!("{x}"), format!("{x:e}"), format!("{x:?}"), format!("{x:.3e}"), format!("{x:.25e}")] {
            agrees(&text);
            prop_assert_eq!(parse(&text).map(f64::to_bits), text.parse::<f64>().ok().map(f64::to_bits));
        }
    }

    #[test]
    fn writes_every_float_as_the_standard_library_does(bits in any::<u64>()) {
        writes_as_std(f64::from_bits(bits));
    }

    #[test]
    fn writes_short_decimals_as_the_standard_library_does(n in -100000i64..100000, e in -12i32..12) {
        writes_as_std(n as f64 * 10f64.powi(e));
    }

    #[test]
    fn reads_digits_with_any_exponent(digits in "[0-9]{1,40}", point in 0usize..41, e in -400i32..400) {
        let point = point.min(digits.len());
        let text = format!("{}.{}e{e}", &digits[..point], &digits[point..]);
        agrees(&text);
    }

    #[test]
    fn ties_between_any_two_floats(m in (1u64 << 52)..(1u64 << 53), e in -1074i32..=971, bump in 0u8..3) {
        let tie = midpoint(m, e);
        let (digits, power) = tie.split_once('e').unwrap();
        let text = match bump {
            0 => tie.clone(),
            1 => format!("{digits}00000000000000000001e{power}"),
            _ => format!("{}e{power}", &digits[..digits.len().min(30)]),
        };
        agrees(&text);
    }

    #[test]
    fn refuses_and_accepts_as_the_standard_library_does(text in "[-+0-9.eE]{0,12}") {
        agrees(&text);
    }
}
