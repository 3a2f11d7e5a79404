/**
 * What lsof checks after listing (main.c at 4.93.2): every search item that found nothing makes
 * the exit status 1, and with -V it says so on stdout, in main.c's order: commands, files,
 * Internet addresses, Internet files at all (a bare -i), TCP states, process IDs, users.
 */
import type { LsofOptions, NetSpec } from './options';

export interface Found {
  pids: Set<number>;
  users: Set<string>;
  commands: Set<string>;
  nets: Set<NetSpec>;
  names: Set<string>;
  /** Any network file was listed; the TCP states of those listed. */
  network: boolean;
  states: Set<string>;
}

export function emptyFound(): Found {
  return { pids: new Set(), users: new Set(), commands: new Set(), nets: new Set(), names: new Set(), network: false, states: new Set() };
}

/** The lines -V prints for what was not found (each is also a reason for exit 1). */
export function notLocated(o: LsofOptions, found: Found, isMountPoint: (name: string) => boolean): string[] {
  const out: string[] = [];
  const missing = o.commands.filter((c) => !c.exclude && !found.commands.has(c.value));
  for (const c of missing) if (!c.value.startsWith('/')) out.push(`lsof: command not located: ${c.value}`);
  for (const c of missing) if (c.value.startsWith('/')) out.push(`lsof: no command found for regex: ${c.value}`);
  for (const n of o.names) if (!found.names.has(n)) out.push(`lsof: no file${isMountPoint(n) ? ' system' : ''} use located: ${n}`);
  // Of the addresses one argument gave, reporting the first is enough (they share the text).
  const reported = new Set<string>();
  for (const n of o.nets) {
    if (found.nets.has(n) || reported.has(n.text)) continue;
    reported.add(n.text);
    out.push(`lsof: Internet address not located: ${n.text}`);
  }
  if (o.network && !found.network) out.push('lsof: no Internet files located');
  for (const s of o.tcpStates) if (!s.exclude && !s.value.startsWith('UDP:') && !found.states.has(s.value)) out.push(`lsof: TCP state not located: ${s.value}`);
  for (const p of o.pids) if (!p.exclude && !found.pids.has(p.value)) out.push(`lsof: process ID not located: ${p.value}`);
  for (const u of o.users) {
    if (u.exclude || found.users.has(u.value.name)) continue;
    out.push(u.value.byName ? `lsof: login name (UID ${u.value.uid}) not located: ${u.value.name}` : `lsof: user ID not located: ${u.value.uid}`);
  }
  return out;
}
