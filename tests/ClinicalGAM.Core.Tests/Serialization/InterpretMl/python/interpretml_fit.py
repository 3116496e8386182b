"""Fits InterpretML's EBM on a CSV and writes what the interoperability tests compare against.

    interpretml_fit.py DATA.csv OUTCOME OUT_DIR --train-rows N --bags B (--interactions K | --pairs a:b,c:d) --seed S

Writes OUT_DIR/model.json (ebm.to_json, InterpretML's own writer) and OUT_DIR/proba.csv: predict_proba[:, 1] for
EVERY row of DATA.csv (training rows and held-out rows alike), one per line, in Python's round-trip repr.
Run with Debian's Python and the peer on PYTHONPATH (see /work/shared/peers/README.md).
"""
import argparse
import os
import warnings

import pandas as pd
from interpret.glassbox import ExplainableBoostingClassifier

warnings.filterwarnings("ignore")  # the peer warns that its JSON format is in beta and about missing values

p = argparse.ArgumentParser()
p.add_argument("data")
p.add_argument("outcome")
p.add_argument("out_dir")
p.add_argument("--train-rows", type=int, required=True)
p.add_argument("--bags", type=int, default=2)
p.add_argument("--interactions", type=int, default=3)
p.add_argument("--pairs", default="", help="explicit pairs 'a:b,c:d' instead of the detected ones")
p.add_argument("--max-rounds", type=int, default=1000)
p.add_argument("--seed", type=int, default=1)
a = p.parse_args()

df = pd.read_csv(a.data)
y = df.pop(a.outcome)
interactions = [tuple(p.split(":")) for p in a.pairs.split(",")] if a.pairs else a.interactions
ebm = ExplainableBoostingClassifier(
    outer_bags=a.bags, interactions=interactions, max_rounds=a.max_rounds, random_state=a.seed, n_jobs=1)
ebm.fit(df.iloc[: a.train_rows], y.iloc[: a.train_rows])
os.makedirs(a.out_dir, exist_ok=True)
ebm.to_json(os.path.join(a.out_dir, "model.json"))
with open(os.path.join(a.out_dir, "proba.csv"), "w") as f:
    for p1 in ebm.predict_proba(df)[:, 1]:
        f.write(repr(float(p1)) + "\n")
print(f"fitted {len(ebm.term_names_)} terms ({sum(' & ' in t for t in ebm.term_names_)} pairs) on {a.train_rows} rows")
