#!/usr/bin/env bash
# http_load.sh -- throughput and latency of POST /webhooks under load, against a bare endpoint.
#
# WHAT IT MEASURES
#   wrk (Debian's package `wrk`) posts the same signed delivery of wixEvents.onPolicyUpdated
#   (the bundled sample, signed with a TEST-ONLY key made for the run) over loopback to:
#     site   the example site's `serve --no-inbox` (examples/site.rs: backend-events' router,
#            its verifier, decoder, dispatcher and per-delivery log line, and the site's
#            handler, run in the request);
#     bare   examples/bare_webhook.rs: a bare axum endpoint doing the same by hand (aws-lc-rs'
#            RS256 check on a key parsed once, the exp check, serde_json parses of the layers,
#            a direct call of a handler that prints the same line).
#   Both are release builds, stdout and stderr sent to /dev/null, same wrk threads,
#   connections and duration. They alternate (site bare site bare ...) ROUNDS times.
#
# HOW TO READ THE OUTPUT
#   Every round's requests/s and p99 latency, then the medians and
#       throughput ratio = median(site req/s) / median(bare req/s)     target >= 0.95
#   and each server's peak resident memory over the whole run (VmHWM). Non-2xx answers abort
#   the run. The same numbers go to target/http-load/result.json.
#
# USAGE
#   bench/http_load.sh                                   # 3 rounds of 10 s, 2 threads, 64 connections
#   ROUNDS=5 DURATION=20s CONNECTIONS=32 bench/http_load.sh
#
# Needs cargo, python3, curl and wrk (`apt-get install wrk`).

set -euo pipefail

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd -- "${script_dir}/.." && pwd -P)"
rounds="${ROUNDS:-3}"
duration="${DURATION:-10s}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-64}"
out="${root}/target/http-load"

for tool in cargo python3 curl wrk; do
    command -v "${tool}" >/dev/null || { echo "${tool} not found (wrk: apt-get install wrk)" >&2; exit 2; }
done

cd "${root}"
cargo build -q --release -p backend-events --example site --example bare_webhook --example test_delivery
bin="${root}/target/release/examples"

rm -rf -- "${out}"
mkdir -p -- "${out}"
"${bin}/test_delivery" keys "${out}/keys" 2>/dev/null
"${bin}/test_delivery" sign "${out}/keys" wixEvents onPolicyUpdated >"${out}/delivery.jwt"
cat >"${out}/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain"
local file = io.open("${out}/delivery.jwt", "r")
wrk.body = file:read("*l")
file:close()
LUA

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "${pid}" 2>/dev/null || true; done; }
trap cleanup EXIT

"${bin}/site" serve --no-inbox --addr 127.0.0.1:18181 --public-key "${out}/keys/public.pem" \
    >/dev/null 2>&1 &
site_pid=$!
pids+=("${site_pid}")
"${bin}/bare_webhook" 127.0.0.1:18182 "${out}/keys/public.pem" >/dev/null 2>&1 &
bare_pid=$!
pids+=("${bare_pid}")

# Both answer one delivery with 200 before the load starts.
for port in 18181 18182; do
    for _ in $(seq 100); do
        code="$(curl -s -o /dev/null -w '%{http_code}' --data-binary "@${out}/delivery.jwt" \
            "http://127.0.0.1:${port}/webhooks" || true)"
        [[ "${code}" == 200 ]] && break
        sleep 0.1
    done
    [[ "${code}" == 200 ]] || { echo "the server on port ${port} answers ${code}, not 200" >&2; exit 1; }
done

run_wrk() { # <name> <port> <round>
    local log="${out}/$1-$3.txt"
    wrk -t"${threads}" -c"${connections}" -d"${duration}" --latency -s "${out}/post.lua" \
        "http://127.0.0.1:$2/webhooks" >"${log}"
    if grep -q "Non-2xx" "${log}"; then
        echo "$1 answered non-2xx under load:" >&2
        cat "${log}" >&2
        exit 1
    fi
    echo "${log}"
}

echo "http load: wrk -t${threads} -c${connections} -d${duration}, ${rounds} round(s), site vs bare"
logs=()
for ((i = 1; i <= rounds; i++)); do
    logs+=("$(run_wrk site 18181 "${i}")" "$(run_wrk bare 18182 "${i}")")
done

# Peak resident memory of each server over the whole run, in KiB.
peak_rss() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
site_rss="$(peak_rss "${site_pid}")"
bare_rss="$(peak_rss "${bare_pid}")"

python3 - "${out}/result.json" "${site_rss}" "${bare_rss}" "${logs[@]}" <<'PY'
import json, re, statistics, sys

def to_ms(value, unit):
    return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[unit]

rows = {"site": [], "bare": []}
site_rss, bare_rss = int(sys.argv[2]), int(sys.argv[3])
for path in sys.argv[4:]:
    text = open(path).read()
    name = path.rsplit("/", 1)[1].split("-")[0]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p50 = to_ms(*re.search(r"50%\s+([\d.]+)(us|ms|s)", text).groups())
    p99 = to_ms(*re.search(r"99%\s+([\d.]+)(us|ms|s)", text).groups())
    rows[name].append({"rps": rps, "p50_ms": p50, "p99_ms": p99})
    print(f"  {name:4}  {rps:9.0f} req/s   p50 {p50:7.2f} ms   p99 {p99:7.2f} ms")

med = {n: {k: statistics.median(r[k] for r in rs) for k in ("rps", "p50_ms", "p99_ms")}
       for n, rs in rows.items()}
for n in ("site", "bare"):
    m = med[n]
    print(f"median {n:4}  {m['rps']:9.0f} req/s   p50 {m['p50_ms']:7.2f} ms   p99 {m['p99_ms']:7.2f} ms")
ratio = med["site"]["rps"] / med["bare"]["rps"]
print(f"throughput ratio site / bare: {ratio:.3f}  (target >= 0.95)")
print(f"peak RSS: site {site_rss / 1024:.1f} MiB, bare {bare_rss / 1024:.1f} MiB")
with open(sys.argv[1], "w") as f:
    json.dump({"rounds": rows, "median": med, "throughput_ratio": ratio,
               "peak_rss_kib": {"site": site_rss, "bare": bare_rss}}, f)
    f.write("\n")
PY
