#!/usr/bin/env bash
# Dispatch with the whole catalog compiled in, as a ratio measured in one run:
#   default: the `dispatch` bench (GuestCreated seed sample, one handler, against the
#            hand-written baseline) with the default features: 39 events in the table;
#   full:    the same bench built with `--features full`: every event of the catalog (656).
# Each binary prints the median of its paired dispatch/baseline ratios (baseline and dispatch in
# alternating batches, see dispatch_ratios.sh); full/default compares the two binaries through
# their own baselines. Rounds alternate the two binaries ROUNDS times (default 5).
# Target: full / default <= 1.05 (the size of the table must not cost at run time).
#
# Usage: bench/dispatch_full.sh          ROUNDS=9 bench/dispatch_full.sh
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${ROUNDS:-5}"
case "${rounds}" in '' | *[!0-9]* | 0) echo "ROUNDS must be a positive integer" >&2; exit 2 ;; esac

cargo bench -q -p backend-events --bench dispatch --no-run >&2
cargo bench -q -p backend-events --bench dispatch --features full --no-run >&2
results="$(mktemp)"
log="$(mktemp)"
trap 'rm -f -- "${results}" "${log}"' EXIT
for ((i = 1; i <= rounds; i++)); do
    echo "round ${i}/${rounds}" >&2
    for features in default full; do
        args=()
        [[ "${features}" == full ]] && args=(--features full)
        if ! BACKEND_EVENTS_PAIRED=1 cargo bench -q -p backend-events --bench dispatch \
            "${args[@]}" >"${log}" 2>&1; then
            cat -- "${log}" >&2
            exit 1
        fi
        grep '^{' "${log}" | sed "s/^/${i} ${features} /" >>"${results}"
    done
done

python3 - "${results}" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    round_number, features, row = line.split(" ", 2)
    rows.setdefault(int(round_number), {})[features] = json.loads(row)
ratios = []
for i, pair in sorted(rows.items()):
    d, f = pair["default"], pair["full"]
    ratios.append(f["ratio_median"] / d["ratio_median"])
    print(f"round {i}: default {d['ratio_median']:.3f} ({d['dispatch_ns']:.0f} vs {d['baseline_ns']:.0f} ns)  "
          f"full {f['ratio_median']:.3f} ({f['dispatch_ns']:.0f} vs {f['baseline_ns']:.0f} ns)  full/default {ratios[-1]:.3f}")
print(f"full / default: {statistics.median(ratios):.3f}  median of {len(ratios)} (target <= 1.05)")
PY
