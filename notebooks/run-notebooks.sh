#!/usr/bin/env bash
# Runs the C# notebooks headless with dotnet-repl (pinned in .config/dotnet-tools.json) and reports,
# for every failing notebook, each failing cell with its source and error text, because dotnet-repl
# itself only exits 2 and prints nothing useful.
#
#   notebooks/run-notebooks.sh                 check clean + build + run every notebooks/*.ipynb
#   notebooks/run-notebooks.sh A.ipynb B.ipynb run only these (paths relative to the cwd)
#   notebooks/run-notebooks.sh --check-clean   only check that committed notebooks carry no outputs
#   notebooks/run-notebooks.sh --strip X.ipynb remove outputs/execution counts in place
#   notebooks/run-notebooks.sh --selftest      prove that this runner reports a broken notebook
#
# Options: --no-build (skip `dotnet build Churn.Experiments -c Release`), --timeout SECONDS (per
# notebook, default $NOTEBOOK_TIMEOUT or 600), --artifacts DIR (default <repo>/artifacts/notebooks).
# Output notebooks (with outputs) go to the artifacts dir, with a .log of dotnet-repl's own output.
# The last line printed is always `N passed, N failed`; the exit code is 0 only when nothing failed.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
self="$here/$(basename "${BASH_SOURCE[0]}")"

if [[ -x /usr/bin/python3 ]]; then py=/usr/bin/python3
elif command -v python3 >/dev/null 2>&1; then py="$(command -v python3)"
else echo "run-notebooks: python3 is required (stdlib only) to read notebook JSON" >&2; exit 2; fi

mode=run
build=1
timeout_s="${NOTEBOOK_TIMEOUT:-600}"
artifacts="${NOTEBOOK_ARTIFACTS:-$root/artifacts/notebooks}"
notebooks=()
while (($#)); do
  case "$1" in
    --selftest) mode=selftest ;;
    --check-clean) mode=check-clean ;;
    --strip) mode=strip ;;
    --no-build) build=0 ;;
    --timeout) timeout_s="$2"; shift ;;
    --artifacts) artifacts="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$self" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run-notebooks: unknown option $1" >&2; exit 2 ;;
    *) [[ -f "$1" ]] || { echo "run-notebooks: no such notebook: $1" >&2; exit 2; }
       notebooks+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")") ;;
  esac
  shift
done

