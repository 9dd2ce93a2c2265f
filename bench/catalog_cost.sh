#!/usr/bin/env bash
# catalog_cost.sh -- what does the built-in catalog cost a user's clean build?
#
# WHAT IT MEASURES
#   The wall-clock time of a clean `cargo build` (dev profile, every dependency compiled from
#   scratch) of a user crate with ONE handler (`wixEvents.onPolicyUpdated`), against:
#     base   the runtime at git revision BASE (default: the last commit before the catalog grew
#            past the six seed events), unpacked with `git archive`;
#     module the runtime in this working tree with only the catalog module the handler uses
#            (`default-features = false, features = ["wix-events"]`);
#     all    the runtime in this working tree with the whole catalog and nothing else
#            (`default-features = false, features = ["catalog"]`).
#   The user crate's source is the same in all three; only its dependency line differs. The
#   runtime's other default features (the HTTP endpoint, the command line) are left out of
#   `module` and `all`, so that only the catalog is measured.
#
# HOW TO READ THE OUTPUT
#   The builds alternate (base module all base module all ...) RUNS times so all see the same
#   machine noise; each build starts from an empty target directory. The script prints every
#   sample, the median of each in seconds and
#       increase = median(module or all) / median(base) - 1
#   The goal is the printed "target: increase <= 20%" for `module`: what a user who enables the
#   modules they handle pays. `all` is what the default features cost. The same numbers are
#   written as one line of JSON to target/catalog-cost/result.json.
#
# USAGE
#   bench/catalog_cost.sh              # from any directory
#   RUNS=5 bench/catalog_cost.sh       # more samples (default 3)
#   BASE=<rev> bench/catalog_cost.sh   # another baseline revision
#
# Needs the Rust toolchain, git, bash and python3. Builds use --offline when the dependencies
# are already in cargo's cache (run `cargo fetch` in the workspace once otherwise).

set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd -- "${script_dir}/.." && pwd -P)"
runs="${RUNS:-3}"
base_rev="${BASE:-60495b4}"
out="${root}/target/catalog-cost"

case "${runs}" in '' | *[!0-9]* | 0) echo "RUNS must be a positive integer, got '${runs}'" >&2; exit 2 ;; esac
for tool in cargo git python3; do
    command -v "${tool}" >/dev/null || { echo "${tool} not found" >&2; exit 2; }
done
git -C "${root}" rev-parse --verify --quiet "${base_rev}^{commit}" >/dev/null \
    || { echo "BASE '${base_rev}' is not a commit of this repository" >&2; exit 2; }

rm -rf -- "${out}"
mkdir -p -- "${out}/base-src"
git -C "${root}" archive "${base_rev}" | tar -x -C "${out}/base-src"

# One user crate per runtime; same source.
write_user_crate() { # <dir> <dependency spec>
    mkdir -p -- "$1/src"
    cat >"$1/Cargo.toml" <<TOML
[package]
name = "one-handler"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
backend-events = $2

[workspace]
TOML
    cat >"$1/src/main.rs" <<'RUST'
use backend_events::backend_event;
use backend_events::wix_events::PolicyUpdated;

#[backend_event(wixEvents, onPolicyUpdated)]
fn policy_changed(event: PolicyUpdated) {
    println!("policy {} changed", event.entity.id);
}

fn main() {
    println!("{} handler(s)", backend_events::handlers().len());
}
RUST
    cp -- "${root}/Cargo.lock" "$1/Cargo.lock"
}
write_user_crate "${out}/user-base" "{ path = \"${out}/base-src/runtime\" }"
write_user_crate "${out}/user-module" \
    "{ path = \"${root}/runtime\", default-features = false, features = [\"wix-events\"] }"
write_user_crate "${out}/user-all" \
    "{ path = \"${root}/runtime\", default-features = false, features = [\"catalog\"] }"

offline=()
if (cd "${out}/user-base" && cargo fetch --offline -q 2>/dev/null) \
    && (cd "${out}/user-all" && cargo fetch --offline -q 2>/dev/null); then
    offline=(--offline)
fi

clean_build() { # <user crate dir> -> seconds on stdout
    local dir="$1"
    rm -rf -- "${dir}/target"
    local start end
    start="$(date +%s.%N)"
    (cd "${dir}" && cargo build -q "${offline[@]}" >/dev/null)
    end="$(date +%s.%N)"
    python3 -c "print(f'{${end} - ${start}:.2f}')"
}

echo "catalog cost: clean build of a one-handler crate, base=${base_rev} vs this tree, ${runs} run(s) each"
base_samples=()
module_samples=()
all_samples=()
for ((i = 1; i <= runs; i++)); do
    b="$(clean_build "${out}/user-base")"
    m="$(clean_build "${out}/user-module")"
    a="$(clean_build "${out}/user-all")"
    base_samples+=("${b}")
    module_samples+=("${m}")
    all_samples+=("${a}")
    echo "  run ${i}: base ${b} s, module ${m} s, all ${a} s"
done

python3 - "${out}/result.json" "${base_rev}" "${base_samples[*]}" "${module_samples[*]}" \
    "${all_samples[*]}" <<'PY'
import json, statistics, sys

path, rev = sys.argv[1], sys.argv[2]
base, module, every = ([float(x) for x in arg.split()] for arg in sys.argv[3:6])
mb, mm, ma = (statistics.median(x) for x in (base, module, every))
print(f"median: base {mb:.2f} s, module {mm:.2f} s, all {ma:.2f} s")
print(f"increase with the handler's module only: {(mm / mb - 1) * 100:+.1f}%   (target: increase <= 20%)")
print(f"increase with the whole catalog:         {(ma / mb - 1) * 100:+.1f}%")
with open(path, "w") as f:
    json.dump({"base_rev": rev, "base_s": base, "module_s": module, "all_s": every,
               "median_base_s": mb, "median_module_s": mm, "median_all_s": ma,
               "increase_module": mm / mb - 1, "increase_all": ma / mb - 1}, f)
    f.write("\n")
PY
