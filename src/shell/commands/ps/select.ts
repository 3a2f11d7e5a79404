/**
 * Which processes ps lists (procps-ng 3.3.17 ps/select.c): -e/-A all; -a, -d, a, x and g through
 * the table of select_bits (by: the caller's euid, a session leader, without a terminal, on the
 * caller's terminal); the lists (-p, -u, -C, -t, ...) add theirs; r keeps the running; -N negates.
 * Without any, ps lists the caller's processes on its terminal.
 */
import type { PsOptions, Selection } from './options';
import type { PsProc } from './proc';

/** select_bits_setup: the table's bits, 'all', or the conflict error. */
export function selectBits(o: PsOptions): number | 'all' | string {
  const s = o.simple;
  if (!s.size && !o.format.preferBsd) return 0xaa00;
  const key = [...s, ...(s.has('Ua') || s.has('Ud') ? [] : ['Bg'])];
  const has = (...names: string[]) => names.every((n) => key.includes(n)) && new Set(key).size === names.length;
  if (has('Ua', 'Ud')) return 0x3f3f;
  if (has('Ua')) return 0x0303;
  if (has('Ud')) return 0x3333;
  if (has('Bg')) return 0x0a0a;
  if (has('Bg', 'Ba')) return 0x0f0f;
  if (has('Bg', 'Bx')) return 0xaaaa;
  if (has('Bg', 'Bx', 'Ba')) return 'all';
  return 'process selection options conflict';
}

function listed(p: PsProc, lists: Selection[]): boolean {
  return lists.some((l) => {
    switch (l.kind) {
      case 'pid':
      case 'quick':
        return l.values.includes(p.pid);
      case 'ppid':
        return l.values.includes(p.ppid);
      case 'sess':
        return l.values.includes(p.sid);
      case 'pgrp':
        return l.values.includes(p.pgid);
      case 'euid':
      case 'ruid':
        return l.values.includes(p.uid);
      case 'egid':
      case 'rgid':
        return l.values.includes(p.gid);
      case 'tty':
        return l.values.includes(p.tty);
      case 'comm':
        // comm holds 15 characters: a longer name matches on those.
        return l.values.some((v) => String(v).slice(0, 63) === p.comm || (p.comm.length === 15 && String(v).length >= 15 && String(v).startsWith(p.comm)));
    }
    return false;
  });
}

/** The processes to list, in /proc's order. */
export function selectProcs(procs: PsProc[], o: PsOptions, bits: number | 'all', self: PsProc): PsProc[] {
  const lists = o.ownTty ? [...o.lists, { kind: 'tty' as const, values: [self.tty] }] : o.lists;
  const want = (p: PsProc): boolean => {
    let ok = false;
    if (o.all || bits === 'all') ok = true;
    else if ((o.simple.size || !lists.length) && bits & (1 << ((p.uid === self.uid ? 1 : 0) | ((p.sid === p.pid ? 1 : 0) << 1) | ((p.tty === '?' ? 1 : 0) << 2) | ((p.tty === self.tty ? 1 : 0) << 3)))) ok = true;
    else if (listed(p, lists)) ok = true;
    if (o.runningOnly && !(p.state === 'R' || p.state === 'D')) ok = false;
    return o.negate ? !ok : ok;
  };
  return procs.filter(want);
}
