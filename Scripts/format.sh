#!/usr/bin/env bash
# Formats every Swift file that git tracks with `swift format` and the project's .swift-format.
#   Scripts/format.sh           rewrite files in place
#   Scripts/format.sh --check   change nothing; list the files formatting would change and
#                               exit 1 if there are any (what CI runs)
set -euo pipefail
cd "$(dirname "$0")/.."

files=()
while IFS= read -r -d '' file; do files+=("$file"); done \
    < <(git ls-files -z --cached --others --exclude-standard -- '*.swift')
[ ${#files[@]} -gt 0 ] || exit 0

if [ "${1:-}" = "--check" ]; then
    changed=$(printf '%s\0' "${files[@]}" | xargs -0 -P 2 -n 8 sh -c '
        for f in "$@"; do
            swift format format --configuration .swift-format "$f" | cmp -s - "$f" || echo "$f"
        done' sh)
    if [ -n "$changed" ]; then
        echo "These files are not formatted (run Scripts/format.sh):"
        echo "$changed"
        exit 1
    fi
    echo "Formatting: all ${#files[@]} Swift files are formatted."
else
    printf '%s\0' "${files[@]}" | xargs -0 swift format format --configuration .swift-format --parallel --in-place
fi
