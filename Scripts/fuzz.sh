#!/usr/bin/env bash
# Builds the fuzz targets of Fuzz/ with libFuzzer and AddressSanitizer, replays the inputs that
# once crashed (Fuzz/Regressions/<target>/), then fuzzes every target for a bounded time,
# starting from its committed seeds (Fuzz/Corpus/<target>/).
#   Scripts/fuzz.sh                 60 s per target, every target
#   Scripts/fuzz.sh 600             10 minutes per target
#   Scripts/fuzz.sh 60 csv yaml     only the targets named
# FUZZ_JOBS (default 2) targets run at once, each on one core. Exits 1 if any input crashed,
# hung for more than 10 s or took more than 2 GiB; the inputs are kept under the scratch
# folder it prints, never in the repository. The seeds are copied there first, so that what
# the fuzzer adds to them stays out of the repository too.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
all=(csv yaml scenario region-tables demography-tables documents xlsx)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
jobs=${FUZZ_JOBS:-2}

# Inputs of at most 8 KiB: the YAML parser refuses nesting deeper than 64, so longer inputs no
# longer run it out of stack (Fuzz/Regressions/yaml/ holds the case of 4,000 levels). Workbooks
# are zip archives whose smallest real ones are 5–10 KiB: 32 KiB for them.
max_len() {
    if [ "$1" = xlsx ]; then echo 32768; else echo 8192; fi
}

echo "== Building the fuzz targets (release, -sanitize=fuzzer,address)"
start=$(date +%s)
swift build -c release --package-path Fuzz --product yanglao-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
binary=Fuzz/.build/release/yanglao-fuzz
echo "Built in $(($(date +%s) - start)) s."

scratch=$(mktemp -d "${TMPDIR:-/tmp}/yanglao-fuzz.XXXXXX")
export TMPDIR=$scratch
# Leaks are not findings: Foundation's file reading reports some of its own at exit.
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
# Swift's own backtracer would take a trap from libFuzzer, which then keeps no crashing input.
export SWIFT_BACKTRACE=enable=no
options=(-timeout=10 -rss_limit_mb=2048 -detect_leaks=0)

failed=0
echo "== Replaying the inputs that once crashed"
for target in "${targets[@]}"; do
    folder=Fuzz/Regressions/$target
    inputs=()
    if [ -d "$folder" ]; then
        while IFS= read -r -d '' file; do inputs+=("$file"); done \
            < <(find "$folder" -type f ! -name '*.md' -print0 | sort -z)
    fi
    [ ${#inputs[@]} -gt 0 ] || continue
    mkdir -p "$scratch/artifacts/$target"
    if "$binary" --target="$target" "${options[@]}" \
        -artifact_prefix="$scratch/artifacts/$target/" "${inputs[@]}" \
        >"$scratch/$target-regressions.log" 2>&1; then
        echo "$target: ${#inputs[@]} inputs pass"
    else
        echo "$target: a regression input fails (log: $scratch/$target-regressions.log):"
        grep -E -A 8 "^Running:|ERROR|Fatal error|ALARM|out-of-memory" \
            "$scratch/$target-regressions.log" | grep -v "^INFO" | head -24 || true
        failed=1
    fi
done

echo "== Fuzzing ${targets[*]} for $seconds s each, $jobs at a time"
fuzz() {
    local target=$1
    mkdir -p "$scratch/corpus/$target" "$scratch/artifacts/$target"
    cp Fuzz/Corpus/"$target"/* "$scratch/corpus/$target/" 2>/dev/null || true
    local status=0
    "$binary" --target="$target" "${options[@]}" -max_len="$(max_len "$target")" \
        -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$scratch/artifacts/$target/" "$scratch/corpus/$target" \
        >"$scratch/$target.log" 2>&1 || status=$?
    echo "$status" >"$scratch/$target.status"
}
running=0
for target in "${targets[@]}"; do
    fuzz "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait || true

printf '%-18s %12s %9s %7s  %s\n' target executions "exec/s" corpus result
for target in "${targets[@]}"; do
    log=$scratch/$target.log
    # The final statistics, or the last status line when the run stopped at a crash.
    runs=$(grep -o 'number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' ||
        grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || echo 0)
    rate=$(grep -o 'average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    corpus=$(find "$scratch/corpus/$target" -type f | wc -l)
    status=$(cat "$scratch/$target.status" 2>/dev/null || echo "?")
    if [ "$status" = 0 ]; then
        result=ok
    else
        failed=1
        artifact=$(find "$scratch/artifacts/$target" -type f | head -1)
        result="FAILED (exit $status) ${artifact:-see $log}"
    fi
    printf '%-18s %12s %9s %7s  %s\n' "$target" "$runs" "$rate" "$corpus" "$result"
done

if [ "$failed" = 0 ]; then
    echo "Fuzzing: no crash, hang or memory blowup in $seconds s per target."
    rm -rf "$scratch"
else
    for target in "${targets[@]}"; do
        log=$scratch/$target.log
        [ "$(cat "$scratch/$target.status" 2>/dev/null || echo 0)" = 0 ] && continue
        echo "== $target"
        grep -E -A 12 "^==[0-9]+==ERROR|Fatal error|ALARM|out-of-memory" "$log" | head -40 || true
        grep -E "^(Base64|artifact_prefix)" "$log" || true
    done
    echo "Fuzzing found problems; logs, crashing inputs and the grown corpus are in $scratch."
    echo "Minimise an input: ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no" \
        "$binary --target=NAME -minimize_crash=1 -runs=10000 INPUT (see Fuzz/README.md)"
    exit 1
fi
