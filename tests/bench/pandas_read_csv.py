#!/usr/bin/env python3
"""Peer for load_benchmark: pandas.read_csv on one file, N runs; prints the median seconds."""
import statistics
import sys
import time

import pandas as pd

path, runs = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(runs):
    start = time.perf_counter()
    frame = pd.read_csv(path)
    times.append(time.perf_counter() - start)
    assert len(frame) > 0
print(f"{statistics.median(times):.6f} {len(frame)}")