# To run: every notebook directly in notebooks/ (_selftest/ holds the runner's fixtures, not notebooks to
# run). To check clean: every notebook anywhere under notebooks/.
if ((${#notebooks[@]} == 0)) && [[ $mode != selftest ]]; then
  depth=(-maxdepth 1); [[ $mode == check-clean ]] && depth=()
  while IFS= read -r f; do notebooks+=("$f"); done < <(find "$here" "${depth[@]}" -name '*.ipynb' | LC_ALL=C sort)
fi

# Notebook JSON helpers (stdlib only). `clean FILE...` prints one line per problem and exits 1 if any;
# `strip FILE...` rewrites in place; `report FILE` prints the failing cells and exits 1 if any.
nbtool() {
  "$py" - "$@" <<'PY'
import json, sys

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

def text(value):
    return "".join(value) if isinstance(value, list) else (value or "")

def clean(paths):
    bad = 0
    for path in paths:
        try:
            nb = load(path)
        except (OSError, ValueError) as e:
            print(f"{path}: not readable notebook JSON: {e}"); bad += 1; continue
        problems = []
        kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name")
        if kernel != ".net-csharp":
            problems.append(f"kernelspec name is {kernel!r}, expected '.net-csharp'")
        for i, cell in enumerate(nb.get("cells", []), 1):
            if cell.get("outputs"):
                problems.append(f"cell {i} has {len(cell['outputs'])} output(s)")
            if cell.get("execution_count") is not None:
                problems.append(f"cell {i} has execution_count {cell['execution_count']}")
            if any(k.startswith("dotnet_repl_") for k in cell.get("metadata", {})):
                problems.append(f"cell {i} has dotnet-repl run metadata (an output notebook was committed?)")
        for p in problems:
            print(f"{path}: {p}")
        bad += bool(problems)
    if bad:
        print(f"(clear them with: notebooks/run-notebooks.sh --strip FILE, or 'Clear All Outputs' in VS Code)")
    return 1 if bad else 0

def strip(paths):
    for path in paths:
        nb = load(path)
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "code":
                cell["outputs"] = []
                cell["execution_count"] = None
            for k in [k for k in cell.get("metadata", {}) if k.startswith("dotnet_repl_")]:
                del cell["metadata"][k]
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            json.dump(nb, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"stripped {path}")
    return 0

def indent(s, prefix="      "):
    return "\n".join(prefix + line for line in s.rstrip("\n").splitlines())

def report(path):
    # dotnet-repl writes a failing cell as an output with output_type "error": ename is always "Error",
    # evalue holds the compiler diagnostics or the exception's ToString(), traceback its stack lines.
    # Console.Error text lands in a stream output named "stdout", so streams are shown as context only.
    nb = load(path)
    cells = nb.get("cells", [])
    code_total = sum(c.get("cell_type") == "code" for c in cells)
    failed = code = 0
    for i, cell in enumerate(cells, 1):
        code += cell.get("cell_type") == "code"
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if not errors:
            continue
        failed += 1
        src = [l for l in text(cell.get("source")).splitlines() if l.strip()]
        print(f"  cell {i}/{len(cells)} (code cell {code}/{code_total}) failed:")
        print(indent("\n".join(src[:3]) + ("\n..." if len(src) > 3 else "")))
        streams = text("".join(text(o.get("text")) for o in cell.get("outputs", []) if o.get("output_type") == "stream"))
        if streams.strip():
            tail = streams.rstrip("\n").splitlines()[-10:]
            print("    output before the error:")
            print(indent("\n".join(tail)))
        for e in errors:
            lines = [l for l in text(e.get("evalue")).splitlines()]
            print("    error:")
            print(indent("\n".join(lines[:25]) + (f"\n... ({len(lines) - 25} more lines)" if len(lines) > 25 else "")))
    return 1 if failed else 0

cmd, args = sys.argv[1], sys.argv[2:]
sys.exit({"clean": clean, "strip": strip, "report": lambda a: report(a[0])}[cmd](args))
PY
}

selftest() {
  local dir out rc ok=1 tmp
  tmp="$(mktemp -d)"
  check() { if eval "$2"; then echo "  ok:   $1"; else echo "  FAIL: $1"; ok=0; fi; }

  echo "selftest 0: the fixtures are committed clean"
  out="$("$self" --check-clean "$here/_selftest/broken.ipynb" "$here/_selftest/hangs.ipynb" 2>&1)"; rc=$?
  check "--check-clean passes them and prints \"2 passed, 0 failed\"" '((rc == 0)) && [[ "$(tail -n1 <<<"$out")" == "2 passed, 0 failed" ]]'

  echo "selftest 1: a notebook whose 2nd of 3 cells throws"
  out="$("$self" --no-build --artifacts "$tmp" "$here/_selftest/broken.ipynb" 2>&1)"; rc=$?
  echo "$out" | sed 's/^/  | /'
  check "runner exits non-zero (was $rc)" '((rc != 0))'
  check "the cell's error text is shown" 'grep -q "deliberately broken cell" <<<"$out"'
  check "the failing cell is named" 'grep -q "(code cell 2/3) failed" <<<"$out"'
  check "the good cells are not reported" '! grep -qE "code cell (1|3)/3" <<<"$out"'
  check "the last line is exactly \"0 passed, 1 failed\"" '[[ "$(tail -n1 <<<"$out")" == "0 passed, 1 failed" ]]'
  check "cells after the failure still ran" 'grep -q "cell after the failure ran" "$tmp/broken.ipynb"'

  echo "selftest 2: a notebook that never finishes, with --timeout 20"
  out="$("$self" --no-build --timeout 20 --artifacts "$tmp" "$here/_selftest/hangs.ipynb" 2>&1)"; rc=$?
  echo "$out" | sed 's/^/  | /'
  check "runner exits non-zero (was $rc)" '((rc != 0))'
  check "the timeout is reported" 'grep -q "timed out after 20s" <<<"$out"'
  check "the last line is exactly \"0 passed, 1 failed\"" '[[ "$(tail -n1 <<<"$out")" == "0 passed, 1 failed" ]]'

  echo "selftest 3: --check-clean rejects a notebook with outputs"
  out="$("$self" --check-clean "$tmp/broken.ipynb" 2>&1)"; rc=$?
  echo "$out" | sed 's/^/  | /'
  check "runner exits non-zero (was $rc)" '((rc != 0))'
  check "the last line is exactly \"0 passed, 1 failed\"" '[[ "$(tail -n1 <<<"$out")" == "0 passed, 1 failed" ]]'

  rm -rf "$tmp"
  if ((ok)); then echo "selftest passed: the runner reports broken, hanging and dirty notebooks"; return 0; fi
  echo "selftest FAILED: the runner did not behave as expected"; return 1
}

case "$mode" in
  selftest) selftest; exit $? ;;
  strip) nbtool strip "${notebooks[@]}"; exit $? ;;
esac

passed=0; failed=0
declare -A dirty=()
if ((${#notebooks[@]})); then
  while IFS= read -r line; do
    echo "$line"
    f="${line%%: *}"; [[ -n "$f" && -f "$f" ]] && dirty["$f"]=1
  done < <(nbtool clean "${notebooks[@]}")
fi

if [[ $mode == check-clean ]]; then
  for nb in "${notebooks[@]}"; do if [[ -n "${dirty[$nb]:-}" ]]; then ((failed++)); else ((passed++)); fi; done
  echo "$passed passed, $failed failed"
  ((failed == 0)); exit $?
fi

if ((${#notebooks[@]} == 0)); then echo "no notebooks found in $here"; echo "0 passed, 0 failed"; exit 0; fi
for nb in "${notebooks[@]}"; do
  # dotnet-repl is found through .config/dotnet-tools.json by walking up from the notebook's folder.
  [[ $nb == "$root"/* ]] || { echo "run-notebooks: $nb is outside $root, where dotnet-repl is not pinned" >&2; exit 2; }
done

if ((build)); then
  echo "building Churn.Experiments (Release) for the notebooks' #r references..."
  if ! build_log="$(cd "$root" && dotnet build Churn.Experiments -c Release -nologo -v q 2>&1)"; then
    echo "$build_log" | tail -n 30
    echo "build failed: no notebook can run"
    echo "0 passed, ${#notebooks[@]} failed"; exit 1
  fi
fi

if ! restore_log="$(cd "$root" && dotnet tool restore 2>&1)"; then
  echo "$restore_log"; echo "dotnet tool restore failed: dotnet-repl is not available"
  echo "0 passed, ${#notebooks[@]} failed"; exit 1
fi

mkdir -p "$artifacts"
artifacts="$(cd "$artifacts" && pwd)"
total_start=$SECONDS
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb")"
  out="$artifacts/$name"
  log="$artifacts/${name%.ipynb}.log"
  rm -f "$out" "$log"
  start=$SECONDS
  # cwd = the notebook's folder, so relative #load/#r/file paths mean the same as in VS Code.
  (cd "$(dirname "$nb")" && timeout --kill-after=10 "$timeout_s" \
      dotnet repl --run "$name" --exit-after-run --output-path "$out" </dev/null >"$log" 2>&1)
  rc=$?
  secs=$((SECONDS - start))
  problems="$( [[ -f "$out" ]] && nbtool report "$out")"
  if [[ -n "${dirty[$nb]:-}" ]]; then
    status="FAIL (committed with outputs, see above)"
  elif ((rc == 124 || rc == 137)); then
    status="FAIL (timed out after ${timeout_s}s and was killed)"
  elif [[ ! -f "$out" ]]; then
    status="FAIL (dotnet-repl exited $rc without writing $out)"
  elif ((rc != 0)) || [[ -n "$problems" ]]; then
    status="FAIL (dotnet-repl exit code $rc)"
  else
    status="ok"
  fi
  echo "$name: $status in ${secs}s"
  [[ -n "$problems" ]] && echo "$problems"
  if [[ $status != ok ]]; then
    ((failed++))
    if [[ -z "$problems" && -s "$log" ]]; then echo "  last lines of $log:"; tail -n 20 "$log" | sed 's/^/    /'
    elif [[ -z "$problems" && $status != *"timed out"* ]]; then echo "  dotnet-repl printed nothing (a cell that calls Environment.Exit or crashes the process ends the run early)"; fi
  else
    ((passed++))
  fi
done
echo "notebooks took $((SECONDS - total_start))s; outputs in $artifacts"
echo "$passed passed, $failed failed"
((failed == 0))
