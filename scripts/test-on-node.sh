#!/usr/bin/env bash
# Runs `npm test` under another Node.js release line (`scripts/test-on-node.sh 24`): that release's binary first
# on PATH, so npm, vitest and every worker it forks run on it. EXPECT_NODE_MAJOR makes the suite itself fail
# (test/packaging/engines.test.ts) if it finds any other version, so the run cannot silently fall back.
set -euo pipefail
cd "$(dirname "$0")/.."

major="${1:?usage: scripts/test-on-node.sh <major version, e.g. 24>}"
bin="$(bash scripts/node-dist.sh "$major")"
version="$("$bin/node" -v)"
case "$version" in "v$major".*) ;; *) echo "test-on-node: $bin/node is $version, not Node $major" >&2; exit 1 ;; esac

echo "== npm test under Node $version ($bin/node)"
PATH="$bin:$PATH" EXPECT_NODE_MAJOR="$major" npm test
