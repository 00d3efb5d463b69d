//! The penalty score by which the standard (ISO/IEC 18004, 7.8.3) picks a
//! symbol's mask: runs of five or more modules of one colour, 2×2 blocks,
//! finder-like patterns, and the balance of dark and light. The lowest
//! score wins.

/// A symbol of at most 63 modules a side as bits: rows (bit x of row y)
/// and columns (bit y of column x).
#[derive(Clone)]
pub(super) struct Lines {
    rows: [u64; 64],
    cols: [u64; 64],
}

impl Lines {
    pub(super) fn of(dark: &[u8], size: usize) -> Lines {
        let mut l = Lines {
            rows: [0; 64],
            cols: [0; 64],
        };
        for (y, row) in dark.chunks_exact(size).enumerate() {
            for (x, d) in row.iter().enumerate() {
                let d = u64::from(*d);
                l.rows[y] |= d << x;
                l.cols[x] |= d << y;
            }
        }
        l
    }

    pub(super) fn xor(&self, other: &Lines) -> Lines {
        Lines {
            rows: std::array::from_fn(|i| self.rows[i] ^ other.rows[i]),
            cols: std::array::from_fn(|i| self.cols[i] ^ other.cols[i]),
        }
    }

    /// [`penalty`] of these bits: runs found between changes of colour,
    /// 2×2 blocks a pair of rows at a time.
    pub(super) fn penalty(&self, size: usize) -> usize {
        let mut runs = [0u16; 180];
        let mut score = 0;
        for line in self.rows[..size].iter().chain(&self.cols[..size]) {
            let mut n = 0;
            if line & 1 == 1 {
                runs[0] = 0;
                n = 1;
            }
            // Bit x: modules x and x + 1 differ.
            let mut changes = (line ^ (line >> 1)) & ((1 << (size - 1)) - 1);
            let mut start = 0;
            while changes != 0 {
                let x = changes.trailing_zeros() as usize;
                runs[n] = (x + 1 - start) as u16;
                n += 1;
                start = x + 1;
                changes &= changes - 1;
            }
            runs[n] = (size - start) as u16;
            n += 1;
            if (line >> (size - 1)) & 1 == 1 {
                runs[n] = 0;
                n += 1;
            }
            score += long_runs_penalty(*line, size) + finder_penalty(&mut runs[..n], size);
        }
        // Bit x: the block at x, x + 1 of rows y, y + 1 is not of one colour.
        let pairs = (1u64 << (size - 1)) - 1;
        for (a, b) in self.rows[..size].iter().zip(&self.rows[1..size]) {
            let mixed = (a ^ (a >> 1)) | (a ^ b) | (a ^ (b >> 1));
            score += 3 * (!mixed & pairs).count_ones() as usize;
        }
        let dark: usize = self.rows[..size]
            .iter()
            .map(|r| r.count_ones() as usize)
            .sum();
        score + balance_penalty(dark, size)
    }
}

/// The standard's penalty score of a symbol: runs of five or more, 2×2
/// blocks, finder-like patterns, and the balance of dark and light.
pub(super) fn penalty(dark: &[u8], size: usize) -> usize {
    let mut runs = [0u16; 180];
    let mut score = 0;
    for row in dark.chunks_exact(size) {
        score += line_penalty(row.iter().copied(), size, &mut runs);
    }
    for x in 0..size {
        score += line_penalty(dark[x..].iter().step_by(size).copied(), size, &mut runs);
    }
    let n = size - 1;
    for (a, b) in dark.chunks_exact(size).zip(dark.chunks_exact(size).skip(1)) {
        let same = a[..n]
            .iter()
            .zip(&a[1..])
            .zip(b[..n].iter().zip(&b[1..]))
            .filter(|((a0, a1), (b0, b1))| (*a0 ^ *a1) | (*a0 ^ *b0) | (*a0 ^ *b1) == 0)
            .count();
        score += 3 * same;
    }
    let dark: usize = dark.iter().map(|d| usize::from(*d)).sum();
    score + balance_penalty(dark, size)
}

