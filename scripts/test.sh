#!/usr/bin/env bash
# Set up and run the whole test suite, on a fresh machine or an old checkout alike.
#   bash scripts/test.sh [pytest arguments]
# System programs some tests use come from Debian's packages when we may install them:
# redis-server (distributed crawling) and antiword (.doc/.wps extraction).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
command -v antiword >/dev/null || missing+=(antiword)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
            || echo "could not install ${missing[*]}: their tests will be skipped" >&2
    else
        echo "not installed: ${missing[*]} (sudo apt-get install ${missing[*]}); their tests will be skipped" >&2
    fi
fi

python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]'
exec .venv/bin/python -m pytest "$@"
