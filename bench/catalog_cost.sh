#!/usr/bin/env bash
# catalog_cost.sh -- what does the built-in catalog cost a user's clean build?
#
# WHAT IT MEASURES
#   The wall-clock time of a clean `cargo build` (dev profile, every dependency compiled from
#   scratch) of a user crate with ONE handler (`wixEvents.onPolicyUpdated`), against two
#   versions of backend-events:
#     base   the runtime at git revision BASE (default: the last commit before the catalog grew
#            past the six seed events), unpacked with `git archive`;
#     head   the runtime in this working tree, with the whole catalog.
#   The user crate is the same file in both; only the path dependency differs.
#
# HOW TO READ THE OUTPUT
#   The two builds alternate (base head base head ...) RUNS times so both see the same machine
#   noise; each build starts from an empty target directory. The script prints every sample,
#   the median of each in seconds and
#       increase = median(head) / median(base) - 1
#   The goal is the printed "target: increase <= 20%". The same numbers are written as one line
#   of JSON to target/catalog-cost/result.json.
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
write_user_crate() { # <dir> <runtime dir>
    mkdir -p -- "$1/src"
    cat >"$1/Cargo.toml" <<TOML
[package]
name = "one-handler"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
backend-events = { path = "$2" }

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
write_user_crate "${out}/user-base" "${out}/base-src/runtime"
write_user_crate "${out}/user-head" "${root}/runtime"

offline=()
if (cd "${out}/user-head" && cargo fetch --offline -q 2>/dev/null) \
    && (cd "${out}/user-base" && cargo fetch --offline -q 2>/dev/null); then
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

echo "catalog cost: clean build of a one-handler crate, base=${base_rev} vs head (this tree), ${runs} run(s) each"
base_samples=()
head_samples=()
for ((i = 1; i <= runs; i++)); do
    b="$(clean_build "${out}/user-base")"
    h="$(clean_build "${out}/user-head")"
    base_samples+=("${b}")
    head_samples+=("${h}")
    echo "  run ${i}: base ${b} s, head ${h} s"
done

python3 - "${out}/result.json" "${base_rev}" "${base_samples[*]}" "${head_samples[*]}" <<'PY'
import json, statistics, sys

path, rev, base, head = sys.argv[1], sys.argv[2], sys.argv[3].split(), sys.argv[4].split()
base = [float(x) for x in base]
head = [float(x) for x in head]
mb, mh = statistics.median(base), statistics.median(head)
increase = mh / mb - 1
print(f"median: base {mb:.2f} s, head {mh:.2f} s")
print(f"increase: {increase * 100:+.1f}%   (target: increase <= 20%)")
with open(path, "w") as f:
    json.dump({"base_rev": rev, "base_s": base, "head_s": head,
               "median_base_s": mb, "median_head_s": mh, "increase": increase}, f)
    f.write("\n")
PY
