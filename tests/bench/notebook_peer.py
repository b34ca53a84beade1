#!/usr/bin/env python3
"""The notebook's two models rebuilt in PyTorch: the peer for train_benchmark.

Same data (ratings.csv.gz with duplicates), same split (scikit-learn train_test_split, test 0.2,
seed 42), same architecture and initialisation as Keras (embeddings uniform +-0.05; Dense
Glorot-uniform, zero biases), Adam lr 1e-3 / betas 0.9, 0.999 / eps 1e-7 on dense gradients (as
Keras applies it), batch 32 reshuffled each epoch, MSE, 2 threads. Prints one JSON object per
epoch and a summary. Needs Debian's python3-torch, python3-pandas and python3-sklearn:
    /usr/bin/python3 notebook_peer.py DATA_DIR dot|neural [EPOCHS] [direct|dataloader]

Two ways to feed the batches: "direct" (default) indexes the tensors with a permutation, the
leanest loop PyTorch allows; "dataloader" is the textbook rebuild of Keras' fit(), a DataLoader
over a TensorDataset with shuffle=True, which pays Python's per-sample collation.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
import torch
from sklearn.model_selection import train_test_split


class DotModel(torch.nn.Module):
    def __init__(self, users, books, dim):
        super().__init__()
        self.users = torch.nn.Embedding(users, dim)
        self.books = torch.nn.Embedding(books, dim)
        for table in (self.users, self.books):
            torch.nn.init.uniform_(table.weight, -0.05, 0.05)

    def forward(self, u, b):
        return (self.users(u) * self.books(b)).sum(dim=1)


class NeuralModel(DotModel):
    def __init__(self, users, books, dim):
        super().__init__(users, books, dim)
        layers = [torch.nn.Linear(2 * dim, 128), torch.nn.Linear(128, 32), torch.nn.Linear(32, 1)]
        for layer in layers:
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.zeros_(layer.bias)
        self.dense = torch.nn.Sequential(layers[0], torch.nn.ReLU(), layers[1], torch.nn.ReLU(), layers[2])

    def forward(self, u, b):
        return self.dense(torch.cat([self.users(u), self.books(b)], dim=1)).squeeze(1)


def main():
    folder, kind = sys.argv[1], sys.argv[2]
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    feeding = sys.argv[4] if len(sys.argv) > 4 else "direct"
    if feeding not in ("direct", "dataloader"):
        sys.exit(f"notebook_peer.py: unknown feeding {feeding!r} (direct or dataloader)")
    torch.set_num_threads(2)
    torch.manual_seed(42)
    ratings = pd.read_csv(f"{folder}/ratings.csv.gz")
    train, test = train_test_split(ratings, test_size=0.2, random_state=42)
    tensors = lambda frame: (torch.tensor(frame.user_id.values), torch.tensor(frame.book_id.values),
                             torch.tensor(frame.rating.values, dtype=torch.float32))
    tu, tb, tr = tensors(train)
    eu, eb, er = tensors(test)
    model_type = DotModel if kind == "dot" else NeuralModel
    model = model_type(int(ratings.user_id.max()) + 1, int(ratings.book_id.max()) + 1, 5)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    loss_fn = torch.nn.MSELoss()
    generator = torch.Generator().manual_seed(42)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(tu, tb, tr), batch_size=32,
                                         shuffle=True, generator=generator)

    def direct_batches():
        order = torch.randperm(len(tr), generator=generator)
        for first in range(0, len(order), 32):
            index = order[first:first + 32]
            yield tu[index], tb[index], tr[index]

    total = 0.0
    for epoch in range(1, epochs + 1):
        start = time.perf_counter()
        losses = []
        model.train()
        for users, books, truth in (loader if feeding == "dataloader" else direct_batches()):
            optimizer.zero_grad()
            loss = loss_fn(model(users, books), truth)
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        seconds = time.perf_counter() - start
        total += seconds
        with torch.no_grad():
            test_mse = float(((model(eu, eb) - er) ** 2).mean())
        print(json.dumps({"epoch": epoch, "train_loss": float(np.mean(losses)), "test_mse": test_mse,
                          "seconds": seconds}), flush=True)
    print(json.dumps({"model": kind, "train_seconds": total, "test_mse": test_mse,
                      "feeding": feeding, "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
