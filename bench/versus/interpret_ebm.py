"""Fits InterpretML's EBM on a training CSV and scores a test CSV; prints one JSON line.

Run by `bench -- versus` with PYTHONPATH pointing at the InterpretML checkout (../shared/peers/interpret-core):
    /usr/bin/python3 bench/versus/interpret_ebm.py TRAIN.csv TEST.csv OUTCOME N_JOBS SEED [SIMD]
SIMD (all, avx2 or none) limits the instruction sets libebm may use, through InterpretML's own
`develop.set_option("acceleration", ...)`: `bench -- versus` passes the widest path our engine runs on in that run,
so that on a machine with AVX-512 the AVX2 figures compare both engines as a machine without AVX-512 would run them.
Fit seconds cover ebm.fit alone; peak RSS is the process's maximum resident set (ru_maxrss, children included, since
InterpretML's joblib workers are child processes when n_jobs > 1).
"""
import json
import resource
import sys
import time

import pandas as pd
from sklearn.metrics import roc_auc_score
from interpret import develop
from interpret.glassbox import ExplainableBoostingClassifier
from interpret.utils._native import Native

train_path, test_path, outcome, n_jobs, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
simd = sys.argv[6] if len(sys.argv) > 6 else "all"
develop.set_option("acceleration", {"all": Native.AccelerationFlags_ALL, "avx2": Native.AccelerationFlags_AVX2,
                                    "none": Native.AccelerationFlags_NONE}[simd])
train = pd.read_csv(train_path)
test = pd.read_csv(test_path)
y = train.pop(outcome)
y_test = test.pop(outcome)

ebm = ExplainableBoostingClassifier(interactions="3x", n_jobs=n_jobs, random_state=seed)
start = time.perf_counter()
ebm.fit(train, y)
seconds = time.perf_counter() - start
auc = roc_auc_score(y_test, ebm.predict_proba(test)[:, 1])

# ru_maxrss is in KiB on Linux; the largest of this process and its (joblib worker) children.
peak_kib = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
# best_iteration_ holds the boosting steps per stage and bag up to the stop (boost() returns its step counter when
# it stops, not the best step); a round is one step per term of the stage.
best = [[int(v) for v in stage] for stage in ebm.best_iteration_]
n_mains = len(train.columns)
n_pairs = len(ebm.term_names_) - n_mains
rounds = {"main_rounds": [round(v / n_mains) for v in best[0]]}
if len(best) > 1 and n_pairs > 0:
    rounds["pair_rounds"] = [round(v / n_pairs) for v in best[1]]
else:
    rounds["pair_rounds"] = []
print(json.dumps({"fit_seconds": seconds, "peak_mb": peak_kib / 1024.0, "test_auc": auc,
                  "terms": len(ebm.term_names_), "simd": simd, **rounds}))
