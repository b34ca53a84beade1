#!/usr/bin/env python3
"""Prints what scikit-learn's train_test_split gives for the notebook's split of goodbooks-10k
(981,756 raw rows, test_size=0.2, random_state=42): sizes, first and last rows, and a checksum of
the whole permutation. tests/unit/tst_split.cpp asserts the same numbers for Shelfscope's
notebookSplit(). Needs Debian's python3-sklearn: /usr/bin/python3 verify_notebook_split.py"""
import numpy as np
import sklearn
from sklearn.model_selection import train_test_split

rows = 981756
train, test = train_test_split(np.arange(rows), test_size=0.2, random_state=42)
permutation = np.concatenate([test, train]).astype(np.uint64)
position = np.arange(1, rows + 1, dtype=np.uint64)
checksum = int(((permutation + np.uint64(1)) * position).sum(dtype=np.uint64))
print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")
print(f"test {len(test)} rows, starts {test[:5].tolist()}, ends {test[-3:].tolist()}")
print(f"train {len(train)} rows, starts {train[:5].tolist()}, ends {train[-3:].tolist()}")
print(f"checksum sum((row+1)*(position+1)) mod 2^64 = {checksum}")
