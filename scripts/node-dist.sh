#!/usr/bin/env bash
# Prints the bin directory of a Node.js release line (`scripts/node-dist.sh 24`), installing it first if needed.
# The binary comes from the npm registry's `node-<os>-<arch>` packages (the official build, published by the
# `node` package's maintainers), so CI needs nothing but the registry. It lives in a cache outside the repository:
# $NODE_DIST_CACHE, else $XDG_CACHE_HOME/uqpay-graphql-gateway/node, else ~/.cache/uqpay-graphql-gateway/node.
set -euo pipefail

major="${1:?usage: scripts/node-dist.sh <major version, e.g. 24>}"
case "$major" in '' | *[!0-9]*) echo "node-dist: '$major' is not a major version number" >&2; exit 2 ;; esac

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) echo "node-dist: no registry build for $(uname -s)" >&2; exit 2 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node-dist: no registry build for $(uname -m)" >&2; exit 2 ;;
esac

cache="${NODE_DIST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/uqpay-graphql-gateway/node}/$major"
bin="$cache/node_modules/node-$os-$arch/bin"

installed() { [ -x "$bin/node" ] && [ "$("$bin/node" -p 'process.versions.node.split(".")[0]')" = "$major" ]; }

if ! installed; then
  echo "node-dist: installing node-$os-$arch@$major into $cache" >&2
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-$os-$arch@$major" >&2
  installed || { echo "node-dist: $bin/node is not Node $major" >&2; exit 1; }
fi
echo "$bin"
