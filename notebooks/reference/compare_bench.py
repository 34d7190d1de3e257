"""Compares `churn bench --json` with bench_sklearn.py output (and optionally the ML.NET bench): speed
ratios and answer agreement.

    /usr/bin/python3 notebooks/reference/compare_bench.py churn.json sklearn.json [mlnet.json]

Agreement rules: KMeans inertia ours <= reference * (1 + 1e-6); logistic coefficients and intercept
within 1e-6 of the exact reference (lbfgs tol 1e-10 polished by Newton steps, from bench_sklearn.py);
AUC within 1e-12. With mlnet.json (notebooks/reference/mlnet-bench) three more columns: ML.NET's
median seconds, the speed-up ML.NET seconds / ours (wall and CPU; > 1 means ours is faster) and
whether ML.NET's answer meets the same rule. ML.NET's KMeans row is its best of ten fits (it has no
n_init); it has one logistic solver (L-BFGS), shown on both logistic rows.
Prints a markdown table; exit code 0 even when a target is missed (it is a report, not a test).

    /usr/bin/python3 notebooks/reference/compare_bench.py --grid grid.json sklearn_grid.json

compares `churn bench grid` (grid.json) with bench_sklearn.py --grid point by point: speed-ups (wall and
CPU; the target is 5x) and answers. KMeans: both ran the same Lloyd iterations from the same centres, so
the rule is ours <= sklearn's inertia * (1 + 1e-9). Logistic: ours converged and its objective
F = sum log-loss + ||w||^2 / 2 is at most scikit-learn's F (same solver family: newton-cholesky for Newton,
lbfgs for L-BFGS) + 1e-9 |F|; the detail gives both F, the mean log-loss, iterations and the largest
coefficient difference from scikit-learn's newton-cholesky.
"""
import json
import sys


def grid(ours_path, ref_path):
    ours = json.load(open(ours_path))
    ref = json.load(open(ref_path))
    key = lambda p: (p["workload"], p["rows"], p["features"], p.get("k"))
    theirs = {key(p): p for p in ref["points"]}
    newton = {(p["rows"], p["features"]): p for p in ref["points"] if p["workload"] == "logreg_newton"}
    print("| workload | rows | features | k | ours (s) | sklearn (s) | speed-up (wall) | speed-up (CPU) | >= 5x | same or better answer | detail |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|")
    ratios = []
    for a in ours["points"]:
        b = theirs.get(key(a))
        if b is None:
            continue
        wall, cpu = b["seconds"] / a["seconds"], b["cpu_seconds"] / a["cpu_seconds"]
        ratios.append((wall, key(a)))
        if a["workload"] == "kmeans":
            agree = a["inertia"] <= b["inertia"] * (1 + 1e-9)
            detail = "inertia %.12g vs %.12g (rel %+.1e), iterations %d / %d" % (
                a["inertia"], b["inertia"], a["inertia"] / b["inertia"] - 1, a["iterations"], b["iterations"])
        else:
            agree = a["converged"] and a["objective"] <= b["objective"] + 1e-9 * abs(b["objective"])
            n = newton.get((a["rows"], a["features"]))
            diff = max(abs(x - y) for x, y in zip(a["coefficients"] + [a["intercept"]], n["coefficients"] + [n["intercept"]])) if n else float("nan")
            detail = "F %.12g vs %.12g, log-loss %.6g vs %.6g, iterations %d / %d%s, max |coef - sklearn newton| %.1e" % (
                a["objective"], b["objective"], a["log_loss"], b["log_loss"], a["iterations"], b["iterations"],
                "" if a["converged"] else " (NOT converged)", diff)
        cells = [a["workload"], "%d" % a["rows"], "%d" % a["features"], str(a.get("k", "-")), "%.4f" % a["seconds"],
                 "%.4f" % b["seconds"], "%.2fx" % wall, "%.2fx" % cpu, "yes" if wall >= 5 else "no", "yes" if agree else "NO", detail]
        print("| " + " | ".join(cells) + " |")
    print()
    if ratios:
        low = min(ratios)
        print("lowest wall speed-up %.2fx at %s; %d of %d points at >= 5x" % (
            low[0], low[1], sum(1 for r, _ in ratios if r >= 5), len(ratios)))
    print("ours: .NET %s, %s processors, median of %s (no warm-up from %s rows); sklearn %s, numpy %s" % (
        ours["dotnet"], ours["processors"], ours["repeat"], ours["no_warm_up_from_rows"], ref["sklearn"], ref["numpy"]))


if len(sys.argv) > 1 and sys.argv[1] == "--grid":
    grid(sys.argv[2], sys.argv[3])
    sys.exit(0)

ours = json.load(open(sys.argv[1]))
ref = json.load(open(sys.argv[2]))
ml = json.load(open(sys.argv[3])) if len(sys.argv) > 3 else None
o, s = ours["workloads"], ref["workloads"]
m = ml["workloads"] if ml else {}
exact = ref.get("logreg_reference")

ML_NAME = {"kmeans": "kmeans", "logreg_newton": "logreg_lbfgs", "logreg_lbfgs": "logreg_lbfgs", "auc": "auc"}

