"""Fits InterpretML's EBM on a training CSV and scores a test CSV; prints one JSON line.

Run by `bench -- versus` (bench/ClinicalGAM.Bench/SideBySideBenchmark.cs) with PYTHONPATH pointing at the peer's
source, so both engines see the same files on the same machine in one run.
Usage: interpret_fit.py TRAIN.csv TEST.csv OUTCOME N_JOBS SEED
"""
import json
import resource
import sys
import time

import pandas as pd
from sklearn.metrics import roc_auc_score
from interpret.glassbox import ExplainableBoostingClassifier

train_path, test_path, outcome, n_jobs, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
train = pd.read_csv(train_path)
test = pd.read_csv(test_path)
y = train.pop(outcome)
y_test = test.pop(outcome)

started = time.perf_counter()
ebm = ExplainableBoostingClassifier(interactions="3x", random_state=seed, n_jobs=n_jobs)
ebm.fit(train, y)
seconds = time.perf_counter() - started

auc = roc_auc_score(y_test, ebm.predict_proba(test)[:, 1])
# ru_maxrss is in KiB on Linux; joblib's worker processes count as children (the largest one, not their sum).
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"fit_seconds": seconds, "peak_mb": own, "peak_child_mb": children, "test_auc": auc,
                  "terms": len(ebm.term_names_)}))
