#!/usr/bin/env bash
# Runs one fuzz target for a while from its corpus and seeds; fails on any finding (a crash, a
# sanitizer report, a leak, an input that takes over 10 s or an allocation over 2 GB).
# Usage: run-fuzzer.sh TARGET_BINARY WORK_DIR SECONDS DICTIONARY SEED_DIR...
# WORK_DIR keeps the corpus the runs grow (corpus/) and any crashing input (artifacts/).
set -euo pipefail
binary="$1"
work="$2"
seconds="$3"
dictionary="$4"
shift 4

mkdir -p "$work/corpus" "$work/artifacts"
status=0
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -dict="$dictionary" -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
    "$work/corpus" "$@" || status=$?
if [ "$status" -ne 0 ]; then
    echo "run-fuzzer: $(basename "$binary") found a problem (exit $status); the input is in" \
        "$work/artifacts/" >&2
fi
exit "$status"
