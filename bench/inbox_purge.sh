#!/usr/bin/env bash
# Deliveries stored while a purge runs (SQLite inbox): the latency of accepting a delivery,
# one every 2 ms, during a purge of PURGE_DELIVERIES handled deliveries (default 200,000),
# against the same accepts with nothing else running, in the same run.
# Usage: bench/inbox_purge.sh            PURGE_DELIVERIES=500000 bench/inbox_purge.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -q -p backend-events --bench inbox_purge
