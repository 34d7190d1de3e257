#!/usr/bin/env bash
# End-to-end runs, ours and the Python reference, on the same files, one process after the other (never
# at the same time); prints wall time and peak memory (max RSS) of each whole process (/usr/bin/time -v),
# the loader's MB/s and whether the answers agree.
#   notebooks/reference/compare_e2e.sh [--out artifacts/e2e]
# The large inputs are written first when absent (never committed):
#   ./churn bench tile --source data/raw/churn-bigml-80.csv --times 375 --out artifacts/e2e/churn-bigml-80-x375.csv
#   ./churn bench make-raw --rows 1000000 --out artifacts/e2e/raw_1m.csv
# The OpenBLAS tuning variables are unset for the Python command only (as in compare_bench.sh).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
out=artifacts/e2e
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    *) echo "usage: $0 [--out DIR]" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
us=artifacts/e2e/churn-bigml-80-x375.csv
raw=artifacts/e2e/raw_1m.csv
./churn --help > /dev/null   # builds the Release binary first, outside the timings
[[ -f "$us" ]] || ./churn bench tile --source data/raw/churn-bigml-80.csv --times 375 --out "$us"
[[ -f "$raw" ]] || ./churn bench make-raw --rows 1000000 --out "$raw" > /dev/null
./churn train --data data/raw/telecom_churn_data_head1000.csv --recipe case-study --out "$out/case.json" > /dev/null 2>&1

measure() { # name command...: runs it under /usr/bin/time -v, keeps stdout/stderr and the timing
  local name="$1"; shift
  /usr/bin/time -v "$@" > "$out/$name.stdout" 2> "$out/$name.time"
}
measure churn_train ./churn train --data "$us" --label Churn --positive True --exclude "State,Area code" --json --out "$out/us_model.json"
measure sklearn_train env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 notebooks/reference/e2e_sklearn.py --data "$us" --out "$out/sklearn_model.json"
measure churn_predict ./churn predict --model "$out/case.json" --data "$raw" --out "$out/raw_1m_scored.csv"
./churn bench load --files "$us,$raw" --repeat 3 --json > "$out/load.json"
/usr/bin/python3 - "$out" <<'PY' | tee "$out/comparison.md"
import json, os, re, sys
out = sys.argv[1]
def timing(name):
    text = open(os.path.join(out, name + ".time")).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
    seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall.split(":"))))
    user = float(re.search(r"User time \(seconds\): (\S+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): (\S+)", text).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
    return seconds, user + system, rss
ours, theirs, predict = timing("churn_train"), timing("sklearn_train"), timing("churn_predict")
model = json.load(open(os.path.join(out, "us_model.json")))
ref = json.load(open(os.path.join(out, "sklearn_model.json")))
table = {row["name"]: row["coefficient"] for row in model["classifier"]["table"]}
diff = max([abs(table["(intercept)"] - ref["intercept"])] + [abs(table[n] - c) for n, c in ref["coefficients"].items()])
print("| run | wall s | CPU s (user+sys) | peak MB | |")
print("|---|---:|---:|---:|---|")
print(f"| churn train, 999,750 US rows | {ours[0]:.2f} | {ours[1]:.2f} | {ours[2]:.0f} | {theirs[0] / ours[0]:.2f}x faster wall, {theirs[1] / ours[1]:.2f}x less CPU than pandas + scikit-learn |")
print(f"| pandas + scikit-learn {ref['sklearn']} (newton-cholesky) | {theirs[0]:.2f} | {theirs[1]:.2f} | {theirs[2]:.0f} | max coefficient difference {diff:.1e} |")
print(f"| churn predict, 1,000,000 raw rows (226 columns) | {predict[0]:.2f} | {predict[1]:.2f} | {predict[2]:.0f} | |")
for load in json.load(open(os.path.join(out, "load.json")))["loads"]:
    print(f"| load {load['file']} ({load['bytes'] / 1e6:.0f} MB, median of 3) | {load['seconds']:.2f} | {load['cpu_seconds']:.2f} | | {load['megabytes_per_second']:.1f} MB/s wall, {load['bytes'] / 1e6 / load['cpu_seconds']:.1f} MB per CPU-second, {load['allocated_megabytes']:.0f} MB allocated |")
load = os.getloadavg()
print(f"\nload average during the run (1/5/15 min): {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} cores")
PY
