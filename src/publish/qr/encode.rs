//! QR Code encoding (ISO/IEC 18004) of bytes at error correction level M,
//! in the smallest version they fit.
//!
//! Ours rather than a crate's: every product and producer has a code, and
//! the crates at hand spent most of their time copying matrices of the
//! largest size and scoring masks module by module through accessors; at
//! 10,000 records they took a seventh of the build. This one keeps what
//! every symbol of a version shares (function patterns, fill order, masks)
//! made once, and up to version 11 (addresses up to about 250 bytes)
//! scores each mask on rows and columns held as machine words. The
//! modules are the same as the reference implementation's (Nayuki's
//! `qrcodegen`), which a test checks on a thousand addresses and a symbol
//! of every version.

/// Error correction codewords per block at level M, by version.
const ECC_PER_BLOCK: [usize; 41] = [
    0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28,
    28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
];

/// Error correction blocks at level M, by version.
const BLOCKS: [usize; 41] = [
    0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23,
    25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
];

use super::penalty::{Lines, penalty};
use std::sync::OnceLock;

/// Level M in the format information.
const FORMAT_LEVEL_BITS: u32 = 0;

/// An encoded symbol: `size` × `size` modules, row by row, dark as true.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub size: usize,
    pub dark: Vec<bool>,
    pub version: usize,
    pub mask: u8,
}

/// Encodes `data` in byte mode; None when it is longer than the largest
/// version holds at level M (2,331 bytes).
pub fn encode(data: &[u8]) -> Option<Symbol> {
    let version = (1..=40).find(|v| data_bits_needed(data.len(), *v) <= data_codewords(*v) * 8)?;
    let layout = Layout::of(version);
    let codewords = add_error_correction(&data_codewords_of(data, version), version);
    let mut base = layout.base.clone();
    for (n, at) in layout.order.iter().enumerate().take(codewords.len() * 8) {
        base[*at as usize] = (codewords[n >> 3] >> (7 - (n & 7))) & 1;
    }
    let mut masked = vec![0u8; base.len()];
    let mut best = (usize::MAX, 0u8);
    // Up to version 11, rows and columns fit in words: each mask is a few
    // dozen XORs away from the unmasked symbol.
    let lines = layout
        .lines
        .as_ref()
        .map(|l| (l, Lines::of(&base, layout.size)));
    for mask in 0..8u8 {
        let p = match &lines {
            // A mask is scored only as far as it may beat the best so far.
            Some((masks, base)) => base
                .xor(&masks[usize::from(mask)])
                .penalty_under(layout.size, best.0),
            None => {
                layout.apply(&base, mask, &mut masked);
                Some(penalty(&masked, layout.size))
            }
        };
        if let Some(p) = p
            && p < best.0
        {
            best = (p, mask);
        }
    }
    let mask = best.1;
    layout.apply(&base, mask, &mut masked);
    Some(Symbol {
        size: layout.size,
        dark: masked.into_iter().map(|d| d != 0).collect(),
        version,
        mask,
    })
}

/// What every symbol of a version shares, made once: the function
/// patterns, the order data modules are filled in, the eight masks as the
/// modules they invert, and where the format information goes.
struct Layout {
    size: usize,
    /// Function patterns drawn (format information for mask 0), data light.
    base: Vec<u8>,
    /// Data modules in the order the codewords' bits fill them.
    order: Vec<u32>,
    /// Per mask, 1 where it inverts a data module.
    masks: [Vec<u8>; 8],
    /// Per mask, the format information's modules and their colours.
    formats: [Vec<(u32, u8)>; 8],
    /// Up to version 11, per mask, the modules that differ between the
    /// symbol as `base` leaves it and the symbol with that mask and its
    /// format information.
    lines: Option<[Lines; 8]>,
}

impl Layout {
    fn of(version: usize) -> &'static Layout {
        static LAYOUTS: [OnceLock<Layout>; 41] = [const { OnceLock::new() }; 41];
        LAYOUTS[version].get_or_init(|| Layout::new(version))
    }

    fn new(version: usize) -> Layout {
        let mut m = Matrix::new(version);
        m.draw_function_patterns();
        let size = m.size;
        let order = m.order();
        let masks = std::array::from_fn(|mask| {
            (0..size * size)
                .map(|i| {
                    let (x, y) = (i % size, i / size);
                    u8::from(!m.function[i] && inverts(mask as u8, x, y))
                })
                .collect()
        });
        let formats = std::array::from_fn(|mask| {
            let mut f = Matrix::new(version);
            f.draw_format(mask as u8);
            (0..size * size)
                .filter(|i| f.function[*i])
                .map(|i| (i as u32, f.dark[i]))
                .collect()
        });
        let mut layout = Layout {
            size,
            base: m.dark,
            order,
            masks,
            formats,
            lines: None,
        };
        if size < 64 {
            let mut masked = vec![0u8; size * size];
            let lines = std::array::from_fn(|mask| {
                // What applying the mask changes in a symbol: the same
                // whatever the data, so found on one without any.
                layout.apply(&layout.base, mask as u8, &mut masked);
                let changed: Vec<u8> = masked
                    .iter()
                    .zip(&layout.base)
                    .map(|(a, b)| a ^ b)
                    .collect();
                Lines::of(&changed, size)
            });
            layout.lines = Some(lines);
        }
        layout
    }

    /// `out`: `base` with `mask` applied and its format information.
    fn apply(&self, base: &[u8], mask: u8, out: &mut [u8]) {
        let pattern = &self.masks[usize::from(mask)];
        for ((o, b), p) in out.iter_mut().zip(base).zip(pattern) {
            *o = b ^ p;
        }
        for (at, dark) in &self.formats[usize::from(mask)] {
            out[*at as usize] = *dark;
        }
    }
}