rows = []
def line(name, agree, detail, ml_agree=None, ml_detail=""):
    a, b = o[name], s[name]
    ratio = b["seconds"] / a["seconds"]
    cpu = b["cpu_seconds"] / a["cpu_seconds"]
    cells = [name, "%d" % a["rows"], "%.4f" % a["seconds"], "%.4f" % b["seconds"], "%.2fx" % ratio, "%.2fx" % cpu,
             "yes" if ratio >= 3 else "no", "yes" if agree else "NO"]
    if ml:
        c = m.get(ML_NAME[name])
        if c:
            cells += ["%.4f" % c["seconds"], "%.2fx" % (c["seconds"] / a["seconds"]),
                      "%.2fx" % (c["cpu_seconds"] / a["cpu_seconds"]), "yes" if ml_agree else "NO"]
        else:
            cells += ["-"] * 4
    cells.append(detail + ("; ML.NET: " + ml_detail if ml and ml_detail else ""))
    rows.append("| " + " | ".join(cells) + " |")

def objective(result):
    """The penalised log-likelihood every solver maximises (C = 1, intercept unpenalised)."""
    return result["log_likelihood"] - 0.5 * sum(c * c for c in result["coefficients"])

def coef_diff(result, target):
    return max(abs(x - y) for x, y in zip(result["coefficients"] + [result["intercept"]], target))

if "kmeans" in o and "kmeans" in s:
    io, isk = o["kmeans"]["result"]["inertia"], s["kmeans"]["inertia"]
    ml_agree, ml_detail = None, ""
    if "kmeans" in m:
        im = m["kmeans"]["inertia"]
        ml_agree = io <= im * (1 + 1e-6)
        single = m.get("kmeans_single", {})
        ml_detail = "best of 10 fits %.10g (ours rel %+.2e; ML.NET iterates to tol 1e-7, ours/sklearn stop at tol 1e-4); one fit %.6gs, inertia %.10g, repeat fits identical: %s" % (
            im, io / im - 1, single.get("seconds", float("nan")), single.get("inertia", float("nan")),
            single.get("fits_identical"))
    line("kmeans", io <= isk * (1 + 1e-6), "inertia %.10g vs %.10g (rel %+.2e)" % (io, isk, io / isk - 1), ml_agree, ml_detail)
for name in ("logreg_newton", "logreg_lbfgs"):
    if name in o and name in s and exact:
        target = exact["coefficients"] + [exact["intercept"]]
        r = o[name]["result"]
        diff = coef_diff(r, target)
        sdiff = coef_diff(s[name], target)
        ml_agree, ml_detail = None, ""
        if "logreg_lbfgs" in m:
            c = m["logreg_lbfgs"]
            mdiff = coef_diff(c, target)
            ml_agree = mdiff <= 1e-6
            ml_detail = "%s: max |coef - exact| %.2e, loglik %.10g, penalised %.10g (exact %.10g)" % (
                c["solver"], mdiff, c["log_likelihood"], objective(c), objective(exact))
        line(name, diff <= 1e-6, "max |coef - exact| %.2e (sklearn %s tol 1e-6: %.2e); loglik %.10g (exact %.10g)" % (
            diff, s[name]["solver"], sdiff, r["log_likelihood"], exact["log_likelihood"]), ml_agree, ml_detail)
if "auc" in o and "auc" in s:
    ao, ask = o["auc"]["result"]["auc"], s["auc"]["auc"]
    ml_agree, ml_detail = None, ""
    if "auc" in m:
        am = m["auc"]["auc"]
        ml_agree = abs(ao - am) <= 1e-12
        ml_detail = "AUC %r (diff %.1e; exact AUC of the float32-rounded scores %r)" % (
            am, abs(ao - am), m["auc"].get("auc_exact_float32_scores"))
    line("auc", abs(ao - ask) <= 1e-12, "AUC %r vs %r (diff %.1e)" % (ao, ask, abs(ao - ask)), ml_agree, ml_detail)

head = ["workload", "rows", "ours (s)", "sklearn (s)", "speed-up (wall)", "speed-up (CPU)", ">= 3x", "same answer"]
align = ["---", "---:", "---:", "---:", "---:", "---:", "---", "---"]
if ml:
    head += ["ML.NET (s)", "vs ML.NET (wall)", "vs ML.NET (CPU)", "ML.NET same answer"]
    align += ["---:", "---:", "---:", "---"]
print("| " + " | ".join(head + ["detail"]) + " |")
print("|" + "|".join(align + ["---"]) + "|")
print("\n".join(rows))
print()
print("ours: .NET %s, %s processors, median of %s after warm-up; sklearn %s, numpy %s, threadpools %s" % (
    ours["dotnet"], ours["processors"], ours["repeat"], ref["sklearn"], ref["numpy"],
    ", ".join("%s:%s" % (p["internal_api"], p["num_threads"]) for p in (ref.get("threadpools") or []))))
if ml:
    print("ML.NET %s on .NET %s, %s processors (all used: NumberOfThreads unset), median of %s after warm-up" % (
        ml["mlnet"].split("+")[0], ml["dotnet"], ml["processors"], ml["repeat"]))