/// 10 for each full 5 % that dark modules are away from half.
fn balance_penalty(dark: usize, size: usize) -> usize {
    let total = size * size;
    // Never zero: the count of modules is odd.
    let k = (dark * 20)
        .abs_diff(total * 10)
        .div_ceil(total)
        .saturating_sub(1);
    k * 10
}

/// A row's or column's penalty (see [`runs_penalty`]); `runs` is room for
/// the line's runs.
fn line_penalty(line: impl Iterator<Item = u8>, size: usize, runs: &mut [u16; 180]) -> usize {
    // The line as runs, light first (perhaps empty), light last.
    let mut n = 0;
    let mut colour = 0u8;
    let mut run = 0u16;
    for m in line {
        if m == colour {
            run += 1;
        } else {
            runs[n] = run;
            n += 1;
            colour = m;
            run = 1;
        }
    }
    runs[n] = run;
    n += 1;
    if colour == 1 {
        runs[n] = 0;
        n += 1;
    }
    runs_penalty(&mut runs[..n], size)
}

/// The penalty of a line given as the lengths of its runs, light first
/// and last (either perhaps empty): 3 + (n − 5) for each run of n ≥ 5
/// modules of one colour, and 40 for each 1:1:3:1:1 finder-like pattern
/// with four light modules on a side (the quiet zone counting as light).
fn runs_penalty(runs: &mut [u16], size: usize) -> usize {
    let long: usize = runs
        .iter()
        .filter(|r| **r >= 5)
        .map(|r| usize::from(*r) - 2)
        .sum();
    long + finder_penalty(runs, size)
}

/// The first part of [`runs_penalty`] for a line of `size` < 64 modules
/// held as bits (x, dark as 1): each place where five modules alike begin
/// adds one, and each run of them two more (3 + (n − 5) = (n − 4) + 2).
fn long_runs_penalty(line: u64, size: usize) -> usize {
    let alike = !(line ^ (line >> 1)) & ((1u64 << (size - 1)) - 1);
    let five = alike & (alike >> 1) & (alike >> 2) & (alike >> 3);
    five.count_ones() as usize + 2 * (five & !(five << 1)).count_ones() as usize
}

/// The second part of [`runs_penalty`]: the finder-like patterns.
fn finder_penalty(runs: &mut [u16], size: usize) -> usize {
    let mut score = 0;
    let n = runs.len();
    // The quiet zone lengthens the first and last light runs.
    let size = size as u16;
    runs[0] += size;
    runs[n - 1] += size;
    // A pattern ends at each light run: dark n, light n, dark 3n, light n,
    // dark n between it and the light run six runs before.
    for j in (6..n).step_by(2) {
        let h = &runs[j - 6..=j];
        let u = h[5];
        // The rarest test first.
        if h[3] == u * 3 && u > 0 && h[4] == u && h[2] == u && h[1] == u {
            score += 40 * usize::from(h[6] >= u * 4 && h[0] >= u);
            score += 40 * usize::from(h[0] >= u * 4 && h[6] >= u);
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_runs_are_scored_from_bits_as_from_runs() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for size in [21, 25, 33, 45, 61, 63] {
            for _ in 0..2000 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Sparse and dense lines as well as even ones.
                let line = match state % 3 {
                    0 => state,
                    1 => state & (state >> 5),
                    _ => state | (state >> 3),
                } & ((1u64 << size) - 1);
                // The runs, light first (perhaps empty).
                let mut runs = Vec::new();
                let mut colour = 0;
                let mut run = 0u16;
                for x in 0..size {
                    let m = (line >> x) & 1;
                    if m == colour {
                        run += 1;
                    } else {
                        runs.push(run);
                        colour = m;
                        run = 1;
                    }
                }
                runs.push(run);
                let by_runs: usize = runs
                    .iter()
                    .filter(|r| **r >= 5)
                    .map(|r| usize::from(*r) - 2)
                    .sum();
                assert_eq!(long_runs_penalty(line, size), by_runs, "{line:b}");
            }
        }
    }
}
