#!/usr/bin/env bash
# Set up everything and run the whole test suite, PostgreSQL tests included.
# Usage: bash scripts/test.sh [pytest options]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
NEWSPRISM_TEST_PG_URL=${NEWSPRISM_TEST_PG_URL:-$(bash scripts/start-postgres.sh)}
export NEWSPRISM_TEST_PG_URL
exec .venv/bin/python -m pytest -q "$@"
