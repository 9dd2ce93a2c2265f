#!/usr/bin/env bash
# compile_cost.sh -- what does `#[backend_event]` cost at compile time?
#
# WHAT IT MEASURES
#   The dev-profile (`cargo build`) wall-clock time of rebuilding ONE binary crate that holds
#   300 event handlers (50 per event, round-robin over the six catalog events), in two forms:
#     with_attribute  every fn carries `#[backend_event(module, event)]`; `main` dispatches one
#                     sample per event through `backend_events::Dispatcher`.
#     plain           the same 300 fns without the attribute, plus a hand-written
#                     `dispatch(module, event, bytes)` that `match`es on (module, event), parses
#                     with `serde_json::from_slice::<Payload>` and calls the 50 fns of that event
#                     (each on a clone); `main` dispatches the same samples.
#   Only the measured crate is rebuilt: dependencies (backend-events, its proc macro, serde...)
#   are built once in a warm-up and shared through one CARGO_TARGET_DIR.
#
# HOW A FULL REBUILD IS FORCED
#   Before each timed build the script runs `cargo clean -p <crate>` (untimed). That deletes the
#   crate's fingerprints, its objects AND its incremental cache, so every timed build re-expands
#   all 300 attributes and type-checks and code-generates the whole crate from scratch. (Merely
#   touching src/main.rs was not chosen: the dev profile's incremental cache would then let
#   rustc reuse codegen, measuring something between a full and an incremental build.)
#
# HOW TO READ THE OUTPUT
#   The crates are built alternately (A B A B ...) RUNS times, so both see the same machine
#   noise; the script prints every sample, the median of each crate in seconds, and
#       ratio = median(with_attribute) / median(plain)
#   i.e. how many times longer a crate takes to compile when its handlers are registered with
#   the attribute rather than wired by hand. The goal is the printed "target: ratio <= 1.5".
#   The same numbers are written as one line of JSON to target/compile-cost/result.json.
#   To tell the per-handler cost (macro expansion + generated code) from the fixed cost of
#   each form (the Dispatcher and its async plumbing vs. the serde_json monomorphisations of
#   `plain`), run again with HANDLERS=0: the difference between the two runs is what the
#   300 handlers themselves cost.
#
# USAGE
#   bench/compile_cost.sh                 # from any directory
#   RUNS=9 bench/compile_cost.sh          # more samples (default 5)
#   HANDLERS=0 bench/compile_cost.sh      # same crates with N handlers (default 300)
#   ASYNC=1 bench/compile_cost.sh         # `async fn` handlers (plain awaits each in turn)
#   FRESH=1 bench/compile_cost.sh         # also wipe the cached dependency builds
#
# The generated workspace lives in <workspace>/target/compile-cost/ (gitignored) and is
# regenerated on every run; its build cache, target/compile-cost/target/, is kept between runs
# unless FRESH=1. It has its own [workspace] table, a copy of the main Cargo.lock (so the
# dependency versions are the main workspace's), and builds with --offline when that works.
# Needs only the Rust toolchain (cargo), bash and python3.

set -euo pipefail
shopt -s inherit_errexit 2>/dev/null || true

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd -- "${script_dir}/.." && pwd -P)"
runs="${RUNS:-5}"
handlers="${HANDLERS:-300}"
asynchronous="${ASYNC:-0}"
out="${root}/target/compile-cost"
export CARGO_TARGET_DIR="${out}/target"

