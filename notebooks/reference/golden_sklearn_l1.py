#!/usr/bin/python3
"""Second check of the elastic-net path: scikit-learn's L1 logistic regression (saga) at fixed C.

Run from the repository root with the Debian interpreter (scikit-learn 1.2.1):

    /usr/bin/python3 notebooks/reference/golden_sklearn_l1.py

Writes notebooks/reference/golden/sklearn_l1_bigml.json. Data as golden_glmnet.R: churn-bigml-80 without
State, Area code and the four charge columns (13 columns, Yes/No -> 1/0), standardised with
StandardScaler (population SD).

scikit-learn minimises ||w||_1 + C sum_i logloss_i with the intercept unpenalised (saga; liblinear
would penalise the intercept), which is glmnet's lasso objective divided by C n, so lambda = 1 / (C n).
saga runs with tol=1e-12 and a large max_iter. At weak penalties (C=1) saga stalls about 3e-6 from the
optimum that glmnet and ElasticNetLogistic agree on, so the cases stop at C=0.2.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CSV = os.path.join(ROOT, "data", "raw", "churn-bigml-80.csv")
OUT = os.path.join(ROOT, "notebooks", "reference", "golden", "sklearn_l1_bigml.json")
DROP = {"State", "Area code", "Churn", "Total day charge", "Total eve charge", "Total night charge", "Total intl charge"}


def load():
    with open(CSV, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip()]
    header = lines[0].split(",")
    keep = [j for j, h in enumerate(header) if h not in DROP]
    churn = header.index("Churn")
    rows = [l.split(",") for l in lines[1:]]
    cell = lambda t: 1.0 if t == "Yes" else 0.0 if t == "No" else float(t)
    x = np.array([[cell(r[j]) for j in keep] for r in rows])
    y = np.array([1.0 if r[churn] == "True" else 0.0 for r in rows])
    return [header[j] for j in keep], x, y


def main():
    names, x, y = load()
    z = StandardScaler().fit_transform(x)
    n = len(y)
    cases = {}
    for c in (0.01, 0.05, 0.2):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            model = LogisticRegression(penalty="l1", C=c, solver="saga", tol=1e-12, max_iter=1_000_000).fit(z, y)
        cases["C=%g" % c] = {
            "C": c,
            "lambda": 1.0 / (c * n),
            "coef": model.coef_[0].tolist(),
            "intercept": float(model.intercept_[0]),
            "n_iter": int(model.n_iter_[0]),
        }
    result = {
        "source": "notebooks/reference/golden_sklearn_l1.py",
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
        "data": "data/raw/churn-bigml-80.csv",
        "columns": names,
        "solver": "saga, penalty='l1', tol=1e-12",
        "cases": cases,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
