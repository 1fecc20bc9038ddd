//! Text widths for laying figures out, the same natively and in the page: DejaVu Sans's
//! advances (regular and bold), in font units, for the characters the figures write.
//!
//! plotters measures text with whatever font backend it was built with: ab_glyph and the font
//! file natively, the browser's layout of a hidden span in wasm. Those differ (the browser's
//! font, its idea of the size), so the same figure would be laid out a little differently by
//! the command and by the page. With this table both lay it out alike, to the pixel, and the
//! SVG asks for DejaVu Sans first, whose widths these are. tests/figure.rs checks the table
//! against the font file. Kerning is left out (a pair's kern moves a label by under a pixel).

/// (character, regular advance, bold advance) in font units, sorted by character.
const ADVANCES: &[(char, u16, u16)] = &[
    (' ', 651, 713),
    ('!', 821, 934),
    ('"', 942, 1067),
    ('#', 1716, 1716),
    ('$', 1303, 1425),
    ('%', 1946, 2052),
    ('&', 1597, 1786),
    ('\'', 563, 627),
    ('(', 799, 936),
    (')', 799, 936),
    ('*', 1024, 1071),
    ('+', 1716, 1716),
    (',', 651, 778),
    ('-', 739, 850),
    ('.', 651, 778),
    ('/', 690, 748),
    ('0', 1303, 1425),
    ('1', 1303, 1425),
    ('2', 1303, 1425),
    ('3', 1303, 1425),
    ('4', 1303, 1425),
    ('5', 1303, 1425),
    ('6', 1303, 1425),
    ('7', 1303, 1425),
    ('8', 1303, 1425),
    ('9', 1303, 1425),
    (':', 690, 819),
    (';', 690, 819),
    ('<', 1716, 1716),
    ('=', 1716, 1716),
    ('>', 1716, 1716),
    ('?', 1087, 1188),
    ('@', 2048, 2048),
    ('A', 1401, 1585),
    ('B', 1405, 1561),
    ('C', 1430, 1503),
    ('D', 1577, 1700),
    ('E', 1294, 1399),
    ('F', 1178, 1399),
    ('G', 1587, 1681),
    ('H', 1540, 1714),
    ('I', 604, 762),
    ('J', 604, 762),
    ('K', 1343, 1587),
    ('L', 1141, 1305),
    ('M', 1767, 2038),
    ('N', 1532, 1714),
    ('O', 1612, 1741),
    ('P', 1235, 1501),
    ('Q', 1612, 1741),
    ('R', 1423, 1577),
    ('S', 1300, 1475),
    ('T', 1251, 1397),
    ('U', 1499, 1663),
    ('V', 1401, 1585),
    ('W', 2025, 2259),
    ('X', 1403, 1579),
    ('Y', 1251, 1483),
    ('Z', 1403, 1485),
    ('[', 799, 936),
    ('\\', 690, 748),
    (']', 799, 936),
    ('^', 1716, 1716),
    ('_', 1024, 1024),
    ('`', 1024, 1024),
    ('a', 1255, 1382),
    ('b', 1300, 1466),
    ('c', 1126, 1214),
    ('d', 1300, 1466),
    ('e', 1260, 1389),
    ('f', 721, 891),
    ('g', 1300, 1466),
    ('h', 1298, 1458),
    ('i', 569, 702),
    ('j', 569, 702),
    ('k', 1186, 1362),
    ('l', 569, 702),
    ('m', 1995, 2134),
    ('n', 1298, 1458),
    ('o', 1253, 1407),
    ('p', 1300, 1466),
    ('q', 1300, 1466),
    ('r', 842, 1010),
    ('s', 1067, 1219),
    ('t', 803, 979),
    ('u', 1298, 1458),
    ('v', 1212, 1335),
    ('w', 1675, 1892),
    ('x', 1212, 1321),
    ('y', 1212, 1335),
    ('z', 1075, 1192),
    ('{', 1303, 1458),
    ('|', 690, 748),
    ('}', 1303, 1458),
    ('~', 1716, 1716),
    ('±', 1716, 1716),
    ('²', 821, 897),
    ('³', 821, 897),
    ('·', 651, 778),
    ('¹', 821, 897),
    ('½', 1985, 2120),
    ('×', 1716, 1716),
    ('ŷ', 1212, 1335),
    ('Δ', 1401, 1585),
    ('β', 1307, 1466),
    ('δ', 1253, 1407),
    ('ε', 1107, 1140),
    ('η', 1298, 1458),
    ('θ', 1253, 1407),
    ('λ', 1212, 1296),
    ('ρ', 1300, 1466),
    ('σ', 1298, 1595),
    ('–', 1024, 1024),
    ('—', 2048, 2048),
    ('…', 2048, 2048),
    ('′', 465, 540),
    ('″', 765, 915),
    ('⁰', 821, 897),
    ('⁴', 821, 897),
    ('⁵', 821, 897),
    ('⁶', 821, 897),
    ('⁷', 821, 897),
    ('⁸', 821, 897),
    ('⁹', 821, 897),
    ('⁺', 1081, 1081),
    ('⁻', 1081, 1081),
    ('₀', 821, 897),
    ('₁', 821, 897),
    ('₂', 821, 897),
    ('₃', 821, 897),
    ('₄', 821, 897),
    ('₅', 821, 897),
    ('₆', 821, 897),
    ('₇', 821, 897),
    ('₈', 821, 897),
    ('₉', 821, 897),
    ('ₙ', 816, 933),
    ('←', 1716, 1716),
    ('↑', 1716, 1716),
    ('→', 1716, 1716),
    ('↓', 1716, 1716),
    ('∂', 1059, 1114),
    ('∇', 1370, 1427),
    ('∑', 1380, 1470),
    ('−', 1716, 1716),
    ('√', 1305, 1366),
    ('∞', 1706, 1706),
    ('≈', 1716, 1716),
    ('≠', 1716, 1716),
    ('≤', 1716, 1716),
    ('≥', 1716, 1716),
    ('○', 1787, 1787),
    ('●', 1787, 1787),
];

/// DejaVu Sans's ascent − descent in font units: plotters (with ab_glyph) makes this the
/// font size, so a size of 14 px has an em of 14 × 2048 / 2384 px.
pub const HEIGHT_UNITS: f64 = 2384.0;

/// The advance taken for a character the table lacks: a digit's.
const FALLBACK: (u16, u16) = (1303, 1425);

/// Whether the table has `c`.
pub fn knows(c: char) -> bool {
    ADVANCES.binary_search_by(|e| e.0.cmp(&c)).is_ok()
}

/// The width of `text` at plotters' font size `size` (px), bold or not, in px.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let units: u32 = text
        .chars()
        .map(|c| {
            let (r, b) = match ADVANCES.binary_search_by(|e| e.0.cmp(&c)) {
                Ok(i) => (ADVANCES[i].1, ADVANCES[i].2),
                Err(_) => FALLBACK,
            };
            u32::from(if bold { b } else { r })
        })
        .sum();
    units as f64 * size / HEIGHT_UNITS
}

/// Every character with its two advances, for the test that checks them against the font.
pub fn table() -> &'static [(char, u16, u16)] {
    ADVANCES
}
