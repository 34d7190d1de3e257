#!/usr/bin/env python3
"""How many rows a Hamerly-bounded Lloyd iteration would still have to read, on `churn bench grid` data.

Exact Lloyd reads every row every iteration; Hamerly's bounds (one upper bound to the assigned centre, one lower
bound to the others, kept up to date by the centres' moves) let a row be skipped when the bounds prove its
label cannot change. This replays the grid's KMeans runs (first-k-distinct-rows centres, as `churn bench grid`)
and prints, per iteration, the share of rows whose bound test fails (their row must be read) and the share that
needs all k distances, and the mean share read. A prototype to decide whether the bounds pay; the product does
not use it.

    ./churn bench grid --rows 10000,100000 --features 20,100 --k 4 --workloads kmeans --out artifacts/hamerly
    /usr/bin/python3 notebooks/reference/hamerly_reads.py artifacts/hamerly
"""
import json
import os
import sys

import numpy as np


def replay(directory, manifest, n, f, k):
    data = np.fromfile(os.path.join(directory, manifest["files"][str(f)]), dtype="<f8").reshape(-1, f + 1)
    x = data[:n, :f]
    c = np.array(manifest["init"]["%d/%d" % (f, k)], dtype=np.float64)
    dist = np.sqrt(((x[:, None, :] - c[None]) ** 2).sum(2))
    label = dist.argmin(1)
    ordered = np.sort(dist, 1)
    upper, lower = ordered[:, 0].copy(), ordered[:, 1].copy()
    shares = []
    for _ in range(manifest["max_iter"]):
        moved = np.array([x[label == j].mean(0) if (label == j).any() else c[j] for j in range(k)])
        delta = np.sqrt(((moved - c) ** 2).sum(1))
        c = moved
        upper += delta[label]
        order = np.argsort(delta)[::-1]
        lower -= np.where(label == order[0], delta[order[1]], delta[order[0]])
        between = np.sqrt(((c[:, None] - c[None]) ** 2).sum(2))
        np.fill_diagonal(between, np.inf)
        bound = np.maximum((between.min(1) / 2)[label], lower)
        read = np.where(upper > bound)[0]
        upper[read] = np.sqrt(((x[read] - c[label[read]]) ** 2).sum(1))
        full = read[upper[read] > bound[read]]
        d = np.sqrt(((x[full][:, None, :] - c[None]) ** 2).sum(2))
        ordered = np.sort(d, 1)
        changed = int((d.argmin(1) != label[full]).sum())
        label[full], upper[full], lower[full] = d.argmin(1), ordered[:, 0], ordered[:, 1]
        shares.append((len(read) / n, len(full) / n))
        if changed == 0:
            break
    # The first iteration reads every row (no bounds yet).
    reads = [1.0] + [r for r, _ in shares]
    print("%7d rows %3d features k=%-2d  mean share read %.2f over %d iterations;  per iteration (read/all k): %s"
          % (n, f, k, np.mean(reads), len(reads), " ".join("%.2f/%.2f" % s for s in shares)))


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "artifacts/hamerly"
    manifest = json.load(open(os.path.join(directory, "grid.json")))
    for f in manifest["features"]:
        for n in manifest["rows"]:
            for k in manifest["clusters"]:
                replay(directory, manifest, n, f, k)


if __name__ == "__main__":
    main()
