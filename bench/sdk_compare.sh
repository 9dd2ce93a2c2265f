#!/usr/bin/env bash
# sdk_compare.sh -- the webhook path beside the JavaScript SDK users run today, in one run.
#
# WHAT IT MEASURES
#   DELIVERIES (default 3,000) signed deliveries of wixEvents.onPolicyUpdated, each with its own
#   id, all signed with one TEST-ONLY key made for the run (examples/test_delivery.rs), processed
#   from the token's bytes to a handler that reads the policy's name, by:
#     project  backend-events: Verifier::open + Dispatcher::dispatch_event to a
#              #[backend_event] handler (examples/sdk_compare.rs);
#     sdk      @wix/sdk: createClient({auth: AppStrategy({appId, publicKey}),
#              modules: {policies}}), policies.onPolicyUpdated(handler),
#              await webhooks.process(jwt) (bench/sdk_compare/bench.mjs; the packages are
#              pinned by bench/sdk_compare/package-lock.json and installed with npm ci);
#     node     a hand-written Node.js verifier: node:crypto with the key imported once, three
#              JSON.parse (bench/sdk_compare/bench.mjs);
#     limit    a raw aws-lc-rs RS256 verification on a key parsed once + serde_json parses of
#              the three layers into the typed policy + a direct call (examples/sdk_compare.rs);
#     jwt      the same parses after jsonwebtoken::decode (for reference).
#   Each is its own process: a warm-up pass over every delivery, then measured passes over all
#   of them until a second has gone by (one pass at least). Each counts its handler's calls and
#   fails unless every delivery reached it once per pass. The five alternate, ROUNDS (default
#   5) times, in an order that rotates each round.
#
# HOW TO READ THE OUTPUT
#   Every round's µs per delivery (wall time of the measured passes / deliveries handled in
#   them), then per path the medians over the rounds of that and of the process's CPU time per
#   delivery (all its threads: Node's garbage collector too), and deliveries/s per core =
#   1e6 / CPU µs per delivery. Then the targets, each the median over rounds of that round's
#   ratio of CPU times (steadier than wall time on a shared machine; the wall-time ratio is
#   printed beside it):
#       sdk / project    >= 15    (project processes 15x the SDK's deliveries)
#       node / project   >= 1.2
#       project / limit  <= 1.15
#   The same figures go to target/sdk-compare/result.json.
#
# USAGE
#   bench/sdk_compare.sh
#   DELIVERIES=1000 ROUNDS=3 bench/sdk_compare.sh
#
# Needs cargo, python3, node (20+) and npm (the packages come from the npm registry).

set -euo pipefail

script_dir="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(cd -- "${script_dir}/.." && pwd -P)"
deliveries="${DELIVERIES:-3000}"
rounds="${ROUNDS:-5}"
target_dir="${CARGO_TARGET_DIR:-${root}/target}"
out="${target_dir}/sdk-compare"

for tool in cargo python3 node npm; do
    command -v "${tool}" >/dev/null || { echo "${tool} not found" >&2; exit 2; }
done

cd "${root}"
cargo build -q --release -p backend-events --example sdk_compare --example test_delivery
bin="${target_dir}/release/examples"
(cd bench/sdk_compare && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

rm -rf -- "${out}"
mkdir -p -- "${out}"
"${bin}/test_delivery" keys "${out}/keys" 2>/dev/null
echo "signing ${deliveries} deliveries..."
"${bin}/test_delivery" sign "${out}/keys" wixEvents onPolicyUpdated "${deliveries}" \
    >"${out}/tokens.txt"
key="${out}/keys/public.pem"
tokens="${out}/tokens.txt"

run() { # <path>
    case "$1" in
        project | limit | jwt) "${bin}/sdk_compare" "$1" "${key}" "${tokens}" ;;
        sdk | node) node bench/sdk_compare/bench.mjs "$1" "${key}" "${tokens}" ;;
    esac
}

paths=(project sdk node limit jwt)
echo "sdk compare: ${deliveries} deliveries, ${rounds} round(s), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for ((round = 1; round <= rounds; round++)); do
    for ((i = 0; i < ${#paths[@]}; i++)); do
        path="${paths[$(((i + round - 1) % ${#paths[@]}))]}"
        line="$(run "${path}")"
        echo "{\"round\":${round},\"result\":${line}}" >>"${out}/rounds.jsonl"
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "${out}" "${deliveries}" <<'PY'
import json, statistics, sys

out, deliveries = sys.argv[1], int(sys.argv[2])
rounds = {}
for line in open(f"{out}/rounds.jsonl"):
    row = json.loads(line)
    result = row["result"]
    assert result["deliveries"] == deliveries, result
    assert result["passes"] >= 1 and result["handled"] == deliveries * result["passes"], result
    rounds.setdefault(row["round"], {})[result["mode"]] = result

paths = ["project", "sdk", "node", "limit", "jwt"]
print(f"{'round':>5} " + " ".join(f"{p:>9}" for p in paths) + "   (wall µs per delivery)")
for number, results in sorted(rounds.items()):
    print(f"{number:>5} " + " ".join(f"{results[p]['wall_us']:9.1f}" for p in paths))

median = {}
for p in paths:
    wall = statistics.median(r[p]["wall_us"] for r in rounds.values())
    cpu = statistics.median(r[p]["cpu_us"] for r in rounds.values())
    median[p] = {"wall_us": wall, "cpu_us": cpu, "per_core_per_s": 1e6 / cpu}
print(f"\n{'median':>8} {'wall µs':>9} {'CPU µs':>9} {'deliveries/s per core':>22}")
for p in paths:
    m = median[p]
    print(f"{p:>8} {m['wall_us']:9.1f} {m['cpu_us']:9.1f} {m['per_core_per_s']:22,.0f}")

def ratio(a, b, key):
    values = sorted(r[a][key] / r[b][key] for r in rounds.values())
    return statistics.median(values), values[0], values[-1]

targets = [
    ("sdk / project", "sdk", "project", ">=", 15.0),
    ("node / project", "node", "project", ">=", 1.2),
    ("project / limit", "project", "limit", "<=", 1.15),
]
print(f"\n{'ratio (CPU time)':16} {'median':>7}  {'rounds':>11}   {'wall time':>9}")
ratios = {}
for name, a, b, sense, target in targets:
    value, low, high = ratio(a, b, "cpu_us")
    wall = ratio(a, b, "wall_us")[0]
    met = value >= target if sense == ">=" else value <= target
    ratios[name] = {"median": value, "min": low, "max": high, "wall_median": wall,
                    "target": f"{sense} {target}", "met": met}
    print(f"{name:16} {value:7.2f}  {low:5.2f}-{high:5.2f}   {wall:9.2f}   target {sense} {target}: {'met' if met else 'NOT met'}")
with open(f"{out}/result.json", "w") as f:
    json.dump({"deliveries": deliveries, "rounds": rounds, "median": median, "ratios": ratios}, f)
    f.write("\n")
PY
