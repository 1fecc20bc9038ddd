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

/// Text with its ASCII hyphens written as true minus signs, as every number here is.
pub fn true_minus(text: &str) -> String {
    text.replace('-', &MINUS.to_string())
}

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
        mantissa: Mantissa,
        exponent: Option<i32>,
    },
}

/// The digits as written ("0.001000", "12346", "1.256"), held inline: a page formats about
/// sixty numbers a frame while playing, and allocating for each piece of each was most of
/// the cost.
struct Mantissa {
    bytes: [u8; 12],
    len: usize,
}

impl Mantissa {
    fn new() -> Mantissa {
        Mantissa {
            bytes: [0; 12],
            len: 0,
        }
    }

    fn push(&mut self, b: u8) {
        self.bytes[self.len] = b;
        self.len += 1;
    }

    fn as_str(&self) -> &str {
        // Only ASCII digits and '.' are ever pushed.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

/// Decimal digits d (each 0..=9) with the value 0.d₁d₂…dₙ × 10^k.
#[derive(Clone, Copy)]
struct Digits {
    d: [u8; 20],
    n: usize,
    k: i32,
}

impl Digits {
    /// The shortest digits that read back as `a` (finite, positive), from [`crate::decimal`].
    fn shortest(a: f64) -> Digits {
        let mut d = [0u8; 20];
        let (n, k) = decimal::shortest_digits_into(a, &mut d);
        Digits { d, n, k }
    }

    /// Rounded half up to `keep` digits (padded with zeros); a carry (9.9996 to 10.00)
    /// moves k up by one.
    fn rounded(&self, keep: usize) -> Digits {
        let keep = keep.clamp(1, 20);
        let mut out = Digits {
            d: [0; 20],
            n: keep,
            k: self.k,
        };
        out.d[..keep.min(self.n)].copy_from_slice(&self.d[..keep.min(self.n)]);
        if keep < self.n && self.d[keep] >= 5 {
            let mut i = keep;
            loop {
                if i == 0 {
                    // Every digit was a 9: 9999 -> 1000, one place up.
                    out.d[0] = 1;
                    out.k += 1;
                    break;
                }
                i -= 1;
                if out.d[i] == 9 {
                    out.d[i] = 0;
                } else {
                    out.d[i] += 1;
                    break;
                }
            }
        }
        out
    }

    /// Laid out with `decimals` digits after the point: "0.001000", "2.500", "12346".
    fn plain(&self, decimals: usize) -> Mantissa {
        let mut m = Mantissa::new();
        let digit = |i: i32| -> u8 {
            if i >= 0 && (i as usize) < self.n {
                b'0' + self.d[i as usize]
            } else {
                b'0'
            }
        };
        // Digit i (0-based) stands at the power 10^(k - 1 - i).
        if self.k <= 0 {
            m.push(b'0');
        } else {
            for i in 0..self.k {
                m.push(digit(i));
            }
        }
        if decimals > 0 {
            m.push(b'.');
            for j in 0..decimals as i32 {
                m.push(digit(self.k + j));
            }
        }
        m
    }

    /// "d.ddd": the first digit, a point, the rest.
    fn scientific(&self) -> Mantissa {
        let mut m = Mantissa::new();
        m.push(b'0' + self.d[0]);
        m.push(b'.');
        for i in 1..self.n {
            m.push(b'0' + self.d[i]);
        }
        m
    }
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
        let digits = Digits::shortest(a);
        // Plain digits from 0.001 up to 99999 (the form chosen before rounding, so 99999.7
        // reads 100000 and 0.00099996 reads 1.000 × 10⁻³); whole numbers from 10000 up.
        if (1e-3..1e5).contains(&a) {
            let mantissa = if a >= 1e4 {
                digits.rounded(digits.k as usize).plain(0)
            } else {
                let d = digits.rounded(4);
                d.plain((4 - d.k).max(0) as usize)
            };
            Written::Finite {
                sign,
                mantissa,
                exponent: None,
            }
        } else {
            let d = digits.rounded(4);
            Written::Finite {
                sign,
                mantissa: d.scientific(),
                exponent: Some(d.k - 1),
            }
        }
    }

    fn text(&self) -> String {
        self.write(&Words {
            zero: "0",
            not_a_number: "undefined (not a number)",
            infinite: ["+∞ (too large for a float)", "−∞ (too large for a float)"],
            signs: ["+", "−"],
            power: power_of_ten,
        })
    }

    fn spoken(&self) -> String {
        self.write(&Words {
            zero: "0",
            not_a_number: "undefined, not a number",
            infinite: [
                "plus infinity, too large for a float",
                "minus infinity, too large for a float",
            ],
            signs: ["plus ", "minus "],
            power: power_of_ten_spoken,
        })
    }

    /// The number in one form's words: shown or spoken, the same digits.
    fn write(&self, w: &Words) -> String {
        match self {
            Written::Zero => w.zero.into(),
            Written::NotANumber => w.not_a_number.into(),
            Written::Infinite { negative } => w.infinite[usize::from(*negative)].into(),
            Written::Finite {
                sign,
                mantissa,
                exponent,
            } => {
                let mut out = String::with_capacity(32);
                if let Some(negative) = sign {
                    out.push_str(w.signs[usize::from(*negative)]);
                }
                match exponent {
                    None => out.push_str(mantissa.as_str()),
                    Some(e) => out.push_str(&(w.power)(mantissa.as_str(), *e)),
                }
                out
            }
        }
    }
}

/// What a form of a number is written with: [positive, negative] for signs and infinities.
struct Words {
    zero: &'static str,
    not_a_number: &'static str,
    infinite: [&'static str; 2],
    signs: [&'static str; 2],
    power: fn(&str, i32) -> String,
}