/// Whether mask pattern `mask` inverts the module at column `x`, row `y`.
fn inverts(mask: u8, x: usize, y: usize) -> bool {
    match mask {
        0 => (x + y).is_multiple_of(2),
        1 => y.is_multiple_of(2),
        2 => x.is_multiple_of(3),
        3 => (x + y).is_multiple_of(3),
        4 => (x / 3 + y / 2).is_multiple_of(2),
        5 => x * y % 2 + x * y % 3 == 0,
        6 => (x * y % 2 + x * y % 3).is_multiple_of(2),
        _ => ((x + y) % 2 + x * y % 3).is_multiple_of(2),
    }
}

/// Modules free for data and error correction in `version`.
fn raw_data_modules(version: usize) -> usize {
    let mut n = (16 * version + 128) * version + 64;
    if version >= 2 {
        let align = version / 7 + 2;
        n -= (25 * align - 10) * align - 55;
        if version >= 7 {
            n -= 36;
        }
    }
    n
}

fn data_codewords(version: usize) -> usize {
    raw_data_modules(version) / 8 - ECC_PER_BLOCK[version] * BLOCKS[version]
}

/// Mode indicator, character count and the bytes.
fn data_bits_needed(len: usize, version: usize) -> usize {
    4 + count_bits(version) + 8 * len
}

fn count_bits(version: usize) -> usize {
    if version <= 9 { 8 } else { 16 }
}

/// The data codewords: byte mode, the count, the bytes, the terminator
/// and padding.
fn data_codewords_of(data: &[u8], version: usize) -> Vec<u8> {
    let capacity = data_codewords(version);
    let mut bits = Bits::default();
    bits.push(0b0100, 4);
    bits.push(data.len() as u32, count_bits(version));
    for b in data {
        bits.push(u32::from(*b), 8);
    }
    let room = capacity * 8 - bits.len;
    bits.push(0, room.min(4));
    let to_byte = (8 - bits.len % 8) % 8;
    bits.push(0, to_byte);
    let mut out = bits.bytes;
    for pad in [0xEC, 0x11].into_iter().cycle() {
        if out.len() >= capacity {
            break;
        }
        out.push(pad);
    }
    out
}

#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    len: usize,
}

impl Bits {
    fn push(&mut self, value: u32, n: usize) {
        for i in (0..n).rev() {
            if self.len.is_multiple_of(8) {
                self.bytes.push(0);
            }
            if (value >> i) & 1 == 1
                && let Some(last) = self.bytes.last_mut()
            {
                *last |= 0x80 >> (self.len % 8);
            }
            self.len += 1;
        }
    }
}

/// Splits the data into blocks, adds each block's Reed–Solomon codewords
/// and interleaves them.
fn add_error_correction(data: &[u8], version: usize) -> Vec<u8> {
    let blocks = BLOCKS[version];
    let ecc_len = ECC_PER_BLOCK[version];
    let raw = raw_data_modules(version) / 8;
    let short_len = raw / blocks - ecc_len;
    let shorts = blocks - raw % blocks;
    let divisor = rs_divisor(ecc_len);
    let mut parts: Vec<(&[u8], Vec<u8>)> = Vec::with_capacity(blocks);
    let mut at = 0;
    for b in 0..blocks {
        let len = short_len + usize::from(b >= shorts);
        let block = &data[at..at + len];
        at += len;
        parts.push((block, rs_remainder(block, &divisor)));
    }
    let mut out = Vec::with_capacity(raw);
    for i in 0..=short_len {
        for (block, _) in &parts {
            if let Some(b) = block.get(i) {
                out.push(*b);
            }
        }
    }
    for i in 0..ecc_len {
        for (_, ecc) in &parts {
            out.push(ecc[i]);
        }
    }
    out
}