case "${runs}" in '' | *[!0-9]* | 0) echo "RUNS must be a positive integer, got '${runs}'" >&2; exit 2 ;; esac
case "${asynchronous}" in 0 | 1) ;; *) echo "ASYNC must be 0 or 1, got '${asynchronous}'" >&2; exit 2 ;; esac
case "${handlers}" in '' | *[!0-9]*) echo "HANDLERS must be a non-negative integer, got '${handlers}'" >&2; exit 2 ;; esac
command -v cargo >/dev/null || { echo "cargo not found" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 not found" >&2; exit 2; }

# --- 1. generate the workspace ------------------------------------------------------------
if [[ "${FRESH:-0}" == 1 ]]; then
    rm -rf -- "${out}"
else
    # Everything but the build cache.
    if [[ -d "${out}" ]]; then
        find "${out}" -mindepth 1 -maxdepth 1 ! -name target -exec rm -rf -- {} +
    fi
fi
mkdir -p -- "${out}"
cp -- "${root}/Cargo.lock" "${out}/Cargo.lock"

python3 - "${out}" "${root}/runtime" "${handlers}" "${asynchronous}" <<'PY'
import json, os, sys

out, runtime, n, asynchronous = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
fn_kw = "async fn" if asynchronous else "fn"

# (module, event, payload type, Rust module, sample JSON)
meta = '"metadata": {"id": "m-%d", "entityId": "e-%d", "eventTime": "2023-03-08T11:04:53.171829Z"}'
events = [
    ("wixEvents", "onPolicyCreated", "PolicyCreated", "wix_events",
     '{%s, "entity": {"_id": "p-1", "name": "Terms"}}' % (meta % (0, 0))),
    ("wixEvents", "onPolicyUpdated", "PolicyUpdated", "wix_events",
     '{%s, "entity": {"_id": "p-1", "revision": "2"}}' % (meta % (1, 1))),
    ("wixEvents", "onPolicyDeleted", "PolicyDeleted", "wix_events",
     '{%s}' % (meta % (2, 2))),
    ("wixEventsGuests", "onGuestCreated", "GuestCreated", "wix_events_guests",
     '{%s, "entity": {"_id": "g-1", "eventId": "ev-1"}}' % (meta % (3, 3))),
    ("wixEventsGuests", "onGuestUpdated", "GuestUpdated", "wix_events_guests",
     '{%s, "entity": {"_id": "g-1", "eventId": "ev-1", "guestType": "BUYER"}}' % (meta % (4, 4))),
    ("wixEventsGuests", "onGuestDeleted", "GuestDeleted", "wix_events_guests",
     '{%s}' % (meta % (5, 5))),
]
by_event = [[i for i in range(n) if i % len(events) == k] for k in range(len(events))]

def rust_str(s):
    return json.dumps(s)  # a JSON string literal is a valid Rust string literal here

uses = (
    "use backend_events::wix_events::{PolicyCreated, PolicyDeleted, PolicyUpdated};\n"
    "use backend_events::wix_events_guests::{GuestCreated, GuestDeleted, GuestUpdated};\n"
)
samples = "const SAMPLES: [(&str, &str, &str, usize); %d] = [\n%s];\n" % (
    len(events),
    "".join("    (%s, %s, %s, %d),\n" % (rust_str(m), rust_str(e), rust_str(js), len(by_event[k]))
            for k, (m, e, _, _, js) in enumerate(events)),
)
header = "//! Generated by bench/compile_cost.sh: do not edit.\n#![allow(dead_code, unused_imports)]\n\n"

def handler_fns(attribute):
    parts = []
    for i in range(n):
        m, e, ty, _, _ = events[i % len(events)]
        attr = "#[backend_event(%s, %s)]\n" % (m, e) if attribute else ""
        parts.append("%s%s handler_%d(event: %s) {\n    std::hint::black_box(&event.metadata.id);\n}\n"
                     % (attr, fn_kw, i, ty))
    return "\n".join(parts)

block_on = """
/// Polls a future to completion with a no-op waker: the handlers here never wait.
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    let mut f = std::pin::pin!(f);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = f.as_mut().poll(&mut cx) {
            return out;
        }
    }
}
"""

with_attribute = header + "use backend_events::backend_event;\n" + uses + "\n" + samples + block_on + """
fn main() {
    let dispatcher = backend_events::Dispatcher::new();
    let mut total = 0;
    for (module, event, json, expected) in SAMPLES {
        let report = block_on(dispatcher.dispatch(module, event, json.as_bytes()))
            .unwrap_or_else(|e| panic!("{module}.{event}: {e}"));
        assert!(report.is_success(), "{module}.{event} failed");
        assert_eq!(report.handlers_run(), expected, "{module}.{event}");
        total += report.handlers_run();
    }
    println!("with_attribute: {total} handlers ran");
}

""" + handler_fns(True)

arms = []
for k, (m, e, ty, _, _) in enumerate(events):
    call = "block_on(handler_%d(payload.clone()))" if asynchronous else "handler_%d(payload.clone())"
    calls = "".join(("            " + call + ";\n") % i for i in by_event[k])
    arms.append(
        "        (%s, %s) => {\n"
        "            let payload = serde_json::from_slice::<%s>(bytes)?;\n"
        "%s"
        "            Ok(%d)\n"
        "        }\n" % (rust_str(m), rust_str(e), ty, calls, len(by_event[k])))
plain = header + uses + "\n" + samples + (block_on if asynchronous else "") + """
/// Parses `bytes` as the payload of `module.event` and runs its handlers; how many ran.
fn dispatch(module: &str, event: &str, bytes: &[u8]) -> Result<usize, serde_json::Error> {
    match (module, event) {
""" + "".join(arms) + """        _ => Ok(0),
    }
}

fn main() {
    let mut total = 0;
    for (module, event, json, expected) in SAMPLES {
        let ran = dispatch(module, event, json.as_bytes())
            .unwrap_or_else(|e| panic!("{module}.{event}: {e}"));
        assert_eq!(ran, expected, "{module}.{event}");
        total += ran;
    }
    println!("plain: {total} handlers ran");
}

""" + handler_fns(False)

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)

