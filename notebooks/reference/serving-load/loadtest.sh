#!/usr/bin/env bash
# Load test of POST /predict with wrk (apt-get install wrk), against the real model and host.
#   notebooks/reference/serving-load/loadtest.sh    # trains the original-payload model, starts `churn serve` on a free port
#   URL=http://127.0.0.1:8080 notebooks/reference/serving-load/loadtest.sh   # tests an already running `churn serve`
# Settings: CONNECTIONS (16), THREADS (2), DURATION (20s), WARMUP (5s), CHURN_BODY (JSON of one customer),
# DELAY_MS (0 = saturate; 2 = about 6,000-7,000 requests/s over 16 connections, the issue's target rate).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
connections="${CONNECTIONS:-16}"
threads="${THREADS:-2}"
duration="${DURATION:-20s}"
warmup="${WARMUP:-5s}"
command -v wrk >/dev/null || { echo "loadtest: wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

pid=""
cleanup() { if [[ -n "$pid" ]]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

url="${URL:-}"
if [[ -z "$url" ]]; then
  # The original project's payload {aon, total_mou, total_data_usage}: a model on its table, segments fitted by us.
  model="$root/artifacts/loadtest-model.json"
  "$root/churn" train --data "$root/data/raw/seed_churn_labeled_data.csv" --label churn --positive 1 --exclude segment \
    --segments 4 --segment-features aon,total_mou,total_data_usage --out "$model" >/dev/null 2>&1
  port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  dotnet "$root/Churn.Experiments/bin/Release/net10.0/churn.dll" serve --model "$model" --port "$port" --quiet >&2 &
  pid=$!
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -sf "$url/health" >/dev/null && break; sleep 0.1; done
fi
curl -sf "$url/health" >/dev/null || { echo "loadtest: $url/health does not answer" >&2; exit 1; }

echo "# target $url, $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# warm-up: wrk -t$threads -c$connections -d$warmup"
DELAY_MS=0 wrk -t"$threads" -c"$connections" -d"$warmup" -s "$here/predict.lua" "$url/predict" >/dev/null
echo "# DELAY_MS=${DELAY_MS:-0} wrk -t$threads -c$connections -d$duration --latency -s notebooks/reference/serving-load/predict.lua $url/predict"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$here/predict.lua" "$url/predict"
