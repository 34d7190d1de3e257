#!/usr/bin/env bash
# Runs `./churn bench all --json` and the scikit-learn reference back to back (one after the other,
# never at the same time) and prints speed ratios and whether the answers agree.
#   notebooks/reference/compare_bench.sh [--repeat 5] [--out artifacts/bench] [--with-mlnet]
# --with-mlnet also builds and runs notebooks/reference/mlnet-bench (ML.NET 5.0.1, outside Churn.sln)
# after the other two and adds ML.NET columns to the table.
# --grid runs `./churn bench grid` instead (rows x features x k on data resampled from the raw rows; it
# writes its data files into OUT/grid), then scikit-learn on those files, and prints the point-by-point
# table; --grid-args "..." passes options to `churn bench grid` (e.g. "--rows 10000,100000" or
# "--workloads logreg_lbfgs": scikit-learn then runs only the workloads the grid ran).
# The grid times the kernels compiled optimised from their first call (DOTNET_TC_QuickJitForLoops=0): its
# warm-up is one fit, too few calls for .NET to replace the tier-0 code of a 10,000-row fit (3-4x slower);
# a one-fit CLI run pays that compilation, which the end-to-end comparison (compare_e2e.sh) measures.
# The OpenBLAS tuning variables are unset for the Python command only (fair numpy timing); never in tests/CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
repeat=5
out=artifacts/bench
mlnet=0
grid=0
grid_args=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeat) repeat="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --with-mlnet) mlnet=1; shift ;;
    --grid) grid=1; shift ;;
    --grid-args) grid_args="$2"; shift 2 ;;
    *) echo "usage: $0 [--repeat N] [--out DIR] [--with-mlnet] [--grid [--grid-args \"...\"]]" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
if [[ $grid == 1 ]]; then
  mkdir -p "$out/grid"
  # shellcheck disable=SC2086 # grid_args is a list of options
  DOTNET_TC_QuickJitForLoops=0 ./churn bench grid --json --repeat "$repeat" --out "$out/grid" $grid_args > "$out/grid/churn.json"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 notebooks/reference/bench_sklearn.py --repeat "$repeat" --grid "$out/grid" > "$out/grid/sklearn.json"
  /usr/bin/python3 notebooks/reference/compare_bench.py --grid "$out/grid/grid.json" "$out/grid/sklearn.json" | tee "$out/grid/comparison.md"
  exit 0
fi
./churn bench all --json --repeat "$repeat" > "$out/churn.json"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 notebooks/reference/bench_sklearn.py --repeat "$repeat" > "$out/sklearn.json"
mlnet_json=()
if [[ $mlnet == 1 ]]; then
  dotnet build notebooks/reference/mlnet-bench/MlnetBench.csproj -c Release --nologo -v quiet >&2
  dotnet notebooks/reference/mlnet-bench/bin/Release/net10.0/mlnet-bench.dll --repeat "$repeat" > "$out/mlnet.json"
  mlnet_json=("$out/mlnet.json")
fi
/usr/bin/python3 notebooks/reference/compare_bench.py "$out/churn.json" "$out/sklearn.json" "${mlnet_json[@]}" | tee "$out/comparison.md"
