"""Reference levels for the interpretable models (issue 12) and a SplineTransformer basis golden.

Run with Debian's python (scikit-learn 1.2.1): /usr/bin/python3 notebooks/reference/golden_models.py
Writes notebooks/reference/golden/models_bigml.json (5-fold CV AUC of five model families on churn-bigml-80)
and notebooks/reference/golden/spline_basis.json (SplineTransformer knots and basis values).

Data as `churn train --exclude "State,Area code"`: the 17 other columns (charges included; Yes/No
plans as 0/1), folds StratifiedKFold(5, shuffle=True, random_state=42), scoring roc_auc.
  linear          StandardScaler + LogisticRegression(C=1)
  splines         SplineTransformer(n_knots=5, degree=3) + LogisticRegression(C=1)
  pairs_l1        StandardScaler + PolynomialFeatures(2) + StandardScaler + L1 LogisticRegression(C=0.1, liblinear)
  splines_pairs_l1 SplineTransformer(n_knots=5, degree=3) + PolynomialFeatures(2, interaction_only) on the
                  spline columns + L1 LogisticRegression(C=1, liblinear)
  gradient_boosting HistGradientBoostingClassifier(random_state=0)
The issue quotes 0.810 / 0.863 / 0.888 / 0.911 / 0.918 without the exact pipelines; these are the
pipelines that reproduce them here (the splines + pairs variant gives 0.913).
"""
import csv, hashlib, json, os, platform, warnings

import numpy as np
import scipy
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, SplineTransformer, StandardScaler

warnings.filterwarnings("ignore")
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
path = os.path.join(root, "data", "raw", "churn-bigml-80.csv")
with open(path, newline="") as f:
    rows = list(csv.DictReader(f))
names = [c for c in rows[0].keys() if c not in ("State", "Area code", "Churn")]


def value(row, c):
    v = row[c]
    return 1.0 if v == "Yes" else 0.0 if v == "No" else float(v)


x = np.array([[value(r, c) for c in names] for r in rows])
y = np.array([1 if r["Churn"] == "True" else 0 for r in rows])
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)
models = {
    "linear": make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=10000)),
    "splines": make_pipeline(SplineTransformer(n_knots=5, degree=3), LogisticRegression(C=1.0, max_iter=10000)),
    "pairs_l1": make_pipeline(StandardScaler(), PolynomialFeatures(2, include_bias=False), StandardScaler(),
                              LogisticRegression(penalty="l1", solver="liblinear", C=0.1)),
    "splines_pairs_l1": make_pipeline(SplineTransformer(n_knots=5, degree=3),
                                      PolynomialFeatures(2, interaction_only=True, include_bias=False),
                                      LogisticRegression(penalty="l1", solver="liblinear", C=1.0)),
    "gradient_boosting": HistGradientBoostingClassifier(random_state=0),
}
versions = {"python": platform.python_version(), "sklearn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__}
levels = {"data": "data/raw/churn-bigml-80.csv", "data_sha256": hashlib.sha256(open(path, "rb").read()).hexdigest(),
          "versions": versions, "features": names, "folds": "StratifiedKFold(5, shuffle=True, random_state=42)", "models": {}}
for name, model in models.items():
    aucs = cross_val_score(model, x, y, cv=cv, scoring="roc_auc")
    levels["models"][name] = {"cv_auc_mean": float(aucs.mean()), "cv_auc_sd": float(aucs.std(ddof=1)), "fold_aucs": aucs.tolist()}
    print(name, round(aucs.mean(), 4), flush=True)

# Basis golden: quantile and uniform knots on a few columns, evaluated at training values and beyond the range.
basis = {"versions": versions, "degree": 3, "cases": []}
for column in ["Total day minutes", "Account length", "Total intl minutes"]:
    j = names.index(column)
    train = x[:, j:j + 1]
    lo, hi = train.min(), train.max()
    points = np.r_[train[:40, 0], [lo, hi, lo - 10, hi + 10, (lo + hi) / 2]].reshape(-1, 1)
    for n_knots, knots in [(5, "quantile"), (8, "quantile"), (4, "uniform")]:
        st = SplineTransformer(n_knots=n_knots, degree=3, knots=knots, extrapolation="constant", include_bias=True).fit(train)
        basis["cases"].append({"column": column, "n_knots": n_knots, "knots": knots,
                               "knot_vector": st.bsplines_[0].t.tolist(), "x": points[:, 0].tolist(),
                               "values": st.transform(points).tolist()})
golden = os.path.join(root, "notebooks", "reference", "golden")
for file, content in [("models_bigml.json", levels), ("spline_basis.json", basis)]:
    with open(os.path.join(golden, file), "w") as f:
        json.dump(content, f, indent=1)
        f.write("\n")
