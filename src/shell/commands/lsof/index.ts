/**
 * lsof 4.93.2 (Ubuntu 22.04's lsof 4.93.2+dfsg): the open files of the machine's processes, of
 * what the simulation knows them to hold (src/shell/commands/lib/open-files.ts): the listening TCP
 * sockets `ss -tlnp` shows, with their fd numbers, and each process's cwd, rtd and txt.
 * Selections as lsof makes them: -i network addresses, -p pids, -c command prefixes, -u users,
 * -d fds and file names are ORed unless -a ANDs them; ^ excludes; -s TCP:STATE filters sockets.
 * -t prints the pids alone (for `kill $(lsof -t -i :6443)`). Exit 1 when nothing is listed or a
 * search item found nothing (main.c), after the usage block when the command line is wrong.
 */
import type { CommandContext, Program } from '../../command';
import { processFiles, type OpenFile, type ProcessFiles } from '../lib/open-files';
import { fieldOutput } from './fields';
import { lsofHelp } from './help';
import { lsofTable, type Row } from './layout';
import { socketName } from './names';
import { emptyFound, notLocated, type Found } from './report';
import { LsofError, parseLsof, type LsofOptions, type NetSpec } from './options';

const VERSION = '4.93.2';
const REPO = 'https://github.com/lsof-org/lsof';

/** usage.c's short form, which every command-line error ends with (and -h begins with). */
const USAGE_HEAD = `lsof ${VERSION}
 latest revision: ${REPO}
 latest FAQ: ${REPO}/blob/master/00FAQ
 latest (non-formatted) man page: ${REPO}/blob/master/Lsof.8
 usage: [-?abhKlnNoOPRtUvVX] [+|-c c] [+|-d s] [+D D] [+|-E] [+|-e s] [+|-f[gG]]
 [-F [f]] [-g [s]] [-i [i]] [+|-L [l]] [+m [m]] [+|-M] [-o [o]] [-p s]
 [+|-r [t]] [-s [p:s]] [-S [t]] [-T [t]] [-u s] [+|-w] [-x [fl]] [--] [names]
`;
const USAGE = `${USAGE_HEAD}Use the \`\`-h'' option to get more help information.
`;

/** Does a socket answer a `-i` address? */
function netMatches(spec: NetSpec, file: OpenFile): boolean {
  const s = file.socket!;
  if (spec.family && spec.family !== s.family) return false;
  if (spec.protocol && spec.protocol !== 'tcp') return false;
  if (spec.address && spec.address !== s.address) return false;
  return !spec.ports || spec.ports.some(([from, to]) => s.port >= from && s.port <= to);
}

/** A file named on the command line: its path, or, for / (a mount point), every file of the root filesystem. */
function nameMatches(name: string, file: OpenFile): boolean {
  if (name === '/') return file.device === '8,1';
  return file.path === name;
}

/** +d: the directory and its entries; +D: and everything below it (of what has a path). */
function inDirectory(d: { path: string; recursive: boolean }, file: OpenFile): boolean {
  if (!file.path || file.device !== '8,1') return false;
  if (file.path === d.path) return true;
  const base = d.path === '/' ? '/' : `${d.path}/`;
  if (!file.path.startsWith(base)) return false;
  return d.recursive || !file.path.slice(base.length).includes('/');
}

/** The fd list of -d: names (cwd, txt…), numbers and ranges. */
function fdMatches(fd: string, file: OpenFile): boolean {
  const range = /^(\d+)-(\d+)$/.exec(fd);
  if (range) return /^\d+$/.test(file.fd) && Number(file.fd) >= Number(range[1]) && Number(file.fd) <= Number(range[2]);
  return fd === file.fd;
}

