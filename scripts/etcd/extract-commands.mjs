/**
 * Reads etcdctl's and etcdutl's cobra command trees from the etcd sources (a git mirror, tag
 * v3.5.21) and writes them as data: each command's Use, Short, Long, whether it runs, its
 * flags in definition order (name, shorthand, pflag type, default as pflag prints it, usage)
 * and its subcommands. Defaults that the sources give as Go identifiers are resolved from the
 * table below (each from the file that defines it).
 *
 *   node scripts/etcd/extract-commands.mjs /work/.mirror/etcd-io+etcd/repo v3.5.21 > src/tools/etcd/commands.json
 */
import { execFileSync } from 'node:child_process';

const [repo, tag] = process.argv.slice(2);
const show = (path) => execFileSync('git', ['--git-dir', `${repo}`, 'show', `${tag}:${path}`], { encoding: 'utf8', maxBuffer: 1 << 24 });
const list = (dir) => execFileSync('git', ['--git-dir', `${repo}`, 'ls-tree', '--name-only', `${tag}`, `${dir}/`], { encoding: 'utf8' }).trim().split('\n');

/** Go identifiers used as flag defaults, as pflag prints the value (DefValue). */
const IDENTIFIERS = {
  defaultDialTimeout: '2s', // ctlv3/ctl.go
  defaultCommandTimeOut: '5s',
  defaultKeepAliveTime: '2s',
  defaultKeepAliveTimeOut: '6s',
  'initialClusterFromName(defaultName)': 'default=http://localhost:2380', // snapshot_command.go: defaultName "default"
  defaultInitialAdvertisePeerURLs: 'http://localhost:2380',
  defaultName: 'default',
  initialMmapSize: '10737418240', // backend.InitialMmapSize = 10 * 1024 * 1024 * 1024
  'clientv3.DefaultLeaseTTL': '60', // concurrency.defaultSessionTTL / lease: 60
  'time.Duration(0)': '0s',
  'time.Second': '1s',
  defaultPeerURL: 'http://localhost:2380',
  lockTTL: '10', // lock_command.go: var lockTTL = 10
};

const TYPES = { String: 'string', Bool: 'bool', Int: 'int', Int64: 'int64', Uint: 'uint', Uint64: 'uint64', Duration: 'duration', StringSlice: 'stringSlice', Float64: 'float64', Int32: 'int32', Uint32: 'uint32', StringArray: 'stringArray' };

