#!/usr/bin/env bash
# catalog_cost.sh -- what does the catalog cost a user's clean build?
#
# WHAT IT MEASURES
#   The wall-clock time of a clean `cargo build` (dev profile, every dependency compiled from
#   scratch) of a user crate, with the runtime of this working tree and nothing but the catalog
#   (`default-features = false`):
#     none  no catalog module, and a `main` with no handler (the baseline);
#     ecom  one handler of `wixEcom.onOrderCreated`, feature `wix-ecom-orders` only (the smallest
#           that holds it: the events of `@wix/auto_sdk_ecom_orders`);
#     crm   one handler of `wixCrm.onContactCreated`, feature `wix-crm` only.
#   The builds alternate (none ecom crm none ecom crm ...) RUNS times, so that all see the same
#   machine noise; each starts from an empty target directory. Printed: every sample, the medians
#   and each module's ratio to `none` (target: <= 1.3).
#
#   Then, once each, the whole catalog (`features = ["full"]`) with one handler: a clean
#   `cargo check` and a clean `cargo build`, with their wall time and peak memory (GNU time's
#   maximum resident set size: that of the build's largest process, rustc on the runtime).
#
#   Each build's CPU time (user + system, every process) is printed beside its wall time, with
#   its own ratios: on a machine other work shares, CPU time moves much less than wall time.
#
# USAGE
#   bench/catalog_cost.sh              # from any directory
#   RUNS=5 bench/catalog_cost.sh       # more samples (default 3)
#   FULL=0 bench/catalog_cost.sh       # skip the whole-catalog builds
#
# Needs the Rust toolchain, python3 and GNU time (/usr/bin/time, Debian's package `time`).
# Results: target/catalog-cost/result.json.

set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd -- "${script_dir}/.." && pwd -P)"
runs="${RUNS:-3}"
full="${FULL:-1}"
out="${root}/target/catalog-cost"

case "${runs}" in '' | *[!0-9]* | 0) echo "RUNS must be a positive integer, got '${runs}'" >&2; exit 2 ;; esac
for tool in cargo python3; do
    command -v "${tool}" >/dev/null || { echo "${tool} not found" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time not found (apt-get install time)" >&2; exit 2; }

rm -rf -- "${out}"
mkdir -p -- "${out}"

write_user_crate() { # <dir> <features> <use line> <handler>
    mkdir -p -- "$1/src"
    cat >"$1/Cargo.toml" <<TOML
[package]
name = "one-handler"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
backend-events = { path = "${root}/runtime", default-features = false, features = [$2] }

[workspace]
TOML
    cat >"$1/src/main.rs" <<RUST
$3
$4

fn main() {
    println!("{} handler(s)", backend_events::handlers().len());
}
RUST
    cp -- "${root}/Cargo.lock" "$1/Cargo.lock"
}
write_user_crate "${out}/none" "" "" ""
write_user_crate "${out}/ecom" '"wix-ecom-orders"' "use backend_events::backend_event;" '
#[backend_event(wixEcom, onOrderCreated)]
fn order_created(event: backend_events::wix_ecom::OrderCreated) {
    println!("order {:?}", event.entity.number);
}'
write_user_crate "${out}/crm" '"wix-crm"' "use backend_events::backend_event;" '
#[backend_event(wixCrm, onContactCreated)]
fn contact_created(event: backend_events::wix_crm::ContactCreated) {
    println!("contact {:?}", event.entity.id);
}'
write_user_crate "${out}/full" '"full"' "use backend_events::backend_event;" '
#[backend_event(wixCrm, onContactCreated)]
fn contact_created(event: backend_events::wix_crm::ContactCreated) {
    println!("contact {:?}", event.entity.id);
}'

offline=()
if (cd "${out}/full" && cargo fetch --offline -q 2>/dev/null); then
    offline=(--offline)
fi

clean() { # <user crate dir> <cargo command> -> "seconds peak_kib cpu_seconds" on stdout
    local dir="$1" command="$2"
    rm -rf -- "${dir}/target"
    (cd "${dir}" && /usr/bin/time -f "%e %M %U %S" -o "${dir}/time.txt" \
        cargo "${command}" -q "${offline[@]}" >/dev/null)
    read -r seconds kib user system <"${dir}/time.txt"
    echo "${seconds} ${kib} $(python3 -c "print(round(${user} + ${system}, 2))")"
}

echo "catalog cost: clean builds of a one-handler crate, ${runs} run(s) each"
declare -A samples=([none]="" [ecom]="" [crm]="")
declare -A cpu=([none]="" [ecom]="" [crm]="")
for ((i = 1; i <= runs; i++)); do
    line="  run ${i}:"
    for mode in none ecom crm; do
        read -r seconds _ cpu_seconds < <(clean "${out}/${mode}" build)
        samples[${mode}]+="${seconds} "
        cpu[${mode}]+="${cpu_seconds} "
        line+=" ${mode} ${seconds} s (cpu ${cpu_seconds} s)"
    done
    echo "${line}"
done

check_full="- - -"
build_full="- - -"
if [[ "${full}" != 0 ]]; then
    echo "  the whole catalog (full): clean check, then clean build..."
    check_full="$(clean "${out}/full" check)"
    build_full="$(clean "${out}/full" build)"
fi

python3 - "${out}/result.json" "${samples[none]}" "${samples[ecom]}" "${samples[crm]}" \
    "${check_full}" "${build_full}" "${cpu[none]}" "${cpu[ecom]}" "${cpu[crm]}" <<'PY'
import json, statistics, sys

path = sys.argv[1]
none, ecom, crm = ([float(x) for x in arg.split()] for arg in sys.argv[2:5])
cpu_none, cpu_ecom, cpu_crm = ([float(x) for x in arg.split()] for arg in sys.argv[7:10])
mn, me, mc = (statistics.median(x) for x in (none, ecom, crm))
cn, ce, cc = (statistics.median(x) for x in (cpu_none, cpu_ecom, cpu_crm))
print(f"median wall: none {mn:.2f} s, wix-ecom-orders {me:.2f} s, wix-crm {mc:.2f} s")
print(f"median cpu:  none {cn:.2f} s, wix-ecom-orders {ce:.2f} s, wix-crm {cc:.2f} s")
# CPU time (user + system, all processes of the build) moves much less than wall time when
# other work shares the machine; on an idle machine the two ratios agree.
print(f"wix-ecom-orders / none: wall {me / mn:.2f}, cpu {ce / cn:.2f}   (target <= 1.3)")
print(f"wix-crm / none: wall {mc / mn:.2f}, cpu {cc / cn:.2f}   (target <= 1.3)")
result = {"none_s": none, "ecom_s": ecom, "crm_s": crm,
          "none_cpu_s": cpu_none, "ecom_cpu_s": cpu_ecom, "crm_cpu_s": cpu_crm,
          "ratio_ecom": me / mn, "ratio_crm": mc / mn,
          "cpu_ratio_ecom": ce / cn, "cpu_ratio_crm": cc / cn}
for name, arg in (("check_full", sys.argv[5]), ("build_full", sys.argv[6])):
    seconds, kib = arg.split()[:2]
    if seconds != "-":
        print(f"full, clean cargo {name.split('_')[0]}: {float(seconds):.0f} s, peak {int(kib) / 1024 / 1024:.1f} GiB")
        result[name + "_s"] = float(seconds)
        result[name + "_peak_gib"] = int(kib) / 1024 / 1024
with open(path, "w") as f:
    json.dump(result, f)
    f.write("\n")
PY
