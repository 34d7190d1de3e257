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
"""
import json
import sys

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
