#!/usr/bin/env python3
"""The kernels' paths against a native build: notebook-dot, notebook-nn and t-SNE.

Variants: the native build (-march=native), the portable build on its own choice of path, and
the portable build forced onto each path (SHELFSCOPE_CPU_PATH). Each round runs every variant
once per workload, in turn, so a change in the machine's load falls on all of them alike.
Training: `train_benchmark --presets P --runs 1 --threads 1` (the training's wall seconds, and
the process's CPU seconds over the split, training and evaluation); t-SNE: `tsne_benchmark
--runs 1` (the map's wall seconds and the process's CPU seconds over it, 1,000 iterations,
2 threads). On a machine shared with other work the CPU seconds leave out the time others had
the cores, which the wall clock counts. Prints each round, then medians (min-max) of both and
each variant's ratio to the native build, as Markdown.

    /usr/bin/python3 tests/bench/cpu_paths_benchmark.py DATA_DIR NATIVE_BUILD PORTABLE_BUILD \
        [ROUNDS]
"""
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


def kernels_line(out):
    return re.search(r"^kernels: (.*)$", out, re.M).group(1)


def train_seconds(build, path, data, preset):
    bench = os.path.join(build, "tests/bench/train_benchmark")
    out = run([bench, "--data", data, "--presets", preset, "--runs", "1", "--threads", "1"],
              path)
    match = re.search(r"run 1: ([0-9.]+) s training, process CPU ([0-9.]+) s, test MSE "
                      r"([0-9.]+)", out)
    return float(match.group(1)), float(match.group(2)), f"test MSE {match.group(3)}", \
        kernels_line(out)


def tsne_seconds(build, path, data):
    bench = os.path.join(build, "tests/bench/tsne_benchmark")
    out = run([bench, "--data", data, "--runs", "1"], path)
    match = re.search(r"run 1: ([0-9.]+) s .*process CPU ([0-9.]+) s\), KL ([0-9.]+)", out)
    return float(match.group(1)), float(match.group(2)), f"KL {match.group(3)}", \
        kernels_line(out)


def table(title, times, results, workloads, names):
    print()
    print(f"{title}:")
    print()
    print("| workload | variant | median (min-max), s | against native | result of the last round |")
    print("| --- | --- | --- | --- | --- |")
    for workload in workloads:
        base = statistics.median(times[(workload, "native")])
        for name in names:
            t = times[(workload, name)]
            median = statistics.median(t)
            print(f"| {workload} | {name} | {median:.3f} ({min(t):.3f}-{max(t):.3f}) | "
                  f"{median / base:.2f}x | {results[(workload, name)]} |")


def main():
    data, native, portable = sys.argv[1:4]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    workloads = ["notebook-dot", "notebook-nn", "t-SNE"]
    names = [v[0] for v in variants(native, portable)]
    wall = {(w, n): [] for w in workloads for n in names}
    cpu = {(w, n): [] for w in workloads for n in names}
    results = {}
    for r in range(rounds):
        with open("/proc/loadavg") as f:
            load = f.read().split()[0]
        print(f"round {r + 1} (load average {load})", flush=True)
        for workload in workloads:
            for name, build, path in variants(native, portable):
                if workload == "t-SNE":
                    seconds, cpu_seconds, result, kernels = tsne_seconds(build, path, data)
                else:
                    seconds, cpu_seconds, result, kernels = train_seconds(build, path, data,
                                                                          workload)
                if r == 0 and workload == workloads[0]:
                    print(f"  {name}: {kernels}", flush=True)
                results[(workload, name)] = result
                wall[(workload, name)].append(seconds)
                cpu[(workload, name)].append(cpu_seconds)
                print(f"  {workload:12s} {name:20s} {seconds:7.3f} s, CPU {cpu_seconds:7.3f} s  "
                      f"{result}", flush=True)
    table("Wall-clock seconds", wall, results, workloads, names)
    table("CPU seconds of the process", cpu, results, workloads, names)


if __name__ == "__main__":
    main()
