/**
 * Which files lsof lists (proc.c is_file_sel and the selection flags of main.c at 4.93.2): a
 * process's files are taken when any selection answers them (-p, -u, -c for the whole process;
 * -i, named files and directories, -d for single files), when all do with -a; an excluded pid,
 * user or command (^) drops the process; -s TCP:STATE keeps only sockets in (or not in) a state.
 */
import type { CommandContext } from '../../command';
import type { OpenFile, ProcessFiles } from '../lib/open-files';
import { commandMatches, type LsofOptions, type NetSpec } from './options';
import type { Found } from './report';

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
export function select(ctx: CommandContext, o: LsofOptions, all: ProcessFiles[], found: Found): { pf: ProcessFiles; files: OpenFile[] }[] {
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
    if (o.commands.some((i) => i.exclude && commandMatches(i.value, pf.comm))) continue;
    const byPid = pids.includes(p.pid);
    const user = users.find((u) => u.uid === uid);
    const command = commands.find((c) => commandMatches(c, pf.comm));
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
