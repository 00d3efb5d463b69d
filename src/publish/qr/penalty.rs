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

    /// [`penalty`] of these bits: lines scored by [`line_bits_penalty`],
    /// 2×2 blocks a pair of rows at a time.
    #[cfg(test)]
    pub(super) fn penalty(&self, size: usize) -> usize {
        self.penalty_under(size, usize::MAX).unwrap_or(usize::MAX)
    }

    /// [`penalty`] of these bits when it is under `limit` (the best mask's
    /// so far); None as soon as it cannot be, since every part adds.
    pub(super) fn penalty_under(&self, size: usize, limit: usize) -> Option<usize> {
        // The balance and the blocks first: a handful of operations a row.
        let dark: usize = self.rows[..size]
            .iter()
            .map(|r| r.count_ones() as usize)
            .sum();
        let mut score = balance_penalty(dark, size);
        // Bit x: the block at x, x + 1 of rows y, y + 1 is not of one colour.
        let pairs = (1u64 << (size - 1)) - 1;
        for (a, b) in self.rows[..size].iter().zip(&self.rows[1..size]) {
            let mixed = (a ^ (a >> 1)) | (a ^ b) | (a ^ (b >> 1));
            score += 3 * (!mixed & pairs).count_ones() as usize;
        }
        let mut runs = [0u16; 180];
        for line in self.rows[..size].iter().chain(&self.cols[..size]) {
            if score >= limit {
                return None;
            }
            score += line_bits_penalty(*line, size, &mut runs);
        }
        (score < limit).then_some(score)
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
    long + finder_penalty(runs, size, 1)
}

/// [`line_penalty`] of a line of `size` < 64 modules held as bits (x, dark
/// as 1); `runs` is room for its runs. Runs of five or more and
/// finder-like patterns of scale 1 are found with word operations; the
/// line is taken apart into runs only when it may hold a larger pattern.
fn line_bits_penalty(line: u64, size: usize, runs: &mut [u16; 180]) -> usize {
    let mut score = long_runs_penalty(line, size) + small_finder_penalty(line, size);
    // A pattern of scale 2 or more has a dark run of six or more.
    let six = line & (line >> 1) & (line >> 2) & (line >> 3) & (line >> 4) & (line >> 5);
    if six != 0 {
        let n = runs_of(line, size, runs);
        score += finder_penalty(&mut runs[..n], size, 2);
    }
    score
}

/// Puts the runs of `line` into `runs`, light first and last (either
/// perhaps empty), and gives their number.
fn runs_of(line: u64, size: usize, runs: &mut [u16; 180]) -> usize {
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
    n
}

/// The finder-like patterns of scale 1 in a line of `size` < 64 modules
/// held as bits: 1011101 with four light modules on one side and at
/// least one on the other, outside the symbol counting as light.
fn small_finder_penalty(line: u64, size: usize) -> usize {
    // The line with four light modules of room below it, and ten above
    // (what the pattern reaches past its last dark module): in one word up
    // to version 9, which most addresses need, else in two.
    if size + 4 + 10 <= 64 {
        finder_bits!(u64, line)
    } else {
        finder_bits!(u128, line)
    }
}

/// [`small_finder_penalty`] in words of type `$t`.
macro_rules! finder_bits {
    ($t:ty, $line:expr) => {{
        let dark = <$t>::from($line) << 4;
        let light = !dark;
        let core = dark
            & (light >> 1)
            & (dark >> 2)
            & (dark >> 3)
            & (dark >> 4)
            & (light >> 5)
            & (dark >> 6)
            & (light << 1)
            & (light >> 7);
        // Rare: most lines have no such pattern, and counting bits is slow
        // on processors the build does not assume to have `popcnt`.
        if core == 0 {
            0
        } else {
            let four_before = core & (light << 2) & (light << 3) & (light << 4);
            let four_after = core & (light >> 8) & (light >> 9) & (light >> 10);
            40 * (four_before.count_ones() + four_after.count_ones()) as usize
        }
    }};
}
use finder_bits;

