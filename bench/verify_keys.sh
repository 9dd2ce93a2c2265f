#!/usr/bin/env bash
# What several keys cost a token's verification, as ratios measured in one run (absolute times
# on shared machines are noise):
#   baseline_aws_lc_rs:          aws-lc-rs' RS256 check on a key parsed once + the base64 decodes;
#   one_key:                     Verifier::verify with the one key that signed the token;
#   second_of_two_keys:          the same with two keys, the token the second's: the first is
#                                tried and fails, then the second;
#   second_of_two_keys_by_kid:   two keys with ids, the token's `kid` naming the second.
# Extra arguments go to criterion (for instance --measurement-time 10).
set -euo pipefail
cd "$(dirname "$0")/.."

# Only the verifier is measured: the catalog stays out of the build.
cargo bench -p backend-events --no-default-features --features webhook --bench verify_keys -- "$@"

python3 - <<'PY'
import json, pathlib
root = pathlib.Path("target/criterion/verify_keys")
def median_ns(name):
    estimates = json.loads((root / name / "new" / "estimates.json").read_text())
    return estimates["median"]["point_estimate"]
names = ["baseline_aws_lc_rs", "one_key", "second_of_two_keys", "second_of_two_keys_by_kid"]
ns = {name: median_ns(name) for name in names}
for name in names:
    print(f"{name:<28} {ns[name] / 1e3:8.1f} us (median)")
print(f"one key / baseline:                   {ns['one_key'] / ns['baseline_aws_lc_rs']:.3f}")
print(f"second of two keys / one key:         {ns['second_of_two_keys'] / ns['one_key']:.3f}")
print(f"second of two keys, by kid / one key: {ns['second_of_two_keys_by_kid'] / ns['one_key']:.3f}")
PY
