#!/usr/bin/env python3
"""Hyperparameter search behind the tuned-dot, tuned-nn and tuned-implicit presets.

Every candidate trains with shelfscope-cli on the notebook's training rows (duplicate pairs
dropped) and is scored on a 5% validation slice of those rows (--validation-fraction 0.05);
early stopping (patience 2) picks the epoch, also on validation. The test rows are never looked
at here. Prints a Markdown table per model, best first.

    /usr/bin/python3 tests/bench/tune_presets.py DATA_DIR [dot|nn|implicit|implicit2] > table.md
"""
import itertools
import json
import subprocess
import sys
import time

CLI = "build/release/app/cli/shelfscope-cli"

GRIDS = {
    "dot": {
        "preset": ["tuned-dot"],
        "dim": [32, 64, 128],
        "l2": [0.05, 0.08, 0.12],
        "lr": [0.0005, 0.001],
        "batch": [256],
    },
    "nn": {
        "preset": ["tuned-nn"],
        "dim": [64, 128],
        "hidden": ["32", "64,16"],
        "kernel-l2": [0.01, 0.1],
        "l2": [0.08],
        "lr": [0.0005],
        "batch": [256],
    },
    # Implicit-feedback MF: tuned-dot's Adam epochs (the warm start), then SGD epochs of the
    # implicit model with a per-epoch decay; early stopping (patience 2) picks the epoch.
    "implicit": {
        "preset": ["tuned-implicit"],
        "init-scale": [0.01],
        "warm-start": [5, 7],
        "epochs": [15],
        "lr": [0.005, 0.01],
        "l2": [0.08, 0.12],
        "lr-decay": [0.9],
    },
    # The second stage: fewer warm-start epochs won in the first.
    "implicit2": {
        "preset": ["tuned-implicit"],
        "init-scale": [0.01],
        "warm-start": [3, 4],
        "epochs": [25],
        "lr": [0.01, 0.02],
        "l2": [0.08],
        "lr-decay": [0.9],
    },
}


def run(data, options):
    options = dict(options)  # the epoch cap is a flag of its own
    command = [CLI, "train", "--data", data, "--json", "--validation-fraction", "0.05",
               "--early-stop", "2", "--epochs", str(options.pop("epochs", 40))]
    for key, value in options.items():
        command += [f"--{key}", str(value)]
    started = time.perf_counter()
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    lines = [json.loads(line) for line in output.splitlines() if line.strip()]
    epochs, summary = lines[:-1], lines[-1]
    best = min(epochs, key=lambda e: e["validation_rmse"])
    return best["validation_rmse"], best["epoch"], summary["train_seconds"], time.perf_counter() - started


def main():
    data = sys.argv[1]
    models = sys.argv[2:] or ["dot", "nn"]
    for model in models:
        grid = GRIDS[model]
        keys = list(grid)
        rows = []
        for values in itertools.product(*(grid[k] for k in keys)):
            options = dict(zip(keys, values))
            rmse, epoch, seconds, wall = run(data, options)
            rows.append((rmse, epoch, seconds, options))
            print(f"{model} {options}: validation RMSE {rmse:.4f} at epoch {epoch} ({seconds:.1f} s)",
                  file=sys.stderr, flush=True)
        rows.sort(key=lambda row: row[0])
        print(f"\n### {model}\n")
        print("| " + " | ".join(k for k in keys if k != "preset") + " | best epoch | validation RMSE | train s |")
        print("|" + " --- |" * (len(keys) - 1 + 3))
        for rmse, epoch, seconds, options in rows:
            cells = [str(options[k]) for k in keys if k != "preset"]
            print("| " + " | ".join(cells) + f" | {epoch} | {rmse:.4f} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
