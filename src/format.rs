//! The one way a number is written, on the page, in the charts and in the figure command:
//! four significant digits, a true minus (−), powers of ten as "× 10⁻⁴", no negative zero,
//! never "NaN" or "Infinity" — and the same digits spoken ("minus 0.07456", "times ten to the
//! minus 4"), so what a screen reader says is what the screen shows.
//!
//! Rounding is of the number as it is written (its shortest decimal form, the form a learner
//! typed), half away from zero: 1.0005 shows as 1.001, although the f64 nearest 1.0005 lies a
//! hair below it. The digits come from [`crate::decimal`] (no std float formatting, which the
//! page's first wasm part leaves out for its size).

use crate::decimal;

/// The true minus sign, U+2212 (a hyphen is not a minus to a reader or a screen reader).
pub const MINUS: char = '\u{2212}';

/// Whether a positive number carries its "+": factors and gradients do (their sign is the
/// point), costs and plain quantities do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    Always,
    Negative,
}

/// A number as shown and as spoken, from the same digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Num {
    pub text: String,
    pub spoken: String,
}

impl Num {
    pub fn of(v: f64, sign: Sign) -> Num {
        let w = Written::of(v, sign);
        Num {
            text: w.text(),
            spoken: w.spoken(),
        }
    }
}

/// `v` for reading, sign always: "+0.1263", "−2.500", "+1.256 × 10⁻⁷", "0".
pub fn signed(v: f64) -> String {
    Written::of(v, Sign::Always).text()
}

/// `v` for reading, sign only when negative: "0.1263", "−2.500", "1.256 × 10⁻⁷".
pub fn plain(v: f64) -> String {
    Written::of(v, Sign::Negative).text()
}

/// `v` as a screen reader should say it: "plus 0.1263", "minus 2.500", "plus 1.256 times ten
/// to the minus 7".
pub fn spoken(v: f64, sign: Sign) -> String {
    Written::of(v, sign).spoken()
}

/// A power of ten as written everywhere: `mantissa` × 10 with `exponent` in superscript
/// ("2.5 × 10⁻⁴"): number text and axis ticks alike.
pub fn power_of_ten(mantissa: &str, exponent: i32) -> String {
    match mantissa {
        // A decade on an axis: "10⁻⁴" rather than "1 × 10⁻⁴".
        "1" => format!("10{}", superscript(exponent)),
        _ => format!("{mantissa} × 10{}", superscript(exponent)),
    }
}

/// The same, spoken: "2.5 times ten to the minus 4".
pub fn power_of_ten_spoken(mantissa: &str, exponent: i32) -> String {
    let e = if exponent < 0 {
        format!("minus {}", -(exponent as i64))
    } else {
        exponent.to_string()
    };
    match mantissa {
        "1" => format!("ten to the {e}"),
        _ => format!("{mantissa} times ten to the {e}"),
    }
}

fn superscript(exponent: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut out = String::new();
    if exponent < 0 {
        out.push('⁻');
    }
    for c in (exponent as i64).abs().to_string().bytes() {
        out.push(DIGITS[(c - b'0') as usize]);
    }
    out
}

/// A number decided once: its sign word and its digits, plain or with a power of ten.
enum Written {
    Zero,
    NotANumber,
    Infinite {
        negative: bool,
    },
    Finite {
        sign: Option<bool>,
        mantissa: String,
        exponent: Option<i32>,
    },
}

