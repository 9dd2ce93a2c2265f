#!/usr/bin/env node
// Extract stage of the catalog generator.
//
// Reads every `@wix/auto_sdk_*` package pinned in ./package.json from ./node_modules and writes
// the IR (one JSON file per package plus index.json) to ../ir/. Only facts are written: names,
// types, the machine values of JSDoc tags and enum values, never Wix's prose. The schema is
// described in IR-SCHEMA.md beside this file.
//
// usage: node extract.mjs [--node-modules DIR] [--out DIR] [--package-json FILE] [--quiet]
//
// Sources inside one package (see IR-SCHEMA.md for the details):
//   package.json            wix.sdkDependency.fqdn
//   build/cjs/index.d.ts    `declare const onX$1: EventDefinition<Envelope, "eventType">` (the
//                           event list) and the import telling which chunk declares the envelopes
//   typings chunk           SDK (Velo) shaped types, envelopes, `declare function onX` + JSDoc tags
//   build/cjs/meta.d.ts     REST (wire) shaped types of the same names
//   build/cjs/index.js      `EventDefinition("eventType", isDomainEvent, transform)` and the
//                           transform's paths per conversion (timestamps, images, ...)
//
// Anything unexpected produces a warning naming the package (printed, and kept in index.json);
// an event is never dropped silently.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const SCHEMA_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// command line

