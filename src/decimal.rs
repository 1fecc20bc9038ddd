//! Decimal text and f64, both ways, as the standard library reads and writes them (reading
//! exactly so; writing so but for ties, below) without its float parsing and formatting code: its 10 KB table of powers of five was the
//! largest incompressible part of the page's first wasm module, and its formatting (Grisu and
//! Dragon4, shortest and fixed-precision) a tenth of the rest. The core only reads and writes
//! short numbers: a link's, a typed one, one in a message.
//!
//! Writing: [`Shortest`] lays out the shortest digits that read back as the same f64 (from
//! the `ryu` crate) as `{}` does, and [`exponent_form`] as `{:e}` does; where two shortest
//! forms are equally near, both take the even last digit, as JS does (the standard library
//! takes the one above).
//!
//! Reading:
//! Most numbers take Clinger's fast path: at most 15 digits and a power of ten up to 10^22
//! are both exact in f64, so one multiplication or division rounds once, correctly. The rest
//! are divided out exactly in big integers and rounded half to even. `tests/decimal.rs`
//! checks every result against the standard library's.

/// Writes an f64 as `format!("{}", x)` does, "0.1", "-2.5", "1000000", "0.0000001", "NaN",
/// "inf": the shortest digits that read back as the same f64, never an exponent. Where two
/// shortest forms are equally near (2062995433487412.25), the even last digit, as JS writes
/// it ("...412.2"; the standard library writes "...412.3"). Width and precision flags are
/// not applied: it always writes every digit needed.
pub struct Shortest(pub f64);

impl std::fmt::Display for Shortest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let x = self.0;
        let sign = if x.is_sign_negative() && !x.is_nan() {
            "-"
        } else {
            ""
        };
        if !x.is_finite() {
            let word = if x.is_nan() { "NaN" } else { "inf" };
            return write!(f, "{sign}{word}");
        }
        let (digits, k) = shortest_digits(x);
        let n = digits.len() as i32;
        let zeros = |count: i32| "0".repeat(count.max(0) as usize);
        if digits.is_empty() {
            write!(f, "{sign}0")
        } else if k <= 0 {
            write!(f, "{sign}0.{}{digits}", zeros(-k))
        } else if k < n {
            let (whole, fraction) = digits.split_at(k as usize);
            write!(f, "{sign}{whole}.{fraction}")
        } else {
            write!(f, "{sign}{digits}{}", zeros(k - n))
        }
    }
}

/// Writes a finite f64 as `format!("{:e}", x)` does, "1e-7", "-2.5e21", "0e0" (ties to even,
/// as [`Shortest`]).
pub fn exponent_form(x: f64) -> String {
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let (digits, k) = shortest_digits(x);
    match digits.split_at_checked(1) {
        Some((first, "")) => format!("{sign}{first}e{}", k - 1),
        Some((first, rest)) => format!("{sign}{first}.{rest}e{}", k - 1),
        None => format!("{sign}0e0"),
    }
}

/// The shortest digits of |x| (finite) as numbers 0..=9 into `out`, without leading or
/// trailing zeros: (how many, k) with |x| = 0.d₁d₂… × 10^k; none for 0. No allocation (the
/// page's formatter calls it for every number on screen).
pub(crate) fn shortest_digits_into(x: f64, out: &mut [u8; 20]) -> (usize, i32) {
    let mut buffer = ryu::Buffer::new();
    // ryu writes "1.0", "0.001", "1.5e-7" or "1e16".
    let text = buffer.format_finite(x.abs());
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let fraction_len = mantissa.split_once('.').map_or(0, |(_, f)| f.len()) as i32;
    let mut n = 0;
    let mut leading = 0;
    for b in mantissa.bytes().filter(u8::is_ascii_digit) {
        if n == 0 && b == b'0' {
            leading += 1;
            continue;
        }
        if n < out.len() {
            out[n] = b - b'0';
            n += 1;
        }
    }
    let all = leading + n as i32;
    // all digits (leading zeros included) times 10^(exponent - fraction_len).
    let k = exponent - fraction_len + all - leading;
    while n > 0 && out[n - 1] == 0 {
        n -= 1;
    }
    (n, k)
}