/// Powers of 2 in GF(2⁸) modulo x⁸ + x⁴ + x³ + x² + 1, twice over so
/// that a sum of two logarithms needs no reduction; and their logarithms.
const GF_EXP: [u8; 512] = {
    let mut t = [0u8; 512];
    let mut x: u16 = 1;
    let mut i = 0;
    while i < 512 {
        t[i] = x as u8;
        x <<= 1;
        if x & 0x100 != 0 {
            x ^= 0x11D;
        }
        i += 1;
    }
    t
};
const GF_LOG: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 255 {
        t[GF_EXP[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// Multiplication in GF(2⁸).
fn gf_mul(a: u8, b: u8) -> u8 {
    if a == 0 || b == 0 {
        return 0;
    }
    GF_EXP[usize::from(GF_LOG[usize::from(a)]) + usize::from(GF_LOG[usize::from(b)])]
}

/// The generator polynomial of degree `n` without its leading term,
/// highest power first.
fn rs_divisor(n: usize) -> Vec<u8> {
    let mut result = vec![0u8; n];
    result[n - 1] = 1;
    let mut root = 1u8;
    for _ in 0..n {
        for j in 0..n {
            result[j] = gf_mul(result[j], root);
            if j + 1 < n {
                result[j] ^= result[j + 1];
            }
        }
        root = gf_mul(root, 2);
    }
    result
}

fn rs_remainder(data: &[u8], divisor: &[u8]) -> Vec<u8> {
    let mut result = vec![0u8; divisor.len()];
    for b in data {
        let factor = b ^ result[0];
        result.rotate_left(1);
        if let Some(last) = result.last_mut() {
            *last = 0;
        }
        for (r, d) in result.iter_mut().zip(divisor) {
            *r ^= gf_mul(*d, factor);
        }
    }
    result
}

/// The symbol being built: modules as bytes (1 dark), and which are
/// function patterns rather than data.
struct Matrix {
    size: usize,
    version: usize,
    dark: Vec<u8>,
    function: Vec<bool>,
}

impl Matrix {
    fn new(version: usize) -> Matrix {
        let size = version * 4 + 17;
        Matrix {
            size,
            version,
            dark: vec![0; size * size],
            function: vec![false; size * size],
        }
    }

    fn set_function(&mut self, x: usize, y: usize, dark: bool) {
        let i = y * self.size + x;
        self.dark[i] = u8::from(dark);
        self.function[i] = true;
    }

    fn draw_function_patterns(&mut self) {
        let size = self.size;
        for i in 0..size {
            self.set_function(6, i, i % 2 == 0);
            self.set_function(i, 6, i % 2 == 0);
        }
        self.draw_finder(3, 3);
        self.draw_finder(size - 4, 3);
        self.draw_finder(3, size - 4);
        let positions = self.alignment_positions();
        let n = positions.len();
        for (i, x) in positions.iter().enumerate() {
            for (j, y) in positions.iter().enumerate() {
                let corner = [(0, 0), (0, n - 1), (n - 1, 0)].contains(&(i, j));
                if !corner {
                    self.draw_alignment(*x, *y);
                }
            }
        }
        // Reserved now, written once the mask is known.
        self.draw_format(0);
        self.draw_version();
    }

    fn draw_finder(&mut self, cx: usize, cy: usize) {
        for dy in -4i32..=4 {
            for dx in -4i32..=4 {
                let (x, y) = (cx as i32 + dx, cy as i32 + dy);
                if (0..self.size as i32).contains(&x) && (0..self.size as i32).contains(&y) {
                    let d = dx.abs().max(dy.abs());
                    self.set_function(x as usize, y as usize, d != 2 && d != 4);
                }
            }
        }
    }

    fn draw_alignment(&mut self, cx: usize, cy: usize) {
        for dy in -2i32..=2 {
            for dx in -2i32..=2 {
                let d = dx.abs().max(dy.abs());
                self.set_function((cx as i32 + dx) as usize, (cy as i32 + dy) as usize, d != 1);
            }
        }
    }

    /// Centres of the alignment patterns along each axis.
    fn alignment_positions(&self) -> Vec<usize> {
        if self.version == 1 {
            return Vec::new();
        }
        let n = self.version / 7 + 2;
        let step = if self.version == 32 {
            26
        } else {
            (self.version * 4 + n * 2 + 1) / (n * 2 - 2) * 2
        };
        let mut out: Vec<usize> = (0..n - 1).map(|i| self.size - 7 - i * step).collect();
        out.push(6);
        out.reverse();
        out
    }

    /// The format information for `mask` in both its places, and the dark
    /// module beside the lower-left finder.
    fn draw_format(&mut self, mask: u8) {
        let data = (FORMAT_LEVEL_BITS << 3) | u32::from(mask);
        let mut rem = data;
        for _ in 0..10 {
            rem = (rem << 1) ^ ((rem >> 9) * 0x537);
        }
        let bits = ((data << 10) | rem) ^ 0x5412;
        let bit = |i: usize| (bits >> i) & 1 == 1;
        let size = self.size;
        for i in 0..=5 {
            self.set_function(8, i, bit(i));
        }
        self.set_function(8, 7, bit(6));
        self.set_function(8, 8, bit(7));
        self.set_function(7, 8, bit(8));
        for i in 9..15 {
            self.set_function(14 - i, 8, bit(i));
        }
        for i in 0..8 {
            self.set_function(size - 1 - i, 8, bit(i));
        }
        for i in 8..15 {
            self.set_function(8, size - 15 + i, bit(i));
        }
        self.set_function(8, size - 8, true);
    }

    fn draw_version(&mut self) {
        if self.version < 7 {
            return;
        }
        let v = self.version as u32;
        let mut rem = v;
        for _ in 0..12 {
            rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
        }
        let bits = (v << 12) | rem;
        for i in 0..18 {
            let dark = (bits >> i) & 1 == 1;
            let a = self.size - 11 + i % 3;
            let b = i / 3;
            self.set_function(a, b, dark);
            self.set_function(b, a, dark);
        }
    }

    /// The data modules in the zigzag order codewords fill them: two
    /// columns at a time from the right, up then down, skipping the
    /// vertical timing pattern.
    fn order(&self) -> Vec<u32> {
        let size = self.size;
        let mut out = Vec::with_capacity(size * size);
        let mut right = size - 1;
        loop {
            if right == 6 {
                right = 5;
            }
            let upward = (right + 1) & 2 == 0;
            for vert in 0..size {
                let y = if upward { size - 1 - vert } else { vert };
                for x in [right, right - 1] {
                    let at = y * size + x;
                    if !self.function[at] {
                        out.push(at as u32);
                    }
                }
            }
            if right < 3 {
                break;
            }
            right -= 2;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_multiplies_as_the_standard_says() {
        assert_eq!(gf_mul(0x80, 2), 0x1D);
        assert_eq!(gf_mul(3, 7), 9);
        for a in 0..=255u8 {
            assert_eq!(gf_mul(a, 1), a);
            assert_eq!(gf_mul(a, 0), 0);
        }
    }

    /// The reference encoder's symbol for `data` at level M, without
    /// raising the level where the data would still fit.
    fn reference(data: &[u8]) -> qrcodegen::QrCode {
        qrcodegen::QrCode::encode_segments_advanced(
            &[qrcodegen::QrSegment::make_bytes(data)],
            qrcodegen::QrCodeEcc::Medium,
            qrcodegen::Version::MIN,
            qrcodegen::Version::MAX,
            None,
            false,
        )
        .unwrap()
    }

    fn assert_same(data: &[u8]) {
        let ours = encode(data).unwrap();
        let theirs = reference(data);
        assert_eq!(
            ours.version,
            usize::from(theirs.version().value()),
            "{data:?}"
        );
        assert_eq!(ours.mask, theirs.mask().value(), "mask for {data:?}");
        let size = theirs.size() as usize;
        assert_eq!(ours.size, size);
        for y in 0..size {
            for x in 0..size {
                assert_eq!(
                    ours.dark[y * size + x],
                    theirs.get_module(x as i32, y as i32),
                    "module ({x}, {y}) of {data:?}"
                );
            }
        }
    }

    #[test]
    fn symbols_are_the_reference_encoders_module_for_module() {
        // Page addresses as the portal makes them, of every length a site
        // is likely to have, and every mask chosen somewhere among them.
        let mut masks = [false; 8];
        for n in 0..1000usize {
            let url = format!(
                "https://{}.example.org/{}/san-pham/{}-{n}/",
                ["a", "nong-san", "so-nong-nghiep-lang-son"][n % 3],
                "x".repeat(n % 50),
                "na-chi-lang".repeat(1 + n % 4),
            );
            assert_same(url.as_bytes());
            masks[usize::from(encode(url.as_bytes()).unwrap().mask)] = true;
        }
        assert!(masks.iter().all(|m| *m), "masks used: {masks:?}");
        // Every version, from the empty input to the largest.
        for v in 1..=40 {
            let len = (data_codewords(v) * 8 - 4 - count_bits(v)) / 8;
            let data: Vec<u8> = (0..len).map(|i| (i * 7 + v) as u8).collect();
            assert_eq!(encode(&data).unwrap().version, v);
            assert_same(&data);
        }
        assert_same(b"");
    }

    #[test]
    fn the_version_grows_with_the_data() {
        assert_eq!(encode(b"https://example.org/").map(|s| s.version), Some(2));
        assert_eq!(encode(&[b'a'; 2331]).map(|s| s.version), Some(40));
        assert_eq!(encode(&[b'a'; 2332]), None);
    }
}
