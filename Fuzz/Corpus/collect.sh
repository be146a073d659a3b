#!/usr/bin/env bash
# Refreshes the seed corpus from the inputs the repository ships: every file is copied under
# Fuzz/Corpus/<target>/ with its folder in the name, cut at a line end to at most 8 KiB (the
# fuzzers' -max_len). Hand-made seeds (edge-*) are left alone. Run from anywhere:
#   Fuzz/Corpus/collect.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=Fuzz/Corpus
limit=8192

# seed TARGET FILE...: copies each file, cut to the limit, as <folder>-<name>.
seed() {
    local target=$1
    shift
    mkdir -p "$corpus/$target"
    for file in "$@"; do
        local name
        name=$(echo "$file" | sed -e 's|^Scenarios/||' -e 's|^Examples/|example-|' \
            -e 's|^Data/||' -e 's|/|-|g')
        head -c "$limit" "$file" | awk -v whole="$(wc -c < "$file")" -v limit="$limit" \
            'whole <= limit { print; next } { lines[NR] = $0 } END {
                 if (whole > limit) for (i = 1; i < NR; i++) print lines[i] }' \
            > "$corpus/$target/$name"
    done
}

rm -f "$corpus"/*/[!e]* "$corpus"/*/e[!d]* 2>/dev/null || true

tables=(Examples/*/*.csv Scenarios/*/*.csv Data/census/*.csv Tests/CoverageTests/Fixtures/*.csv)
documents=(Scenarios/targets/*.yaml Scenarios/service-lists/*.yaml Examples/small-city/targets.yaml)
scenarios=(Examples/*/scenario.yaml Scenarios/*/scenario.yaml Scenarios/*/variants/*.yaml)

seed csv "${tables[@]}"
seed region-tables Examples/*/regions.csv Examples/*/facilities.csv Examples/*/elderly.csv \
    Examples/*/unit-costs.csv Scenarios/*/regions.csv Scenarios/*/facilities-*.csv \
    Scenarios/*/unit-costs.csv
seed demography-tables Examples/demography/*.csv Examples/entitlements/assessments.csv \
    Scenarios/anshan/capability-levels.csv Scenarios/anshan/death-rates-wpp2024.csv \
    Scenarios/anshan/fertility-pattern-wpp2024.csv Scenarios/*/population-2020-census.csv \
    Data/census/*.csv
seed documents "${documents[@]}"
seed yaml "${scenarios[@]}" "${documents[@]}"
seed scenario "${scenarios[@]}"
# Workbooks whole (a zip archive cut short is no seed): the example register and the reader's
# test workbook (not the zip bomb, larger than -max_len).
mkdir -p "$corpus/xlsx"
cp Examples/register/register.xlsx "$corpus/xlsx/example-register.xlsx"
cp Tests/XLSXTests/Fixtures/cells.xlsx "$corpus/xlsx/Tests-XLSXTests-Fixtures-cells.xlsx"
# The scenario target loads its input from Scenarios/fuzz/ beside a copy of Weibin's folder
# (see Fixtures.swift): bases and shared files are named from there.
sed -i -e 's|^extends: \.\./\.\./Scenarios/[a-z]*|extends: ../weibin|' \
    -e 's|^extends: \.\.$|extends: ../weibin|' -e 's|\.\./\.\./Scenarios/|../|' \
    "$corpus"/scenario/*
# The examples' own tables are there under their folder's name: small-city-regions.csv.
for example in small-city facilities; do
    sed -i -E "s/([ {:,[])([a-z][a-z0-9-]*\.(csv|yaml))/\1$example-\2/g" \
        "$corpus/scenario/example-$example-scenario.yaml"
done
# Identical files once: keep the first name.
for target in "$corpus"/*/; do
    declare -A seen=()
    for file in "$target"*; do
        sum=$(sha1sum < "$file" | cut -c1-40)
        if [ -n "${seen[$sum]:-}" ]; then rm "$file"; else seen[$sum]=1; fi
    done
    unset seen
done
du -sh "$corpus"
