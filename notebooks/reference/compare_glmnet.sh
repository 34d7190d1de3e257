#!/usr/bin/env bash
# The sparse benchmark side by side: `churn bench sparse` and R glmnet (bench_glmnet.R) on the same
# 100-lambda lasso path over the same 170-column design, one after the other, for each tile count;
# then prints wall and CPU speed ratios and how far the two paths are apart.
#   notebooks/reference/compare_glmnet.sh [--repeat 3] [--tiles "1 100"] [--thresh 1e-7] [--out artifacts/bench]
# --thresh (glmnet's, default 1e-7) goes to both: at 1e-7 both stop about 1e-3 short of the optimum, so a
# rounding difference that moves one stopping test by one pass moves a coefficient by up to that much;
# at 1e-12 both reach the optimum and the paths are compared at the optimum.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
repeat=3
tiles="1 100"
thresh=1e-7
out=artifacts/bench
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeat) repeat="$2"; shift 2 ;;
    --tiles) tiles="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --thresh) thresh="$2"; shift 2 ;;
    *) echo "usage: $0 [--repeat N] [--tiles \"1 100\"] [--thresh T] [--out DIR]" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
pairs=()
for t in $tiles; do
  ./churn bench sparse --json --repeat "$repeat" --sparse-tiles "$t" --sparse-thresh "$thresh" > "$out/churn-sparse-$t-$thresh.json"
  Rscript notebooks/reference/bench_glmnet.R --repeat "$repeat" --tiles "$t" --thresh "$thresh" --out "$out/glmnet-$t-$thresh.json"
  pairs+=("$out/churn-sparse-$t-$thresh.json" "$out/glmnet-$t-$thresh.json")
done
/usr/bin/python3 notebooks/reference/compare_glmnet.py "${pairs[@]}" | tee "$out/comparison-glmnet-$thresh.md"
