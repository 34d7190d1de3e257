"""The Python reference of `churn train` on a labelled US-schema file, end to end in one process:
pandas.read_csv, the same feature choice as ours (State and Area code excluded, Yes/No columns one 0/1
feature, the four charge columns dropped as ours drops them for collinearity with the minutes),
StandardScaler, LogisticRegression(C=1, newton-cholesky), training AUC, coefficients to JSON.
Used by compare_e2e.sh:  /usr/bin/python3 notebooks/reference/e2e_sklearn.py --data FILE --out FILE.json
"""
import argparse
import json

import pandas as pd
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True)
parser.add_argument("--out", required=True)
args = parser.parse_args()

frame = pd.read_csv(args.data)
y = (frame["Churn"].astype(str).str.strip().str.lower() == "true").to_numpy(dtype=float)
features = frame.drop(columns=["State", "Area code", "Churn"])
features = features.drop(columns=[c for c in features.columns if c.endswith(" charge")])
features = pd.get_dummies(features, columns=["International plan", "Voice mail plan"], drop_first=True, dtype=float)
names = [c.replace("_", "=") if c.endswith("_Yes") else c for c in features.columns]
x = StandardScaler().fit_transform(features.to_numpy(dtype=float))
model = LogisticRegression(C=1.0, solver="newton-cholesky", tol=1e-8, max_iter=100).fit(x, y)
auc = roc_auc_score(y, model.predict_proba(x)[:, 1])
with open(args.out, "w") as f:
    json.dump({"sklearn": sklearn.__version__, "pandas": pd.__version__, "rows": int(len(y)),
               "intercept": float(model.intercept_[0]),
               "coefficients": dict(zip(names, map(float, model.coef_[0]))),
               "n_iter": int(model.n_iter_[0]), "train_auc": float(auc)}, f, indent=1)
