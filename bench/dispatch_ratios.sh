#!/usr/bin/env bash
# Dispatch cost, as ratios measured in one run (absolute times on shared machines are noise):
#   small_table: Dispatcher::dispatch of the GuestCreated seed sample to one handler, against the
#                hand-written baseline serde_json::from_slice::<GuestCreated> + a direct call;
#   large_table: the same in a binary that also registers 999 handlers over 300 more events.
# Targets: dispatch/baseline <= 1.10; large/small dispatch <= 1.05.
#
# Criterion measures one function after the other, so a slow spell of the machine (they last
# seconds here) can land on one side of a ratio: the benches therefore run ROUNDS times
# (default 7) with short measurements, and the script prints each round's ratios and their
# medians.
#
# Usage: bench/dispatch_ratios.sh [criterion args...]
#   Without arguments criterion gets --measurement-time 2 --warm-up-time 1.
#   ROUNDS=3 bench/dispatch_ratios.sh --measurement-time 5
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${ROUNDS:-7}"
if [[ $# -eq 0 ]]; then
    set -- --measurement-time 2 --warm-up-time 1
fi
case "${rounds}" in '' | *[!0-9]* | 0) echo "ROUNDS must be a positive integer" >&2; exit 2 ;; esac

results="$(mktemp)"
trap 'rm -f -- "${results}"' EXIT
for ((i = 1; i <= rounds; i++)); do
    echo "round ${i}/${rounds}" >&2
    cargo bench -q -p backend-events --bench dispatch --bench dispatch_large_table -- "$@" >&2
    python3 - >>"${results}" <<'PY'
import json, pathlib
root = pathlib.Path("target/criterion")
def median_ns(group, name):
    estimates = json.loads((root / group / name / "new" / "estimates.json").read_text())
    return estimates["median"]["point_estimate"]
print(json.dumps({f"{g}/{n}": median_ns(g, n)
                  for g in ("small_table", "large_table")
                  for n in ("baseline_parse_and_call", "dispatch_one_handler")}))
PY
done

python3 - "${results}" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
ratios = {"small": [], "large": [], "table": []}
for i, r in enumerate(rows, 1):
    small = r["small_table/dispatch_one_handler"] / r["small_table/baseline_parse_and_call"]
    large = r["large_table/dispatch_one_handler"] / r["large_table/baseline_parse_and_call"]
    table = r["large_table/dispatch_one_handler"] / r["small_table/dispatch_one_handler"]
    ratios["small"].append(small); ratios["large"].append(large); ratios["table"].append(table)
    print(f"round {i}: " + "  ".join(f"{k} {v:.1f} ns" for k, v in r.items()))
    print(f"round {i}: dispatch/baseline small {small:.3f}, large {large:.3f}; large/small {table:.3f}")
med = {k: statistics.median(v) for k, v in ratios.items()}
print(f"dispatch / baseline, small table:  {med['small']:.3f}  median of {len(rows)} (target <= 1.10)")
print(f"dispatch / baseline, large table:  {med['large']:.3f}  median of {len(rows)}")
print(f"large table / small table (dispatch): {med['table']:.3f}  median of {len(rows)} (target <= 1.05)")
PY
