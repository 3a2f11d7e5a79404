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
import { select } from './select';
import { FIELD_HELP, fieldOutput } from './fields';
import { lsofHelp } from './help';
import { lsofTable, type Row } from './layout';
import { socketName } from './names';
import { emptyFound, notLocated } from './report';
import { LsofError, parseLsof, type LsofOptions } from './options';

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

function row(ctx: CommandContext, o: LsofOptions, pf: ProcessFiles, f: OpenFile): Row {
  const user = o.numericUsers ? String(pf.uid) : pf.login;
  const fd = /^\d+$/.test(f.fd) ? (Number(f.fd) < 10_000 ? f.fd.padStart(4) : `*${String(Number(f.fd) % 1000).padStart(3, '0')}`) : f.fd;
  let name = f.socket ? socketName(ctx, f.socket, o.numericHosts, o.numericPorts) : (f.path ?? '');
  if (f.note) name = name ? `${name} ${f.note}` : f.note;
  return { command: pf.comm, pid: pf.process.pid, ppid: o.parentPids ? pf.process.ppid : undefined, user, fd, mode: `${f.access} `, type: f.type, device: f.device, sizeOff: o.sizeOnly && f.sizeOff.startsWith('0t') ? '' : f.sizeOff, node: f.node, name };
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
  if (o.fieldHelp) {
    ctx.stderr.write(FIELD_HELP);
    return 0;
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
