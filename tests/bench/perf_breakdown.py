#!/usr/bin/env python3
"""Where the CPU time of `perf record` profiles of shelfscope-cli and shelfscope goes, by what
it is: the app's GUI thread as a whole, the other threads' samples by symbol (training kernels,
loading, predictions, the split's permutation, model snapshots, the readers' shelves, the rest).

Files are grouped by their name up to the first dot (cli25m.1.data and cli25m.2.data are both
"cli25m"); each group prints the median CPU seconds of its files per category (samples divided
by the sampling frequency, --frequency, 499 unless told).

    /usr/bin/python3 tests/bench/perf_breakdown.py [--frequency=499] FILE.data...

docs/BENCHMARKS.md ("Scale", "Where the difference goes") has the commands that made the
profiles and the table this printed.
"""
import collections
import os
import re
import statistics
import subprocess
import sys

# First match wins, so the kernels' names come before the looser loading patterns.
CATEGORIES = [
    ("training kernels", r"gather|scatter|Adam|step|settle|prefetch|computeGradients|"
                         r"addGradient|catchUp|EpochOrder|collectDistinctRows|appendRow"),
    ("split permutation", r"numpyLegacyPermutation"),
    ("predictions", r"DotModel::predict|assessPredictions"),
    ("snapshot copies", r"copyFloats"),
    ("readers' shelves", r"ShelfEntry|ReaderShelves|groupRowsByUser"),
    ("loading, split rows, baseline", r"parse|CsvReader|loadRatings|readPositiveId|inflate|"
                                      r"dropEarlier|prepareTraining|fitBiasBaseline"),
]
GUI_THREAD = "shelfscope"  # the app's main thread keeps the program's name; pool threads do not
SAMPLE = re.compile(r"\s*(\d+)\s+(shelfscope-cli|shelfscope|Thread \(pooled\))\s+(\S+)\s+"
                    r"\[.\]\s+(.*)")


def categories(path):
    report = subprocess.run(["perf", "report", "-i", path, "--no-children", "--sort",
                             "comm,dso,sym", "-F", "sample,comm,dso,sym", "--stdio"],
                            capture_output=True, text=True)
    if report.returncode != 0:
        sys.exit(f"{path}: perf report failed: {report.stderr.strip()}")
    samples = collections.Counter()
    for line in report.stdout.splitlines():
        m = SAMPLE.match(line)
        if not m:
            continue
        count, thread, symbol = int(m.group(1)), m.group(2), m.group(4)
        if thread == GUI_THREAD:
            samples["GUI thread"] += count
            continue
        for name, pattern in CATEGORIES:
            if re.search(pattern, symbol):
                samples[name] += count
                break
        else:
            samples["the rest"] += count
    return samples


def main():
    frequency = 499.0
    files = []
    for a in sys.argv[1:]:
        if a.startswith("--frequency="):
            frequency = float(a.split("=", 1)[1])
        else:
            files.append(a)
    if not files:
        sys.exit(__doc__)
    groups = collections.defaultdict(list)
    for path in files:
        groups[os.path.basename(path).split(".")[0]].append(categories(path))
    names = [n for n, _ in CATEGORIES] + ["GUI thread", "the rest"]
    print("| CPU s | " + " | ".join(groups) + " |")
    print("| --- |" + " --- |" * len(groups))
    medians = {g: {n: statistics.median(r[n] / frequency for r in runs) for n in names}
               for g, runs in groups.items()}
    for name in names:
        print(f"| {name} | " + " | ".join(f"{medians[g][name]:.2f}" for g in groups) + " |")
    # The rows' medians may come from different runs; their sum is the total the rows add up to,
    # and the median of the runs' own totals is given beside it.
    print("| total (sum of the rows) | " +
          " | ".join(f"{sum(medians[g].values()):.2f}" for g in groups) + " |")
    print("| median of the runs' totals | " +
          " | ".join(f"{statistics.median(sum(r.values()) / frequency for r in runs):.2f}"
                     for runs in groups.values()) + " |")
    print(f"\n(medians of {', '.join(f'{g}: {len(r)}' for g, r in groups.items())} files)")


if __name__ == "__main__":
    main()
