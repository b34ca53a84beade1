#!/usr/bin/env python3
"""umap-learn on the same book embeddings: the peer for umap_benchmark.

    /usr/bin/python3 umap_peer.py EMBEDDINGS.csv [N_NEIGHBORS]

The CSV holds one already L2-normalised row per book, no header. Fits
UMAP(n_neighbors, min_dist=0.1, random_state=None, n_jobs=2) twice (the first fit includes
numba's compilation) and prints one JSON object: both times, the share of 10-NN kept by the
second map, the umap-learn version. Needs Debian's umap-learn (and python3-sklearn).
"""
import json
import os
import sys
import time

os.environ.setdefault("NUMBA_NUM_THREADS", "2")

import numpy as np  # noqa: E402
import umap  # noqa: E402
from sklearn.neighbors import NearestNeighbors  # noqa: E402


def kept(original, layout, k=10):
    a = NearestNeighbors(n_neighbors=k + 1).fit(original).kneighbors(original, return_distance=False)[:, 1:]
    b = NearestNeighbors(n_neighbors=k + 1).fit(layout).kneighbors(layout, return_distance=False)[:, 1:]
    return float(np.mean([len(set(x) & set(y)) / k for x, y in zip(a, b)]))


def fit(x, neighbours):
    start = time.perf_counter()
    layout = umap.UMAP(n_neighbors=neighbours, min_dist=0.1, n_jobs=2).fit_transform(x)
    return time.perf_counter() - start, layout


def main():
    path = sys.argv[1]
    neighbours = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    x = np.loadtxt(path, delimiter=",", dtype=np.float32)
    first, _ = fit(x, neighbours)
    seconds, layout = fit(x, neighbours)
    print(json.dumps({"seconds": seconds, "first_seconds": first, "knn_kept": kept(x, layout),
                      "umap_learn": getattr(umap, "__version__", "?")}), flush=True)


if __name__ == "__main__":
    main()
