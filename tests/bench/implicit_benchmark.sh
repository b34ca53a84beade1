#!/usr/bin/env bash
# tuned-implicit beside tuned-dot on the notebook split of goodbooks-10k: test RMSE and MAE,
# training seconds and peak memory (maximum resident set of the whole CLI run), each preset run
# RUNS times, interleaved, then the medians. Both train on all the notebook's training rows (no
# validation slice) and are measured on its 196,352 test rows.
#
#   bash tests/bench/implicit_benchmark.sh DATA_DIR [RUNS=3]
set -euo pipefail
data=${1:?usage: implicit_benchmark.sh DATA_DIR [RUNS]}
runs=${2:-3}
cli=${SHELFSCOPE_CLI:-build/release/app/cli/shelfscope-cli}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for ((run = 1; run <= runs; run++)); do
    for preset in tuned-dot tuned-implicit; do
        /usr/bin/time -f '%M' -o "$out/$preset.$run.kb" \
            "$cli" train --data "$data" --preset "$preset" --json >"$out/$preset.$run.json"
    done
done
/usr/bin/python3 - "$out" "$runs" <<'PY'
import json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
print("| preset | test RMSE | test MAE | train s (median) | peak MiB (median) | runs |")
print("| --- | --- | --- | --- | --- | --- |")
for preset in ("tuned-dot", "tuned-implicit"):
    rmse, mae, seconds, mib = [], [], [], []
    for run in range(1, runs + 1):
        lines = open(f"{out}/{preset}.{run}.json").read().split("\n")
        summary = json.loads([l for l in lines if l.strip()][-1])
        rmse.append(summary["test_rmse"]); mae.append(summary["test_mae"])
        seconds.append(summary["train_seconds"])
        mib.append(int(open(f"{out}/{preset}.{run}.kb").read().split()[-1]) / 1024)
    print(f"| {preset} | {statistics.median(rmse):.4f} | {statistics.median(mae):.4f} | "
          f"{statistics.median(seconds):.1f} ({', '.join(f'{s:.1f}' for s in seconds)}) | "
          f"{statistics.median(mib):.0f} | {runs} |")
PY
