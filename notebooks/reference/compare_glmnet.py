#!/usr/bin/python3
"""Table of compare_glmnet.sh: pairs of (churn bench sparse JSON, bench_glmnet.R JSON) -> markdown.

Speed-up = glmnet's seconds / ours (wall clock and process CPU time, medians). Agreement: the largest
relative lambda difference, the largest |coefficient difference| over all 100 lambdas x 170 columns
(standardised scale) and intercepts, and how many coefficients are zero in one path and not the other.
Both run the same thresh (glmnet's default 1e-7 unless compare_glmnet.sh --thresh says otherwise).
"""
import json
import sys


def main(paths):
    print("| rows x columns, thresh | ours wall s | glmnet wall s | speed-up (wall) | ours CPU s | glmnet CPU s | speed-up (CPU) | passes ours / glmnet | max rel. lambda diff | max coef diff | max intercept diff | zero-pattern differences |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for ours_path, ref_path in zip(paths[0::2], paths[1::2]):
        ours = json.load(open(ours_path))["workloads"]["sparse"]
        ref = json.load(open(ref_path))
        res = ours["result"]
        n = min(len(res["lambda"]), len(ref["lambda"]))
        dl = max(abs(a - b) / b for a, b in zip(res["lambda"][:n], ref["lambda"][:n]))
        db = max(abs(a - b) for k in range(n) for a, b in zip(res["beta"][k], ref["beta"][k]))
        da = max(abs(a - b) for a, b in zip(res["a0"][:n], ref["a0"][:n]))
        zeros = sum((a == 0) != (b == 0) for k in range(n) for a, b in zip(res["beta"][k], ref["beta"][k]))
        print("| %d x %d, %g | %.3f | %.3f | %.1fx | %.3f | %.3f | %.1fx | %d / %d | %.1e | %.1e | %.1e | %d of %d |" % (
            ref["rows"], ref["columns"], res.get("thresh", 1e-7), ours["seconds"], ref["seconds"], ref["seconds"] / ours["seconds"],
            ours["cpu_seconds"], ref["cpu_seconds"], ref["cpu_seconds"] / ours["cpu_seconds"],
            res["passes"], ref["npasses"], dl, db, da, zeros, n * ref["columns"]))
        if len(res["lambda"]) != len(ref["lambda"]):
            print("\npath lengths differ: ours %d, glmnet %d" % (len(res["lambda"]), len(ref["lambda"])))


if __name__ == "__main__":
    main(sys.argv[1:])
