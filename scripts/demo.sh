#!/usr/bin/env bash
# Set up pressreader, then read the bundled sample press release (no network needed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/pressreader parse src/pressreader/data/sample.html --json
