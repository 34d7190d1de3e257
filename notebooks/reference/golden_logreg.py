#!/usr/bin/python3
"""Golden numbers for Churn.Algorithms.Linear (logistic regression).

Run from the repository root with the Debian interpreter (it has scikit-learn 1.2.1):

    /usr/bin/python3 notebooks/reference/golden_logreg.py

Writes notebooks/reference/golden/logreg_bigml.json. Data: data/raw/churn-bigml-80.csv.
Features = every column except State, Area code and Churn (CSV order), with
"International plan"/"Voice mail plan" Yes->1 No->0; label Churn True->1.
Features are standardised with sklearn's StandardScaler (population SD); the mean and scale
are stored so the C# tests can check their own standardisation.

Cases
  a  LogisticRegression(C=1, tol=1e-10, max_iter=10000)              (lbfgs, L2)
  b  LogisticRegression(penalty='none', tol=1e-10, max_iter=10000)  (sklearn 1.2 spelling)
  c  LogisticRegression(C=1, class_weight='balanced', tol=1e-10, max_iter=10000)
  d  statsmodels Logit, charge columns dropped, constant prepended
  e  statsmodels Logit, all columns (charge = minutes x tariff: near-collinear)

sklearn 1.2.1 lbfgs minimises  sum_i s_i*logloss_i + ||w||^2/(2C)  (intercept unpenalised) and
stops when max|gradient of that objective| <= tol, or when scipy's relative-decrease test
(ftol ~ 2.2e-9) fires first -- which it does here: lbfgs stops 0.016 (a) and 77 (b, collinear
minutes/charge columns) away from the optimum. For each case we therefore also record sklearn's own
solver='newton-cholesky' fit of the same objective (tol=1e-10), which reaches the optimum; the C# tests
compare coefficients with that, and check that our objective value is <= lbfgs's. The max |gradient|
at the lbfgs solution and a plain numpy Newton solution are recorded as cross-checks.
"""
import hashlib
import json
import os
import platform
import sys
import warnings

import numpy as np
import scipy
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from sklearn.utils.class_weight import compute_class_weight

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CSV = os.path.join(ROOT, "data", "raw", "churn-bigml-80.csv")
OUT = os.path.join(ROOT, "notebooks", "reference", "golden", "logreg_bigml.json")


def load():
    with open(CSV, "rb") as f:
        raw = f.read()
    sha = hashlib.sha256(raw).hexdigest()
    lines = raw.decode("utf-8").splitlines()
    header = lines[0].split(",")
    drop = {"State", "Area code", "Churn"}
    features = [h for h in header if h not in drop]
    idx = [header.index(h) for h in features]
    churn = header.index("Churn")
    rows, y = [], []
    for line in lines[1:]:
        if not line:
            continue
        cells = line.split(",")
        row = []
        for j in idx:
            c = cells[j]
            row.append(1.0 if c == "Yes" else 0.0 if c == "No" else float(c))
        rows.append(row)
        y.append(1.0 if cells[churn] == "True" else 0.0)
    return np.array(rows), np.array(y), features, sha


def objective_gradient(X, y, s, w, b, inv_c):
    z = X @ w + b
    p = 1.0 / (1.0 + np.exp(-z))
    r = s * (p - y)
    return np.concatenate([X.T @ r + inv_c * w, [r.sum()]])


def newton_reference(X, y, s, inv_c, iters=100):
    """Plain Newton on sum s_i*logloss_i + inv_c/2*||w||^2 to machine precision (cross-check only)."""
    n, d = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    theta = np.zeros(d + 1)
    pen = np.full(d + 1, inv_c)
    pen[-1] = 0.0
    for _ in range(iters):
        z = A @ theta
        p = 1.0 / (1.0 + np.exp(-z))
        g = A.T @ (s * (p - y)) + pen * theta
        if np.max(np.abs(g)) < 1e-11:
            break
        H = (A * (s * p * (1 - p))[:, None]).T @ A + np.diag(pen)
        theta -= np.linalg.solve(H, g)
    return theta[:-1], theta[-1]


def objective_value(X, y, s, w, b, inv_c):
    z = X @ w + b
    loss = np.logaddexp(0.0, z) - y * z
    return float(np.sum(s * loss) + 0.5 * inv_c * np.dot(w, w))


