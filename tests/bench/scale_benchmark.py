#!/usr/bin/env python3
"""Every CLI step at three sizes: goodbooks-10k's first release (about 1M ratings), a stand-in
for its later release (5,976,479 ratings, 53,424 readers, header user_id,book_id,rating) and a
25M-rating library (4.18 times the readers), with wall time and peak resident memory.

The two larger libraries are written by tests/bench/scale_library (built from the first
release's readers, books and stars; see docs/BENCHMARKS.md, "Scale") into WORK_DIR, which is
never part of the project; their books.csv, to_read.csv, tags.csv and book_tags.csv are links
to DATA_DIR's. Each step runs under `/usr/bin/time -v` in a fresh process, ROUNDS times (the
libraries in turn within a round, so a change in the machine's load falls on all of them), and
is checked: exit 0 and output that says it did the work (the rating count, a model file, 10,000
mapped books, ten recommendations). Prints each run, then a Markdown table of medians and the
time per million ratings.

    /usr/bin/python3 tests/bench/scale_benchmark.py DATA_DIR BUILD_DIR WORK_DIR [ROUNDS] [--reuse]
        [--gui [--gui-runs=map,readers,pca,ranking]]

With --gui instead of the CLI steps: the app, offscreen, opens each library, trains one epoch of
tuned-dot, shows reader 314 (their shelf and recommendations light up on the map) and draws the
t-SNE map, then saves the window to WORK_DIR/gui-SIZE-map.png and quits; further runs save the
Readers tab with that reader's recommendations (gui-SIZE-readers.png), the PCA map
(gui-SIZE-pca.png) and the Readers tab after one epoch of ranking-dot (gui-SIZE-ranking.png).
--gui-runs= picks some of the four (map, readers, pca, ranking). Settings and caches go to
WORK_DIR/gui-home, covers stay offline.
"""
import csv
import json
import os
import re
import statistics
import subprocess
import sys

LATER_RELEASE_RATINGS = 5_976_479
LATER_RELEASE_READERS = 53_424
LARGE_RATINGS = 25_000_000


def timed(command):
    """Runs command under /usr/bin/time -v; returns (stdout, wall seconds, CPU seconds (user and
    system), peak RSS in MiB)."""
    done = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stdout}\n{done.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", done.stderr)
    seconds = 0.0
    for part in wall.group(1).split(":"):
        seconds = seconds * 60 + float(part)
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): (\S+)", done.stderr).group(1))
              for kind in ("User", "System"))
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return done.stdout, seconds, cpu, peak_kb / 1024


def make_library(build, data, folder, ratings, readers, seed, reuse):
    path = os.path.join(folder, "ratings.csv")
    if reuse and os.path.exists(path):
        print(f"reusing {path}", flush=True)
        return
    out = subprocess.run([os.path.join(build, "tests/bench/scale_library"), "--data", data,
                          "--out", folder, "--ratings", str(ratings), "--readers", str(readers),
                          "--seed", str(seed)], check=True, capture_output=True, text=True).stdout
    print(out, end="", flush=True)


def last_json(text):
    return json.loads(text.strip().splitlines()[-1])


