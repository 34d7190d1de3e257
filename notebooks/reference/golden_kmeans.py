"""Golden numbers for Churn.Algorithms k-means, StandardScaler, ARI and silhouette.

Run from the repository root with the Debian interpreter (it has scikit-learn):

    /usr/bin/python3 notebooks/reference/golden_kmeans.py

Writes notebooks/reference/golden/kmeans_seed_table.json (the 99,999-row seed table) and
notebooks/reference/golden/kmeans_small.json (ARI pairs, toy k-means sets). Tests read these files and
never run Python.
"""
import hashlib
import json
import os
import platform

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.preprocessing import StandardScaler

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "data", "raw", "seed_churn_labeled_data.csv")
OUT = os.path.join(ROOT, "notebooks", "reference", "golden")
FEATURES = ["aon", "total_mou", "total_data_usage"]
SILHOUETTE_ROWS = 2000


def versions():
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "sklearn": sklearn.__version__,
    }


def seed_table():
    with open(DATA, "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    with open(DATA, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    cols = [header.index(name) for name in FEATURES]
    x = np.loadtxt(DATA, delimiter=",", skiprows=1, usecols=cols, dtype=np.float64)

    scaler = StandardScaler().fit(x)
    z = scaler.transform(x)
    km = KMeans(n_clusters=4, n_init=10, random_state=42, algorithm="lloyd").fit(z)
    labels = km.labels_.astype(int)
    assert labels.max() < 10  # one digit per label in the compact string

    # Strict convergence (tol=0): runs stop only when labels stop changing, so the result is an exact
    # Lloyd fixed point and can be compared tightly; with tol=1e-4 centres are only settled to ~sqrt(tol).
    strict = KMeans(n_clusters=4, n_init=10, random_state=42, algorithm="lloyd", tol=0.0).fit(z)

    sil = silhouette_score(z[:SILHOUETTE_ROWS], labels[:SILHOUETTE_ROWS])
    return {
        "description": "StandardScaler + KMeans(n_clusters=4, n_init=10, random_state=42, algorithm='lloyd') "
        "on data/raw/seed_churn_labeled_data.csv columns aon,total_mou,total_data_usage",
        "versions": versions(),
        "data_file": "data/raw/seed_churn_labeled_data.csv",
        "data_sha256": sha,
        "features": FEATURES,
        "rows": int(x.shape[0]),
        "scaler_means": scaler.mean_.tolist(),
        "scaler_scales": scaler.scale_.tolist(),
        "n_clusters": 4,
        "n_init": 10,
        "random_state": 42,
        "inertia": float(km.inertia_),
        "n_iter": int(km.n_iter_),
        "centers": km.cluster_centers_.tolist(),
        "cluster_sizes": np.bincount(labels, minlength=4).tolist(),
        "labels": "".join(str(v) for v in labels),
        "strict_inertia": float(strict.inertia_),
        "strict_n_iter": int(strict.n_iter_),
        "strict_centers": strict.cluster_centers_.tolist(),
        "silhouette_rows": SILHOUETTE_ROWS,
        "silhouette_first_rows": float(sil),
    }


def small():
    rng = np.random.RandomState(0)
    pairs = []

    def add(a, b):
        a = [int(v) for v in a]
        b = [int(v) for v in b]
        pairs.append({"a": a, "b": b, "ari": float(adjusted_rand_score(a, b))})

    add([0, 0, 1, 1], [0, 0, 1, 1])
    add([0, 0, 1, 1], [1, 1, 0, 0])
    add([0, 0, 1, 1], [0, 0, 1, 2])
    add([0, 0, 0, 0], [0, 1, 2, 3])
    add([0, 0, 1, 1], [0, 1, 0, 1])
    add([0, 0, 0], [0, 0, 0])
    add([5, 5, 7, 9, 9, 9], [1, 1, 1, 0, 0, 2])
    for n, ka, kb in [(10, 2, 3), (50, 3, 3), (200, 4, 5), (1000, 6, 4)]:
        a = rng.randint(ka, size=n)
        b = np.where(rng.rand(n) < 0.6, a % kb, rng.randint(kb, size=n))
        add(a, b)

    toys = []

    def toy(name, x, k):
        x = np.asarray(x, dtype=np.float64)
        km = KMeans(n_clusters=k, n_init=10, random_state=0, algorithm="lloyd").fit(x)
        toys.append({
            "name": name,
            "x": x.tolist(),
            "k": k,
            "inertia": float(km.inertia_),
            "centers": km.cluster_centers_.tolist(),
            "labels": km.labels_.astype(int).tolist(),
        })

    # sklearn's own hand-checkable fixture (test_k_means.py): best 2-clustering has inertia 0.25.
    toy("sklearn_toy", [[0, 0], [0.5, 0], [0.5, 1], [1, 1]], 2)
    toy("three_blobs", np.vstack([rng.normal(c, 0.3, size=(20, 2)) for c in ([0, 0], [4, 0], [0, 4])]), 3)
    toy("line", [[v] for v in [1.0, 2.0, 3.0, 10.0, 11.0, 12.0, 30.0]], 3)
    return {
        "description": "adjusted_rand_score on label pairs; KMeans(n_init=10, random_state=0) on toy sets",
        "versions": versions(),
        "ari_pairs": pairs,
        "toys": toys,
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, payload in [("kmeans_seed_table.json", seed_table()), ("kmeans_small.json", small())]:
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            json.dump(payload, f, indent=1)
            f.write("\n")
        print("wrote", name)


if __name__ == "__main__":
    main()