impl Written {
    fn of(v: f64, sign: Sign) -> Written {
        if v.is_nan() {
            return Written::NotANumber;
        }
        if v.is_infinite() {
            return Written::Infinite { negative: v < 0.0 };
        }
        if v == 0.0 {
            return Written::Zero;
        }
        let negative = v < 0.0;
        let sign = match (negative, sign) {
            (true, _) => Some(true),
            (false, Sign::Always) => Some(false),
            (false, Sign::Negative) => None,
        };
        let a = v.abs();
        let (digits, k) = decimal::shortest_digits(a);
        // Plain digits from 0.001 up to 99999 (the form chosen before rounding, so 99999.7
        // reads 100000 and 0.00099996 reads 1.000 × 10⁻³); whole numbers from 10000 up.
        if (1e-3..1e5).contains(&a) {
            let mantissa = if a >= 1e4 {
                let (d, k) = round(&digits, k, k as usize);
                layout(&d, k, 0)
            } else {
                let (d, k) = round(&digits, k, 4);
                layout(&d, k, (4 - k).max(0) as usize)
            };
            Written::Finite {
                sign,
                mantissa,
                exponent: None,
            }
        } else {
            let (d, k) = round(&digits, k, 4);
            Written::Finite {
                sign,
                mantissa: format!("{}.{}", &d[..1], &d[1..]),
                exponent: Some(k - 1),
            }
        }
    }

    fn text(&self) -> String {
        match self {
            Written::Zero => "0".into(),
            Written::NotANumber => "undefined (not a number)".into(),
            Written::Infinite { negative } => {
                let s = if *negative { MINUS } else { '+' };
                format!("{s}∞ (too large for a float)")
            }
            Written::Finite {
                sign,
                mantissa,
                exponent,
            } => {
                let s = match sign {
                    Some(true) => MINUS.to_string(),
                    Some(false) => "+".into(),
                    None => String::new(),
                };
                match exponent {
                    None => format!("{s}{mantissa}"),
                    Some(e) => format!("{s}{}", power_of_ten(mantissa, *e)),
                }
            }
        }
    }

    fn spoken(&self) -> String {
        match self {
            Written::Zero => "0".into(),
            Written::NotANumber => "undefined, not a number".into(),
            Written::Infinite { negative } => {
                let s = if *negative { "minus" } else { "plus" };
                format!("{s} infinity, too large for a float")
            }
            Written::Finite {
                sign,
                mantissa,
                exponent,
            } => {
                let s = match sign {
                    Some(true) => "minus ",
                    Some(false) => "plus ",
                    None => "",
                };
                match exponent {
                    None => format!("{s}{mantissa}"),
                    Some(e) => format!("{s}{}", power_of_ten_spoken(mantissa, *e)),
                }
            }
        }
    }
}

/// `digits` (the value is 0.digits × 10^k) rounded half up to `keep` digits, padded with
/// zeros to `keep`; a carry (9.9996 to 10.00) moves k up by one.
fn round(digits: &str, k: i32, keep: usize) -> (String, i32) {
    let keep = keep.max(1);
    let bytes = digits.as_bytes();
    let mut kept: Vec<u8> = (0..keep)
        .map(|i| bytes.get(i).map_or(0, |b| b - b'0'))
        .collect();
    let up = bytes.get(keep).is_some_and(|&b| b >= b'5');
    let mut k = k;
    if up {
        let mut i = keep;
        loop {
            if i == 0 {
                // Every digit was a 9: 9999 -> 1000, one place up.
                kept.insert(0, 1);
                kept.truncate(keep);
                k += 1;
                break;
            }
            i -= 1;
            if kept[i] == 9 {
                kept[i] = 0;
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    (kept.iter().map(|d| (b'0' + d) as char).collect(), k)
}

/// 0.digits × 10^k laid out with `decimals` digits after the point (digits holds exactly
/// the digits to write).
fn layout(digits: &str, k: i32, decimals: usize) -> String {
    let n = digits.len() as i32;
    let all: String = if k <= 0 {
        format!("{}{digits}", "0".repeat((-k) as usize))
    } else if k > n {
        format!("{digits}{}", "0".repeat((k - n) as usize))
    } else {
        digits.to_string()
    };
    let whole_len = k.max(0) as usize;
    let (whole, fraction) = all.split_at(whole_len.min(all.len()));
    let whole = if whole.is_empty() { "0" } else { whole };
    let fraction: String = fraction
        .chars()
        .chain(std::iter::repeat('0'))
        .take(decimals)
        .collect();
    if decimals == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{fraction}")
    }
}