write(os.path.join(out, "Cargo.toml"),
      '# Generated by bench/compile_cost.sh: a workspace of its own, not part of the main one.\n'
      '[workspace]\nresolver = "3"\nmembers = ["with_attribute", "plain"]\n')
for name, src in (("with_attribute", with_attribute), ("plain", plain)):
    write(os.path.join(out, name, "Cargo.toml"),
          '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
          '[dependencies]\nbackend-events = { path = %s }\nserde_json = "1"\n'
          % (name, rust_str(runtime)))
    write(os.path.join(out, name, "src", "main.rs"), src)
PY

cd -- "${out}"

# --offline when the cache has everything; otherwise let cargo reach crates.io.
offline=(--offline)
if ! cargo fetch --offline --quiet >/dev/null 2>&1; then
    echo "note: dependencies not all cached, building online" >&2
    offline=()
fi

# --- 2. warm up: dependencies built once, both binaries checked ---------------------------
echo "warming up (RUNS=${runs}, HANDLERS=${handlers}, ASYNC=${asynchronous}, target dir ${CARGO_TARGET_DIR})" >&2
cargo build "${offline[@]}" --quiet -p with_attribute -p plain
"${CARGO_TARGET_DIR}/debug/with_attribute"
"${CARGO_TARGET_DIR}/debug/plain"

# Times one `cargo build -p <crate>` after an untimed `cargo clean -p <crate>`; prints seconds.
log="${out}/build.log"
time_build() {
    local crate="$1"
    cargo clean "${offline[@]}" --quiet -p "${crate}"
    python3 - "${log}" cargo build "${offline[@]}" -p "${crate}" <<'PY'
import subprocess, sys, time
log, cmd = sys.argv[1], sys.argv[2:]
with open(log, "w") as f:
    t0 = time.perf_counter_ns()
    rc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT).returncode
    t1 = time.perf_counter_ns()
if rc != 0:
    sys.stderr.write(open(log).read())
    sys.exit(rc)
print("%.9f" % ((t1 - t0) / 1e9))
PY
}

# --- 3. the measurements, alternating A B A B ... -----------------------------------------
a_times=()
b_times=()
for ((i = 1; i <= runs; i++)); do
    a="$(time_build with_attribute)"
    b="$(time_build plain)"
    a_times+=("${a}")
    b_times+=("${b}")
    printf 'round %d/%d: with_attribute %ss  plain %ss\n' "${i}" "${runs}" "${a}" "${b}" >&2
done

python3 - "${out}/result.json" "${runs}" "${handlers}" "${asynchronous}" "${a_times[*]}" "${b_times[*]}" <<'PY'
import json, statistics, sys
path, runs, handlers, asynchronous = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
a = [float(x) for x in sys.argv[5].split()]
b = [float(x) for x in sys.argv[6].split()]
ma, mb = statistics.median(a), statistics.median(b)
ratio = ma / mb
print("with_attribute median: %.3f s   (samples: %s)" % (ma, " ".join("%.3f" % x for x in a)))
print("plain          median: %.3f s   (samples: %s)" % (mb, " ".join("%.3f" % x for x in b)))
print("ratio with_attribute/plain: %.3f" % ratio)
print("target: ratio <= 1.5  -> %s" % ("met" if ratio <= 1.5 else "NOT met"))
result = {
    "handlers": handlers, "async": asynchronous, "runs": runs,
    "with_attribute_median_s": round(ma, 6), "plain_median_s": round(mb, 6),
    "ratio": round(ratio, 4), "target_ratio_max": 1.5, "target_met": ratio <= 1.5,
    "with_attribute_samples_s": [round(x, 6) for x in a],
    "plain_samples_s": [round(x, 6) for x in b],
}
with open(path, "w") as f:
    f.write(json.dumps(result, separators=(",", ":")) + "\n")
print("written: %s" % path)
PY
