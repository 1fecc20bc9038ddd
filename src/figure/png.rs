//! A small PNG encoder for the heatmap inside a figure's SVG: 8-bit RGB, each row filtered
//! by whichever of PNG's five filters leaves the smallest sum (the usual heuristic), deflated
//! by miniz_oxide. The same bytes natively and in the page, so the command's SVG and the
//! page's are the same file.
//!
//! Why not plotters-svg's `bitmap_encoder`: it brings the `image` crate's PNG codec and
//! flate2 into the page's wasm for this one image (see docs/performance.md for the sizes).

/// The PNG file of an RGB image (3 bytes a pixel, rows top to bottom, `w * h * 3` bytes).
pub fn encode_rgb(w: u32, h: u32, rgb: &[u8]) -> Vec<u8> {
    let stride = w as usize * 3;
    assert_eq!(rgb.len(), stride * h as usize, "an RGB image of {w} x {h}");
    let mut raw = Vec::with_capacity((stride + 1) * h as usize);
    let mut prior = vec![0u8; stride];
    let mut candidate = vec![0u8; stride];
    let mut best = vec![0u8; stride];
    for row in rgb.chunks_exact(stride.max(1)).take(h as usize) {
        let mut best_kind = 0u8;
        let mut best_sum = u64::MAX;
        for kind in 0..5u8 {
            filter(kind, row, &prior, &mut candidate);
            // The sum of the bytes read as signed: small where the filter predicted well.
            let sum: u64 = candidate
                .iter()
                .map(|&b| u64::from((b as i8).unsigned_abs()))
                .sum();
            if sum < best_sum {
                best_sum = sum;
                best_kind = kind;
                best.copy_from_slice(&candidate);
            }
        }
        raw.push(best_kind);
        raw.extend_from_slice(&best);
        prior.copy_from_slice(row);
    }
    let data = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 9);

    let mut out = Vec::with_capacity(data.len() + 64);
    out.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&w.to_be_bytes());
    header.extend_from_slice(&h.to_be_bytes());
    // 8 bits a sample, colour type 2 (RGB), deflate, adaptive filtering, no interlace.
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &data);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// One row filtered by PNG filter `kind` (0 none, 1 sub, 2 up, 3 average, 4 Paeth).
fn filter(kind: u8, row: &[u8], prior: &[u8], out: &mut [u8]) {
    const BPP: usize = 3;
    for i in 0..row.len() {
        let a = if i >= BPP { row[i - BPP] } else { 0 };
        let b = prior[i];
        let c = if i >= BPP { prior[i - BPP] } else { 0 };
        let predicted = match kind {
            0 => 0,
            1 => a,
            2 => b,
            3 => ((u16::from(a) + u16::from(b)) / 2) as u8,
            _ => paeth(a, b, c),
        };
        out[i] = row[i].wrapping_sub(predicted);
    }
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let (ia, ib, ic) = (i16::from(a), i16::from(b), i16::from(c));
    let p = ia + ib - ic;
    let (pa, pb, pc) = ((p - ia).abs(), (p - ib).abs(), (p - ic).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(kind.iter().chain(data));
    out.extend_from_slice(&crc.to_be_bytes());
}

/// CRC-32 (ISO 3309, as PNG uses), bit by bit: the chunks here are few.
fn crc32<'a>(bytes: impl Iterator<Item = &'a u8>) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Base64 (RFC 4648, with padding), for a data: URL.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= group.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
