#!/usr/bin/env bash
# Dispatch cost, as ratios measured in one run (absolute times on shared machines are noise):
#   small_table: Dispatcher::dispatch of the GuestCreated seed sample to one handler, against the
#                hand-written baseline serde_json::from_slice::<GuestCreated> + a direct call;
#   large_table: the same in a binary that also registers 999 handlers over 300 more events.
# Targets: dispatch/baseline <= 1.10 (small table); large/small <= 1.05.
#
# HOW: the two criterion benches (runtime/benches/dispatch*.rs) run in their paired mode
# (BACKEND_EVENTS_PAIRED=1): baseline and dispatch in alternating batches of 500 deliveries,
# 400 pairs, so that a slow spell of the machine (they last seconds here) slows both sides of
# a pair alike. Each binary prints the median of its pairs' ratios. large/small compares the
# two binaries through their own baselines: (large dispatch/baseline) / (small dispatch/baseline).
# The whole thing runs ROUNDS times (default 5); the script prints every round and the medians.
# For criterion's absolute times instead: cargo bench -p backend-events --bench dispatch
#
# Usage: bench/dispatch_ratios.sh          ROUNDS=9 bench/dispatch_ratios.sh
set -euo pipefail
cd "$(dirname "$0")/.."

(($# == 0)) || { echo "usage: [ROUNDS=N] bench/dispatch_ratios.sh (no arguments)" >&2; exit 2; }
rounds="${ROUNDS:-5}"
case "${rounds}" in '' | *[!0-9]* | 0) echo "ROUNDS must be a positive integer" >&2; exit 2 ;; esac

cargo bench -q -p backend-events --bench dispatch --bench dispatch_large_table --no-run >&2
results="$(mktemp)"
log="$(mktemp)"
trap 'rm -f -- "${results}" "${log}"' EXIT
for ((i = 1; i <= rounds; i++)); do
    echo "round ${i}/${rounds}" >&2
    if ! BACKEND_EVENTS_PAIRED=1 cargo bench -q -p backend-events \
        --bench dispatch --bench dispatch_large_table >"${log}" 2>&1; then
        cat -- "${log}" >&2
        exit 1
    fi
    if [[ "$(grep -c '^{' "${log}")" != 2 ]]; then
        echo "expected one line of JSON from each bench, got:" >&2
        cat -- "${log}" >&2
        exit 1
    fi
    grep '^{' "${log}" | sed "s/^/${i} /" >>"${results}"
done

python3 - "${results}" <<'PY'
import json, statistics, sys
by_round = {}
for line in open(sys.argv[1]):
    round_number, row = line.split(" ", 1)
    row = json.loads(row)
    by_round.setdefault(int(round_number), {})[row["group"]] = row
small, large, table = [], [], []
for i, rows in sorted(by_round.items()):
    s, l = rows["small_table"], rows["large_table"]
    small.append(s["ratio_median"]); large.append(l["ratio_median"])
    table.append(l["ratio_median"] / s["ratio_median"])
    print(f"round {i}: small {s['ratio_median']:.3f} (IQR {s['ratio_q1']:.3f}-{s['ratio_q3']:.3f}, "
          f"{s['dispatch_ns']:.0f} vs {s['baseline_ns']:.0f} ns)  large {l['ratio_median']:.3f} "
          f"(IQR {l['ratio_q1']:.3f}-{l['ratio_q3']:.3f}, {l['dispatch_ns']:.0f} vs {l['baseline_ns']:.0f} ns)  "
          f"large/small {table[-1]:.3f}")
n = len(small)
print(f"dispatch / baseline, small table:  {statistics.median(small):.3f}  median of {n} (target <= 1.10)")
print(f"dispatch / baseline, large table:  {statistics.median(large):.3f}  median of {n}")
print(f"large table / small table:         {statistics.median(table):.3f}  median of {n} (target <= 1.05)")
PY
