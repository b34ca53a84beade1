#!/usr/bin/env python3
"""The kernels' paths against a native build: notebook-dot, notebook-nn and t-SNE.

Variants: the native build (-march=native), the portable build on its own choice of path, and
the portable build forced onto each path (SHELFSCOPE_CPU_PATH). Each round runs every variant
once per workload, in turn, so a change in the machine's load falls on all of them alike.
Training: `shelfscope-cli train --preset P --threads 1 --json` (train_seconds of its last line);
t-SNE: `tsne_benchmark --runs 1` (the map's seconds, 1,000 iterations, 2 threads). Prints each
round, then medians (min-max) and each variant's ratio to the native build, as Markdown.

    /usr/bin/python3 tests/bench/cpu_paths_benchmark.py DATA_DIR NATIVE_BUILD PORTABLE_BUILD \
        [ROUNDS]
"""
import json
import os
import re
import statistics
import subprocess
import sys


def variants(native, portable):
    return [
        ("native", native, None),
        ("portable, auto", portable, None),
        ("portable, baseline", portable, "baseline"),
        ("portable, avx2", portable, "avx2"),
        ("portable, avx512", portable, "avx512"),
    ]


def run(command, path):
    env = dict(os.environ)
    env.pop("SHELFSCOPE_CPU_PATH", None)
    if path:
        env["SHELFSCOPE_CPU_PATH"] = path
    return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout


def train_seconds(build, path, data, preset):
    cli = os.path.join(build, "app/cli/shelfscope-cli")
    out = run([cli, "train", "--data", data, "--preset", preset, "--threads", "1", "--json"],
              path)
    last = json.loads(out.strip().splitlines()[-1])
    return last["train_seconds"], last["test_mse"]


def tsne_seconds(build, path, data):
    bench = os.path.join(build, "tests/bench/tsne_benchmark")
    out = run([bench, "--data", data, "--runs", "1"], path)
    match = re.search(r"run 1: ([0-9.]+) s .*KL ([0-9.]+)", out)
    kernels = re.search(r"^kernels: (.*)$", out, re.M)
    return float(match.group(1)), float(match.group(2)), kernels.group(1)


def main():
    data, native, portable = sys.argv[1:4]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    workloads = ["notebook-dot", "notebook-nn", "t-SNE"]
    times = {(w, v[0]): [] for w in workloads for v in variants(native, portable)}
    results = {}
    for name, build, path in variants(native, portable):
        cli = os.path.join(build, "app/cli/shelfscope-cli")
        print(f"{name}: {run([cli, '--version'], path).strip().splitlines()[-1]}", flush=True)
    for r in range(rounds):
        with open("/proc/loadavg") as f:
            load = f.read().split()[0]
        print(f"round {r + 1} (load average {load})", flush=True)
        for workload in workloads:
            for name, build, path in variants(native, portable):
                if workload == "t-SNE":
                    seconds, kl, _ = tsne_seconds(build, path, data)
                    results[(workload, name)] = f"KL {kl:.4f}"
                else:
                    seconds, mse = train_seconds(build, path, data, workload)
                    results[(workload, name)] = f"test MSE {mse:.10f}"
                times[(workload, name)].append(seconds)
                print(f"  {workload:12s} {name:20s} {seconds:7.3f} s  {results[(workload, name)]}",
                      flush=True)
    print()
    print("| workload | variant | median (min-max), s | against native | result of the last round |")
    print("| --- | --- | --- | --- | --- |")
    for workload in workloads:
        base = statistics.median(times[(workload, "native")])
        for name, _, _ in variants(native, portable):
            t = times[(workload, name)]
            median = statistics.median(t)
            print(f"| {workload} | {name} | {median:.3f} ({min(t):.3f}-{max(t):.3f}) | "
                  f"{median / base:.2f}x | {results[(workload, name)]} |")


if __name__ == "__main__":
    main()
