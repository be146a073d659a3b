#!/usr/bin/env bash
# Checks the reports as a reader would: runs the small example city, opens its annual report
# in headless Chromium (no console errors, one row per target, every chart drawn, a screenshot
# saved in Output/screenshots/), and reads its workbook back with openpyxl against the CSV.
# Needs the Debian packages chromium and fonts-noto-cjk, and openpyxl from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${YANGLAO:-.build/debug/yanglao}
[ -x "$binary" ] || swift build --product yanglao
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$binary" run Examples/small-city --out "$out" --run-id check --quiet
run="$out/small-city/check"
"$binary" districts "$run" --level county --quiet
"$binary" report "$run" --year 2021 --lang en --quiet
targets=$(grep -c "^ex\." "$run/report-2022.csv")

mkdir -p Output/screenshots
python3 Scripts/check-report.py "$run/report-2022.html" --targets "$targets" \
    --screenshot Output/screenshots/report-2022.png
python3 Scripts/check-report.py "$run/report-2021-en.html" --targets "$targets" \
    --screenshot Output/screenshots/report-2021-en.png
python3 Scripts/check-report.py "$run/districts-county-2022.html" \
    --screenshot Output/screenshots/districts-county-2022.png
python3 Scripts/check-workbook.py "$run/report-2022.xlsx" "$run/report-2022.csv"
python3 Scripts/check-workbook.py "$run/report-2021-en.xlsx" "$run/report-2021-en.csv"
echo "Screenshots: Output/screenshots/"