/** A Go string literal ("…" or `…`) or concatenation of them at the start of s: [value, rest]. */
function goString(s) {
  let out = '';
  let rest = s.trimStart();
  for (;;) {
    let m;
    if ((m = /^"((?:[^"\\]|\\.)*)"/.exec(rest))) out += JSON.parse(`"${m[1].replace(/\\'/g, "'")}"`);
    else if ((m = /^`([^`]*)`/s.exec(rest))) out += m[1];
    else return undefined;
    rest = rest.slice(m[0].length).trimStart();
    if (!rest.startsWith('+')) return [out, rest];
    rest = rest.slice(1).trimStart();
  }
}

/** Splits a Go call's argument list at top-level commas (strings and parentheses respected). */
function args(s) {
  const out = [];
  let depth = 0, cur = '', q = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) { cur += c; if (c === '\\' && q === '"') { cur += s[++i]; continue; } if (c === q) q = ''; continue; }
    if (c === '"' || c === '`') { q = c; cur += c; continue; }
    if (c === '(' || c === '{' || c === '[') depth++;
    if (c === ')' || c === '}' || c === ']') { if (depth === 0) { out.push(cur.trim()); return [out, i]; } depth--; }
    if (c === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  throw new Error('unterminated call');
}

const unresolved = new Set();
function defValue(type, expr) {
  const str = goString(expr);
  if (str && !str[1]) return str[0];
  if (/^(true|false)$/.test(expr)) return expr;
  if (/^-?\d+$/.test(expr)) return expr;
  if (/^\d+ \* time\.Second$/.test(expr)) return `${expr.split(' ')[0]}s`;
  if (/^\d+ \* time\.Millisecond$/.test(expr)) return `${expr.split(' ')[0]}ms`;
  if (/^\[\]string\{(.*)\}$/.test(expr)) {
    const inner = /^\[\]string\{(.*)\}$/.exec(expr)[1];
    return `[${inner ? args(inner + ')')[0].map((x) => goString(x)[0]).join(',') : ''}]`;
  }
  if (expr === 'nil' && type === 'stringSlice') return '[]';
  if (expr in IDENTIFIERS) return IDENTIFIERS[expr];
  unresolved.add(expr);
  return expr;
}

/** Every `func Name(...) *cobra.Command { … }` of a file: its body. */
function constructors(text) {
  const out = {};
  const re = /^func (\w+)\([^)]*\) \*cobra\.Command \{\n/gm;
  let m;
  while ((m = re.exec(text))) {
    const end = text.indexOf('\n}\n', m.index);
    out[m[1]] = text.slice(m.index + m[0].length, end);
  }
  return out;
}

function parseCommand(body) {
  const lit = /&?cobra\.Command\{\n([\s\S]*?)\n\t\}/.exec(body)?.[1] ?? '';
  const field = (name) => {
    const i = lit.search(new RegExp(`^\\s*${name}:`, 'm'));
    if (i < 0) return undefined;
    const after = lit.slice(i).replace(new RegExp(`^\\s*${name}:`), '');
    return goString(after)?.[0];
  };
  const cmd = { use: field('Use'), short: field('Short') ?? '', long: field('Long') ?? '', runnable: /^\s*(Run|RunE):/m.test(lit), hidden: /^\s*Hidden:\s*true/m.test(lit), deprecated: field('Deprecated'), aliases: [], flags: [], persistent: [], children: [] };
  const aliases = /Aliases:\s*\[\]string\{([^}]*)\}/.exec(lit);
  if (aliases) cmd.aliases = aliases[1].split(',').map((x) => goString(x.trim())?.[0]).filter(Boolean);
  const fre = /\b\w+\.(Flags|PersistentFlags)\(\)\.(\w+?)(Var)?(P)?\(/g;
  let m;
  while ((m = fre.exec(body))) {
    const kind = m[2];
    if (!(kind in TYPES)) continue;
    const [a] = args(body.slice(m.index + m[0].length));
    const parts = m[3] ? a.slice(1) : a;
    const name = goString(parts[0])[0];
    const shorthand = m[4] ? goString(parts[1])[0] : '';
    const rest = m[4] ? parts.slice(2) : parts.slice(1);
    const type = TYPES[kind];
    const flag = { name, shorthand, type, default: defValue(type, rest[0]), usage: goString(rest[1])?.[0] ?? rest[1] };
    (m[1] === 'Flags' ? cmd.flags : cmd.persistent).push(flag);
  }
  const cre = /\.AddCommand\(([\s\S]*?)\)\n/g;
  while ((m = cre.exec(body))) for (const c of m[1].split(',').map((x) => x.trim()).filter(Boolean)) cmd.children.push(c.replace(/\(\)$/, ''));
  for (const d of body.matchAll(/MarkFlagRequired\("([^"]+)"\)/g)) (cmd.required ??= []).push(d[1]);
  return cmd;
}

function tree(dir, rootFile, rootName) {
  const bodies = {};
  for (const f of list(dir)) if (f.endsWith('.go') && !f.endsWith('_test.go')) Object.assign(bodies, constructors(show(f)));
  const rootText = show(rootFile);
  const build = (name) => {
    const body = bodies[name];
    if (!body) throw new Error(`no constructor ${name}`);
    const c = parseCommand(body);
    c.children = c.children.map(build);
    return c;
  };
  const root = parseCommand(/func init\(\) \{\n([\s\S]*?)\n\}\n/.exec(rootText)[1].replace(/rootCmd\./g, 'rootCmd.'));
  const lit = /rootCmd\s*=\s*&cobra\.Command\{\n([\s\S]*?)\n\t\t?\}/.exec(rootText)[1];
  root.use = rootName;
  root.short = /Short:\s*(\w+)/.exec(lit) ? /cliDescription\s*=\s*"([^"]+)"/.exec(rootText)[1] : '';
  root.persistent = root.persistent.length ? root.persistent : root.flags;
  root.flags = [];
  root.runnable = false;
  const adds = /AddCommand\(([\s\S]*?)\n\t\)/.exec(rootText)[1];
  root.children = adds.split(',').map((x) => x.trim().replace(/^[\w.]*?\.?(New\w+|new\w+)\(\)$/, '$1')).filter(Boolean).map(build);
  return root;
}

const out = {
  source: `etcd-io/etcd ${tag}: etcdctl/ctlv3/ctl.go, etcdctl/ctlv3/command/*.go; etcdutl/ctl.go, etcdutl/etcdutl/*.go`,
  etcdctl: tree('etcdctl/ctlv3/command', 'etcdctl/ctlv3/ctl.go', 'etcdctl'),
  etcdutl: tree('etcdutl/etcdutl', 'etcdutl/ctl.go', 'etcdutl'),
};
if (unresolved.size) process.stderr.write(`unresolved defaults: ${[...unresolved].join(' | ')}\n`);
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