/** The files lsof lists, by process; what each search item found goes into `found`. */
function select(ctx: CommandContext, o: LsofOptions, all: ProcessFiles[], found: Found): { pf: ProcessFiles; files: OpenFile[] }[] {
  const incl = <T>(items: { value: T; exclude: boolean }[]) => items.filter((i) => !i.exclude).map((i) => i.value);
  const pids = incl(o.pids);
  const users = incl(o.users);
  const commands = incl(o.commands);
  const fdsIn = incl(o.fds);
  const statesIn = incl(o.tcpStates);
  const statesOut = o.tcpStates.filter((s) => s.exclude).map((s) => s.value);
  const out: { pf: ProcessFiles; files: OpenFile[] }[] = [];
  for (const pf of all) {
    const p = pf.process;
    const uid = pf.uid;
    if (o.pids.some((i) => i.exclude && i.value === p.pid)) continue;
    if (o.users.some((i) => i.exclude && i.value.uid === uid)) continue;
    if (o.commands.some((i) => i.exclude && pf.comm.startsWith(i.value))) continue;
    const byPid = pids.includes(p.pid);
    const user = users.find((u) => u.uid === uid);
    const command = commands.find((c) => pf.comm.startsWith(c));
    const files = pf.files.filter((f) => {
      if (o.fds.some((i) => i.exclude && fdMatches(i.value, f))) return false;
      if (f.socket && (statesOut.includes(f.socket.state) || (statesIn.length && !statesIn.includes(f.socket.state)))) return false;
      // With -t (and -w) lsof gives no warnings: a link it may not read is not listed.
      if (f.note && o.noWarnings) return false;
      const tests: boolean[] = [];
      if (pids.length) tests.push(byPid);
      if (users.length) tests.push(!!user);
      if (commands.length) tests.push(!!command);
      const nets = f.socket ? o.nets.filter((spec) => netMatches(spec, f)) : [];
      // A bare -i (or -i4, -i6) is every network file (of that family).
      const anyNet = o.network && !!f.socket && (!o.networkFamily || f.socket.family === o.networkFamily);
      if (o.network || o.nets.length) tests.push(anyNet || nets.length > 0);
      const names = o.names.filter((n) => ctx.fs.stat(n) && nameMatches(ctx.fs.resolve(n), f));
      const inDir = o.dirs.some((d) => inDirectory(d, f));
      // Named files and +d/+D directories are one selection (arg.c enters both as names).
      if (o.names.length || o.dirs.length) tests.push(names.length > 0 || inDir);
      if (fdsIn.length) tests.push(fdsIn.some((fd) => fdMatches(fd, f)));
      const chosen = !tests.length || (o.and ? tests.every(Boolean) : tests.some(Boolean));
      if (chosen) {
        if (byPid) found.pids.add(p.pid);
        if (user) found.users.add(user.name);
        if (command) found.commands.add(command);
        for (const spec of nets) found.nets.add(spec);
        for (const n of names) found.names.add(n);
        if (f.socket) {
          found.network = true;
          found.states.add(f.socket.state);
        }
      }
      return chosen;
    });
    if (files.length) out.push({ pf, files });
  }
  return out;
}

function row(ctx: CommandContext, o: LsofOptions, pf: ProcessFiles, f: OpenFile): Row {
  const user = o.numericUsers ? String(pf.uid) : pf.login;
  const fd = /^\d+$/.test(f.fd) ? (Number(f.fd) < 10_000 ? f.fd.padStart(4) : `*${String(Number(f.fd) % 1000).padStart(3, '0')}`) : f.fd;
  let name = f.socket ? socketName(ctx, f.socket, o.numericHosts, o.numericPorts) : (f.path ?? '');
  if (f.note) name = name ? `${name} ${f.note}` : f.note;
  return { command: pf.comm, pid: pf.process.pid, user, fd, mode: `${f.access} `, type: f.type, device: f.device, sizeOff: o.sizeOnly && f.sizeOff.startsWith('0t') ? '' : f.sizeOff, node: f.node, name };
}

export const lsof: Program = async (ctx) => {
  let o: LsofOptions;
  try {
    o = parseLsof(ctx, ctx.argv.slice(1));
  } catch (e) {
    if (!(e instanceof LsofError)) throw e;
    ctx.stderr.write(`${e.message}\n${USAGE}`);
    return 1;
  }
  if (o.help) {
    ctx.stderr.write(USAGE_HEAD + lsofHelp());
    return 0;
  }
  let status = 0;
  // A named file that does not exist is said so, and lsof goes on with the others.
  // (It stays a search item, one that finds nothing.)
  for (const n of o.names) {
    if (ctx.fs.stat(n)) continue;
    ctx.stderr.write(`lsof: status error on ${n}: No such file or directory\n`);
    status = 1;
  }
  const found = emptyFound();
  const listed = select(ctx, o, processFiles(ctx), found);
  if (o.terse) {
    if (listed.length) ctx.stdout.write(listed.map((l) => `${l.pf.process.pid}\n`).join(''));
  } else if (o.fields) {
    ctx.stdout.write(fieldOutput(ctx, o, listed));
  } else if (listed.length) {
    const rows = listed.flatMap((l) => l.files.map((f) => row(ctx, o, l.pf, f)));
    ctx.stdout.write(lsofTable(rows, o.commandWidth, o.sizeOnly ? 'SIZE' : 'SIZE/OFF'));
  }
  const missed = notLocated(o, found, (n) => ctx.fs.resolve(n) === '/');
  if (o.verbose) ctx.stdout.write(missed.map((line) => `${line}\n`).join(''));
  return listed.length && !missed.length ? status : 1;
};
