"""Compares `churn bench --json` with bench_sklearn.py output: speed ratios and answer agreement.

    /usr/bin/python3 notebooks/reference/compare_bench.py churn.json sklearn.json

Agreement rules: KMeans inertia ours <= sklearn * (1 + 1e-6); logistic coefficients and intercept
within 1e-6 of the exact reference (sklearn newton-cholesky, tol 1e-10); AUC within 1e-12.
Prints a markdown table; exit code 0 even when a target is missed (it is a report, not a test).
"""
import json
import sys

ours = json.load(open(sys.argv[1]))
ref = json.load(open(sys.argv[2]))
o, s = ours["workloads"], ref["workloads"]
exact = ref.get("logreg_reference")

rows = []
def line(name, agree, detail):
    a, b = o[name], s[name]
    ratio = b["seconds"] / a["seconds"]
    cpu = b["cpu_seconds"] / a["cpu_seconds"]
    rows.append("| %s | %d | %.4f | %.4f | %.2fx | %.2fx | %s | %s | %s |" % (
        name, a["rows"], a["seconds"], b["seconds"], ratio, cpu, "yes" if ratio >= 3 else "no",
        "yes" if agree else "NO", detail))

if "kmeans" in o and "kmeans" in s:
    io, isk = o["kmeans"]["result"]["inertia"], s["kmeans"]["inertia"]
    line("kmeans", io <= isk * (1 + 1e-6), "inertia %.10g vs %.10g (rel %+.2e)" % (io, isk, io / isk - 1))
for name in ("logreg_newton", "logreg_lbfgs"):
    if name in o and name in s and exact:
        r = o[name]["result"]
        params = r["coefficients"] + [r["intercept"]]
        target = exact["coefficients"] + [exact["intercept"]]
        diff = max(abs(a - b) for a, b in zip(params, target))
        sk = s[name]["coefficients"] + [s[name]["intercept"]]
        sdiff = max(abs(a - b) for a, b in zip(sk, target))
        line(name, diff <= 1e-6, "max |coef - exact| %.2e (sklearn %s tol 1e-6: %.2e); loglik %.10g" % (
            diff, s[name]["solver"], sdiff, r["log_likelihood"]))
if "auc" in o and "auc" in s:
    ao, ask = o["auc"]["result"]["auc"], s["auc"]["auc"]
    line("auc", abs(ao - ask) <= 1e-12, "AUC %r vs %r (diff %.1e)" % (ao, ask, abs(ao - ask)))

print("| workload | rows | ours (s) | sklearn (s) | speed-up (wall) | speed-up (CPU) | >= 3x | same answer | detail |")
print("|---|---:|---:|---:|---:|---:|---|---|---|")
print("\n".join(rows))
print()
print("ours: .NET %s, %s processors, median of %s after warm-up; sklearn %s, numpy %s, threadpools %s" % (
    ours["dotnet"], ours["processors"], ours["repeat"], ref["sklearn"], ref["numpy"],
    ", ".join("%s:%s" % (p["internal_api"], p["num_threads"]) for p in (ref.get("threadpools") or []))))
