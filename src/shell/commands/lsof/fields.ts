/**
 * `lsof -F`: output for programs (proc.c print_proc at 4.93.2). A process's fields first (p always,
 * then g, R, c, u, L as selected), each file's after (f, a, l, t, d, D, s, o, i, P, n, T), each field
 * its identifier character and value, ended by a newline, or with -F0 by a NUL and the set of a
 * process or a file by a newline. -F alone or -F0 selects every field; G (file flags) is not known
 * here and never printed.
 */
import type { CommandContext } from '../../command';
import type { OpenFile, ProcessFiles } from '../lib/open-files';
import { socketName } from './names';
import type { LsofOptions } from './options';

/**
 * The field identifiers lsof knows and what they are (lsof_fields.h, as `-F?` lists them on Linux;
 * 4.93.2's f still says it is always selected).
 */
const FIELDS = [
  ['a', 'access: r = read; w = write; u = read/write'],
  ['c', 'command name'],
  ['d', 'device character code'],
  ['D', 'major/minor device number as 0x<hex>'],
  ['f', 'file descriptor (always selected)'],
  ['G', 'file flaGs'],
  ['i', 'inode number'],
  ['k', 'link count'],
  ['K', 'task ID (TID)'],
  ['l', 'lock: r/R = read; w/W = write; u = read/write'],
  ['L', 'login name'],
  ['m', 'marker between repeated output'],
  ['M', 'task comMand name'],
  ['n', 'comment, name, Internet addresses'],
  ['o', 'file offset as 0t<dec> or 0x<hex>'],
  ['p', 'process ID (PID)'],
  ['g', 'process group ID (PGID)'],
  ['P', 'protocol name'],
  ['r', 'raw device number as 0x<hex>'],
  ['R', 'paRent PID'],
  ['s', 'file size'],
  ['S', 'stream module and device names'],
  ['t', 'file type'],
  ['T', 'TCP/TPI info'],
  ['u', 'user ID (UID)'],
  ['0', '(zero) use NUL field terminator instead of NL'],
] as const;

export const FIELD_IDS = new Set<string>(FIELDS.map(([id]) => id));

/** `-F?`: the list, on stderr. */
export const FIELD_HELP = `lsof:\tID    field description\n${FIELDS.map(([id, what]) => `\t ${id}    ${what}\n`).join('')}`;

/** A device as lsof's D field prints it: 0x and the dev_t in hex (major 8, minor 1 is 0x801). */
function deviceNumber(device: string): string | undefined {
  const m = /^(\d+),(\d+)$/.exec(device);
  return m ? `0x${((Number(m[1]) << 8) | Number(m[2])).toString(16)}` : undefined;
}

export function fieldOutput(ctx: CommandContext, o: LsofOptions, listed: { pf: ProcessFiles; files: OpenFile[] }[]): string {
  const want = (id: string) => o.fields!.has(id);
  const end = o.fields!.has('0') ? '\0' : '\n';
  let out = '';
  for (const { pf, files } of listed) {
    let line = `p${pf.process.pid}${end}`;
    if (want('g')) line += `g${pf.pgid}${end}`;
    if (want('R')) line += `R${pf.process.ppid}${end}`;
    if (want('c')) line += `c${pf.comm}${end}`;
    if (want('u')) line += `u${pf.uid}${end}`;
    if (want('L') && pf.login !== String(pf.uid)) line += `L${pf.login}${end}`;
    out += end === '\0' ? `${line}\n` : line;
    for (const f of files) {
      let set = '';
      if (want('f')) set += `f${f.fd}${end}`;
      if (want('a')) set += `a${f.access}${end}`;
      if (want('l')) set += `l ${end}`;
      if (want('t') && f.type) set += `t${f.type}${end}`;
      // A socket's "device" is its inode number (the DEVICE column); a file's is its device number.
      if (want('d') && f.socket) set += `d${f.device}${end}`;
      const dev = f.socket ? undefined : deviceNumber(f.device);
      if (want('D') && dev) set += `D${dev}${end}`;
      if (want('s') && !f.socket && f.sizeOff) set += `s${f.sizeOff}${end}`;
      if (want('o') && f.socket) set += `o${f.sizeOff}${end}`;
      if (want('i') && !f.socket && /^\d+$/.test(f.node)) set += `i${f.node}${end}`;
      if (want('P') && f.socket) set += `P${f.node}${end}`;
      if (want('n')) {
        const name = f.socket ? socketName(ctx, f.socket, o.numericHosts, o.numericPorts) : [f.path, f.note].filter(Boolean).join(' ');
        // The state goes to the T field in this output, not after the name.
        set += `n${f.socket ? name.replace(/ \(\w+\)$/, '') : name}${end}`;
      }
      if (want('T') && f.socket) set += `TST=${f.socket.state}${end}TQR=0${end}TQS=0${end}`;
      out += end === '\0' && set ? `${set}\n` : set;
    }
  }
  return out;
}
