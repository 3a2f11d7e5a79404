/**
 * Row layout against the real ps: a small process tree is started in a namespace of its own (see
 * real-ps.ts) and listed by the real ps, plainly (the facts: pid, parent, state, command line) and
 * with layouts that test the art of forests, overflowing and cut columns. Our ps gets the same
 * processes from the plain listing and must print every layout as the real one did.
 */
import { describe, expect, it } from 'vitest';
import { runPs } from '../../../src/shell/commands/ps/main';
import type { ProcessInfo } from '../../../src/shell/commands/lib/system';
import { realPs } from './real-ps';
import { context } from './context';

/** The facts, listed just before each layout by the same shell. */
const FACTS = 'ps -e -o pid=,ppid=,stat=,args=';
const SEPARATOR = '--- layout ---\n';
const LAYOUTS = [
  'ps -e --forest -o pid,ppid,stat,args',
  'ps -e -H -o pid,ppid,args',
  'ps -e f -o pid,comm',
  'ps -e --forest -o pid,fname,ppid',
  'ps -e -o pid:2,ppid:1,stat:1,comm:3,args',
  'ps -e -o args,pid',
  'ps -e -o comm,pid,args',
  'ps -e --cols 30 -o pid,args',
  'ps -e --cols 12 -o pid,ppid,args',
  'ps -e -o pid,args --sort=-ppid,pid',
  'ps -e -o pid=,args=',
  'ps -e -o pid=A,ppid=LONGHEADER,args=COMMANDLINE',
  'ps -e -o stat=STATE,pid=P,args',
  'ps -p 4,5 -o pid,args',
  'ps 4 5 -o pid,args',
  'ps -e --sort=args -o pid,args',
  'ps -e -o pid=,comm',
  'ps -e -o comm=,pid',
  'ps -e n -o user,pid,ruser,uid,args',
  'ps -e -o user:3,pid,args',
  'ps -e -m -o pid,tid,stat,args',
  'ps -e m -o pid,tty,stat,args',
  'ps -e H -o pid,stat,args',
  'ps -eL -o pid,lwp,nlwp,args',
  'ps -eT -o pid,spid,args',
];

/** A tree: the script's shell (PID 1) starts a shell that starts two sleeps and a shell with two of its own. */
const TREE = `sh -c 'sleep 1000 & sleep 1001 & sh -c "sleep 1002 & sleep 1003; :" & sleep 0.5; ${FACTS}; printf -- "${SEPARATOR.trim()}\\n"; ps "$@"' ps`;
const scripts = Object.fromEntries(LAYOUTS.map((c) => [c, `${TREE} ${c.slice(3)}`]));
const recorded = realPs(`${__dirname}/ps-layout.golden.json`, scripts);

/** Each layout's facts and the real ps's answer. */
const real = Object.fromEntries(
  Object.entries(recorded).map(([c, r]) => {
    const [facts, stdout] = r.stdout.split(SEPARATOR);
    return [c, { facts, outcome: { ...r, stdout } }];
  }),
);

/** The processes of the recorded tree, as a provider would give them: the listing ps is the facts' ps's successor. */
function processes(c: string): ProcessInfo[] {
  const list = real[c].facts
    .trim()
    .split('\n')
    .map((line) => {
      const [, pid, ppid, stat, command] = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line)!;
      return { pid: Number(pid), ppid: Number(ppid), user: 'root', command, tty: '?', stat, startMs: 0, cpuSeconds: 0, rssKiB: 1000, vszKiB: 2000 };
    });
  const facts = list.pop()!;
  return [...list, { ...facts, pid: facts.pid + 1, command: c }];
}

/** Words as the shell splits them (the cases hold no quotes). */
const words = (c: string) => c.split(' ');

describe('ps rows are laid out as the real ps lays them out', () => {
  for (const c of LAYOUTS) {
    it(c, () => {
      const list = processes(c);
      const out = { stdout: '', stderr: '' };
      const status = runPs(context(words(c), out, list[list.length - 1].pid), list);
      expect({ ...out, status }).toEqual(real[c].outcome);
    });
  }
});