/// The shortest digits that read back as |x| (finite), without leading or trailing zeros, and
/// k with |x| = 0.digits * 10^k; no digits for 0.
pub(crate) fn shortest_digits(x: f64) -> (String, i32) {
    let mut buffer = ryu::Buffer::new();
    // ryu writes "1.0", "0.001", "1.5e-7" or "1e16".
    let text = buffer.format_finite(x.abs());
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{whole}{fraction}");
    let digits = all.trim_start_matches('0');
    let significant = digits.trim_end_matches('0');
    // all = digits with leading zeros; the value is all * 10^(exponent - fraction.len()).
    let k = exponent - fraction.len() as i32 + digits.len() as i32;
    (significant.to_string(), k)
}

/// The f64 nearest `text` (ties to even), or None if it is not a decimal number:
/// `[+-]? digits [. digits?] | [+-]? . digits`, then an optional `e` or `E` exponent with an
/// optional sign. No spaces, no "inf" or "NaN". Too large gives an infinity, too small 0.
pub fn parse(text: &str) -> Option<f64> {
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let mut power = match exponent {
        Some(e) => parse_exponent(e)?,
        None => 0,
    };
    // The value is digits * 10^power, digits without leading or trailing zeros.
    let mut digits: Vec<u8> = whole
        .bytes()
        .chain(fraction.bytes())
        .map(|b| b - b'0')
        .collect();
    power = power.saturating_sub(fraction.len() as i64);
    let first = digits.iter().position(|&d| d != 0).unwrap_or(digits.len());
    digits.drain(..first);
    while digits.last() == Some(&0) {
        digits.pop();
        power = power.saturating_add(1);
    }
    // The big-integer work grows with the square of the digits: keep MAX_DIGITS, the last one
    // a 1 standing for the non-zero rest. No tie between two floats needs more than 767
    // significant digits, so the nearest float is the same.
    if digits.len() > MAX_DIGITS {
        power = power.saturating_add((digits.len() - MAX_DIGITS) as i64);
        digits.truncate(MAX_DIGITS - 1);
        digits.push(1);
    }
    let magnitude = nearest(&digits, power);
    Some(if negative { -magnitude } else { magnitude })
}

/// Significant digits kept (see [`parse`]).
const MAX_DIGITS: usize = 800;

/// An exponent's digits with an optional sign, held within ±10^9 (far past any f64).
fn parse_exponent(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let e = digits.bytes().fold(0i64, |e, b| {
        (e * 10 + i64::from(b - b'0')).min(1_000_000_000)
    });
    Some(if negative { -e } else { e })
}

/// The f64 nearest digits * 10^power (digits: 0-9 each, no leading or trailing zeros).
fn nearest(digits: &[u8], power: i64) -> f64 {
    let n = digits.len() as i64;
    if n == 0 {
        return 0.0;
    }
    // The value lies in [10^(n+power-1), 10^(n+power)): past f64's range either way.
    if n + power > 310 {
        return f64::INFINITY;
    }
    if n + power < -324 {
        return 0.0;
    }
    if n <= 15 && power.abs() <= 22 {
        let m = digits.iter().fold(0u64, |m, &d| m * 10 + u64::from(d)) as f64;
        let scale = POWERS_OF_TEN[power.unsigned_abs() as usize];
        return if power >= 0 { m * scale } else { m / scale };
    }
    // Exactly: value = num / den, both whole.
    let mut num = Big::from_digits(digits);
    let mut den = Big::one();
    if power >= 0 {
        num.mul_pow10(power as u32);
    } else {
        den.mul_pow10(power.unsigned_abs() as u32);
    }
    // 2^(e - 1) <= value < 2^e.
    let mut e = num.bits() as i64 - den.bits() as i64;
    if num.cmp_shifted(&den, e) == std::cmp::Ordering::Less {
        e -= 1;
    }
    e += 1;
    // The quotient q = floor(value / 2^shift) gets 53 bits, or fewer below the normal range.
    let shift = (e - 53).max(-1074);
    if shift > 971 {
        return f64::INFINITY;
    }
    if shift < 0 {
        num.shl(shift.unsigned_abs() as u32);
    } else {
        den.shl(shift as u32);
    }
    let mut q = num.div_small_quotient(&den, 54);
    // num now holds the remainder: round half to even.
    num.shl(1);
    match num.cmp_shifted(&den, 0) {
        std::cmp::Ordering::Greater => q += 1,
        std::cmp::Ordering::Equal if q & 1 == 1 => q += 1,
        _ => {}
    }
    scale_by_power_of_two(q as f64, shift)
}

