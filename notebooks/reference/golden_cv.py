"""Reference for `churn train --cv 5` on churn-bigml-80: scikit-learn's stratified 5-fold CV AUC.

Run with Debian's python (scikit-learn 1.2): /usr/bin/python3 notebooks/reference/golden_cv.py
Writes notebooks/reference/golden/cv_bigml.json. Our folds are not sklearn's (different shuffles), so the
test compares the mean AUC within 0.01, the spread one would expect between fold assignments.
Features as `churn train --exclude State,"Area code"`: every other column, Yes/No plans as 0/1,
the four charge columns dropped as our trainer drops them (charge = rate x minutes).
"""
import csv, hashlib, json, os, platform, sys

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
path = os.path.join(root, "data", "raw", "churn-bigml-80.csv")
with open(path, newline="") as f:
    rows = list(csv.DictReader(f))
excluded = {"State", "Area code", "Churn"}
charges = {"Total day charge", "Total eve charge", "Total night charge", "Total intl charge"}
names = [c for c in rows[0].keys() if c not in excluded]

def value(row, c):
    v = row[c]
    return 1.0 if v == "Yes" else 0.0 if v == "No" else float(v)

def matrix(columns):
    return np.array([[value(r, c) for c in columns] for r in rows])

y = np.array([1 if r["Churn"] == "True" else 0 for r in rows])
result = {"data": "data/raw/churn-bigml-80.csv",
          "data_sha256": hashlib.sha256(open(path, "rb").read()).hexdigest(),
          "versions": {"python": platform.python_version(), "sklearn": sklearn.__version__, "numpy": np.__version__},
          "folds": 5, "C": 1.0, "cases": {}}
for case, columns in {"charges_dropped": [c for c in names if c not in charges], "all_columns": names}.items():
    x = matrix(columns)
    aucs = []
    for seed in range(10):
        cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
        model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=10000))
        aucs.append(cross_val_score(model, x, y, cv=cv, scoring="roc_auc").mean())
    result["cases"][case] = {"features": columns, "cv_auc_mean_by_seed": aucs,
                             "cv_auc_mean": float(np.mean(aucs)), "cv_auc_sd_between_seeds": float(np.std(aucs, ddof=1))}
out = os.path.join(root, "notebooks", "reference", "golden", "cv_bigml.json")
with open(out, "w") as f:
    json.dump(result, f, indent=1)
    f.write("\n")
print(json.dumps({k: v["cv_auc_mean"] for k, v in result["cases"].items()}))
