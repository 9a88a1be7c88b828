"""Reference χ² values for crates/core/src/stats.rs, from scipy (an independent implementation).

Run with any Python that has scipy: python3 tests/stats/reference.py > tests/fixtures/chi2_scipy.json
The tables are seeded, so the output is the same every time for the same scipy version.
"""
import json
import random

import scipy
from scipy.stats import chi2_contingency

rng = random.Random(2026)
tables = [
    [[12, 5, 3], [4, 9, 11]],           # two groups × three lights, as in the regional tables
    [[30, 20, 10], [10, 20, 30]],
    [[1, 2], [3, 4]],
    [[50, 50, 50], [49, 51, 50]],       # nearly independent: p close to 1
    [[200, 10, 5], [5, 10, 200]],       # very strong: p far below 1e-100
]
while len(tables) < 30:
    rows = rng.randint(2, 6)
    cols = rng.randint(2, 3)
    table = [[rng.randint(1, 60) for _ in range(cols)] for _ in range(rows)]
    tables.append(table)

cases = []
for t in tables:
    r = chi2_contingency(t, correction=False)
    cases.append({"table": t, "chi2": float(r.statistic), "p": float(r.pvalue), "dof": int(r.dof)})
print(json.dumps(cases, indent=1))
