#!/usr/bin/env bash
# What `npm start` and `npm test` need on a fresh clone: node_modules (from the lockfile) and, for the tests'
# GraphiQL browser check, Debian's Chromium (never a downloaded browser build).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f node_modules/.package-lock.json ] || npm install --no-audit --no-fund

if [ "${1:-}" = test ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser test..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser test needs Debian's chromium at /usr/bin/chromium: sudo apt-get install chromium" >&2
  fi
fi
