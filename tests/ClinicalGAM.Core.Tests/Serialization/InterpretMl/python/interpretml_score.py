"""Loads a model file in InterpretML's JSON format with InterpretML itself and scores a CSV with it.

    interpretml_score.py MODEL.json DATA.csv OUT.csv

InterpretML 0.7.8 has no public loader: to_json's counterpart is the private EBM._from_json (its code calls it
"UNTESTED_from_jsonable"). That is what this script uses, so the probabilities are InterpretML's own predict_proba
on the loaded model. OUT.csv gets predict_proba[:, 1] for every row, one per line, in Python's round-trip repr.
"""
import sys
import warnings

import pandas as pd
from interpret.glassbox import ExplainableBoostingClassifier

warnings.filterwarnings("ignore")

model_path, data_path, out_path = sys.argv[1:4]
ebm = ExplainableBoostingClassifier()._from_json(model_path)
df = pd.read_csv(data_path)
X = df[list(ebm.feature_names_in_)]
with open(out_path, "w") as f:
    for p1 in ebm.predict_proba(X)[:, 1]:
        f.write(repr(float(p1)) + "\n")
print(f"scored {len(X)} rows with {len(ebm.term_features_)} terms")
