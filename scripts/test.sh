#!/usr/bin/env bash
# Set up everything the tests need, then run the whole suite: ruff, mypy --strict, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
echo "== ruff"
.venv/bin/ruff check .
echo "== mypy --strict"
.venv/bin/mypy --strict src
echo "== pytest"
.venv/bin/python -m pytest -p no:cacheprovider
