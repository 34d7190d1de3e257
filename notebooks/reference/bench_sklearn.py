"""Reference timings for `./churn bench`: the same three workloads with scikit-learn / numpy.

Run from the repository root with the Debian interpreter (it has scikit-learn 1.2.1):

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 notebooks/reference/bench_sklearn.py [--repeat 5]

(the two OpenBLAS variables are unset for this command only so numpy picks its own kernels; never
do that in tests/CI). Prints exactly one JSON object on stdout, progress on stderr.
Each workload: one warm-up run, then the median wall time of --repeat runs (time.perf_counter),
timing only the fit / metric call on data already in memory, exactly as the C# bench does.

  kmeans : data/raw/seed_churn_labeled_data.csv, columns aon,total_mou,total_data_usage standardised
           (population SD), KMeans(n_clusters=4, n_init=10, random_state=42, algorithm="lloyd").
  logreg : the same three columns tiled 10 times (999,990 rows), standardised after tiling, label churn;
           LogisticRegression(C=1, tol=1e-6) with solver lbfgs and newton-cholesky (timed), plus
           an untimed exact reference (lbfgs tol=1e-10 polished by Newton steps to max|grad| <= 1e-8).
  auc    : 10,000,000 rows from SplitMix64(seed=42), two draws per row in order:
           score_i = u(2i), label_i = 1 if u(2i+1) < 0.15 + 0.3 * score_i else 0, with
           u(j) = (splitmix64 output j >> 11) * 2^-53; roc_auc_score(labels, scores).
  --grid DIR: instead, the grid of `churn bench grid --out DIR` on its files (DIR/grid.json names them):
           KMeans(n_clusters=k, init=the same first-k-distinct-rows centres, n_init=1, max_iter=grid's, tol=0,
           algorithm="lloyd") at every rows x features x k, LogisticRegression(C=1) with newton-cholesky and
           lbfgs at their defaults (tol 1e-4, max_iter 100) at every rows x features; rows are the file's first
           rows. Points from grid.json's no_warm_up_from_rows rows on are timed without a warm-up, as ours.
  With --golden it also writes notebooks/reference/golden/bench_splitmix_auc.json (first values of the AUC data).
"""
import argparse
import json
import platform
import statistics
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

SEED_TABLE = "data/raw/seed_churn_labeled_data.csv"
FEATURES = ["aon", "total_mou", "total_data_usage"]
GOLDEN = "notebooks/reference/golden/bench_splitmix_auc.json"


def progress(msg):
    print("... " + msg, file=sys.stderr, flush=True)


