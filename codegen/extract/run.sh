#!/usr/bin/env bash
# Re-runs the extract stage of the catalog generator: installs exactly the Wix packages that
# package-lock.json pins (`npm ci`, no install scripts) and rewrites ../ir/ from them with
# extract.mjs (one JSON file per package plus index.json; byte-identical on every run).
#
# Run it only to bump the Wix versions (after `node bump.mjs`, which re-pins package.json,
# sources.json and package-lock.json) or after changing extract.mjs. CI never runs it: the IR is
# checked in and the Rust generator reads only ../ir/. Needs Node 20+ and npm; reaches only the
# npm registry. Extra arguments go to extract.mjs (e.g. --quiet).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund
node extract.mjs "$@"
