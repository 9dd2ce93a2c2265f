// The Node.js side of bench/sdk_compare.sh: one pass of warm-up, then measured passes, over a
// file of signed deliveries of wixEvents.onPolicyUpdated (one token a line), by one of:
//
//   sdk   @wix/sdk as its documentation shows it: createClient with AppStrategy({appId,
//         publicKey}) and the policies module of @wix/events, policies.onPolicyUpdated(handler),
//         then `await client.webhooks.process(jwt)` for each delivery;
//   node  a hand-written verifier: node:crypto with the key imported once, an RS256 check of
//         the signature, the exp check, and three JSON.parse (claims, data, the domain event).
//
//   node bench.mjs sdk|node PUBLIC_KEY_PEM_FILE TOKENS_FILE
//
// The measured passes repeat until they have taken a second. Prints one JSON line like the Rust
// side's: the mode, the number of deliveries, the passes, the handler's calls in them, and their
// wall time and the process's CPU time per delivery, in µs. The handler counts its calls and the
// run fails unless every delivery of every pass reached it once.

import { readFileSync } from "node:fs";
import { createPublicKey, verify } from "node:crypto";
import assert from "node:assert/strict";

const [mode, keyFile, tokensFile] = process.argv.slice(2);
const publicKey = readFileSync(keyFile, "utf8");
const tokens = readFileSync(tokensFile, "utf8").split("\n").filter((line) => line.length > 0);

let handled = 0;
// What every path's handler does: read the policy's name, and count the call.
let lastName;
function readPolicy(policy) {
  lastName = policy.name;
  handled += 1;
}

async function sdkPath() {
  const { createClient, AppStrategy } = await import("@wix/sdk");
  const { policies } = await import("@wix/events");
  const client = createClient({
    auth: AppStrategy({ appId: "test-app", publicKey }),
    modules: { policies },
  });
  client.policies.onPolicyUpdated((event) => readPolicy(event.entity));
  return (jwt) => client.webhooks.process(jwt);
}

function nodePath() {
  const key = createPublicKey(publicKey);
  return (jwt) => {
    const token = jwt.trim();
    const last = token.lastIndexOf(".");
    const first = token.indexOf(".");
    assert(first > 0 && last > first, "three parts");
    const message = token.slice(0, last);
    const signature = Buffer.from(token.slice(last + 1), "base64url");
    assert(verify("RSA-SHA256", Buffer.from(message), key, signature), "a valid signature");
    const claims = JSON.parse(Buffer.from(token.slice(first + 1, last), "base64url").toString());
    assert(claims.exp + 60 >= Date.now() / 1000, "not expired");
    const outer = JSON.parse(claims.data);
    const domain = JSON.parse(outer.data);
    readPolicy(domain.updatedEvent.currentEntity);
  };
}

const paths = { sdk: sdkPath, node: nodePath };
if (!(mode in paths)) {
  console.error("usage: node bench.mjs sdk|node PUBLIC_KEY_PEM_FILE TOKENS_FILE");
  process.exit(2);
}
const processDelivery = await paths[mode]();

// The hand-written path is synchronous: it is not made to wait for a microtask.
for (const token of tokens) {
  const pending = processDelivery(token);
  if (pending) await pending;
}
assert.equal(handled, tokens.length, "warm-up pass");
// The measured passes go on until they have taken a second, as on the Rust side.
const wallStart = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let passes = 0;
while (passes === 0 || process.hrtime.bigint() - wallStart < 1_000_000_000n) {
  for (const token of tokens) {
    const pending = processDelivery(token);
    if (pending) await pending;
  }
  passes += 1;
}
const wall = Number(process.hrtime.bigint() - wallStart) / 1e3;
const cpuUsed = process.cpuUsage(cpuStart);
const cpu = cpuUsed.user + cpuUsed.system;
const measured = handled - tokens.length;
assert.equal(measured, tokens.length * passes, "measured passes");
assert.equal(typeof lastName, "string");

console.log(
  JSON.stringify({
    mode,
    deliveries: tokens.length,
    passes,
    handled: measured,
    wall_us: Number((wall / measured).toFixed(3)),
    cpu_us: Number((cpu / measured).toFixed(3)),
  }),
);
