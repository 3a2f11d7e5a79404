/**
 * Reads the Kubernetes protobuf definitions (k8s.io/api and k8s.io/apimachinery git mirrors at one
 * tag) and writes the compact schema the storage codec encodes with (src/sim/etcd/protobuf).
 *
 * Field numbers and types come from each package's generated.proto. What the .proto cannot say
 * comes from the Go structs (the protobuf:"…" tag gives the field number): the JSON name, whether
 * the field is embedded inline in JSON (`json:",inline"`), and whether it is a pointer — gogo's
 * generated Marshal writes a non-pointer field always (even empty) and a pointer only when set.
 * Each API group's name comes from its register.go (GroupName). Only messages reachable from a
 * kind (a message with an ObjectMeta `metadata` field) are kept.
 *
 *   node scripts/etcd/proto-schema.mjs /work/.mirror/kubernetes+api/repo /work/.mirror/kubernetes+apimachinery/repo v0.33.9 > src/sim/etcd/protobuf/schema.json
 *
 * Output: { tag, groups: { "<group>/<version>": package }, lists: [name…], messages: { name: [field…] } }
 * where a field is [number, jsonName, type, flags, order]: jsonName "" for an inline field; type a
 * scalar name ("string", "int64", "bytes", …), a message name, or "map:<key>:<value>"; flags a
 * string of r (repeated), p (pointer: written only when set), i (inline), o (omitempty in JSON);
 * order the field's place in the Go struct (encoding/json writes fields in that order). `lists`
 * are the messages of named Go slices (type ExtraValue []string), whose JSON is the list.
 */
import { execFileSync } from 'node:child_process';

const [apiRepo, machineryRepo, tag] = process.argv.slice(2);
if (!tag) throw new Error('usage: proto-schema.mjs API_GIT_DIR APIMACHINERY_GIT_DIR TAG');

const git = (repo, ...args) => execFileSync('git', ['--git-dir', repo, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const show = (repo, path) => git(repo, 'show', `${tag}:${path}`);
const files = (repo) => git(repo, 'ls-tree', '-r', '--name-only', tag).trim().split('\n');

const SCALARS = new Set(['string', 'bytes', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'double', 'float']);

/** Messages of one generated.proto: name → [{ number, name, type, repeated }]. */
function parseProto(text) {
  const pkg = /^package ([\w.]+);/m.exec(text)[1];
  const qualify = (t) => (SCALARS.has(t) ? t : t.startsWith('.') ? t.slice(1) : `${pkg}.${t}`);
  const messages = {};
  let current;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    let m;
    if ((m = /^message (\w+) \{/.exec(line))) messages[`${pkg}.${m[1]}`] = current = [];
    else if (line === '}') current = undefined;
    else if (current && (m = /^map<(\w+),\s*([\w.]+)>\s+(\w+)\s*=\s*(\d+)/.exec(line))) {
      current.push({ number: +m[4], name: m[3], type: `map:${qualify(m[1])}:${qualify(m[2])}`, repeated: false });
    } else if (current && (m = /^(optional|repeated)\s+([\w.]+)\s+(\w+)\s*=\s*(\d+)/.exec(line))) {
      current.push({ number: +m[4], name: m[3], type: qualify(m[2]), repeated: m[1] === 'repeated' });
    }
  }
  return { pkg, messages };
}

/** Go structs of one package: struct → proto field number → { json, inline, pointer, omitempty, order } (some tags name no field). */
function parseGoStructs(sources) {
  const structs = {};
  for (const text of sources) {
    // Named slices (type ExtraValue []string): messages whose JSON is the list itself.
    for (const m of text.matchAll(/^type (\w+) \[\]\w+$/gm)) structs[m[1]] = LIST;
    const re = /^type (\w+) struct \{\n([\s\S]*?)^\}/gm;
    let m;
    while ((m = re.exec(text))) {
      const fields = (structs[m[1]] = {});
      let order = 0;
      for (const line of m[2].split('\n')) {
        const f = /^\s*(?:(\w+)\s+)?(\*?[\w.[\]]+)\s+`([^`]*)`/.exec(line);
        if (!f) continue;
        const proto = /protobuf:"\w+,(\d+),/.exec(f[3]);
        if (!proto) continue;
        const json = /json:"([^"]*)"/.exec(f[3])?.[1] ?? '';
        const jsonName = json.split(',')[0];
        fields[proto[1]] = { json: jsonName, inline: !jsonName && json.includes('inline'), pointer: f[2].startsWith('*'), omitempty: json.includes(',omitempty'), order: order++ };
      }
    }
  }
  return structs;
}

const LIST = Symbol('list');
const messages = {};
const lists = [];
const groups = {};
const kinds = [];

function readPackage(repo, dir) {
  const { pkg, messages: parsed } = parseProto(show(repo, `${dir}/generated.proto`));
  const goFiles = files(repo).filter((p) => p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/') && p.endsWith('.go') && !/(_test|generated\.pb|zz_generated\.\w+|generated\.\w+)\.go$/.test(p));
  const structs = parseGoStructs(goFiles.map((p) => show(repo, p)));
  for (const [name, fields] of Object.entries(parsed)) {
    const go = structs[name.slice(pkg.length + 1)] ?? {};
    if (go === LIST) lists.push(name);
    messages[name] = fields
      .sort((a, b) => a.number - b.number)
      .map((f) => {
        const g = go[f.number] ?? { json: f.name, inline: false, pointer: false, omitempty: false, order: f.number };
        const flags = `${f.repeated ? 'r' : ''}${g.pointer ? 'p' : ''}${g.inline ? 'i' : ''}${g.omitempty ? 'o' : ''}`;
        return [f.number, g.inline ? '' : g.json, f.type, flags, g.order];
      });
    if (fields.some((f) => f.name === 'metadata' && f.type === 'k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta')) kinds.push(name);
  }
  return pkg;
}

for (const dir of ['pkg/apis/meta/v1', 'pkg/runtime', 'pkg/api/resource', 'pkg/util/intstr', 'pkg/runtime/schema']) readPackage(machineryRepo, dir);
for (const path of files(apiRepo).filter((p) => /^[\w-]+\/\w+\/generated\.proto$/.test(p))) {
  const dir = path.slice(0, -'/generated.proto'.length);
  const pkg = readPackage(apiRepo, dir);
  const group = /const GroupName = "([^"]*)"/.exec(show(apiRepo, `${dir}/register.go`))?.[1];
  if (group === undefined) continue;
  const version = dir.split('/')[1];
  groups[group ? `${group}/${version}` : version] = pkg;
}

// Keep what a kind reaches.
const kept = new Set();
const visit = (name) => {
  if (kept.has(name) || !messages[name]) return;
  kept.add(name);
  for (const [, , type] of messages[name]) for (const t of type.split(':')) visit(t);
};
kinds.forEach(visit);

const out = { tag, groups, lists: lists.filter((n) => kept.has(n)).sort(), messages: Object.fromEntries([...kept].sort().map((n) => [n, messages[n]])) };
process.stdout.write(`${JSON.stringify(out)}\n`);
