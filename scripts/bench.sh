#!/usr/bin/env bash
# Times whole builds of synthetic sites, nongsan beside Hugo on the same
# Markdown bodies, and prints medians and ratios.
#
#   scripts/bench.sh [SIZES...]        (default: 1000 10000; add 100000 for the big one)
#   RUNS=1 TWO_LANGUAGES=0 BENCH_DIR=/var/tmp/nongsan-bench scripts/bench.sh 100000
#
# For each size it generates, in a tmpfs folder, a one-language nongsan site
# and a Hugo site with the same bodies (examples/gen-site.rs), then builds
# each RUNS times (default 5) in alternation, each run into an empty output
# folder, measuring wall time, CPU time and peak memory with /usr/bin/time. Also times the two-language nongsan
# site (what the portal really builds), which has no Hugo counterpart.
# Needs Debian's `hugo` and `time` packages.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-1000 10000}")
# shellcheck disable=SC2206
SIZES=(${SIZES[*]})
RUNS=${RUNS:-5}
# TWO_LANGUAGES=0 leaves out the two-language site (for the largest sizes).
TWO_LANGUAGES=${TWO_LANGUAGES:-1}
TOOLS=(nongsan hugo)
[ "$TWO_LANGUAGES" = 1 ] && TOOLS+=(nongsan-vi-en)
TMP=${BENCH_DIR:-/dev/shm/nongsan-bench}
command -v hugo >/dev/null || { echo "needs hugo: apt-get install hugo" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time: apt-get install time" >&2; exit 1; }
cargo build --release --quiet --bin nongsan --example gen-site
NONGSAN=$PWD/target/release/nongsan
GEN=$PWD/target/release/examples/gen-site
mkdir -p "$TMP"

# Prints "wall cpu peak_kb" for one run of the command.
measure() {
  /usr/bin/time -o "$TMP/time.txt" -f "%e %U %S %M" "$@" >/dev/null 2>&1 || true
  awk '{ printf "%.3f %.3f %d\n", $1, $2 + $3, $4 }' "$TMP/time.txt"
}

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
echo "versions: $($NONGSAN --version), $(hugo version | cut -d' ' -f1-2)"
echo "runs: $RUNS per tool and size, medians; output to $TMP ($(stat -f -c %T "$TMP"))"
echo
printf "| records | tool | pages | wall s | CPU s | peak MB |\n|---:|---|---:|---:|---:|---:|\n"
ratios=()
for n in "${SIZES[@]}"; do
  one="$TMP/site-$n-vi"; two="$TMP/site-$n"; hugo_dir="$TMP/hugo-$n"
  "$GEN" --records "$n" --out "$one" --hugo "$hugo_dir" --languages vi 2>/dev/null
  [ "$TWO_LANGUAGES" = 1 ] && "$GEN" --records "$n" --out "$two" 2>/dev/null
  declare -A wall cpu mem
  for tool in "${TOOLS[@]}"; do wall[$tool]=""; cpu[$tool]=""; mem[$tool]=""; done
  for ((r = 0; r < RUNS; r++)); do
    for tool in "${TOOLS[@]}"; do
      case $tool in
        nongsan) rm -rf "$TMP/out-$n"; m=$(measure "$NONGSAN" build --root "$one" --output "$TMP/out-$n") ;;
        hugo) rm -rf "$TMP/hugo-out-$n"; m=$(cd "$hugo_dir" && measure hugo --quiet -d "$TMP/hugo-out-$n") ;;
        nongsan-vi-en) rm -rf "$TMP/out2-$n"; m=$(measure "$NONGSAN" build --root "$two" --output "$TMP/out2-$n") ;;
      esac
      read -r w c k <<<"$m"
      wall[$tool]+="$w "; cpu[$tool]+="$c "; mem[$tool]+="$k "
    done
  done
  declare -A med_wall med_mem
  for tool in "${TOOLS[@]}"; do
    mw=$(tr ' ' '\n' <<<"${wall[$tool]}" | grep . | median)
    mc=$(tr ' ' '\n' <<<"${cpu[$tool]}" | grep . | median)
    mk=$(tr ' ' '\n' <<<"${mem[$tool]}" | grep . | median)
    case $tool in
      nongsan) pages=$(find "$TMP/out-$n" -name '*.html' | wc -l) ;;
      hugo) pages=$(find "$TMP/hugo-out-$n" -name '*.html' | wc -l) ;;
      nongsan-vi-en) pages=$(find "$TMP/out2-$n" -name '*.html' | wc -l) ;;
    esac
    med_wall[$tool]=$mw; med_mem[$tool]=$mk
    printf "| %d | %s | %d | %.2f | %.2f | %.0f |\n" "$n" "$tool" "$pages" "$mw" "$mc" "$(awk -v k="$mk" 'BEGIN { print k / 1024 }')"
  done
  ratios+=("$(awk -v n="$n" -v a="${med_wall[nongsan]}" -v b="${med_wall[hugo]}" -v c="${med_mem[nongsan]}" -v d="${med_mem[hugo]}" \
    'BEGIN { printf "%d records: nongsan/Hugo wall %.2f, peak memory %.2f", n, a / b, c / d }')")
  unset wall cpu mem med_wall med_mem
done
echo
for r in "${ratios[@]}"; do echo "$r"; done
