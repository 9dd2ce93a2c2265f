#!/usr/bin/env node
// Bumps the pinned Wix packages (run by hand, never by CI).
//
//  1. asks npm for the dependencies of every umbrella package named in sources.json
//     (`npm view @wix/ecom@latest version dependencies --json`, one call per umbrella);
//  2. candidates = every `@wix/auto_sdk_*` package those umbrellas depend on, plus
//     sources.json's `extraCandidates`;
//  3. installs the newest version of every candidate (and the newest typescript within
//     sources.json's `typescriptRange`) into a temporary folder with `npm install`, by name only;
//     a name npm answers 404 for is recorded in `unavailable` and left out;
//  4. runs the extractor over each and keeps in package.json only the packages that declare at
//     least one event, pinned to the exact version installed;
//  5. rewrites sources.json (umbrellas with the versions they pin, packages without events) and
//     package-lock.json (`npm install --package-lock-only`; .npmrc keeps registry URLs out of it).
//
// Then run ./run.sh to reinstall from the lock file and rewrite ../ir/.
//
// usage: node bump.mjs [--keep-temp]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { extractPackage, loadTypescript, stableJson } from './extract.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const keepTemp = process.argv.includes('--keep-temp');

function npmJson(args) {
  const out = execFileSync('npm', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  return out.trim() ? JSON.parse(out) : null;
}

const sourcesFile = path.join(HERE, 'sources.json');
const sources = JSON.parse(fs.readFileSync(sourcesFile, 'utf8'));
const umbrellaNames = [...new Set(sources.umbrellaNames)].sort();
const extra = [...new Set(sources.extraCandidates || [])].sort();

// 1. umbrellas
const umbrellas = {};
for (const u of umbrellaNames) {
  const v = npmJson(['view', `${u}@latest`, 'version', 'dependencies', '--json']);
  const autoSdk = {};
  for (const [d, r] of Object.entries((v && v.dependencies) || {}).sort()) if (d.startsWith('@wix/auto_sdk_')) autoSdk[d] = r;
  umbrellas[u] = { version: v.version, autoSdk };
  process.stderr.write(`${u}@${v.version}: ${Object.keys(autoSdk).length} auto_sdk packages\n`);
}

// 2. candidates
const candidates = new Set(extra);
for (const u of Object.values(umbrellas)) for (const p of Object.keys(u.autoSdk)) candidates.add(p);

// 3. install the newest of each
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wix-bump-'));
const unavailable = [];
let names = [...candidates].sort();
for (let attempt = 0; ; attempt++) {
  const deps = { typescript: sources.typescriptRange };
  for (const n of names) deps[n] = 'latest';
  fs.writeFileSync(path.join(tmp, 'package.json'), stableJson({ name: 'wix-bump', private: true, dependencies: deps }));
  const r = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: tmp, encoding: 'utf8' });
  if (r.status === 0) break;
  const text = `${r.stdout}\n${r.stderr}`;
  const m = /'(@wix\/auto_sdk_[^@']+)@latest' could not be found/.exec(text) || /404[^\n]*?(@wix\/auto_sdk_[A-Za-z0-9._-]+)/.exec(text.replace(/%2f/gi, '/'));
  if (!m || attempt > 20) throw new Error(`npm install failed:\n${text.slice(-3000)}`);
  process.stderr.write(`not published: ${m[1]}\n`);
  unavailable.push(m[1]);
  names = names.filter((n) => n !== m[1]);
}
const nm = path.join(tmp, 'node_modules');
loadTypescript(nm);
const tsVersion = JSON.parse(fs.readFileSync(path.join(nm, 'typescript', 'package.json'), 'utf8')).version;

// 4. which declare events
const withEvents = {};
const withoutEvents = {};
for (const n of names) {
  const dir = path.join(nm, n);
  const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  const res = extractPackage(dir, []);
  if (res.ir && res.ir.events.length) withEvents[n] = version;
  else withoutEvents[n] = version;
  for (const w of res.warnings) process.stderr.write(`warning: ${n}: ${w}\n`);
}

// 5. write
const pjFile = path.join(HERE, 'package.json');
const old = fs.existsSync(pjFile) ? JSON.parse(fs.readFileSync(pjFile, 'utf8')) : {};
const pj = {
  name: old.name || 'backend-events-codegen-extract',
  version: old.version || '0.0.0',
  private: true,
  description: old.description || 'Pinned Wix SDK packages read by extract.mjs (see run.sh, bump.mjs)',
  license: old.license || 'MIT',
  type: 'module',
  engines: { node: '>=20' },
  dependencies: Object.fromEntries(Object.entries({ typescript: tsVersion, ...withEvents }).sort((a, b) => (a[0] < b[0] ? -1 : 1))),
};
fs.writeFileSync(pjFile, stableJson(pj));
const out = {
  about: sources.about,
  typescriptRange: sources.typescriptRange,
  umbrellaNames,
  extraCandidates: extra,
  umbrellas,
  unavailable: unavailable.sort(),
  withoutEvents,
};
fs.writeFileSync(sourcesFile, stableJson(out));
const lock = spawnSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: HERE, encoding: 'utf8' });
if (lock.status !== 0) throw new Error(`npm install --package-lock-only failed:\n${lock.stderr}`);
if (!keepTemp) fs.rmSync(tmp, { recursive: true, force: true });
else process.stderr.write(`kept ${tmp}\n`);
console.log(`typescript ${tsVersion}; ${Object.keys(withEvents).length} packages with events pinned; ${Object.keys(withoutEvents).length} without events; ${unavailable.length} unavailable`);
