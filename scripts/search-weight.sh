#!/usr/bin/env bash
# What one search transfers on a large site: generates a synthetic site of N
# records (default 10,000; both languages), builds it, and runs one query in
# headless Chromium, counting every byte the search page receives (the page,
# its styles and script, the index's parts the query needs and the results'
# records), text compressed as static hosts send it. Fails above the
# budget (default 300 KB).
#
#   scripts/search-weight.sh [RECORDS] [QUERY] [BUDGET_KB]
#
# Needs the browser tests' packages: (cd tests/browser && npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
RECORDS=${1:-10000}
QUERY=${2:-hoi lang son}
BUDGET=${3:-300}
TMP=${SEARCH_WEIGHT_DIR:-/dev/shm/nongsan-search-weight}
cargo build --release --quiet --bin nongsan --example gen-site
rm -rf "$TMP"
mkdir -p "$TMP"
target/release/examples/gen-site --records "$RECORDS" --out "$TMP/site" >/dev/null
target/release/nongsan build --root "$TMP/site" --output "$TMP/out" --lang en
node tests/browser/search.mjs "$TMP/out" --query "$QUERY" --budget-kb "$BUDGET"
rm -rf "$TMP"
