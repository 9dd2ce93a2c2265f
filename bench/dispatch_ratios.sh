#!/usr/bin/env bash
# Dispatch cost, as ratios measured in one run (absolute times on shared machines are noise):
#   small_table: Dispatcher::dispatch of the GuestCreated seed sample to one handler, against the
#                hand-written baseline serde_json::from_slice::<GuestCreated> + a direct call;
#   large_table: the same in a binary that also registers 999 handlers over 300 more events.
# Targets: dispatch/baseline <= 1.10; large/small dispatch <= 1.05.
# Extra arguments go to criterion (for instance --measurement-time 10).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo bench -p backend-events --bench dispatch --bench dispatch_large_table -- "$@"

python3 - <<'PY'
import json, pathlib
root = pathlib.Path("target/criterion")
def median_ns(group, name):
    estimates = json.loads((root / group / name / "new" / "estimates.json").read_text())
    return estimates["median"]["point_estimate"]
rows = {}
for group in ("small_table", "large_table"):
    for name in ("baseline_parse_and_call", "dispatch_one_handler"):
        rows[(group, name)] = median_ns(group, name)
        print(f"{group:12} {name:24} {rows[(group, name)]:10.1f} ns (median)")
small = rows[("small_table", "dispatch_one_handler")] / rows[("small_table", "baseline_parse_and_call")]
large = rows[("large_table", "dispatch_one_handler")] / rows[("large_table", "baseline_parse_and_call")]
table = rows[("large_table", "dispatch_one_handler")] / rows[("small_table", "dispatch_one_handler")]
print(f"dispatch / baseline, small table:  {small:.3f}  (target <= 1.10)")
print(f"dispatch / baseline, large table:  {large:.3f}")
print(f"large table / small table (dispatch): {table:.3f}  (target <= 1.05)")
PY
