#!/usr/bin/env bash
# Builds the asan (AddressSanitizer, LeakSanitizer, UBSan) and tsan (ThreadSanitizer) presets
# and runs the whole suite under each; exits non-zero on any failed test or any sanitizer
# report, including one from a program a test starts (shelfscope-cli, the GUI), whose stderr
# the test may keep to itself: every report also goes to a file under build/sanitize-reports.
# Not part of the README's test command: it takes about an hour on 2 cores (docs/SANITIZERS.md).
#
#   packaging/sanitize.sh [asan] [tsan]      (both when none is named)
#
# Set SHELFSCOPE_DATA to include the suites that read the real goodbooks-10k files (label
# `data`); they show as skipped otherwise. SHELFSCOPE_JOBS sets build and test parallelism.
# Besides the report files it writes, per preset, build/sanitize-reports/<preset>-ctest.log
# (ctest's output) and <preset>-suites.md (a row per suite: result, seconds, Qt Test's totals),
# and prints the commit, the machine's load before and after, and the wall time of each step.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

presets=("$@")
[ ${#presets[@]} -eq 0 ] && presets=(asan tsan)
jobs=${SHELFSCOPE_JOBS:-$(nproc)}
export QT_QPA_PLATFORM=offscreen
if command -v ccache >/dev/null; then
    export CMAKE_CXX_COMPILER_LAUNCHER=ccache CMAKE_C_COMPILER_LAUNCHER=ccache
fi

status=0
summary=("commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)'), $(nproc) cores, load at start:$(cut -d' ' -f1-3 /proc/loadavg)")
script_start=$(date +%s)
for preset in "${presets[@]}"; do
    case "$preset" in
    asan | tsan) ;;
    *) echo "sanitize.sh: unknown preset '$preset' (asan or tsan)" >&2; exit 2 ;;
    esac
    echo "== $preset: configure and build"
    build_start=$(date +%s)
    if ! cmake --preset "$preset" >/dev/null || ! cmake --build --preset "$preset" --parallel "$jobs"
    then
        echo "sanitize.sh: the $preset build failed" >&2
        exit 1
    fi
    build_seconds=$(($(date +%s) - build_start))

    reports="$root/build/sanitize-reports/$preset"
    rm -rf "$reports"
    mkdir -p "$reports"
    # Run as root, tst_badinput and tst_badinputgui run instrumented programs as the user nobody
    # (file modes do not stop root). A sanitizer that cannot open its log file dies with
    # "Can't open file" and the report is lost: the folder is writable by all, as /tmp is.
    chmod 755 "$root/build/sanitize-reports"
    chmod 1777 "$reports"
    # The test presets hold the options (halt on the first report, leak checks, suppressions);
    # these add where the reports go, and are appended to the presets' own.
    export ASAN_OPTIONS="log_path=$reports/asan"
    export UBSAN_OPTIONS="log_path=$reports/ubsan"
    export TSAN_OPTIONS="log_path=$reports/tsan"
    export LSAN_OPTIONS=""

    echo "== $preset: ctest (${SHELFSCOPE_DATA:+SHELFSCOPE_DATA=$SHELFSCOPE_DATA, }$jobs at a time)"
    log="build/$preset/Testing/Temporary/LastTest.log"
    rm -f "$log" # a run that starts no test must not leave the last run's results to count
    start=$(date +%s)
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    # The package test builds the Debian package: nothing of it runs instrumented.
    ctest --preset "$preset" --parallel "$jobs" --timeout 3600 -LE package 2>&1 |
        tee "$root/build/sanitize-reports/$preset-ctest.log"
    ctest_status=${PIPESTATUS[0]}
    seconds=$(($(date +%s) - start))
    load_after=$(cut -d' ' -f1-3 /proc/loadavg)
    touch "$log"
    # A row per ctest entry, in the order they ended: its result, seconds and Qt Test's totals.
    {
        echo "| Suite | Result | Seconds | Qt Test totals |"
        echo "| --- | --- | --- | --- |"
        awk '
            /^[0-9]+\/[0-9]+ Test: / { name = $3; totals = "-"; time = "-"; disabled = 0 }
            /^Command: ""$/ { disabled = 1 } # a DISABLED entry, which the log calls passed
            /^Totals: / { totals = $2 " passed, " $4 " failed, " $6 " skipped" }
            /^Test time = / { time = $4 }
            /^Test (Passed|Failed|Skipped|Not Run)/ && name != "" {
                result = $0; sub(/^Test /, "", result); sub(/\.$/, "", result)
                if (disabled) { result = "Disabled"; time = "-" }
                printf "| %s | %s | %s | %s |\n", name, result, time, totals; name = ""
            }' "$log"
    } >"$root/build/sanitize-reports/$preset-suites.md"
    suites=$(grep -c '^[0-9]*/[0-9]* Test: ' "$log" || true)
    # Each suite's last line: "Totals: P passed, F failed, S skipped, B blacklisted, T ms".
    functions=$(grep -ho 'Totals: [0-9]* passed, [0-9]* failed, [0-9]* skipped' "$log" |
        awk '{p += $2; f += $4; s += $6} END {printf "%d passed, %d failed, %d skipped", p, f, s}')

    found=$(find "$reports" -type f | sort)
    if [ -n "$found" ]; then
        echo "== $preset: sanitizer reports" >&2
        for file in $found; do
            echo "--- $file" >&2
            cat "$file" >&2
        done
        status=1
    fi
    [ $ctest_status -ne 0 ] && status=1
    count=$(printf '%s' "$found" | grep -c . || true)
    summary+=("$preset: build ${build_seconds} s; $suites suites, test functions $functions, ${seconds} s, ctest exit $ctest_status, $count report file(s); load $load_before before, $load_after after; per suite: build/sanitize-reports/$preset-suites.md")
done
summary+=("wall time $(($(date +%s) - script_start)) s, load at end:$(cut -d' ' -f1-3 /proc/loadavg)")

echo "== summary"
printf '%s\n' "${summary[@]}"
exit $status
