"""Makes the categorical test cohort from the sample cohort: the first ROWS deliveries, a few columns (three
categorical), some delivery modes blanked (missing category) and, in the last UNSEEN rows, an insurance label the
fit never sees (InterpretML's "unknown" bin, our "unseen" bin). Fit on the rows before those.

    make_smm_subset.py SMM_COHORT.csv OUT.csv [ROWS] [UNSEEN] [SEED]
"""
import sys

import numpy as np
import pandas as pd

src, out = sys.argv[1:3]
rows = int(sys.argv[3]) if len(sys.argv) > 3 else 2500
unseen = int(sys.argv[4]) if len(sys.argv) > 4 else 100
seed = int(sys.argv[5]) if len(sys.argv) > 5 else 5
columns = ["smm", "maternal_age", "bmi", "hemoglobin_g_dl", "platelets", "creatinine", "placenta_previa",
           "delivery_mode", "insurance", "race_ethnicity"]
df = pd.read_csv(src, nrows=rows)[columns]
rng = np.random.RandomState(seed)
df.loc[rng.rand(rows) < 0.05, "delivery_mode"] = np.nan
df.loc[rows - unseen:, "insurance"] = "self_pay_new_label"
df.to_csv(out, index=False)
