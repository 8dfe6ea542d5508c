#!/usr/bin/env bash
# Set up newsprism in ./.venv (Python 3.11): every Python package the project needs, from PyPI.
# Usage: bash scripts/setup.sh          (safe to re-run; it only installs what is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/pip install -q --upgrade pip
fi
.venv/bin/pip install -q -e '.[test]'
echo "newsprism is set up: .venv/bin/newsprism --help" >&2
