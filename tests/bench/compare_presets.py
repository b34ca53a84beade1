#!/usr/bin/env python3
"""Trains every preset on both splits and prints docs/RANKING.md's comparison table.

Each preset is trained with shelfscope-cli on the notebook's split (scikit-learn's random 20% of
the ratings) and on the per-reader hold-out (5 random ratings of every reader with 10 or more;
goodbooks-10k has no timestamps, so "the last 5" cannot be held out). Then one
`shelfscope-cli compare` evaluates every model with the same protocol: the same seeded sample of
readers per split, k = 10, a percentile bootstrap over readers for each figure's 95% interval
(coverage has none), each run's NDCG@10 against its split's best on validation with a paired
interval, and the default recommender by compare's rule (docs/RANKING.md).
Model files are kept in OUT_DIR and reused when present (--retrain trains them again).

    python3 tests/bench/compare_presets.py DATA_DIR OUT_DIR [--presets a,b] [--splits notebook,per-user]
        [--max-readers 5000] [--bootstrap 1000] [--cli PATH] [--retrain] [--popularity-blend W]
        > table.md
"""
import argparse
import json
import os
import subprocess
import sys
import time

PRESETS = ["notebook-dot", "notebook-nn", "tuned-dot", "tuned-nn", "ranking-dot",
           "ease", "item-knn", "ials", "tuned-implicit"]
COLUMNS = [("precision", "P@10"), ("recall", "R@10"), ("ndcg", "NDCG@10"), ("map", "MAP@10"),
           ("coverage", "coverage"), ("mean_popularity", "popularity"),
           ("to_read_mean_hits", "to-read hits"), ("rmse", "RMSE"), ("mae", "MAE")]


def available_presets(cli):
    help_text = subprocess.run([cli, "train", "--help"], capture_output=True, text=True).stdout
    line = next((l for l in help_text.splitlines() if l.strip().startswith("--preset ")), "")
    return line.split()[1].split("|") if line else []


def cell(figure):
    if figure is None:
        return "-"
    digits = 0 if figure["metric"] == "mean_popularity" else 4
    if "low" not in figure:  # coverage: no interval (docs/RANKING.md says why)
        return "%.*f" % (digits, figure["value"])
    return "%.*f [%.*f, %.*f]" % (digits, figure["value"], digits, figure["low"], digits,
                                  figure["high"])


def difference(model, index, splits):
    """The run's NDCG@10 minus its split's best on validation, with the paired interval."""
    if any(split["best_on_validation"] == index for split in splits):
        return "best"
    d = model.get("ndcg_vs_best")
    if d is None:
        return "-"
    return "%+.4f [%+.4f, %+.4f]" % (d["value"], d["low"], d["high"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("out")
    parser.add_argument("--presets", default=",".join(PRESETS))
    parser.add_argument("--splits", default="notebook,per-user")
    parser.add_argument("--max-readers", default="5000")
    parser.add_argument("--bootstrap", default="1000")
    parser.add_argument("--cli", default="build/release/app/cli/shelfscope-cli")
    parser.add_argument("--retrain", action="store_true")
    parser.add_argument("--popularity-blend", default=None,
                        help="one blend weight for every model (default: each model's own)")
    args = parser.parse_args()
    known = available_presets(args.cli)
    presets = [p for p in args.presets.split(",") if p in known]
    skipped = [p for p in args.presets.split(",") if p not in known]
    if skipped:
        print("not in this build (skipped): " + ", ".join(skipped), file=sys.stderr)
    os.makedirs(args.out, exist_ok=True)
    models = []
    for preset in presets:
        for split in args.splits.split(","):
            path = os.path.join(args.out, "%s-%s.ssm" % (preset, split))
            models.append(path)
            if os.path.exists(path) and not args.retrain:
                continue
            start = time.time()
            subprocess.run([args.cli, "train", "--data", args.data, "--preset", preset,
                            "--split", split, "--save", path, "--json"],
                           check=True, stdout=subprocess.DEVNULL)
            print("trained %s on the %s split in %.0f s" % (preset, split, time.time() - start),
                  file=sys.stderr)
    command = [args.cli, "compare", "--data", args.data, "--max-readers", args.max_readers,
               "--bootstrap", args.bootstrap, "--json",
               "--csv", os.path.join(args.out, "compare.csv")]
    if args.popularity_blend is not None:
        command += ["--popularity-blend", args.popularity_blend]
    for path in models:
        command += ["--model", path]
    start = time.time()
    result = json.loads(subprocess.run(command, check=True, capture_output=True,
                                       text=True).stdout)
    seconds = time.time() - start
    print("| model | split | readers | " + " | ".join(label for _, label in COLUMNS) +
          " | validation NDCG@10 | NDCG@10 vs best |")
    print("| --- | --- | ---: | " + " | ".join("---" for _ in COLUMNS) + " | ---: | --- |")
    for index, model in enumerate(result["models"]):
        figures = {f["metric"]: f for f in model["figures"]}
        preset = model["name"].split(" ")[0]
        print("| %s | %s | %s | %s | %.4f | %s |" % (
            preset, model["split"], f"{model['readers']:,}",
            " | ".join(cell(figures.get(key)) for key, _ in COLUMNS), model["validation_ndcg"],
            difference(model, index, result["splits"])))
    print("\n" + result["reason"])
    print("\nCompare took %.0f s; %s bootstrap replicates, seed %s." % (
        seconds, result["bootstrap_replicates"], result["seed"]))


if __name__ == "__main__":
    main()