def sk_case(X, y, **kw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        m = LogisticRegression(tol=1e-10, max_iter=10000, **kw).fit(X, y)
        # Same objective, solved by sklearn's own Newton solver, which reaches the optimum.
        nc = LogisticRegression(tol=1e-10, max_iter=10000, solver="newton-cholesky", **kw).fit(X, y)
    penalised = kw.get("penalty", "l2") != "none"
    inv_c = 1.0 / kw.get("C", 1.0) if penalised else 0.0
    if kw.get("class_weight") == "balanced":
        cw = compute_class_weight("balanced", classes=np.array([0.0, 1.0]), y=y)
        s = cw[y.astype(int)]
    else:
        cw = None
        s = np.ones_like(y)
    w, b = m.coef_[0], m.intercept_[0]
    g = objective_gradient(X, y, s, w, b, inv_c)
    rw, rb = newton_reference(X, y, s, inv_c)
    nw, nb = nc.coef_[0], nc.intercept_[0]
    return {
        "params": {k: v for k, v in kw.items()},
        "coef": w.tolist(),
        "intercept": float(b),
        "n_iter": int(m.n_iter_[0]),
        "objective": objective_value(X, y, s, w, b, inv_c),
        "newton_cholesky_coef": nw.tolist(),
        "newton_cholesky_intercept": float(nb),
        "newton_cholesky_n_iter": int(nc.n_iter_[0]),
        "newton_cholesky_objective": objective_value(X, y, s, nw, nb, inv_c),
        "newton_cholesky_gradient_max_abs": float(np.max(np.abs(objective_gradient(X, y, s, nw, nb, inv_c)))),
        "max_abs_diff_lbfgs_vs_newton_cholesky": float(max(np.max(np.abs(w - nw)), abs(b - nb))),
        "class_weight": None if cw is None else cw.tolist(),
        "gradient_max_abs_at_sklearn_solution": float(np.max(np.abs(g))),
        "newton_reference_coef": rw.tolist(),
        "newton_reference_intercept": float(rb),
        "max_abs_diff_sklearn_vs_newton_reference": float(
            max(np.max(np.abs(w - rw)), abs(b - rb))),
        "warnings": [str(c.message) for c in caught],
    }


def logit_case(Xs, y, keep, features):
    exog = sm.add_constant(Xs[:, keep], prepend=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = sm.Logit(y, exog).fit(method="newton", maxiter=200, tol=1e-12, disp=0)
    ci = res.conf_int()
    hessian = res.model.hessian(res.params)
    return {
        "columns": keep,
        "names": ["const"] + [features[j] for j in keep],
        "params": res.params.tolist(),
        "bse": res.bse.tolist(),
        "tvalues": res.tvalues.tolist(),
        "pvalues": res.pvalues.tolist(),
        "conf_int_lower": ci[:, 0].tolist(),
        "conf_int_upper": ci[:, 1].tolist(),
        "llf": float(res.llf),
        "converged": bool(res.mle_retvals["converged"]),
        "iterations": int(res.mle_retvals["iterations"]),
        "condition_number_exog": float(np.linalg.cond(exog)),
        "condition_number_hessian": float(np.linalg.cond(hessian)),
        "warnings": [str(c.message) for c in caught],
    }


def main():
    X, y, features, sha = load()
    scaler = StandardScaler().fit(X)
    Xs = scaler.transform(X)
    charge = [j for j, f in enumerate(features) if "charge" in f]
    no_charge = [j for j in range(len(features)) if j not in charge]
    out = {
        "source": "notebooks/reference/golden_logreg.py",
        "csv": "data/raw/churn-bigml-80.csv",
        "csv_sha256": sha,
        "versions": {
            "python": platform.python_version(),
            "sklearn": sklearn.__version__,
            "statsmodels": statsmodels.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        },
        "n_rows": int(X.shape[0]),
        "n_positive": int(y.sum()),
        "features": features,
        "charge_columns": charge,
        "scaler_mean": scaler.mean_.tolist(),
        "scaler_scale": scaler.scale_.tolist(),
        "a_l2_c1": sk_case(Xs, y, C=1.0),
        "b_none": sk_case(Xs, y, penalty="none"),
        "c_balanced_c1": sk_case(Xs, y, C=1.0, class_weight="balanced"),
        "d_logit_no_charge": logit_case(Xs, y, no_charge, features),
        "e_logit_all": logit_case(Xs, y, list(range(len(features))), features),
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for k in ("a_l2_c1", "b_none", "c_balanced_c1"):
        c = out[k]
        print(k, "n_iter", c["n_iter"], "grad", c["gradient_max_abs_at_sklearn_solution"],
              "vs newton", c["max_abs_diff_sklearn_vs_newton_reference"],
              "nc vs newton", max(np.max(np.abs(np.array(c["newton_cholesky_coef"]) - c["newton_reference_coef"])),
                                  abs(c["newton_cholesky_intercept"] - c["newton_reference_intercept"])),
              "nc grad", c["newton_cholesky_gradient_max_abs"], c["warnings"])
    for k in ("d_logit_no_charge", "e_logit_all"):
        c = out[k]
        print(k, "llf", c["llf"], "cond", c["condition_number_exog"], c["condition_number_hessian"], c["warnings"])
    print("wrote", OUT, file=sys.stderr)


if __name__ == "__main__":
    main()