/// The first part of [`runs_penalty`] for a line of `size` < 64 modules
/// held as bits (x, dark as 1): each place where five modules alike begin
/// adds one, and each run of them two more (3 + (n − 5) = (n − 4) + 2).
fn long_runs_penalty(line: u64, size: usize) -> usize {
    let alike = !(line ^ (line >> 1)) & ((1u64 << (size - 1)) - 1);
    let five = alike & (alike >> 1) & (alike >> 2) & (alike >> 3);
    if five == 0 {
        return 0;
    }
    five.count_ones() as usize + 2 * (five & !(five << 1)).count_ones() as usize
}

/// The second part of [`runs_penalty`]: the finder-like patterns, of
/// scale `smallest` or more.
fn finder_penalty(runs: &mut [u16], size: usize, smallest: u16) -> usize {
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
        if h[3] == u * 3 && u >= smallest && h[4] == u && h[2] == u && h[1] == u {
            score += 40 * usize::from(h[6] >= u * 4 && h[0] >= u);
            score += 40 * usize::from(h[0] >= u * 4 && h[6] >= u);
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines of every kind the penalty counts: random modules, long runs,
    /// and finder-like patterns at every scale, near the edges and not,
    /// with light of several lengths on either side.
    fn lines(size: usize, seed: u64) -> Vec<Vec<u8>> {
        let mut state = seed | 1;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut out = Vec::new();
        for _ in 0..300 {
            out.push((0..size).map(|_| (next() & 1) as u8).collect());
            let mut l = Vec::new();
            let mut colour = (next() & 1) as u8;
            while l.len() < size {
                let run = 1 + (next() % 9) as usize;
                l.extend(std::iter::repeat_n(colour, run));
                colour ^= 1;
            }
            l.truncate(size);
            out.push(l);
        }
        for u in 1..=size / 7 {
            let core: Vec<u8> = [1, 0, 1, 1, 1, 0, 1]
                .iter()
                .flat_map(|m| std::iter::repeat_n(*m, u))
                .collect();
            for at in 0..=size - core.len() {
                for fill in [0u8, 1] {
                    for dark_at in [None, Some(1), Some(u), Some(4 * u - 1), Some(4 * u)] {
                        let mut l = vec![fill; size];
                        l[at..at + core.len()].copy_from_slice(&core);
                        if let Some(d) = dark_at {
                            // A dark module d before the pattern, or after.
                            if let Some(i) = at.checked_sub(d + 1) {
                                l[i] = 1;
                            }
                            if let Some(m) = l.get_mut(at + core.len() + d) {
                                *m = 1;
                            }
                        }
                        out.push(l);
                    }
                }
            }
        }
        out
    }

    #[test]
    fn lines_are_scored_from_bits_as_from_runs() {
        // The sizes of versions 1 to 11.
        for size in (21..=61).step_by(4) {
            let (mut a, mut b) = ([0u16; 180], [0u16; 180]);
            for l in lines(size, size as u64 * 7919) {
                let bits = l
                    .iter()
                    .enumerate()
                    .fold(0u64, |b, (x, m)| b | (u64::from(*m) << x));
                assert_eq!(
                    line_bits_penalty(bits, size, &mut a),
                    line_penalty(l.iter().copied(), size, &mut b),
                    "size {size}: {l:?}"
                );
            }
        }
    }

    #[test]
    fn a_symbol_is_scored_only_while_it_may_beat_the_limit() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for size in [21, 29, 45, 49, 53, 61] {
            for _ in 0..50 {
                let dark: Vec<u8> = (0..size * size)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        (state & 1) as u8
                    })
                    .collect();
                let lines = Lines::of(&dark, size);
                let full = penalty(&dark, size);
                assert_eq!(lines.penalty(size), full);
                for limit in [0, full / 2, full, full + 1, usize::MAX] {
                    let under = lines.penalty_under(size, limit);
                    assert_eq!(under, (full < limit).then_some(full), "{limit}");
                }
            }
        }
    }

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
