"""Golden values for Churn.Algorithms.Metrics from scikit-learn.

Run with the Debian interpreter that has scikit-learn:
    /usr/bin/python3 notebooks/reference/golden_metrics.py
Writes notebooks/reference/golden/metrics_cases.json (small; committed). Tests never run Python.
Every case has labels y, ranking scores `scores` and probabilities `p` in [0, 1] (often the same).
"""
import json
import platform
from pathlib import Path

import numpy as np
import scipy
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (accuracy_score, average_precision_score, brier_score_loss, confusion_matrix,
                             f1_score, log_loss, precision_recall_curve, precision_score, recall_score,
                             roc_auc_score, roc_curve)

OUT = Path(__file__).resolve().parents[2] / "notebooks" / "reference" / "golden" / "metrics_cases.json"
rng = np.random.default_rng(20240601)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def labels(n, rate):
    y = (rng.random(n) < rate).astype(int)
    y[0], y[1] = 0, 1  # both classes always present
    return y


def make_cases():
    cases = []
    # Continuous, balanced: no ties.
    y = labels(500, 0.5)
    p = sigmoid(1.2 * (y - 0.5) + rng.normal(size=y.size))
    cases.append(("continuous", y, p, p))
    # Heavy ties: scores rounded to one decimal.
    y = labels(1000, 0.3)
    p = np.round(sigmoid(1.5 * (y - 0.3) + rng.normal(size=y.size)), 1)
    cases.append(("ties_one_decimal", y, p, p))
    # Every score equal: AUC 0.5, a single ROC point after the origin.
    y = labels(50, 0.4)
    p = np.full(y.size, 0.5)
    cases.append(("all_tied", y, p, p))
    # Integer scores 0..5 (ranking) with p = score / 5 (probabilities, including exact 0 and 1).
    y = labels(300, 0.35)
    s = np.clip(np.round(2.5 + 1.5 * y + rng.normal(size=y.size)), 0, 5).astype(float)
    cases.append(("integer_scores", y, s, s / 5.0))
    # Imbalanced: 5% positives, 2000 rows.
    y = labels(2000, 0.05)
    p = sigmoid(-3.0 + 2.0 * y + rng.normal(size=y.size))
    cases.append(("imbalanced", y, p, p))
    # Probabilities with exact 0 and 1 (clipping in log-loss), bin edges 0.1..0.9, values near the edges.
    y = labels(400, 0.5)
    p = sigmoid(2.0 * (y - 0.5) + rng.normal(size=y.size))
    special = np.array([0.0, 1.0, 0.0, 1.0, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1e-17, 1 - 1e-17, 1e-16, 0.30000000000000004])
    p[2:2 + special.size] = special
    cases.append(("extremes", y, p, p))
    # Small hand-checkable case (sklearn's docstring example).
    y = np.array([0, 0, 1, 1])
    p = np.array([0.1, 0.4, 0.35, 0.8])
    cases.append(("docstring", y, p, p))
    return cases


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=float)]


def case_json(name, y, s, p):
    fpr, tpr, thr = roc_curve(y, s, drop_intermediate=False)
    dfpr, dtpr, dthr = roc_curve(y, s)
    prec, rec, pthr = precision_recall_curve(y, s)
    yhat = (p >= 0.5).astype(int)
    tn, fp, fn, tp = confusion_matrix(y, yhat, labels=[0, 1]).ravel()
    prob_true, prob_pred = calibration_curve(y, p, n_bins=10, strategy="uniform")
    bins = np.linspace(0.0, 1.0, 11)
    counts = np.bincount(np.searchsorted(bins[1:-1], p), minlength=10)
    return {
        "name": name,
        "y": [int(v) for v in y],
        "scores": floats(s),
        "p": floats(p),
        "roc_auc": float(roc_auc_score(y, s)),
        "roc_fpr": floats(fpr), "roc_tpr": floats(tpr), "roc_thresholds": floats(thr),
        "roc_dropped_fpr": floats(dfpr), "roc_dropped_tpr": floats(dtpr), "roc_dropped_thresholds": floats(dthr),
        "average_precision": float(average_precision_score(y, s)),
        "pr_precision": floats(prec), "pr_recall": floats(rec), "pr_thresholds": floats(pthr),
        "log_loss_eps_1e15": float(log_loss(y, p, eps=1e-15)),
        "log_loss_default": float(log_loss(y, p)),
        "brier": float(brier_score_loss(y, p)),
        "accuracy": float(accuracy_score(y, yhat)),
        "precision": float(precision_score(y, yhat, zero_division=0)),
        "recall": float(recall_score(y, yhat, zero_division=0)),
        "f1": float(f1_score(y, yhat, zero_division=0)),
        "confusion": {"tn": int(tn), "fp": int(fp), "fn": int(fn), "tp": int(tp)},
        "calibration_prob_true": floats(prob_true),
        "calibration_prob_pred": floats(prob_pred),
        "calibration_counts": [int(c) for c in counts],
    }


def main():
    doc = {
        "generator": "notebooks/reference/golden_metrics.py",
        "versions": {"python": platform.python_version(), "numpy": np.__version__,
                     "scipy": scipy.__version__, "sklearn": sklearn.__version__},
        "notes": "roc_* from roc_curve(drop_intermediate=False); roc_dropped_* with the default True; "
                 "first ROC threshold is max+1 in sklearn (ours is +inf). log_loss_default uses sklearn "
                 "1.2's eps='auto' (machine epsilon); log_loss_eps_1e15 passes eps=1e-15. Predictions at "
                 "0.5 are p >= 0.5. calibration_* from calibration_curve(n_bins=10, strategy='uniform'); "
                 "calibration_counts are np.bincount of its bin ids (all 10 bins).",
        "cases": [case_json(*c) for c in make_cases()],
    }
    OUT.write_text(json.dumps(doc, indent=None, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(doc['cases'])} cases)")


if __name__ == "__main__":
    main()
