#!/usr/bin/env bash
# The sparse benchmark side by side: `churn bench sparse` and R glmnet (bench_glmnet.R) on the same
# 100-lambda lasso path over the same 170-column design, one after the other, for each tile count;
# then prints wall and CPU speed ratios and how far the two paths are apart.
#   notebooks/reference/compare_glmnet.sh [--repeat 3] [--tiles "1 100"] [--out artifacts/bench]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
repeat=3
tiles="1 100"
out=artifacts/bench
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeat) repeat="$2"; shift 2 ;;
    --tiles) tiles="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: $0 [--repeat N] [--tiles \"1 100\"] [--out DIR]" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
pairs=()
for t in $tiles; do
  ./churn bench sparse --json --repeat "$repeat" --sparse-tiles "$t" > "$out/churn-sparse-$t.json"
  Rscript notebooks/reference/bench_glmnet.R --repeat "$repeat" --tiles "$t" --out "$out/glmnet-$t.json"
  pairs+=("$out/churn-sparse-$t.json" "$out/glmnet-$t.json")
done
/usr/bin/python3 notebooks/reference/compare_glmnet.py "${pairs[@]}" | tee "$out/comparison-glmnet.md"
