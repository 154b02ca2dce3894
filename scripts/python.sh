#!/usr/bin/env bash
# Prints the path of a Python 3.13 interpreter, or fails saying what is missing.
set -euo pipefail
for c in python3.13 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3.13 /usr/local/bin/python3.13 /usr/bin/python3.13; do
  if p=$(command -v "$c" 2>/dev/null) && "$p" -c 'import sys; assert sys.version_info[:2] == (3, 13)' 2>/dev/null; then
    echo "$p"; exit 0
  fi
done
echo "Haven needs Python 3.13 (python3.13 on PATH or under pyenv)." >&2
exit 1
