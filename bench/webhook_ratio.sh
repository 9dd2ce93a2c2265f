#!/usr/bin/env bash
# The webhook path, as a ratio measured in one run (absolute times on shared machines are noise):
#   verify_decode_dispatch:      Verifier::open (RS256 verification + the three JSON layers) and
#                                Dispatcher::dispatch of the GuestCreated sample to one handler;
#   baseline_decode_parse_call:  aws-lc-rs' RS256 check on a key parsed once + the exp check +
#                                serde_json parses of the layers into the guest + a direct call.
# Target: verify_decode_dispatch / baseline <= 1.15.
# Extra arguments go to criterion (for instance --measurement-time 10).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo bench -p backend-events --bench webhook -- "$@"

python3 - <<'PY'
import json, pathlib
root = pathlib.Path("target/criterion/webhook")
def median_ns(name):
    estimates = json.loads((root / name / "new" / "estimates.json").read_text())
    return estimates["median"]["point_estimate"]
base = median_ns("baseline_decode_parse_call")
ours = median_ns("verify_decode_dispatch")
print(f"baseline_decode_parse_call {base / 1e3:10.1f} us (median)")
print(f"verify_decode_dispatch     {ours / 1e3:10.1f} us (median)")
print(f"webhook path / baseline: {ours / base:.3f}  (target <= 1.15)")
PY
