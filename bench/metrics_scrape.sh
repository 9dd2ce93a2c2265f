#!/usr/bin/env bash
# metrics_scrape.sh -- what scraping /metrics costs the inbox under load, against the same load
# unscraped, in one run.
#
# WHAT IT MEASURES
#   bench/inbox_load.sh's SQLite load: DELIVERIES (default 20,000) distinct signed deliveries of
#   wixEvents.onPolicyUpdated (TEST-ONLY key made for the run), posted by
#   examples/load_client.rs at CONCURRENCY (default 64) over loopback to examples/load_site.rs
#   (`serve --inbox FILE --workers WORKERS`, four handlers, the main one failing 10% of its
#   runs), in ROUNDS (default 3) pairs of runs, each on a fresh inbox file:
#     plain    nothing else asks the server anything;
#     scraped  GET /metrics every 100 ms for the whole load (a python3 loop on loopback), with
#              the server's default `--gauges-every` (GAUGES_EVERY to change it, such as 0s for
#              an inbox count at every scrape).
#   The two runs of a pair alternate which goes first. For each run: stored/s (deliveries
#   answered 200, each one stored, per second of the load) and the scrapes made; then the
#   median stored/s of each kind and their ratio, scraped / plain.
#
# TARGET: scraping every 100 ms lowers stored/s by no more than 2% (ratio >= 0.98).
#
# USAGE
#   bench/metrics_scrape.sh
#   ROUNDS=5 DELIVERIES=10000 GAUGES_EVERY=0s bench/metrics_scrape.sh
#
# Needs cargo and python3. Results: target/metrics-scrape/.

set -euo pipefail

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd -- "${script_dir}/.." && pwd -P)"
deliveries="${DELIVERIES:-20000}"
concurrency="${CONCURRENCY:-64}"
workers="${WORKERS:-4}"
rounds="${ROUNDS:-3}"
gauges_every="${GAUGES_EVERY:-5s}"
port=18291
out="${root}/target/metrics-scrape"

cd "${root}"
cargo build -q --release -p backend-events --example load_site --example load_client \
    --example test_delivery
bin="${root}/target/release/examples"

rm -rf -- "${out}"
mkdir -p -- "${out}"
"${bin}/test_delivery" keys "${out}/keys" 2>/dev/null
echo "signing ${deliveries} deliveries..."
"${bin}/test_delivery" sign "${out}/keys" wixEvents onPolicyUpdated "${deliveries}" \
    >"${out}/tokens.txt"

server=""
scraper=""
stop_all() {
    [[ -n "${scraper}" ]] && kill "${scraper}" 2>/dev/null && wait "${scraper}" 2>/dev/null
    [[ -n "${server}" ]] && kill "${server}" 2>/dev/null && wait "${server}" 2>/dev/null
    scraper=""
    server=""
}
trap stop_all EXIT

start_server() { # <inbox file>
    rm -f -- "$1" "$1-wal" "$1-shm"
    RUST_LOG=warn "${bin}/load_site" serve --addr "127.0.0.1:${port}" \
        --public-key "${out}/keys/public.pem" --inbox "$1" --workers "${workers}" \
        --gauges-every "${gauges_every}" >/dev/null 2>"${out}/serve.log" &
    server=$!
    for _ in $(seq 100); do
        (echo >"/dev/tcp/127.0.0.1/${port}") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "the server did not start:" >&2
    cat "${out}/serve.log" >&2
    exit 1
}

# GET /metrics every 100 ms until stopped (SIGTERM); writes how many scrapes answered 200.
start_scraper() { # <count file>
    python3 - "http://127.0.0.1:${port}/metrics" "$1" <<'PY' &
import signal, sys, time, urllib.request
url, count_file = sys.argv[1], sys.argv[2]
scrapes, running = 0, True
def stop(*_):
    global running
    running = False
signal.signal(signal.SIGTERM, stop)
while running:
    with urllib.request.urlopen(url, timeout=5) as response:
        response.read()
        scrapes += response.status == 200
    time.sleep(0.1)
open(count_file, "w").write(str(scrapes))
PY
    scraper=$!
}

run() { # <kind> <round>
    local kind="$1" round="$2"
    start_server "${out}/inbox.db"
    [[ "${kind}" == scraped ]] && start_scraper "${out}/${kind}-${round}.scrapes"
    "${bin}/load_client" "http://127.0.0.1:${port}/webhooks" "${out}/tokens.txt" \
        "${concurrency}" >"${out}/${kind}-${round}.json"
    stop_all
}

echo "metrics scrape: ${deliveries} deliveries, concurrency ${concurrency}, ${workers} workers, SQLite inbox, ${rounds} rounds, --gauges-every ${gauges_every}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "${rounds}"); do
    if (( round % 2 )); then
        run plain "${round}"
        run scraped "${round}"
    else
        run scraped "${round}"
        run plain "${round}"
    fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "${out}" "${rounds}" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def stored(kind, n):
    r = json.load(open(f"{out}/{kind}-{n}.json"))
    return r["ok"] / r["elapsed_s"], r["not_ok"]
rates = {"plain": [], "scraped": []}
print(f"{'round':>5} {'plain stored/s':>15} {'scraped stored/s':>17} {'scrapes':>8} {'ratio':>7}")
for n in range(1, rounds + 1):
    (plain, plain_bad), (scraped, scraped_bad) = stored("plain", n), stored("scraped", n)
    if plain_bad or scraped_bad:
        print(f"round {n}: {plain_bad} and {scraped_bad} deliveries not answered 200", file=sys.stderr)
        sys.exit(1)
    scrapes = int(open(f"{out}/scraped-{n}.scrapes").read())
    rates["plain"].append(plain)
    rates["scraped"].append(scraped)
    print(f"{n:5d} {plain:15.0f} {scraped:17.0f} {scrapes:8d} {scraped / plain:7.3f}")
plain, scraped = statistics.median(rates["plain"]), statistics.median(rates["scraped"])
print(f"median stored/s: plain {plain:.0f}, scraped {scraped:.0f}; ratio {scraped / plain:.3f}  (target >= 0.98)")
PY