def splitmix64_uniform(seed, count):
    """The first `count` SplitMix64 outputs for `seed` as doubles in [0, 1), vectorised in uint64."""
    golden = np.uint64(0x9E3779B97F4A7C15)
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + np.arange(1, count + 1, dtype=np.uint64) * golden
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return z, (z >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


def auc_data(rows, seed=42):
    bits, u = splitmix64_uniform(seed, 2 * rows)
    scores = u[0::2]
    labels = (u[1::2] < 0.15 + 0.3 * scores).astype(np.float64)
    return bits, scores, labels


def standardise(x):
    return StandardScaler().fit_transform(x)


def timed(fn, repeat, warm_up=True):
    result = fn() if warm_up else None
    times, cpu = [], []
    for _ in range(repeat):
        c0 = time.process_time()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    timed.cpu = statistics.median(cpu)
    return statistics.median(times), times, result


def log_likelihood(x, y, coef, intercept):
    z = x @ coef + intercept
    # sum y z - log(1 + e^z), computed stably
    return float(np.sum(y * z - np.logaddexp(0.0, z)))


def grid(directory, repeat):
    """The `churn bench grid` points with scikit-learn, on the files that command wrote."""
    import os
    manifest = json.load(open(os.path.join(directory, "grid.json")))
    points = []
    warnings.filterwarnings("ignore", category=UserWarning)
    try:
        from sklearn.exceptions import ConvergenceWarning
        warnings.filterwarnings("ignore", category=ConvergenceWarning)
    except ImportError:
        pass
    workloads = manifest.get("workloads", ["kmeans", "logreg_newton", "logreg_lbfgs"])
    for f in manifest["features"]:
        path = os.path.join(directory, manifest["files"][str(f)])
        data = np.fromfile(path, dtype="<f8").reshape(-1, f + 1)
        for n in manifest["rows"]:
            x = np.ascontiguousarray(data[:n, :f])
            y = data[:n, f].copy()
            rep = repeat
            warm = n < manifest["no_warm_up_from_rows"]
            for k in manifest["clusters"] if "kmeans" in workloads else []:
                init = np.array(manifest["init"]["%d/%d" % (f, k)], dtype=np.float64)
                progress("kmeans k=%d on %d x %d" % (k, n, f))
                km = lambda: KMeans(n_clusters=k, init=init, n_init=1, max_iter=manifest["max_iter"], tol=0,
                                    algorithm="lloyd").fit(x)
                sec, times, model = timed(km, rep, warm)
                points.append({"workload": "kmeans", "rows": n, "features": f, "k": k, "seconds": sec,
                               "cpu_seconds": timed.cpu, "times": times, "inertia": float(model.inertia_),
                               "iterations": int(model.n_iter_)})
            for name, solver in (("logreg_newton", "newton-cholesky"), ("logreg_lbfgs", "lbfgs")):
                if name not in workloads:
                    continue
                progress("%s on %d x %d" % (name, n, f))
                fit = lambda: LogisticRegression(C=1.0, solver=solver).fit(x, y)
                sec, times, m = timed(fit, rep, warm)
                ll = log_likelihood(x, y, m.coef_[0], m.intercept_[0])
                points.append({"workload": name, "rows": n, "features": f, "seconds": sec, "cpu_seconds": timed.cpu,
                               "times": times, "solver": solver, "iterations": int(m.n_iter_[0]),
                               "coefficients": [float(c) for c in m.coef_[0]], "intercept": float(m.intercept_[0]),
                               "log_likelihood": ll, "objective": 0.5 * float(m.coef_[0] @ m.coef_[0]) - ll,
                               "log_loss": -ll / n})
    return points


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--auc-rows", type=int, default=10_000_000)
    ap.add_argument("--golden", action="store_true", help="also write " + GOLDEN)
    ap.add_argument("--grid", metavar="DIR", help="run the grid of `churn bench grid --out DIR` instead")
    ap.add_argument("workloads", nargs="*", default=["kmeans", "logreg", "auc"])
    args = ap.parse_args()

    try:
        from threadpoolctl import threadpool_info
        pools = [{k: p.get(k) for k in ("user_api", "internal_api", "num_threads", "architecture", "version")}
                 for p in threadpool_info()]
    except ImportError:
        pools = None

    out = {"tool": "scikit-learn", "sklearn": sklearn.__version__, "numpy": np.__version__,
           "python": platform.python_version(), "repeat": args.repeat, "threadpools": pools, "workloads": {}}
    w = out["workloads"]
    if args.grid:
        del out["workloads"]
        out["points"] = grid(args.grid, args.repeat)
        json.dump(out, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return

    if args.golden:
        bits, scores, labels = auc_data(8)
        golden = {"generator": "splitmix64", "seed": 42,
                  "recipe": "score_i = u(2i); label_i = u(2i+1) < 0.15 + 0.3*score_i; u(j) = (out_j >> 11) * 2^-53",
                  "raw_uint64": [str(int(b)) for b in bits],
                  "scores": [float(s) for s in scores], "labels": [int(l) for l in labels],
                  "auc_rows": 100_000, "auc": float(roc_auc_score(*auc_data(100_000)[:0:-1])),
                  "sklearn": sklearn.__version__, "numpy": np.__version__}
        with open(GOLDEN, "w") as f:
            json.dump(golden, f, indent=1)
            f.write("\n")
        progress("wrote " + GOLDEN)

    if "kmeans" in args.workloads or "logreg" in args.workloads:
        import pandas as pd
        table = pd.read_csv(SEED_TABLE, usecols=FEATURES + ["churn"])
        raw = table[FEATURES].to_numpy(dtype=np.float64)
        churn = table["churn"].to_numpy(dtype=np.float64)

    if "kmeans" in args.workloads:
        x = standardise(raw)
        progress("kmeans on %d rows" % len(x))
        km = lambda: KMeans(n_clusters=4, n_init=10, random_state=42, algorithm="lloyd").fit(x)
        sec, times, model = timed(km, args.repeat)
        w["kmeans"] = {"seconds": sec, "times": times, "cpu_seconds": timed.cpu, "rows": len(x), "inertia": float(model.inertia_),
                       "iterations": int(model.n_iter_)}

    if "logreg" in args.workloads:
        x = standardise(np.tile(raw, (10, 1)))
        y = np.tile(churn, 10)
        progress("logreg on %d rows" % len(x))
        # Exact reference. newton-cholesky with tol 1e-10 hits a "singular Hessian" here and falls back to
        # lbfgs, and lbfgs stops on its ftol test with max|gradient| ~ 1e-4 (the classes are nearly
        # separable, coefficients ~ -56). So start from sklearn's lbfgs solution and take plain Newton steps
        # on sklearn 1.2's objective, sum log-loss + ||w||^2 / 2C, until max|gradient| <= 1e-8.
        # newton-cholesky warns (LinAlgWarning, singular Hessian, falls back to lbfgs) on every fit here.
        warnings.filterwarnings("ignore", message=".*NewtonCholeskySolver.*")
        ref = LogisticRegression(C=1.0, solver="lbfgs", tol=1e-10, max_iter=10000).fit(x, y)
        theta = np.concatenate([ref.coef_[0], ref.intercept_])
        xa = np.hstack([x, np.ones((len(x), 1))])
        penalty = np.array([1.0] * x.shape[1] + [0.0])
        for step in range(50):
            z = xa @ theta
            p = 0.5 * (1.0 + np.tanh(0.5 * z))
            grad = xa.T @ (p - y) + penalty * theta
            if np.abs(grad).max() <= 1e-8:
                break
            hess = (xa * (p * (1.0 - p))[:, None]).T @ xa + np.diag(penalty)
            theta = theta - np.linalg.solve(hess, grad)
        out["logreg_reference"] = {"solver": "lbfgs tol 1e-10, then Newton steps on the same objective",
                                   "newton_steps": step, "gradient_max_norm": float(np.abs(grad).max()),
                                   "coefficients": [float(c) for c in theta[:-1]],
                                   "intercept": float(theta[-1]),
                                   "log_likelihood": log_likelihood(x, y, theta[:-1], theta[-1])}
        for name, solver in (("logreg_newton", "newton-cholesky"), ("logreg_lbfgs", "lbfgs")):
            fit = lambda: LogisticRegression(C=1.0, solver=solver, tol=1e-6, max_iter=1000).fit(x, y)
            sec, times, m = timed(fit, args.repeat)
            w[name] = {"seconds": sec, "times": times, "cpu_seconds": timed.cpu, "rows": len(x), "solver": solver,
                       "coefficients": [float(c) for c in m.coef_[0]], "intercept": float(m.intercept_[0]),
                       "iterations": int(m.n_iter_[0]),
                       "log_likelihood": log_likelihood(x, y, m.coef_[0], m.intercept_[0])}

    if "auc" in args.workloads:
        progress("generating %d auc rows" % args.auc_rows)
        _, scores, labels = auc_data(args.auc_rows)
        sec, times, auc = timed(lambda: roc_auc_score(labels, scores), args.repeat)
        w["auc"] = {"seconds": sec, "times": times, "cpu_seconds": timed.cpu, "rows": args.auc_rows, "auc": float(auc),
                    "auc_r": repr(float(auc)), "positives": int(labels.sum())}

    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
