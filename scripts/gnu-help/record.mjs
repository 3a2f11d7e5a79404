#!/usr/bin/env node
/**
 * Records what the real GNU programs print for --help, --version and option errors, from two roots:
 *   jammy:    Ubuntu 22.04's binaries extracted from its .debs (coreutils 8.32, grep 3.7, sed 4.8,
 *             findutils 4.8.0, diffutils 3.8, gzip 1.10, tar 1.34) into JAMMY_ROOT (default
 *             /tmp/jammy-root: `dpkg-deb -x X.deb /tmp/jammy-root` for each package, and libpcre3's
 *             into /tmp/jammy-lib for grep);
 *   bookworm: this machine's own /usr/bin (Debian 12: coreutils 9.1, grep 3.8, sed 4.9, …), what
 *             Debian-based images (nginx, httpd) carry.
 * Every run is unprivileged (nobody), in an empty scratch directory, with stdin from /dev/null, and
 * only with arguments that make the program stop before it acts.
 *
 * Writes src/shell/commands/gnu-help/<os>.json (the texts the simulator prints; argv[0] as given is
 * @PATH@ there, its base name @PROG@) and test/shell/gnu-help.golden.json (the cases the test
 * replays). Run as root: `node scripts/gnu-help/record.mjs`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const JAMMY_ROOT = process.env.JAMMY_ROOT ?? '/tmp/jammy-root';
const SCRATCH = '/tmp/gnu-scratch';
/**
 * argv[0] for the texts: what a program prints of it shows whether it names itself as invoked
 * (coreutils' program_name: @PATH@ in the data) or by its base name (grep's getprogname: @PROG@).
 */
const PLACEHOLDER = '/@DIR@/@PROG@';
const asData = (text) => text.split(PLACEHOLDER).join('@PATH@');

/** Program → an option that requires an argument (given last, without it); null when it has none. */
const PROGRAMS = {
  // coreutils
  cat: null, tac: '-s', nl: '-b', head: '-n', tail: '-n', wc: '--files0-from', sort: '-k', uniq: '-f',
  cut: '-d', tr: null, paste: '-d', fold: '-w', expand: '-t', comm: '--output-delimiter', base64: '-w',
  od: '-j', seq: '-s', tee: null, md5sum: null, sha1sum: null, sha256sum: null,
  ls: '-w', cp: '-S', mv: '-S', rm: null, mkdir: '-m', rmdir: null, touch: '-d', ln: '-S', chmod: '--reference',
  chown: '--from', chgrp: '--reference', stat: '-c', du: '-d', df: '-t', install: '-m', mktemp: '-p',
  basename: '-s', dirname: null, realpath: '--relative-to', readlink: null,
  date: '-d', sleep: null, timeout: '-s', env: '-u', printenv: null, nohup: null, yes: null, expr: null,
  nproc: '--ignore', uname: null, arch: null, sync: null, tty: null, who: null, users: null, logname: null,
  id: null, whoami: null, groups: null,
  // the others
  grep: '-e', egrep: '-e', fgrep: '-e', sed: '-e', find: '-name', xargs: '-n', diff: '-x', cmp: '-i',
  gzip: '-S', gunzip: '-S', zcat: '-S', tar: '-C',
};

/** Programs whose texts are recorded but not their getopt cases: `[` reads --help and --version only as its sole argument, and the shell's builtin answers a typed `[`. */
const TEXT_ONLY = ['['];

/** Letters tried, in turn, for an invalid short option: the first the program refuses is kept. */
const INVALID_CANDIDATES = ['-Y', '-J', '-K', '-Q', '-j', '-y', '-W', '-g', '-O'];

/** jammy's grep needs libpcre.so.3, which bookworm has not: extract libpcre3's .deb into JAMMY_LIB. */
const JAMMY_LIB = process.env.JAMMY_LIB ?? '/tmp/jammy-lib/lib/x86_64-linux-gnu';

const ROOTS = {
  jammy: { dirs: [`${JAMMY_ROOT}/bin`, `${JAMMY_ROOT}/usr/bin`], env: [`LD_LIBRARY_PATH=${JAMMY_LIB}`] },
  bookworm: { dirs: ['/usr/bin', '/bin'], env: [] },
};

function binaryOf(os, name) {
  for (const dir of ROOTS[os].dirs) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return null;
}

/** Runs BINARY with argv[0] = ARGV0 as nobody; a shell script (gunzip, egrep) runs with its path as $0, shown as /usr/bin/NAME. */
function run(os, binary, argv0, args) {
  const path = [...ROOTS[os].dirs, '/usr/bin', '/bin'].join(':');
  const r = spawnSync(
    'setpriv',
    ['--reuid=65534', '--regid=65534', '--clear-groups', 'env', '-i', 'LC_ALL=C', `PATH=${path}`, ...ROOTS[os].env, '/bin/bash', '-c', 'exec -a "$0" "$@"', argv0, binary, ...args],
    { cwd: SCRATCH, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 },
  );
  const fix = (s) => s.split(binary).join(`/usr/bin/${binary.split('/').pop()}`);
  return { stdout: fix(r.stdout), stderr: fix(r.stderr), status: r.status ?? -1 };
}

/** The long options in the order of the program's table, as getopt lists them when `--=` matches them all. */
function longTable(stderr) {
  const m = /is ambiguous; possibilities:(.*)\n/.exec(stderr);
  return m ? [...m[1].matchAll(/'--([^']*)'/g)].map((x) => x[1]) : [];
}

function record(os) {
  const texts = {};
  const cases = {};
  for (const [name, missing] of Object.entries(PROGRAMS)) {
    const binary = binaryOf(os, name);
    if (!binary) continue;
    const help = run(os, binary, PLACEHOLDER, ['--help']);
    const version = run(os, binary, PLACEHOLDER, ['--version']);
    const table = run(os, binary, name, ['--=']);
    texts[name] = { help: asData(help.stdout), helpStatus: help.status, version: asData(version.stdout), longs: longTable(table.stderr) };
    const argvs = [['--help'], ['--version'], ['--he'], ['--ver'], ['--foo=bar'], ['--='], ['--help=x']];
    const invalid = INVALID_CANDIDATES.find((opt) => /invalid option|unknown predicate/.test(run(os, binary, name, [opt]).stderr));
    if (invalid) argvs.push([invalid]);
    if (missing) argvs.push([missing]);
    cases[name] = argvs.map((args) => ({ args, ...run(os, binary, name, args) }));
  }
  for (const name of TEXT_ONLY) {
    const binary = binaryOf(os, name);
    if (!binary) continue;
    const help = run(os, binary, PLACEHOLDER, ['--help']);
    texts[name] = { help: asData(help.stdout), helpStatus: help.status, version: asData(run(os, binary, PLACEHOLDER, ['--version']).stdout), longs: [] };
  }
  return { texts, cases };
}

mkdirSync(SCRATCH, { recursive: true, mode: 0o755 });
const golden = {};
for (const os of Object.keys(ROOTS)) {
  const { texts, cases } = record(os);
  writeFileSync(`src/shell/commands/gnu-help/${os}.json`, `${JSON.stringify(texts)}\n`);
  golden[os] = cases;
}
writeFileSync('test/shell/gnu-help.golden.json', `${JSON.stringify(golden, null, 1)}\n`);
