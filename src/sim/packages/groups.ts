/**
 * System groups a package's maintainer script creates. Ubuntu's docker.io runs
 * `addgroup --system docker` (adduser: the lowest free GID from 100 up); Docker's docker-ce runs
 * `groupadd --system docker` (shadow's groupadd: the highest free GID from 999 down). Either way
 * the group exists once, and an existing one is kept.
 */
import type { Machine } from '../machine/machine';

export interface SystemGroup {
  name: string;
  /** Which tool the postinst uses, which decides the GID. */
  tool: 'addgroup' | 'groupadd';
}

const FIRST_SYSTEM_GID = 100;
const LAST_SYSTEM_GID = 999;

function read(machine: Machine, path: string): string {
  try {
    return machine.rootFs.readFile(path);
  } catch {
    return '';
  }
}

export function createSystemGroup(machine: Machine, group: SystemGroup): void {
  const fs = machine.rootFs;
  const text = read(machine, '/etc/group');
  const lines = text.split('\n').filter(Boolean);
  if (lines.some((l) => l.split(':')[0] === group.name)) return;
  const used = new Set(lines.map((l) => Number(l.split(':')[2])));
  let gid = group.tool === 'addgroup' ? FIRST_SYSTEM_GID : LAST_SYSTEM_GID;
  const step = group.tool === 'addgroup' ? 1 : -1;
  while (used.has(gid) && gid >= FIRST_SYSTEM_GID && gid <= LAST_SYSTEM_GID) gid += step;
  fs.writeFile('/etc/group', `${text}${text && !text.endsWith('\n') ? '\n' : ''}${group.name}:x:${gid}:\n`);
  const shadow = read(machine, '/etc/gshadow');
  if (fs.stat('/etc/gshadow')) fs.writeFile('/etc/gshadow', `${shadow}${shadow && !shadow.endsWith('\n') ? '\n' : ''}${group.name}:!::\n`);
}