def steps(cli, folder, ratings, work):
    """(name, command, check of its output) for one library; models go to work."""
    tuned = os.path.join(work, "tuned-dot.ssm")
    ranking = os.path.join(work, "ranking-dot.ssm")
    mapped = os.path.join(work, "map.csv")

    def loaded(out):
        info = json.loads(out)
        assert info["ratings_kept"] == ratings and info["books"] == 10000, info
        assert info["books_with_genre"] > 9900, info

    def trained(out):
        run = last_json(out)
        assert run["outcome"] == "finished" and run["train_rows"] > 0.7 * ratings, run

    def ranked(out):
        trained(out)
        assert os.path.getsize(ranking) > 0

    def drawn(out):
        run = json.loads(out)
        with open(mapped, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        assert len(rows) == 10001, len(rows)
        assert run["genre_agreement"] > run["genre_agreement_chance"], run

    def listed(out):
        found = json.loads(out)
        books = found.get("items", found.get("similar"))
        assert len(books) == 10 and len({b["book_id"] for b in books}) == 10, out[:500]

    return [
        ("load (info)", [cli, "info", "--data", folder, "--json"], loaded),
        ("tuned-dot, 1 epoch", [cli, "train", "--data", folder, "--preset", "tuned-dot",
                                "--epochs", "1", "--save", tuned, "--json"], trained),
        ("ranking-dot, 1 epoch", [cli, "train", "--data", folder, "--preset", "ranking-dot",
                                  "--epochs", "1", "--save", ranking, "--json"], ranked),
        ("map, PCA", [cli, "map", "--model", tuned, "--method", "pca", "--out", mapped,
                      "--json"], drawn),
        ("map, t-SNE", [cli, "map", "--model", tuned, "--method", "tsne", "--out", mapped,
                        "--json"], drawn),
        ("recommend (reader 314)", [cli, "recommend", "--model", ranking, "--user", "314",
                                    "--json"], listed),
        ("similar (book 1)", [cli, "similar", "--model", tuned, "--book", "1", "--json"],
         listed),
    ]


GUI_RUNS = [
    # (name, preset trained, extra options, the table's label)
    ("map", "tuned-dot", ["--map", "tsne"], "open, tuned-dot 1 epoch, reader 314, t-SNE map"),
    ("readers", "tuned-dot", [], "open, tuned-dot 1 epoch, reader 314's list"),
    ("pca", "tuned-dot", ["--map", "pca"], "open, tuned-dot 1 epoch, reader 314, PCA map"),
    ("ranking", "ranking-dot", [], "open, ranking-dot 1 epoch, reader 314's list"),
]


def gui_runs(build, libraries, work, rounds, only):
    app = os.path.join(build, "app/gui/shelfscope")
    home = os.path.join(work, "gui-home")
    os.environ.update({"QT_QPA_PLATFORM": "offscreen", "SHELFSCOPE_COVERS_OFFLINE": "1",
                       "XDG_CONFIG_HOME": os.path.join(home, "config"),
                       "XDG_DATA_HOME": os.path.join(home, "data"),
                       "XDG_CACHE_HOME": os.path.join(home, "cache")})
    runs = [r for r in GUI_RUNS if not only or r[0] in only]
    results = {}
    for r in range(rounds):
        with open("/proc/loadavg") as f:
            print(f"GUI round {r + 1} (load average {f.read().split()[0]})", flush=True)
        for size, folder, _ in libraries:
            for view, preset, extra, _ in runs:
                shot = os.path.join(work, f"gui-{size}-{view}.png")
                if os.path.exists(shot):
                    os.remove(shot)
                _, seconds, cpu, peak = timed([app, "--data", folder, "--train", preset,
                                               "--epochs", "1", "--reader", "314",
                                               "--screenshot", shot] + extra)
                if not os.path.getsize(shot) > 10000:
                    sys.exit(f"{size} GUI {view}: no screenshot")
                results.setdefault((view, size), []).append((seconds, peak, cpu))
                print(f"  {size:4s} GUI {view:8s} {seconds:8.2f} s {cpu:8.2f} s CPU "
                      f"{peak:8.0f} MiB  {shot}", flush=True)
    print()
    print("| GUI run | " + " | ".join(f"{s} wall, s | {s} CPU, s | {s} peak, MiB"
                                       for s, _, _ in libraries) + " |")
    print("| --- |" + " --- | --- | --- |" * len(libraries))
    for view, _, _, label in runs:
        cells = []
        for size, _, _ in libraries:
            got = results[(view, size)]
            cells.append(f"{statistics.median(s for s, _, _ in got):.2f} | "
                         f"{statistics.median(c for _, _, c in got):.2f} | "
                         f"{max(p for _, p, _ in got):.0f}")
        print(f"| {label} | " + " | ".join(cells) + " |")


def main():
    reuse = "--reuse" in sys.argv
    gui = "--gui" in sys.argv
    only = []
    for a in sys.argv[1:]:
        if a.startswith("--gui-runs="):
            only = a.split("=", 1)[1].split(",")
    args = [a for a in sys.argv[1:] if a not in ("--reuse", "--gui") and
            not a.startswith("--gui-runs=")]
    data, build, work = (os.path.abspath(a) for a in args[:3])
    rounds = int(args[3]) if len(args) > 3 else 3
    cli = os.path.join(build, "app/cli/shelfscope-cli")
    large_readers = round(LATER_RELEASE_READERS * LARGE_RATINGS / LATER_RELEASE_RATINGS)
    libraries = [("1M", data, 979_478),
                 ("6M", os.path.join(work, "goodbooks-6m"), LATER_RELEASE_RATINGS),
                 ("25M", os.path.join(work, "library-25m"), LARGE_RATINGS)]
    make_library(build, data, libraries[1][1], LATER_RELEASE_RATINGS, LATER_RELEASE_READERS, 1,
                 reuse)
    make_library(build, data, libraries[2][1], LARGE_RATINGS, large_readers, 2, reuse)
    print(subprocess.run([cli, "--version"], capture_output=True, text=True).stdout.strip())
    if gui:
        gui_runs(build, libraries, work, rounds, only)
        return

    results = {}
    for r in range(rounds):
        with open("/proc/loadavg") as f:
            print(f"round {r + 1} (load average {f.read().split()[0]})", flush=True)
        for size, folder, ratings in libraries:
            models = os.path.join(work, "models-" + size)
            os.makedirs(models, exist_ok=True)
            for name, command, check in steps(cli, folder, ratings, models):
                out, seconds, cpu, peak = timed(command)
                try:
                    check(out)
                except (AssertionError, KeyError, ValueError) as error:
                    sys.exit(f"{size} {name}: unexpected output ({error})\n{out[:2000]}")
                results.setdefault((name, size), []).append((seconds, peak, cpu))
                print(f"  {size:4s} {name:24s} {seconds:8.2f} s {cpu:8.2f} s CPU {peak:8.0f} MiB",
                      flush=True)

    sizes = [size for size, _, _ in libraries]
    millions = {size: ratings / 1e6 for size, _, ratings in libraries}
    print()
    print("Wall time: median (min-max) of the rounds; CPU: median user + system seconds; peak: the "
          "largest of the rounds.")
    print()
    print("| step | " + " | ".join(f"{s} wall, s | {s} CPU, s | {s} peak, MiB" for s in sizes) +
          " | CPU s per M ratings, " + " / ".join(sizes) + " |")
    print("| --- |" + " --- | --- | --- |" * len(sizes) + " --- |")
    for name, _, _ in steps(cli, data, 0, work):
        cells, per_million = [], []
        for size in sizes:
            runs = results[(name, size)]
            seconds = statistics.median(s for s, _, _ in runs)
            cpu = statistics.median(c for _, _, c in runs)
            peak = max(p for _, p, _ in runs)
            cells.append(f"{seconds:.2f} ({min(s for s, _, _ in runs):.2f}-"
                         f"{max(s for s, _, _ in runs):.2f}) | {cpu:.2f} | {peak:.0f}")
            per_million.append(f"{cpu / millions[size]:.2f}")
        print(f"| {name} | " + " | ".join(cells) + " | " + " / ".join(per_million) + " |")


if __name__ == "__main__":
    main()
