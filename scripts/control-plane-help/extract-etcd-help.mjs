/**
 * Reads the text `etcd -h` prints on stdout (flagsline, server/etcdmain/help.go) from the etcd
 * sources (a git mirror, tag v3.5.21), with the Go expressions spliced into it evaluated (each
 * identifier resolved below from the file that defines it), and writes it as data for the
 * simulated `etcd` binary.
 *
 * etcd's usage line (help.go usageline) and its flag set (newConfig in server/etcdmain/config.go)
 * are already data of the simulation (src/sim/cluster/generated/component-flags.json, for its
 * command-line checks): this script checks them against the same sources and fails if they differ.
 *
 *   node scripts/control-plane-help/extract-etcd-help.mjs /work/.mirror/etcd-io+etcd/repo v3.5.21 > src/sim/kubelet/control-plane-cli/etcd-help.json
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [repo, tag] = process.argv.slice(2);
const show = (path) => execFileSync('git', ['--git-dir', repo, 'show', `${tag}:${path}`], { encoding: 'utf8', maxBuffer: 1 << 24 });

/** The Go expressions help.go splices into its texts, as they evaluate. */
const EXPRESSIONS = {
  'strconv.Itoa(embed.DefaultMaxSnapshots)': constant('server/embed/config.go', 'DefaultMaxSnapshots'),
  'strconv.Itoa(embed.DefaultMaxWALs)': constant('server/embed/config.go', 'DefaultMaxWALs'),
  'rafthttp.DefaultConnReadTimeout.String()': goDuration(constant('server/etcdserver/api/rafthttp/peer.go', 'DefaultConnReadTimeout')),
  'rafthttp.DefaultConnWriteTimeout.String()': goDuration(constant('server/etcdserver/api/rafthttp/peer.go', 'DefaultConnWriteTimeout')),
  'strconv.FormatBool(embed.DefaultStrictReconfigCheck)': constant('server/embed/config.go', 'DefaultStrictReconfigCheck'),
  'strconv.FormatBool(embed.DefaultEnableV2)': constant('server/embed/config.go', 'DefaultEnableV2'),
  'string(cconfig.V2_DEPR_DEFAULT)': v2DeprecationDefault(),
  // golang.org/x/crypto/bcrypt (bcrypt.go): MinCost = 4, MaxCost = 31, DefaultCost = 10.
  'fmt.Sprintf("%d", bcrypt.DefaultCost)': '10',
  'fmt.Sprintf("%d", bcrypt.MinCost)': '4',
  'fmt.Sprintf("%d", bcrypt.MaxCost)': '31',
};

/** The right-hand side of `name = value` in a Go const/var block of a file. */
function constant(path, name) {
  const m = new RegExp(`^\\s*${name}\\s*=\\s*(.+?)\\s*(//.*)?$`, 'm').exec(show(path));
  if (!m) throw new Error(`${name} not found in ${path}`);
  return m[1];
}

/** time.Duration's String() of an `N * time.Second` expression. */
function goDuration(expr) {
  const m = /^(\d+) \* time\.Second$/.exec(expr);
  if (!m) throw new Error(`cannot evaluate duration ${expr}`);
  return `${m[1]}s`;
}

function v2DeprecationDefault() {
  const src = show('server/config/v2_deprecation.go');
  const alias = /V2_DEPR_DEFAULT\s*=\s*(\w+)/.exec(src)[1];
  return new RegExp(`${alias}\\s*=\\s*V2DeprecationEnum\\("([^"]*)"\\)`).exec(src)[1];
}

/** Evaluates a Go concatenation of raw strings, "…" strings and the expressions above. */
function evaluate(expr) {
  let out = '';
  let rest = expr.trim();
  while (rest) {
    let m;
    if ((m = /^`([^`]*)`/s.exec(rest))) out += m[1];
    else if ((m = /^"((?:[^"\\]|\\.)*)"/.exec(rest))) out += JSON.parse(`"${m[1]}"`);
    else {
      const known = Object.keys(EXPRESSIONS).find((e) => rest.startsWith(e));
      if (!known) throw new Error(`unknown expression at: ${rest.slice(0, 80)}`);
      out += EXPRESSIONS[known];
      m = [known];
    }
    rest = rest.slice(m[0].length).trim();
    if (rest.startsWith('+')) rest = rest.slice(1).trim();
    else if (rest) throw new Error(`expected + at: ${rest.slice(0, 80)}`);
  }
  return out;
}

/** The Go source of `name = <expr>` inside help.go's var block, up to the next variable. */
function helpVariable(src, name) {
  const start = src.indexOf(`\t${name} = `);
  if (start < 0) throw new Error(`${name} not in help.go`);
  const body = src.slice(start + name.length + 4);
  const end = body.search(/\n\t\w+ = |\n\)\n/);
  return body.slice(0, end);
}

const help = show('server/etcdmain/help.go');
const usageline = evaluate(helpVariable(help, 'usageline'));
const flagsline = evaluate(helpVariable(help, 'flagsline'));

const config = show('server/etcdmain/config.go');
// newConfig defines each flag with one fs.<Type>Var call (and the flags of earlier releases it
// ignores in one loop over `ignored`): as many flags as calls, each name quoted in the file.
const calls = [...config.matchAll(/\bfs\.\w*Var\(/g)].length - 1;
const ignored = [.../\bignored = \[\]string\{([^}]*)\}/.exec(config)[1].matchAll(/"[^"]+"/g)].length;

const known = JSON.parse(readFileSync(new URL('../../src/sim/cluster/generated/component-flags.json', import.meta.url), 'utf8')).etcd;
if (known.usage !== usageline) throw new Error('component-flags.json: etcd usage differs from help.go usageline');
const names = Object.keys(known.flags);
if (names.length !== calls + ignored || names.some((n) => !config.includes(`"${n}"`))) throw new Error('component-flags.json: etcd flags differ from config.go');

process.stdout.write(`${JSON.stringify({ source: `etcd-io/etcd ${tag}: server/etcdmain/help.go`, flagsline }, null, 1)}\n`);
