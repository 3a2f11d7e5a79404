/**
 * lsof's table (print.c print_file at 4.93.2): two passes, the first sizes each column to the
 * widest of its title and its cells, the second prints. COMMAND is cut to its limit (+c, 9 by
 * default) and left-aligned; the rest are right-aligned, the FD column carries the access mode and
 * lock characters after the number, and the NAME column is left as it is.
 */

export interface Row {
  command: string;
  pid: number;
  /** The parent's pid, shown with -R. */
  ppid?: number;
  user: string;
  fd: string;
  /** Access and lock characters after the fd: `u ` for a socket open for reading and writing. */
  mode: string;
  type: string;
  device: string;
  sizeOff: string;
  node: string;
  name: string;
}

export function lsofTable(rows: Row[], commandWidth: number, sizeTitle: string): string {
  const widest = (title: string, cells: string[]) => Math.max(title.length, ...cells.map((c) => c.length));
  const w = {
    command: widest('COMMAND', rows.map((r) => r.command.slice(0, commandWidth))),
    pid: widest('PID', rows.map((r) => String(r.pid))),
    ppid: widest('PPID', rows.map((r) => String(r.ppid ?? ''))),
    user: widest('USER', rows.map((r) => r.user)),
    fd: widest('FD', rows.map((r) => r.fd + r.mode)),
    type: widest('TYPE', rows.map((r) => r.type)),
    device: widest('DEVICE', rows.map((r) => r.device)),
    size: widest(sizeTitle, rows.map((r) => r.sizeOff)),
    node: widest('NODE', rows.map((r) => r.node)),
  };
  const right = (s: string, n: number) => s.padStart(n);
  // The title of FD stands over the number; the two mode characters follow it.
  // -R puts the parent's pid after the pid.
  const withPpid = rows.some((r) => r.ppid !== undefined);
  const ppidTitle = withPpid ? ` ${right('PPID', w.ppid)}` : '';
  let out = `${'COMMAND'.padEnd(w.command)} ${right('PID', w.pid)}${ppidTitle} ${right('USER', w.user)} ${right('FD', w.fd - 2)}   ${right('TYPE', w.type)} ${right('DEVICE', w.device)} ${right(sizeTitle, w.size)} ${right('NODE', w.node)} NAME\n`;
  for (const r of rows) {
    const ppid = withPpid ? ` ${right(String(r.ppid ?? ''), w.ppid)}` : '';
    out += `${r.command.slice(0, commandWidth).padEnd(w.command)} ${right(String(r.pid), w.pid)}${ppid} ${right(r.user, w.user)} ${right(r.fd, w.fd - 2)}${r.mode} ${right(r.type, w.type)} ${right(r.device, w.device)} ${right(r.sizeOff, w.size)} ${right(r.node, w.node)} ${r.name}\n`;
  }
  return out;
}
