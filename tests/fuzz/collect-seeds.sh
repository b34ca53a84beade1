#!/usr/bin/env bash
# Builds the CSV fuzz targets' seed corpora from the fixtures under tests/data: every file named
# like the target's (ratings.csv, ratings.csv.gz, ...), each twice: as the file itself (first
# byte '0': read as it is, a .gz one through the inflater) and as its text to be compressed by
# the target (first byte '1'). Usage: collect-seeds.sh TEST_DATA_DIR OUT_DIR
set -euo pipefail
data="$1"
out="$2"

for name in ratings books book_tags tags; do
    dir="$out/$name"
    rm -rf "$dir"
    mkdir -p "$dir"
    n=0
    while IFS= read -r -d '' file; do
        n=$((n + 1))
        { printf '0'; cat "$file"; } >"$dir/$n-plain"
        if [[ "$file" == *.gz ]]; then
            # A damaged .gz (the truncated and corrupt fixtures) gives what inflates before it.
            { printf '1'; gzip -dc "$file" 2>/dev/null || true; } >"$dir/$n-text"
        else
            { printf '1'; cat "$file"; } >"$dir/$n-text"
        fi
    done < <(find "$data" \( -name "$name.csv" -o -name "$name.csv.gz" \) -print0 | sort -z)
    echo "collect-seeds: $name: $((2 * n)) seeds from $n fixtures"
done