function parseArgs(argv) {
  const o = {
    nodeModules: path.join(HERE, 'node_modules'),
    out: path.join(HERE, '..', 'ir'),
    packageJson: path.join(HERE, 'package.json'),
    sources: path.join(HERE, 'sources.json'),
    quiet: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--node-modules') o.nodeModules = path.resolve(next());
    else if (a === '--out') o.out = path.resolve(next());
    else if (a === '--package-json') o.packageJson = path.resolve(next());
    else if (a === '--sources') o.sources = path.resolve(next());
    else if (a === '--quiet') o.quiet = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

let ts; // the typescript module, loaded from the node_modules being read
export function loadTypescript(nodeModules) {
  if (ts) return ts;
  const req = createRequire(path.join(nodeModules, '..', 'noop.js'));
  ts = req('typescript');
  if (typeof ts.createSourceFile !== 'function') {
    throw new Error(`typescript ${ts.version} has no createSourceFile (TypeScript 7+ ships no JS compiler API; pin 6.x)`);
  }
  return ts;
}

// ---------------------------------------------------------------------------------------------
// small helpers

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function parseFile(file, kind) {
  const text = fs.readFileSync(file, 'utf8');
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

function propName(name) {
  if (!name) return null;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return null;
}

function tagText(tag) {
  const c = ts.getTextOfJSDocComment(tag.comment);
  return c === undefined ? '' : c.trim();
}

// Tags whose values are machine values. Everything else in a JSDoc block (descriptions,
// @param/@returns/@example prose, stray "@" in e-mail addresses) is not copied.
const FLAG_TAGS = new Set(['readonly', 'immutable', 'deprecated', 'oneof', 'enumType', 'docsIgnore', 'hidden', 'webhook', 'public']);
const NUMBER_TAGS = new Set(['maxLength', 'minLength', 'maxSize', 'minSize', 'max', 'min']);
const STRING_TAGS = new Set(['format', 'decimalValue', 'replacedBy', 'targetRemovalDate', 'documentationMaturity', 'eventType', 'slug',
  'permissionId', 'permissionScopeId', 'serviceIdentifier', 'applicableIdentity', 'fqn', 'requiredField']);
// tags of a declaration kept in the IR; the order here is the order of keys in `tags`
const TAG_ORDER = ['format', 'decimalValue', 'minLength', 'maxLength', 'minSize', 'maxSize', 'min', 'max', 'readonly', 'immutable',
  'deprecated', 'replacedBy', 'targetRemovalDate', 'docsIgnore', 'hidden', 'applicableIdentity', 'requiredField', 'fqn'];
const MULTI_TAGS = new Set(['permissionScopeId', 'requiredField', 'applicableIdentity', 'format']);

const unknownTagCounts = new Map();

// JSDoc tags of a node: { name -> value } (value: true, number, string or array of those)
function tagsOf(node) {
  const out = {};
  for (const t of ts.getJSDocTags(node)) {
    const k = t.tagName.text;
    let v;
    if (FLAG_TAGS.has(k)) v = true;
    else if (NUMBER_TAGS.has(k)) {
      const s = tagText(t);
      v = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
    } else if (STRING_TAGS.has(k)) {
      // first word only for tags whose value is one token; decimalValue keeps its options text
      const s = tagText(t).replace(/\*\/$/, '').trim();
      v = k === 'decimalValue' ? s.replace(/\s+/g, ' ') : s.split(/\s+/)[0];
    } else {
      if (k !== 'param' && k !== 'returns' && k !== 'example' && k !== 'permissionScope') {
        unknownTagCounts.set(k, (unknownTagCounts.get(k) || 0) + 1);
      }
      continue;
    }
    if (out[k] === undefined) out[k] = MULTI_TAGS.has(k) ? [v] : v;
    else if (MULTI_TAGS.has(k)) { if (!out[k].includes(v)) out[k].push(v); }
    else if (out[k] !== v) out[k] = [].concat(out[k], v);
  }
  return out;
}

function orderedTags(raw, order = TAG_ORDER) {
  const o = {};
  for (const k of order) {
    if (raw[k] === undefined) continue;
    let v = raw[k];
    if (Array.isArray(v)) v = [...v].sort((a, b) => cmp(String(a), String(b)));
    if (Array.isArray(v) && v.length === 1 && k !== 'permissionScopeId' && k !== 'requiredField') v = v[0];
    o[k] = v;
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// the type grammar

class Ctx {
  constructor(pkg) { this.pkg = pkg; this.warnings = []; }
  warn(msg) { if (!this.warnings.includes(msg)) this.warnings.push(msg); }
}

// Returns { type, nullable } where nullable says that `null` (or `undefined`) was a member of a
// top-level union; the null member is removed from `type`.
function typeOfTop(node, ctx, where) {
  if (node && ts.isUnionTypeNode(node)) {
    const parts = node.types.filter((t) => !isNullish(t));
    const nullable = parts.length !== node.types.length;
    if (parts.length === 0) return { type: { kind: 'null' }, nullable: false };
    if (parts.length === 1) return { type: typeOf(parts[0], ctx, where), nullable };
    return { type: unionOf(parts.map((p) => typeOf(p, ctx, where))), nullable };
  }
  if (node && isNullish(node)) return { type: { kind: 'null' }, nullable: false };
  return { type: typeOf(node, ctx, where), nullable: false };
}

function isNullish(n) {
  if (n.kind === ts.SyntaxKind.NullKeyword || n.kind === ts.SyntaxKind.UndefinedKeyword) return true;
  return ts.isLiteralTypeNode(n) && n.literal.kind === ts.SyntaxKind.NullKeyword;
}

function unionOf(types) {
  return { kind: 'union', of: types };
}

function typeOf(node, ctx, where) {
  if (!node) return { kind: 'any' };
  const K = ts.SyntaxKind;
  switch (node.kind) {
    case K.StringKeyword: return { kind: 'string' };
    case K.NumberKeyword: return { kind: 'number' };
    case K.BigIntKeyword: return { kind: 'number' };
    case K.BooleanKeyword: return { kind: 'boolean' };
    case K.AnyKeyword: case K.UnknownKeyword: return { kind: 'any' };
    case K.NullKeyword: case K.UndefinedKeyword: case K.VoidKeyword: return { kind: 'null' };
    case K.ObjectKeyword: return { kind: 'map', of: { kind: 'any' } };
    case K.ParenthesizedType: return typeOf(node.type, ctx, where);
    case K.ArrayType: return { kind: 'array', of: typeOf(node.elementType, ctx, where) };
    case K.TypeOperator:
      if (node.operator === K.ReadonlyKeyword) return typeOf(node.type, ctx, where);
      break;
    case K.LiteralType: {
      const l = node.literal;
      if (l.kind === K.NullKeyword) return { kind: 'null' };
      if (l.kind === K.TrueKeyword) return { kind: 'literal', value: true };
      if (l.kind === K.FalseKeyword) return { kind: 'literal', value: false };
      if (ts.isStringLiteral(l)) return { kind: 'literal', value: l.text };
      if (ts.isNumericLiteral(l)) return { kind: 'literal', value: Number(l.text) };
      if (ts.isPrefixUnaryExpression(l) && ts.isNumericLiteral(l.operand)) return { kind: 'literal', value: -Number(l.operand.text) };
      break;
    }
    case K.UnionType: {
      const parts = node.types.map((t) => typeOf(t, ctx, where));
      return unionOf(parts);
    }
    case K.TypeLiteral: {
      const idx = node.members.filter(ts.isIndexSignatureDeclaration);
      const props = node.members.filter(ts.isPropertySignature);
      const other = node.members.filter((m) => !ts.isIndexSignatureDeclaration(m) && !ts.isPropertySignature(m));
      if (other.length) ctx.warn(`${where}: type literal with ${other.length} member(s) that are neither properties nor index signatures (ignored)`);
      if (idx.length && !props.length) return { kind: 'map', of: typeOf(idx[0].type, ctx, where) };
      const o = { kind: 'object', fields: props.map((m) => fieldOf(m, ctx, where)) };
      if (idx.length) o.index = typeOf(idx[0].type, ctx, where);
      return o;
    }
    case K.TypeReference: {
      const n = node.typeName.getText();
      const args = node.typeArguments || [];
      if (n === 'Date') return { kind: 'date' };
      if (n === 'Record') return { kind: 'map', of: typeOf(args[1], ctx, where) };
      if (n === 'Array' || n === 'ReadonlyArray') return { kind: 'array', of: typeOf(args[0], ctx, where) };
      if (args.length) ctx.warn(`${where}: generic reference ${node.getText()} recorded as ref ${n} without its arguments`);
      return { kind: 'ref', name: n };
    }
    case K.TupleType:
      return { kind: 'tuple', of: node.elements.map((e) => typeOf(ts.isNamedTupleMember(e) ? e.type : e, ctx, where)) };
    case K.IntersectionType:
      return { kind: 'intersection', of: node.types.map((t) => typeOf(t, ctx, where)) };
    default:
      break;
  }
  ctx.warn(`${where}: unsupported type syntax \`${node.getText()}\` recorded as kind "unknown"`);
  return { kind: 'unknown', text: node.getText() };
}

function fieldOf(m, ctx, where) {
  const name = propName(m.name);
  if (name === null) ctx.warn(`${where}: property with computed name ${m.name.getText()}`);
  const fwhere = `${where}.${name}`;
  const { type, nullable } = typeOfTop(m.type, ctx, fwhere);
  return {
    name: name === null ? m.name.getText() : name,
    type,
    optional: !!m.questionToken,
    nullable,
    tags: orderedTags(tagsOf(m)),
  };
}

function refsIn(t, acc) {
  if (!t) return acc;
  if (t.kind === 'ref') acc.add(t.name);
  if (Array.isArray(t.of)) t.of.forEach((x) => refsIn(x, acc));
  else if (t.of) refsIn(t.of, acc);
  if (t.index) refsIn(t.index, acc);
  if (t.fields) t.fields.forEach((f) => { refsIn(f.type, acc); refsIn(f.restType, acc); });
  return acc;
}

// ---------------------------------------------------------------------------------------------
// declarations of one .d.ts file

class DeclFile {
  constructor(file, ctx, label) {
    this.file = file;
    this.label = label;
    this.sf = parseFile(file, ts.ScriptKind.TS);
    this.decls = new Map(); // name -> [node]
    this.functions = new Map(); // name -> node
    this.imports = new Map(); // local name -> { module, imported }
    for (const s of this.sf.statements) {
      if (ts.isInterfaceDeclaration(s) || ts.isEnumDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isClassDeclaration(s)) {
        if (!s.name) continue;
        const n = s.name.text;
        if (!this.decls.has(n)) this.decls.set(n, []);
        this.decls.get(n).push(s);
      } else if (ts.isFunctionDeclaration(s) && s.name) {
        if (!this.functions.has(s.name.text)) this.functions.set(s.name.text, s);
      } else if (ts.isImportDeclaration(s) && s.importClause && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) {
        const mod = s.moduleSpecifier.text;
        const nb = s.importClause.namedBindings;
        if (nb && ts.isNamedImports(nb)) {
          for (const el of nb.elements) this.imports.set(el.name.text, { module: mod, imported: (el.propertyName || el.name).text });
        }
      }
    }
    for (const [n, list] of this.decls) {
      const kinds = new Set(list.map((d) => d.kind));
      if (list.length > 1 && (kinds.size > 1 || !ts.isInterfaceDeclaration(list[0]))) {
        ctx.warn(`${label}: ${n} is declared ${list.length} times with different kinds; the first one is used`);
      }
    }
  }
  has(n) { return this.decls.has(n); }
}

// fields of an interface (all its declarations merged), then those inherited from its bases
function interfaceOf(df, name, ctx, seen = new Set()) {
  const list = df.decls.get(name).filter(ts.isInterfaceDeclaration);
  const where = `${df.label}:${name}`;
  const own = [];
  const ext = [];
  let tags = {};
  let index = null;
  for (const d of list) {
    if (d.typeParameters && d.typeParameters.length) ctx.warn(`${where}: generic interface (type parameters ignored)`);
    tags = { ...tags, ...tagsOf(d) };
    for (const h of d.heritageClauses || []) {
      for (const t of h.types) {
        const en = t.expression.getText();
        if (t.typeArguments && t.typeArguments.length) ctx.warn(`${where}: extends generic ${t.getText()} (arguments ignored)`);
        if (!ext.includes(en)) ext.push(en);
      }
    }
    for (const m of d.members) {
      if (ts.isPropertySignature(m)) own.push(fieldOf(m, ctx, where));
      else if (ts.isIndexSignatureDeclaration(m)) index = typeOf(m.type, ctx, `${where}[index]`);
      else ctx.warn(`${where}: member \`${m.getText().slice(0, 60)}\` is not a property (ignored)`);
    }
  }
  // inherited fields, not overridden by own ones
  const inherited = [];
  const oneofOf = new Map(); // field name -> oneof base interface
  seen.add(name);
  for (const b of ext) {
    if (!df.has(b) || !df.decls.get(b).some(ts.isInterfaceDeclaration)) {
      ctx.warn(`${where}: base ${b} not found in ${df.label}`);
      continue;
    }
    if (seen.has(b)) { ctx.warn(`${where}: circular extends ${b}`); continue; }
    const base = interfaceOf(df, b, ctx, new Set(seen));
    for (const f of base.fields) {
      if (base.oneof && !oneofOf.has(f.name)) oneofOf.set(f.name, b);
      if (f.oneof && !oneofOf.has(f.name)) oneofOf.set(f.name, f.oneof);
      if (own.some((o) => o.name === f.name) || inherited.some((o) => o.name === f.name)) continue;
      inherited.push({ ...f, from: f.from || b });
    }
  }
  const fields = [...inherited, ...own].map((f) => (oneofOf.has(f.name) ? { ...f, oneof: oneofOf.get(f.name) } : f));
  return { name, extends: ext, oneof: tags.oneof === true, tags, fields, index };
}

function enumOf(df, name, ctx) {
  const d = df.decls.get(name)[0];
  const values = [];
  const memberNames = [];
  const deprecated = [];
  let numeric = false;
  for (const m of d.members) {
    const mn = propName(m.name);
    let v;
    if (!m.initializer) { v = mn; ctx.warn(`${df.label}:${name}.${mn}: enum member without initializer`); }
    else if (ts.isStringLiteral(m.initializer)) v = m.initializer.text;
    else if (ts.isNumericLiteral(m.initializer)) { v = Number(m.initializer.text); numeric = true; }
    else { v = m.initializer.getText(); ctx.warn(`${df.label}:${name}.${mn}: enum initializer ${v} is not a literal`); }
    values.push(v);
    memberNames.push(mn);
    if (tagsOf(m).deprecated) deprecated.push(v);
  }
  return { name, values, memberNames, deprecated, numeric, tags: tagsOf(d) };
}

function aliasOf(df, name, ctx) {
  const d = df.decls.get(name)[0];
  if (d.typeParameters && d.typeParameters.length) ctx.warn(`${df.label}:${name}: generic type alias (type parameters ignored)`);
  const { type, nullable } = typeOfTop(d.type, ctx, `${df.label}:${name}`);
  return { name, type, nullable, tags: tagsOf(d) };
}

function kindOf(df, name) {
  const d = df.decls.get(name)[0];
  if (ts.isInterfaceDeclaration(d)) return 'interface';
  if (ts.isEnumDeclaration(d)) return 'enum';
  if (ts.isTypeAliasDeclaration(d)) return 'alias';
  return 'class';
}

// ---------------------------------------------------------------------------------------------
// index.js: EventDefinition(...) calls and their transforms

const TRANSFORM_KEYS = {
  Timestamp: 'timestamps', Image: 'images', Address: 'addresses', Float: 'floats', PageURL: 'pageUrls', PageURLV2: 'pageUrlsV2',
  Video: 'videos', VideoV2: 'videosV2', Document: 'documents', Audio: 'audios', Bytes: 'bytes', FieldMask: 'fieldMasks',
  Duration: 'durations',
};

function calleeName(expr) {
  // `(0, import_x.EventDefinition)` / `import_x.EventDefinition` / `EventDefinition`
  let e = expr;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) e = e.right;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isIdentifier(e)) return e.text;
  return null;
}

function jsEventDefinitions(file, ctx) {
  const sf = parseFile(file, ts.ScriptKind.JS);
  const defs = new Map(); // var name -> def
  const anonymous = [];
  const visit = (node, varName) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) varName = node.name.text;
    if (ts.isCallExpression(node) && calleeName(node.expression) === 'EventDefinition') {
      const def = readEventDefinition(node, ctx, varName);
      if (def) {
        if (!varName) anonymous.push(def);
        else if (defs.has(varName)) ctx.warn(`index.js: ${varName} defined twice`);
        else defs.set(varName, def);
      }
      return;
    }
    ts.forEachChild(node, (c) => visit(c, varName));
  };
  visit(sf, null);
  for (const a of anonymous) ctx.warn(`index.js: EventDefinition("${a.eventType}") not assigned to a variable`);
  return defs;
}

function readEventDefinition(call, ctx, varName) {
  const [a0, a1, a2, ...rest] = call.arguments;
  const where = `index.js:${varName}`;
  if (!a0 || !ts.isStringLiteralLike(a0)) { ctx.warn(`${where}: EventDefinition without a string eventType`); return null; }
  let domain = null;
  if (a1 && a1.kind === ts.SyntaxKind.TrueKeyword) domain = true;
  else if (a1 && a1.kind === ts.SyntaxKind.FalseKeyword) domain = false;
  else ctx.warn(`${where}: second argument of EventDefinition is not a boolean literal`);
  if (rest.length) ctx.warn(`${where}: EventDefinition has ${call.arguments.length} arguments (expected 3)`);
  const transforms = { paths: {}, repeated: {} };
  let renameKeys = false;
  const calls = new Set();
  const walk = (n) => {
    if (ts.isCallExpression(n)) {
      const cn = calleeName(n.expression);
      if (cn) calls.add(cn);
      if (cn === 'renameKeysFromRESTResponseToSDKResponse') renameKeys = true;
      if (cn === 'transformPaths') readTransformPaths(n, transforms, ctx, where);
    }
    ts.forEachChild(n, walk);
  };
  if (a2) walk(a2);
  for (const c of calls) {
    if (c !== 'renameKeysFromRESTResponseToSDKResponse' && c !== 'transformPaths') ctx.warn(`${where}: transform calls unknown function ${c}`);
  }
  const sortedLists = (o) => {
    const r = {};
    for (const k of Object.keys(o).sort()) r[k] = [...new Set(o[k])].sort();
    return r;
  };
  return { eventType: a0.text, domain, renameKeys, transforms: sortedLists(transforms.paths), repeated: sortedLists(transforms.repeated) };
}

function readTransformPaths(call, transforms, ctx, where) {
  const list = call.arguments[1];
  if (!list || !ts.isArrayLiteralExpression(list)) { ctx.warn(`${where}: transformPaths without an array literal`); return; }
  for (const el of list.elements) {
    if (!ts.isObjectLiteralExpression(el)) { ctx.warn(`${where}: transformPaths entry is not an object literal`); continue; }
    let fn = null;
    let paths = null;
    for (const p of el.properties) {
      if (!ts.isPropertyAssignment(p)) continue;
      const k = propName(p.name);
      if (k === 'transformFn') fn = calleeName(p.initializer);
      else if (k === 'paths') paths = p.initializer;
    }
    const m = fn && /^transformREST(\w+?)ToSDK\1$/.exec(fn);
    let key;
    if (m && TRANSFORM_KEYS[m[1]]) key = TRANSFORM_KEYS[m[1]];
    else { key = fn || 'unknown'; ctx.warn(`${where}: unknown transform function ${fn}`); }
    if (!paths || !ts.isArrayLiteralExpression(paths)) { ctx.warn(`${where}: ${fn} without a paths array`); continue; }
    for (const pe of paths.elements) {
      let v = null;
      let repeated = false;
      if (ts.isObjectLiteralExpression(pe)) {
        for (const p of pe.properties) {
          const pn = ts.isPropertyAssignment(p) ? propName(p.name) : null;
          if (pn === 'path' && ts.isStringLiteralLike(p.initializer)) v = p.initializer.text;
          else if (pn === 'isRepeated' && p.initializer.kind === ts.SyntaxKind.TrueKeyword) repeated = true;
          else if (pn === 'isRepeated' && p.initializer.kind === ts.SyntaxKind.FalseKeyword) repeated = false;
          else ctx.warn(`${where}: path entry has unknown property ${p.getText().slice(0, 60)}`);
        }
      }
      if (v === null) { ctx.warn(`${where}: unreadable path entry ${pe.getText().slice(0, 60)}`); continue; }
      (transforms.paths[key] = transforms.paths[key] || []).push(v);
      if (repeated) (transforms.repeated[key] = transforms.repeated[key] || []).push(v);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// index.d.ts: the event list

function dtsEventDefinitions(df, ctx) {
  const out = [];
  for (const s of df.sf.statements) {
    if (!ts.isVariableStatement(s)) continue;
    for (const d of s.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.type || !ts.isTypeReferenceNode(d.type)) continue;
      if (d.type.typeName.getText() !== 'EventDefinition') continue;
      const args = d.type.typeArguments || [];
      const constName = d.name.text;
      const sdkName = constName.replace(/\$\d+$/, '');
      const env = args[0] && ts.isTypeReferenceNode(args[0]) ? args[0].typeName.getText() : null;
      const et = args[1] && ts.isLiteralTypeNode(args[1]) && ts.isStringLiteral(args[1].literal) ? args[1].literal.text : null;
      if (!env || !et) ctx.warn(`index.d.ts: ${constName}: EventDefinition arguments not <Envelope, "eventType">: ${d.type.getText()}`);
      out.push({ constName, sdkName, envelope: env, eventType: et });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// one package

const SDK_TO_REST_RENAMES = {
  _id: ['id'], _createdDate: ['createdDate'], _updatedDate: ['updatedDate'],
  addressLine1: ['addressLine'], location: ['geocode'], formatted: ['formattedAddress'],
};

function sameType(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

export function extractPackage(dir, umbrellas = []) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const ctx = new Ctx(pkg.name);
  const cjs = path.join(dir, 'build', 'cjs');
  const sdkDep = (pkg.wix && pkg.wix.sdkDependency) || {};
  const fqdn = sdkDep.fqdn || null;
  if (!fqdn) ctx.warn('package.json has no wix.sdkDependency.fqdn');

  const indexDts = path.join(cjs, 'index.d.ts');
  const indexJs = path.join(cjs, 'index.js');
  const metaDts = path.join(cjs, 'meta.d.ts');
  const base = {
    package: pkg.name, version: pkg.version, umbrella: [...umbrellas].sort(), fqdn,
    fqdnNamespace: sdkDep.fqdnNamespace || null,
  };
  if (!fs.existsSync(indexDts) || !fs.existsSync(indexJs)) {
    ctx.warn(`no build/cjs/index.d.ts or index.js: package layout not understood, no events read`);
    return { ir: null, warnings: ctx.warnings, base };
  }
  const idx = new DeclFile(indexDts, ctx, 'index.d.ts');
  const dtsDefs = dtsEventDefinitions(idx, ctx);
  const jsDefs = jsEventDefinitions(indexJs, ctx);

  // any .d.ts in build/cjs mentioning @eventType, for the no-events check
  const dtsFiles = fs.readdirSync(cjs).filter((f) => f.endsWith('.d.ts')).sort();
  const taggedFiles = dtsFiles.filter((f) => fs.readFileSync(path.join(cjs, f), 'utf8').includes('@eventType'));

  if (!dtsDefs.length) {
    if (jsDefs.size) ctx.warn(`index.js defines ${jsDefs.size} event(s) but index.d.ts declares none: ${[...jsDefs.keys()].join(', ')}`);
    if (taggedFiles.length) ctx.warn(`${taggedFiles.join(', ')} mention @eventType but index.d.ts declares no EventDefinition`);
    return { ir: null, warnings: ctx.warnings, base };
  }

  // the typings chunk: the module index.d.ts imports the envelopes from
  const modules = new Set();
  for (const d of dtsDefs) {
    if (!d.envelope) continue;
    const imp = idx.imports.get(d.envelope);
    if (imp) modules.add(imp.module);
    else if (idx.has(d.envelope)) modules.add('.');
    else ctx.warn(`index.d.ts: envelope ${d.envelope} of ${d.sdkName} is neither imported nor declared`);
  }
  let typingsRel;
  if (modules.size === 1) {
    const m = [...modules][0];
    typingsRel = m === '.' ? 'index.d.ts' : m.replace(/^\.\//, '').replace(/\.(m?js)$/, '.d.ts');
  } else {
    if (modules.size > 1) ctx.warn(`envelopes imported from several modules: ${[...modules].join(', ')}; using the first file with @eventType`);
    typingsRel = taggedFiles[0] || null;
  }
  if (!typingsRel || !fs.existsSync(path.join(cjs, typingsRel))) {
    ctx.warn(`typings chunk ${typingsRel} not found; no events read`);
    return { ir: null, warnings: ctx.warnings, base };
  }
  if (taggedFiles.length && !taggedFiles.includes(typingsRel)) ctx.warn(`typings chunk ${typingsRel} is not the file with @eventType (${taggedFiles.join(', ')})`);
  if (!taggedFiles.length) ctx.warn(`no .d.ts has @eventType tags: event tags (webhook, slug, permissions) are missing; shape derived from the envelope and eventType only`);
  const T = typingsRel === 'index.d.ts' ? idx : new DeclFile(path.join(cjs, typingsRel), ctx, 'typings');
  const M = fs.existsSync(metaDts) ? new DeclFile(metaDts, ctx, 'meta.d.ts') : null;
  if (!M) ctx.warn('no build/cjs/meta.d.ts: REST names unknown');

  // ---- events
  const events = [];
  const seenTypes = new Set();
  for (const d of dtsDefs) {
    const where = `event ${d.sdkName}`;
    const js = jsDefs.get(d.sdkName);
    if (!js) ctx.warn(`${where}: no EventDefinition in index.js`);
    else if (js.eventType !== d.eventType) ctx.warn(`${where}: eventType ${d.eventType} in index.d.ts but ${js.eventType} in index.js`);
    const fn = T.functions.get(d.sdkName);
    const ftags = fn ? tagsOf(fn) : {};
    if (fn) {
      if (ftags.eventType === undefined) ctx.warn(`${where}: declare function has no @eventType`);
      else if (ftags.eventType !== d.eventType) ctx.warn(`${where}: @eventType ${ftags.eventType} differs from ${d.eventType}`);
      const p = fn.parameters[0] && fn.parameters[0].type;
      const envParam = p && ts.isFunctionTypeNode(p) && p.parameters[0] && p.parameters[0].type ? p.parameters[0].type.getText() : null;
      if (envParam !== d.envelope) ctx.warn(`${where}: handler parameter type ${envParam} differs from ${d.envelope}`);
    } else if (taggedFiles.length) ctx.warn(`${where}: no \`declare function ${d.sdkName}\` in the typings chunk`);

    let envFields = [];
    if (d.envelope && T.has(d.envelope) && kindOf(T, d.envelope) === 'interface') {
      envFields = interfaceOf(T, d.envelope, ctx).fields;
      seenTypes.add(d.envelope);
    } else ctx.warn(`${where}: envelope ${d.envelope} not declared as an interface in the typings chunk`);
    const names = envFields.map((f) => f.name);
    const known = new Set(['entity', 'data', 'metadata', 'modifiedFields']);
    for (const n of names) if (!known.has(n)) ctx.warn(`${where}: envelope ${d.envelope} has unexpected field ${n}`);
    const meta = envFields.find((f) => f.name === 'metadata');
    if (!meta) ctx.warn(`${where}: envelope ${d.envelope} has no metadata field`);

    const domain = js ? js.domain : null;
    const slug = typeof ftags.slug === 'string' ? ftags.slug : null;
    const etTail = d.eventType ? d.eventType.split('.').pop() : '';
    let shape; let payloadField = null;
    const has = (n) => names.includes(n);
    if (has('data')) {
      shape = domain === false ? 'nonDomain' : 'action'; payloadField = 'data';
      if (slug === 'created' || slug === 'updated' || slug === 'deleted') ctx.warn(`${where}: slug ${slug} but a {data, metadata} envelope: shape taken as ${shape}`);
    }
    else if (has('modifiedFields')) { shape = 'updated'; payloadField = has('entity') ? 'entity' : null; }
    else if (has('entity')) {
      payloadField = 'entity';
      const ent = envFields.find((f) => f.name === 'entity');
      if (slug === 'deleted' || (!slug && /_deleted$/.test(etTail))) shape = 'deleted';
      else if (slug === 'updated' || (!slug && /_updated$/.test(etTail))) shape = 'updated';
      else if (slug === 'created' || (!slug && /_created$/.test(etTail))) shape = 'created';
      else {
        shape = ent && ent.optional ? 'deleted' : 'created';
        ctx.warn(`${where}: envelope {entity, metadata} with slug ${slug}: shape taken as ${shape}`);
      }
      if (domain === false) ctx.warn(`${where}: non-domain event with an entity envelope`);
    } else if (has('metadata')) {
      shape = 'deleted';
      if (slug !== 'deleted' && !(slug === null && /_deleted$/.test(etTail))) ctx.warn(`${where}: metadata-only envelope with slug ${slug}: shape taken as deleted`);
    } else { shape = 'unknown'; ctx.warn(`${where}: envelope shape not recognised`); }
    if (domain === false && shape !== 'nonDomain') ctx.warn(`${where}: non-domain event whose envelope shape is ${shape}`);

    const pf = payloadField && envFields.find((f) => f.name === payloadField);
    let payloadType = null;
    if (pf) {
      if (pf.type.kind === 'ref') payloadType = pf.type.name;
      else ctx.warn(`${where}: ${payloadField} is not a named type (${pf.type.kind})`);
    }
    const ev = {
      sdkName: d.sdkName,
      eventType: d.eventType,
      domain,
      shape,
      envelope: d.envelope,
      payloadField,
      payloadType,
      payloadRestType: null, // filled in once SDK and REST types are paired
      payloadOptional: pf ? pf.optional : null,
      metadataType: meta && meta.type.kind === 'ref' ? meta.type.name : null,
      slug,
      webhook: ftags.webhook === true,
      tagged: !!fn,
      deprecated: ftags.deprecated === true,
      maturity: typeof ftags.documentationMaturity === 'string' ? ftags.documentationMaturity : null,
      permissionId: ftags.permissionId === undefined ? null : ftags.permissionId,
      permissionScopeIds: ftags.permissionScopeId ? [...ftags.permissionScopeId].sort() : [],
      serviceIdentifier: ftags.serviceIdentifier === undefined ? null : ftags.serviceIdentifier,
      tags: orderedTags(ftags, ['replacedBy', 'targetRemovalDate', 'docsIgnore', 'hidden', 'applicableIdentity']),
      renameKeys: js ? js.renameKeys : null,
      transforms: js ? js.transforms : {},
    };
    if (js && Object.keys(js.repeated).length) ev.transformsRepeated = js.repeated;
    events.push(ev);
  }
  for (const [v, js] of jsDefs) {
    if (!dtsDefs.some((d) => d.sdkName === v)) ctx.warn(`index.js: ${v} ("${js.eventType}") has no EventDefinition in index.d.ts; not in the IR`);
  }
  const dupTypes = new Map();
  for (const e of events) dupTypes.set(e.eventType, (dupTypes.get(e.eventType) || 0) + 1);
  for (const [et, n] of dupTypes) if (n > 1) ctx.warn(`eventType ${et} declared by ${n} handlers`);

  // ---- types: closure from the envelopes (SDK shape), paired with the REST shape
  const { types: typeList, restTypes: restList, pairing } = buildTypes(T, M, events, ctx);
  for (const e of events) {
    if (e.payloadType) e.payloadRestType = pairing.get(e.payloadType) || null;
  }

  events.sort((a, b) => cmp(a.sdkName, b.sdkName) || cmp(a.eventType, b.eventType));
  const ir = {
    schemaVersion: SCHEMA_VERSION,
    ...base,
    files: { typings: `build/cjs/${typingsRel}`, rest: M ? 'build/cjs/meta.d.ts' : null },
    events,
    types: typeList,
    restTypes: restList,
  };
  return { ir, warnings: ctx.warnings, base };
}

// ---------------------------------------------------------------------------------------------
// types of one package
//
// SDK types (typings chunk) are reached from the envelopes. Each is paired with its REST
// counterpart in meta.d.ts by walking both shapes in parallel from the payload types (an SDK
// field of type X whose REST field has type Y pairs X with Y: the names differ now and then, e.g.
// the SDK `Image` of rich content is the REST `ItemImage`), and by equal names where the walk
// says nothing. REST types reached only from REST fields go to `restTypes`.

class Decls {
  constructor(df, ctx) { this.df = df; this.ctx = ctx; this.cache = new Map(); }
  has(n) { return !!this.df && this.df.has(n); }
  get(n) {
    if (!this.has(n)) return null;
    if (this.cache.has(n)) return this.cache.get(n);
    const kind = kindOf(this.df, n);
    let d;
    if (kind === 'interface') d = { kind, ...interfaceOf(this.df, n, this.ctx) };
    else if (kind === 'enum') d = { kind, ...enumOf(this.df, n, this.ctx) };
    else if (kind === 'alias') d = { kind, ...aliasOf(this.df, n, this.ctx) };
    else { this.ctx.warn(`${this.df.label}: ${n} is a class; recorded without members`); d = { kind: 'unknown', name: n }; }
    this.cache.set(n, d);
    return d;
  }
  refs(n) {
    const d = this.get(n);
    const acc = new Set();
    if (!d) return acc;
    if (d.kind === 'interface') {
      for (const f of d.fields) refsIn(f.type, acc);
      for (const b of d.extends) acc.add(b);
      if (d.index) refsIn(d.index, acc);
    } else if (d.kind === 'alias') refsIn(d.type, acc);
    return acc;
  }
}

function closure(decls, roots, unresolved) {
  const seen = new Set();
  const queue = [...roots];
  while (queue.length) {
    const n = queue.shift();
    if (seen.has(n)) continue;
    if (!decls.has(n)) { unresolved.add(n); continue; }
    seen.add(n);
    for (const r of decls.refs(n)) if (!seen.has(r)) queue.push(r);
  }
  return seen;
}

// pairs SDK fields with REST fields: same name, then the SDK runtime's renames
// (a field declared by the interface itself first, then those inherited from its bases: the SDK
// `Address` declares `addressLine1` and inherits `addressLine` from its @oneof base, while the
// REST `Address` has `addressLine` only, which is the SDK's `addressLine1`)
function alignFields(sFields, rFields) {
  const used = new Set();
  const found = new Map();
  const order = [...sFields.filter((f) => !f.from), ...sFields.filter((f) => f.from)];
  for (const f of order) {
    let rf = null;
    for (const c of [f.name, ...(SDK_TO_REST_RENAMES[f.name] || [])]) {
      const hit = rFields.find((x) => x.name === c && !used.has(x.name));
      if (hit) { rf = hit; used.add(hit.name); break; }
    }
    found.set(f, rf);
  }
  const pairs = sFields.map((f) => [f, found.get(f)]);
  const restOnly = rFields.filter((x) => !used.has(x.name));
  return { pairs, restOnly };
}

function parallelRefs(s, r, out) {
  if (!s || !r) return;
  if (s.kind === 'ref' && r.kind === 'ref') { out.push([s.name, r.name]); return; }
  if (s.kind !== r.kind) return;
  if ((s.kind === 'array' || s.kind === 'map') && s.of && r.of) parallelRefs(s.of, r.of, out);
  if ((s.kind === 'union' || s.kind === 'tuple' || s.kind === 'intersection') && s.of.length === r.of.length) {
    s.of.forEach((x, i) => parallelRefs(x, r.of[i], out));
  }
  if (s.kind === 'object' && s.fields && r.fields) {
    const { pairs } = alignFields(s.fields, r.fields);
    for (const [f, rf] of pairs) if (rf) parallelRefs(f.type, rf.type, out);
  }
}

// a REST type with its refs renamed to the SDK names they are paired with
function toSdkNames(t, restToSdk) {
  if (!t || typeof t !== 'object') return t;
  if (t.kind === 'ref') return restToSdk.has(t.name) ? { kind: 'ref', name: restToSdk.get(t.name) } : { kind: 'ref', name: `\u0000rest:${t.name}` };
  const o = { ...t };
  if (Array.isArray(t.of)) o.of = t.of.map((x) => toSdkNames(x, restToSdk));
  else if (t.of) o.of = toSdkNames(t.of, restToSdk);
  if (t.index) o.index = toSdkNames(t.index, restToSdk);
  if (t.fields) o.fields = t.fields.map((f) => ({ ...f, type: toSdkNames(f.type, restToSdk) }));
  return o;
}

function buildTypes(T, M, events, ctx) {
  const S = new Decls(T, ctx);
  const R = new Decls(M, ctx);
  const unresolved = new Set();
  const roots = events.filter((e) => e.envelope && S.has(e.envelope)).map((e) => e.envelope);
  const sdkSet = closure(S, roots, unresolved);
  for (const u of [...unresolved].sort()) {
    const imp = T.imports.get(u);
    ctx.warn(`type ${u} is referenced but not declared${imp ? ` (imported from ${imp.module})` : ''}; kept as a plain ref`);
  }
  const sdkNames = [...sdkSet].sort();

  // ---- pairing
  const pair = new Map(); // sdk -> rest
  const taken = new Map(); // rest -> sdk
  const conflicts = new Set();
  const setPair = (s, r, how) => {
    if (!sdkSet.has(s) || !R.has(r)) return false;
    if (pair.has(s)) {
      if (pair.get(s) !== r) conflicts.add(`${s}: REST ${pair.get(s)} (kept) and ${r} (${how})`);
      return false;
    }
    if (taken.has(r)) {
      conflicts.add(`REST ${r} pairs with SDK ${taken.get(r)} (kept) and ${s} (${how})`);
      return false;
    }
    const sk = S.get(s).kind;
    const rk = R.get(r).kind;
    if (sk !== rk) { conflicts.add(`${s} (${sk}) and REST ${r} (${rk}) differ in kind (${how}); not paired`); return false; }
    pair.set(s, r); taken.set(r, s);
    return true;
  };
  for (const e of events) {
    if (e.payloadType && R.has(e.payloadType)) setPair(e.payloadType, e.payloadType, 'payload');
  }
  const done = new Set();
  const propagate = () => {
    let changed = true;
    while (changed) {
      changed = false;
      for (const s of sdkNames) {
        if (!pair.has(s) || done.has(s)) continue;
        done.add(s);
        const sd = S.get(s);
        const rd = R.get(pair.get(s));
        const props = [];
        if (sd.kind === 'interface') {
          const { pairs } = alignFields(sd.fields, rd.fields);
          for (const [f, rf] of pairs) if (rf) parallelRefs(f.type, rf.type, props);
          if (sd.extends.length === rd.extends.length) sd.extends.forEach((b, i) => props.push([b, rd.extends[i]]));
          if (sd.index && rd.index) parallelRefs(sd.index, rd.index, props);
        } else if (sd.kind === 'alias') parallelRefs(sd.type, rd.type, props);
        for (const [a, b] of props) if (setPair(a, b, `field of ${s}`)) changed = true;
      }
    }
  };
  propagate();
  // the envelopes' other parts (metadata) and anything the walk did not reach: equal names
  let more = true;
  while (more) {
    more = false;
    for (const s of sdkNames) {
      if (pair.has(s) || !R.has(s) || taken.has(s)) continue;
      if (setPair(s, s, 'same name')) { more = true; propagate(); }
    }
  }
  for (const c of [...conflicts].sort()) ctx.warn(`pairing SDK and REST types: ${c}`);
  const restToSdk = new Map([...pair].map(([s, r]) => [r, s]));

  // ---- REST-only closure: REST types reached from REST fields that have no SDK counterpart
  const restRoots = new Set();
  const sdkEntries = [];
  for (const s of sdkNames) {
    const sd = S.get(s);
    const rn = pair.get(s) || null;
    const rd = rn ? R.get(rn) : null;
    sdkEntries.push(sdkEntry(sd, rn, rd, restToSdk, restRoots, ctx));
  }
  const restOnlyNames = [];
  {
    const seen = new Set();
    const queue = [...restRoots].filter((n) => !restToSdk.has(n));
    while (queue.length) {
      const n = queue.shift();
      if (seen.has(n) || restToSdk.has(n)) continue;
      if (!R.has(n)) { ctx.warn(`REST type ${n} is referenced but not declared in meta.d.ts`); seen.add(n); continue; }
      seen.add(n);
      restOnlyNames.push(n);
      for (const r of R.refs(n)) if (!seen.has(r) && !restToSdk.has(r)) queue.push(r);
    }
  }
  const restEntries = restOnlyNames.sort().map((n) => restOnlyEntry(R.get(n)));
  return { types: sdkEntries, restTypes: restEntries, pairing: pair };
}

function tagsEq(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

function sdkEntry(sd, restName, rd, restToSdk, restRoots, ctx) {
  const base = { name: sd.name, kind: sd.kind, restName };
  const noteRest = (t) => { if (t) refsIn(t, restRoots); };
  if (sd.kind === 'interface') {
    const fields = [];
    let restOnlyFields = [];
    let pairs = sd.fields.map((f) => [f, null]);
    if (rd) ({ pairs, restOnly: restOnlyFields } = alignFields(sd.fields, rd.fields));
    for (const [f, rf] of pairs) {
      const out = { sdkName: f.name, restName: rf ? rf.name : null, type: f.type, optional: f.optional, nullable: f.nullable, tags: f.tags };
      if (rf) {
        noteRest(rf.type);
        if (!sameType(toSdkNames(rf.type, restToSdk), f.type)) out.restType = rf.type;
        if (rf.optional !== f.optional) out.restOptional = rf.optional;
        if (rf.nullable !== f.nullable) out.restNullable = rf.nullable;
        if (!tagsEq(rf.tags, f.tags)) out.restTags = rf.tags;
      }
      if (f.oneof) out.oneof = f.oneof;
      if (f.from) out.from = f.from;
      fields.push(out);
    }
    for (const rf of restOnlyFields) {
      noteRest(rf.type);
      const out = { sdkName: null, restName: rf.name, type: null, optional: rf.optional, nullable: rf.nullable, tags: rf.tags, restType: rf.type };
      if (rf.oneof) out.oneof = restToSdk.get(rf.oneof) || rf.oneof;
      if (rf.from) out.from = restToSdk.get(rf.from) || rf.from;
      fields.push(out);
    }
    if (rd) {
      const unmatched = pairs.filter(([, rf]) => !rf).map(([f]) => f.name);
      if (unmatched.length && restOnlyFields.length) {
        ctx.warn(`type ${sd.name} (REST ${restName}): SDK fields [${unmatched.join(', ')}] and REST fields [${restOnlyFields.map((f) => f.name).join(', ')}] could not be paired`);
      }
    }
    const e = { ...base, extends: sd.extends, oneof: sd.oneof, tags: orderedTags(sd.tags), fields };
    if (sd.index) e.index = sd.index;
    if (rd) {
      const rext = rd.extends.map((b) => restToSdk.get(b) || `\u0000${b}`);
      if (!sameType(rext, sd.extends)) e.restExtends = rd.extends;
      rd.extends.forEach((b) => restRoots.add(b));
      if (rd.index) noteRest(rd.index);
      if (!sameType(rd.index ? toSdkNames(rd.index, restToSdk) : null, sd.index || null)) e.restIndex = rd.index || null;
    }
    return e;
  }
  if (sd.kind === 'enum') {
    const e = { ...base, values: sd.values };
    if (sd.memberNames.some((n, i) => n !== String(sd.values[i]))) e.memberNames = sd.memberNames;
    if (sd.numeric) e.numeric = true;
    if (sd.deprecated.length) e.deprecatedValues = sd.deprecated;
    if (rd && !sameType(rd.values, sd.values)) e.restValues = rd.values;
    return e;
  }
  if (sd.kind === 'alias') {
    const e = { ...base, type: sd.type, nullable: sd.nullable, enumType: sd.tags.enumType === true };
    if (sd.type.kind === 'union' && sd.type.of[0].kind === 'ref' && sd.type.of.slice(1).every((t) => t.kind === 'literal')) e.literalsOf = sd.type.of[0].name;
    if (rd) {
      noteRest(rd.type);
      if (!sameType(toSdkNames(rd.type, restToSdk), sd.type)) e.restType = rd.type;
    }
    return e;
  }
  return { ...base };
}

function restOnlyEntry(rd) {
  const base = { name: rd.name, kind: rd.kind };
  if (rd.kind === 'interface') {
    const fields = rd.fields.map((f) => {
      const out = { restName: f.name, type: f.type, optional: f.optional, nullable: f.nullable, tags: f.tags };
      if (f.oneof) out.oneof = f.oneof;
      if (f.from) out.from = f.from;
      return out;
    });
    const e = { ...base, extends: rd.extends, oneof: rd.oneof, tags: orderedTags(rd.tags), fields };
    if (rd.index) e.index = rd.index;
    return e;
  }
  if (rd.kind === 'enum') {
    const e = { ...base, values: rd.values };
    if (rd.memberNames.some((n, i) => n !== String(rd.values[i]))) e.memberNames = rd.memberNames;
    if (rd.numeric) e.numeric = true;
    if (rd.deprecated.length) e.deprecatedValues = rd.deprecated;
    return e;
  }
  if (rd.kind === 'alias') {
    const e = { ...base, type: rd.type, nullable: rd.nullable, enumType: rd.tags.enumType === true };
    if (rd.type.kind === 'union' && rd.type.of[0].kind === 'ref' && rd.type.of.slice(1).every((t) => t.kind === 'literal')) e.literalsOf = rd.type.of[0].name;
    return e;
  }
  return base;
}

// ---------------------------------------------------------------------------------------------
// output

export function stableJson(v) { return `${JSON.stringify(v, null, 2)}\n`; }

export function irFileName(pkgName) {
  return `${pkgName.replace(/^@wix\/auto_sdk_/, '').replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
}

function readSources(file) {
  if (!fs.existsSync(file)) return { umbrellas: {} };
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function umbrellaIndex(sources) {
  const m = new Map();
  for (const [u, info] of Object.entries(sources.umbrellas || {})) {
    for (const p of Object.keys(info.autoSdk || {})) {
      if (!m.has(p)) m.set(p, []);
      m.get(p).push(u);
    }
  }
  return m;
}

function main() {
  const opt = parseArgs(process.argv.slice(2));
  loadTypescript(opt.nodeModules);
  const pj = JSON.parse(fs.readFileSync(opt.packageJson, 'utf8'));
  const sources = readSources(opt.sources);
  const umb = umbrellaIndex(sources);
  const names = Object.keys(pj.dependencies || {}).filter((n) => n.startsWith('@wix/auto_sdk_')).sort();
  fs.mkdirSync(opt.out, { recursive: true });
  const written = new Set(['index.json']);
  const index = [];
  const warnings = {};
  const noEvents = [];
  const failed = [];
  let bytes = 0;
  for (const name of names) {
    const dir = path.join(opt.nodeModules, name);
    let res;
    if (!fs.existsSync(path.join(dir, 'package.json'))) {
      res = { ir: null, warnings: [`not installed in ${opt.nodeModules}`], base: { package: name } };
      failed.push(name);
    } else {
      try { res = extractPackage(dir, umb.get(name) || []); } catch (e) {
        res = { ir: null, warnings: [`extractor failed: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`], base: { package: name } };
        failed.push(name);
      }
    }
    const pinned = pj.dependencies[name];
    if (res.base.version && pinned !== res.base.version) res.warnings.push(`package.json pins ${pinned} but ${res.base.version} is installed`);
    if (!umb.has(name)) res.warnings.push('no umbrella package depends on it (sources.json)');
    if (res.warnings.length) {
      warnings[name] = res.warnings;
      if (!opt.quiet) for (const w of res.warnings) console.warn(`warning: ${name}: ${w}`);
    }
    if (!res.ir) { noEvents.push(name); continue; }
    const file = irFileName(name);
    if (written.has(file)) throw new Error(`two packages map to ${file}`);
    written.add(file);
    const text = stableJson(res.ir);
    bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(opt.out, file), text);
    const ev = res.ir.events;
    index.push({
      package: name, version: res.ir.version, umbrella: res.ir.umbrella, fqdn: res.ir.fqdn, file,
      events: ev.length, domainEvents: ev.filter((e) => e.domain === true).length,
      nonDomainEvents: ev.filter((e) => e.domain === false).length, types: res.ir.types.length,
    });
  }
  // stale files of packages no longer pinned
  for (const f of fs.readdirSync(opt.out)) {
    if (f.endsWith('.json') && !written.has(f)) fs.unlinkSync(path.join(opt.out, f));
  }
  const umbrellaTotals = {};
  for (const p of index) {
    for (const u of p.umbrella.length ? p.umbrella : ['(none)']) {
      const t = umbrellaTotals[u] || (umbrellaTotals[u] = { packages: 0, events: 0 });
      t.packages++; t.events += p.events;
    }
  }
  const umbrellas = {};
  for (const u of Object.keys(sources.umbrellas || {}).sort()) {
    const info = sources.umbrellas[u];
    const deps = {};
    for (const p of Object.keys(info.autoSdk || {}).sort()) if (index.some((x) => x.package === p)) deps[p] = info.autoSdk[p];
    if (!Object.keys(deps).length) continue;
    umbrellas[u] = { version: info.version, packagesWithEvents: deps, events: (umbrellaTotals[u] || {}).events || 0 };
  }
  const ts_ = { version: ts.version };
  const idx = {
    schemaVersion: SCHEMA_VERSION,
    typescript: ts_.version,
    totals: {
      packages: index.length,
      events: index.reduce((s, p) => s + p.events, 0),
      domainEvents: index.reduce((s, p) => s + p.domainEvents, 0),
      nonDomainEvents: index.reduce((s, p) => s + p.nonDomainEvents, 0),
      types: index.reduce((s, p) => s + p.types, 0),
      packageFilesBytes: bytes,
    },
    packages: index,
    umbrellas,
    pinnedWithoutEvents: noEvents,
    warnings: Object.fromEntries(Object.keys(warnings).sort().map((k) => [k, warnings[k]])),
  };
  const itext = stableJson(idx);
  fs.writeFileSync(path.join(opt.out, 'index.json'), itext);
  if (!opt.quiet) {
    console.log(`IR: ${idx.totals.packages} packages, ${idx.totals.events} events (${idx.totals.domainEvents} domain, ${idx.totals.nonDomainEvents} non-domain), ${idx.totals.types} types, ${bytes + Buffer.byteLength(itext)} bytes in ${opt.out}`);
    if (unknownTagCounts.size) {
      console.log(`JSDoc tags not copied (prose or unknown): ${[...unknownTagCounts].sort((a, b) => cmp(a[0], b[0])).map(([k, n]) => `@${k}x${n}`).join(' ')}`);
    }
    const nw = Object.values(warnings).reduce((s, l) => s + l.length, 0);
    console.log(`${nw} warning(s) in ${Object.keys(warnings).length} package(s)`);
  }
  if (noEvents.length) console.warn(`pinned but no events read (see warnings): ${noEvents.join(', ')}`);
  if (failed.length) {
    console.error(`extract: ${failed.length} package(s) could not be read: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try { main(); } catch (e) { console.error(`extract: ${e && e.stack ? e.stack : e}`); process.exit(1); }
}
