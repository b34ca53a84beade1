#!/usr/bin/env python3
"""scikit-learn's t-SNE on the same book embeddings: the peer for tsne_benchmark.

    /usr/bin/python3 tsne_peer.py EMBEDDINGS.csv ITERATIONS [PERPLEXITY]

The CSV holds one already L2-normalised row per book, no header. Runs
TSNE(perplexity, init="pca", learning_rate="auto", n_jobs=2, n_iter=ITERATIONS, random_state=0)
and prints one JSON object: seconds, KL divergence, share of 10-NN kept, sklearn version.
Needs Debian's python3-sklearn.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.manifold import TSNE
from sklearn.neighbors import NearestNeighbors


def kept(original, layout, k=10):
    a = NearestNeighbors(n_neighbors=k + 1).fit(original).kneighbors(original, return_distance=False)[:, 1:]
    b = NearestNeighbors(n_neighbors=k + 1).fit(layout).kneighbors(layout, return_distance=False)[:, 1:]
    return float(np.mean([len(set(x) & set(y)) / k for x, y in zip(a, b)]))


def main():
    path, iterations = sys.argv[1], int(sys.argv[2])
    perplexity = float(sys.argv[3]) if len(sys.argv) > 3 else 40.0
    x = np.loadtxt(path, delimiter=",", dtype=np.float32)
    start = time.perf_counter()
    tsne = TSNE(n_components=2, perplexity=perplexity, init="pca", learning_rate="auto",
                n_jobs=2, n_iter=iterations, random_state=0)
    layout = tsne.fit_transform(x)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "kl": float(tsne.kl_divergence_),
                      "knn_kept": kept(x, layout), "sklearn": sklearn.__version__}), flush=True)


if __name__ == "__main__":
    main()
