#!/usr/bin/env bash
# http_profile.sh -- where a delivery's CPU goes in POST /webhooks: the site vs the bare endpoint,
# in instructions, which do not depend on what else the machine is doing.
#
# WHAT IT MEASURES
#   The two servers of bench/http_load.sh (the example site's `serve --no-inbox` and
#   examples/bare_webhook.rs), each run under valgrind's callgrind, answer the same signed
#   delivery of wixEvents.onPolicyUpdated (TEST-ONLY key made for the run) REQUESTS times from
#   examples/load_client.rs, after a warm-up that is not counted. Both are release builds with
#   line tables, in target/http-profile/.
#
# HOW TO READ THE OUTPUT
#   Instructions per delivery of each server, their ratio (the user-space CPU a site delivery
#   costs against the bare one; http_load.sh's throughput ratio also pays the kernel's share,
#   which both have alike), then the site's instructions per delivery in each of its parts
#   (inclusive: a part contains what it calls). The callgrind files stay in
#   target/http-profile/out/ for callgrind_annotate.
#
# USAGE
#   bench/http_profile.sh                  # 2,000 deliveries, 8 at a time
#   REQUESTS=5000 bench/http_profile.sh
#
# Needs cargo, python3, curl and valgrind (Debian's package `valgrind`).

set -euo pipefail

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd -- "${script_dir}/.." && pwd -P)"
requests="${REQUESTS:-2000}"
target="${root}/target/http-profile"
out="${target}/out"

for tool in cargo python3 curl valgrind callgrind_control callgrind_annotate; do
    command -v "${tool}" >/dev/null || { echo "${tool} not found (apt-get install valgrind)" >&2; exit 2; }
done

cd "${root}"
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only CARGO_TARGET_DIR="${target}" cargo build -q \
    --release -p backend-events --example site --example bare_webhook --example test_delivery \
    --example load_client
bin="${target}/release/examples"

rm -rf -- "${out}"
mkdir -p -- "${out}"
"${bin}/test_delivery" keys "${out}/keys" 2>/dev/null
"${bin}/test_delivery" sign "${out}/keys" wixEvents onPolicyUpdated >"${out}/delivery.jwt"
# The same token each time: without an inbox no delivery is refused as a duplicate.
for ((i = 0; i < requests; i++)); do cat "${out}/delivery.jwt"; done >"${out}/tokens"
head -n 200 "${out}/tokens" >"${out}/warm-up"

pid=""
cleanup() { [[ -z "${pid}" ]] || kill -9 "${pid}" 2>/dev/null || true; }
trap cleanup EXIT

profile() { # <name> <port> <command...>
    local name="$1" port="$2"
    shift 2
    valgrind --tool=callgrind --callgrind-out-file="${out}/${name}.%p.callgrind" "$@" \
        >/dev/null 2>"${out}/${name}.valgrind.log" &
    pid=$!
    local code=""
    for _ in $(seq 300); do
        code="$(curl -s -o /dev/null -w '%{http_code}' --data-binary "@${out}/delivery.jwt" \
            "http://127.0.0.1:${port}/webhooks" || true)"
        [[ "${code}" == 200 ]] && break
        sleep 0.2
    done
    [[ "${code}" == 200 ]] || { echo "${name} answers ${code}, not 200" >&2; exit 1; }
    "${bin}/load_client" "http://127.0.0.1:${port}/webhooks" "${out}/warm-up" 8 >/dev/null
    callgrind_control --zero "${pid}" >/dev/null 2>&1
    "${bin}/load_client" "http://127.0.0.1:${port}/webhooks" "${out}/tokens" 8 >"${out}/${name}.load.json"
    callgrind_control --dump "${pid}" >/dev/null 2>&1
    kill -9 "${pid}" 2>/dev/null || true
    wait "${pid}" 2>/dev/null || true
    pid=""
    # The dump after the load (the file without a part number is the empty exit one).
    ls "${out}/${name}".*.callgrind.* | head -n 1
}

site_file="$(profile site 18191 "${bin}/site" serve --no-inbox --addr 127.0.0.1:18191 \
    --public-key "${out}/keys/public.pem")"
bare_file="$(profile bare 18192 "${bin}/bare_webhook" 127.0.0.1:18192 "${out}/keys/public.pem")"
callgrind_annotate --inclusive=yes --threshold=100 --auto=no "${site_file}" >"${out}/site.inclusive.txt"

python3 - "${requests}" "${site_file}" "${bare_file}" "${out}/site.inclusive.txt" \
    "${out}/site.load.json" "${out}/bare.load.json" <<'PY'
import json, re, sys

requests = int(sys.argv[1])
for load in sys.argv[5:7]:
    answered = json.load(open(load))
    if answered["ok"] != requests:
        sys.exit(f"{load}: {answered['ok']} of {requests} deliveries answered 200")

def summary(path):
    for line in open(path):
        if line.startswith("summary:"):
            return int(line.split()[1])
    sys.exit(f"{path}: no summary line")

site, bare = summary(sys.argv[2]) / requests, summary(sys.argv[3]) / requests
print(f"instructions per delivery: site {site:,.0f}, bare {bare:,.0f}, ratio {site / bare:.3f}")

# The site's parts: the first (largest) inclusive count of each function named here.
parts = [
    ("the whole request (the axum handler)", r"runtime/src/http\.rs:<F as axum::handler::Handler"),
    ("  verify + the first layer (Verifier::envelope)", r"Verifier::envelope$"),
    ("    the RSA check (aws-lc-rs)", r"aws-lc-rs-[\d.]+/src/signature\.rs:backend_events::webhook::verify::Verifier::verified_claims"),
    ("  the inner layers, as Velo's payload (Envelope::decode)", r"envelope\.rs:backend_events::webhook::envelope::Envelope::decode$"),
    ("  the typed payload (parse_payload)", r"event\.rs:backend_events::event::parse_payload$"),
    ("  the handler run, timed and counted (Counted::advance)", r"http\.rs:backend_events::http::Counted::advance$"),
    ("    the metrics' label lookups (Family::get_or_create)", r"prometheus_client::metrics::family::Family<S,M,C>::get_or_create$"),
    ("  the log line (Answer::log)", r"http\.rs:backend_events::http::Answer::log$"),
    ("  the answer's text (Report as Display)", r"report\.rs:<backend_events::report::Report as core::fmt::Display>::fmt$"),
]
text = open(sys.argv[4]).read().splitlines()
print("the site's parts, instructions per delivery (inclusive):")
for label, pattern in parts:
    found = None
    for line in text:
        m = re.match(r"\s*([\d,]+) \(", line)
        # The function's name, without the binary callgrind adds after it.
        name = re.sub(r"\s*\[[^\]]*\]\s*$", "", line)
        if m and re.search(pattern, name):
            found = int(m.group(1).replace(",", "")) / requests
            break
    shown = f"{found:9,.0f}" if found is not None else "        -"
    print(f"  {shown}  {label}")
print(f"bare, for comparison: {bare:,.0f} in all")
PY
