#!/usr/bin/env bash
# The workbench in a real browser (headless Chromium from Debian): starts `yanglao serve` on
# Anshan on a free loopback port, opens the page with the plan as loaded and with the
# nursing conversions cut to 20 beds a year (a link carrying ?set=…, as the page's controls
# send it), checks that the verdict of as.nursing-bed-share changes from met to missed, saves
# screenshots in Chinese and English, and stops the server it started.
#   Scripts/check-workbench.sh [SCREENSHOT_DIR]   (default: .build/workbench-screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
yanglao=${YANGLAO:-.build/release/yanglao}
shots=${1:-.build/workbench-screenshots}
mkdir -p "$shots"
log=$(mktemp)
"$yanglao" serve Scenarios/anshan --port 0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
address=""
for _ in $(seq 1 100); do
    address=$(grep -o 'http://[^ （(]*' "$log" | head -1 || true)
    [ -n "$address" ] && break
    sleep 0.2
done
[ -n "$address" ] || { echo "the workbench did not start:"; cat "$log"; exit 1; }
browse() { chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=30000 "$@" 2>/dev/null; }
verdict() {
    browse --dump-dom "$1" | grep -o 'data-id="as.nursing-bed-share".\{0,400\}' \
        | grep -o 'v-[a-z_]*' | head -1
}
lever="investment.actions.6.convert_to_nursing.per_year"
# Anshan's plan converts 200 beds a year: 50.4% nursing beds in 2022 against 50%, met; at 20
# a year 48.4%, missed (the same as `yanglao run Scenarios/anshan --set $lever=20`).
before=$(verdict "${address}?scenario=anshan")
after=$(verdict "${address}?scenario=anshan&set=${lever}=20")
echo "as.nursing-bed-share: ${before#v-} as loaded, ${after#v-} with ${lever}=20"
[ "$before" = "v-met" ] && [ "$after" = "v-missed" ] || { echo "FAILED: expected met, then missed"; exit 1; }
browse --window-size=1280,900 --screenshot="$shots/workbench-zh.png" "${address}?scenario=anshan&set=${lever}=20" >/dev/null
browse --window-size=1280,900 --screenshot="$shots/workbench-en.png" "${address}?scenario=anshan&lang=en&set=${lever}=20" >/dev/null
echo "Screenshots: $shots/workbench-zh.png, $shots/workbench-en.png"
