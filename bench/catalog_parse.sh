#!/usr/bin/env bash
# catalog_parse.sh -- how fast do the generated payload types parse?
#
# WHAT IT MEASURES
#   criterion's median time to parse two generated samples (wixEcom.onOrderCreated, 15 KiB;
#   wixCrm.onContactCreated) into their typed payloads, and into serde_json::Value from the same
#   bytes in the same run (the baseline). Printed: both medians and their ratio, per sample.
#
# USAGE
#   bench/catalog_parse.sh            # from any directory
#
# Results: target/criterion/catalog_parse_*/.

set -euo pipefail
script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd -- "${script_dir}/.." && pwd -P)"
cd -- "${root}"

cargo bench -q -p backend-events --bench catalog_parse --features wix-ecom-orders,wix-crm >/dev/null

python3 - "${CARGO_TARGET_DIR:-${root}/target}/criterion" <<'PY'
import json, pathlib, sys

root = pathlib.Path(sys.argv[1])
def median(group, name):
    path = root / group / name / "new" / "estimates.json"
    return json.loads(path.read_text())["median"]["point_estimate"] / 1000

for sample in ("ecom_order_created", "crm_contact_created"):
    group = f"catalog_parse_{sample}"
    value, typed = median(group, "value"), median(group, "typed")
    print(f"{sample}: typed {typed:.2f} us, serde_json::Value {value:.2f} us, ratio {typed / value:.3f}")
PY