/// x * 2^e for -1074 <= e <= 971, rounded once (exact when representable).
fn scale_by_power_of_two(x: f64, e: i64) -> f64 {
    let two_to = |e: i64| f64::from_bits(((e + 1023) as u64) << 52);
    if e < -1022 {
        // Two steps, the first exact and still normal, so the result rounds only once.
        x * two_to(e + 1022) * two_to(-1022)
    } else {
        x * two_to(e)
    }
}

const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A non-negative big integer, 32-bit limbs, least significant first: just what [`nearest`]
/// needs.
struct Big(Vec<u32>);

impl Big {
    fn one() -> Big {
        Big(vec![1])
    }

    fn from_digits(digits: &[u8]) -> Big {
        let mut b = Big(vec![0]);
        for &d in digits {
            b.mul_add(10, u32::from(d));
        }
        b
    }

    /// self = self * m + a.
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut p: u32) {
        while p > 0 {
            let k = p.min(9);
            self.mul_add(10u32.pow(k), 0);
            p -= k;
        }
    }

    fn bits(&self) -> u64 {
        let top = self.0.iter().rposition(|&l| l != 0);
        top.map_or(0, |i| {
            32 * i as u64 + u64::from(32 - self.0[i].leading_zeros())
        })
    }

    fn shl(&mut self, n: u32) {
        let (limbs, bits) = ((n / 32) as usize, n % 32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let v = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = v;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    /// The limb at `i` of other * 2^(32 * s + b), b < 32.
    fn shifted_limb(other: &Big, i: usize, s: usize, b: u32) -> u32 {
        let at = |j: isize| {
            if j < 0 {
                0
            } else {
                other.0.get(j as usize).copied().unwrap_or(0)
            }
        };
        let j = i as isize - s as isize;
        if b == 0 {
            at(j)
        } else {
            (at(j) << b) | (at(j - 1) >> (32 - b))
        }
    }

    /// Compares self with other * 2^e (e may be negative: then self * 2^-e with other).
    fn cmp_shifted(&self, other: &Big, e: i64) -> std::cmp::Ordering {
        if e < 0 {
            let mut a = Big(self.0.clone());
            a.shl(e.unsigned_abs() as u32);
            return a.cmp_shifted(other, 0);
        }
        let (s, b) = ((e / 32) as usize, (e % 32) as u32);
        let len = self.0.len().max(other.0.len() + s + 1);
        for i in (0..len).rev() {
            let x = self.0.get(i).copied().unwrap_or(0);
            let y = Self::shifted_limb(other, i, s, b);
            if x != y {
                return x.cmp(&y);
            }
        }
        std::cmp::Ordering::Equal
    }

    /// self -= other * 2^e (self must be at least that).
    fn sub_shifted(&mut self, other: &Big, e: u32) {
        let (s, b) = ((e / 32) as usize, e % 32);
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let v = i64::from(self.0[i]) - i64::from(Self::shifted_limb(other, i, s, b)) - borrow;
            borrow = i64::from(v < 0);
            self.0[i] = (v + (borrow << 32)) as u32;
        }
    }

    /// floor(self / other), known to be below 2^bits; self becomes the remainder.
    fn div_small_quotient(&mut self, other: &Big, bits: u32) -> u64 {
        let mut q = 0u64;
        for bit in (0..bits).rev() {
            if self.cmp_shifted(other, i64::from(bit)) != std::cmp::Ordering::Less {
                self.sub_shifted(other, bit);
                q |= 1 << bit;
            }
        }
        q
    }
}
