#!/usr/bin/env bash
# Regenerates the golden files of the report tests (Tests/ReportsTests/Golden/) from the
# current code. Look at `git diff Tests/ReportsTests/Golden` before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
YANGLAO_UPDATE_GOLDEN=1 swift test --filter GoldenFileTests
git status --short Tests/ReportsTests/Golden
