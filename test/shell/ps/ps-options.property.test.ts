/**
 * Properties of ps's option reading: any mix of its options, good or bad, ends in a listing
 * (status 0, nothing on stderr) or in one of procps's refusals (status 1: `error: …` and the usage,
 * or a -q conflict), never in a crash; and any -o list of known columns prints their headers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPs } from '../../../src/shell/commands/ps/main';
import { COLUMNS } from '../../../src/shell/commands/ps/columns';
import type { ProcessInfo } from '../../../src/shell/commands/lib/system';
import { context } from './context';

const PROCS: ProcessInfo[] = [
  { pid: 1, ppid: 0, user: 'root', command: '/sbin/init', tty: '?', stat: 'Ss', startMs: 0, cpuSeconds: 2, rssKiB: 11000, vszKiB: 160000 },
  { pid: 700, ppid: 1, user: 'root', command: '/usr/bin/kubelet --v=2', tty: '?', stat: 'Ssl', startMs: 1000, cpuSeconds: 9, rssKiB: 90000, vszKiB: 2000000 },
  { pid: 900, ppid: 1, user: 'root', command: '-bash', tty: 'pts/0', stat: 'Ss', startMs: 2000, cpuSeconds: 0, rssKiB: 5000, vszKiB: 8000 },
  { pid: 950, ppid: 900, user: 'root', command: 'ps', tty: 'pts/0', stat: 'R+', startMs: 3000, cpuSeconds: 0, rssKiB: 1500, vszKiB: 10000 },
];

const TOKENS = [
  '-e', '-A', '-a', '-d', '-N', '-f', '-F', '-l', '-y', '-j', '-H', '-L', '-T', '-m', '-c', '-w', '-x', '-z', '-', '--',
  'a', 'x', 'u', 'j', 'l', 'v', 'f', 'h', 'r', 'T', 'm', 'H', 'n', 'c', 'w', 'ww', 'aux', 'axjf', 'L', 'V', 'Q',
  '-p', '1', '700,900', '-q', '-C', 'kubelet', '-u', 'root', 'nobody', '-t', 'pts/0', '-o', 'pid,comm', 'pid=', 'nosuch', 'pid:3',
  '-O', 'rss', 'o', 'k', '-rss', '--sort=-rss', '--sort', 'pid,-ppid', '--forest', '--no-headers', '--headers', '--pid', '--ppid=1',
  '--cols=40', '--version', '--help', 'all', '--format', '--user=root', '--deselect', '-V', '-efww', '-eLf', '--tty', '+1', '-900',
];

const CONFLICTS = /^q\/-q[/,]-?-?quick-pid .*\.\n$|^q\/-q\/--quick-pid can only be used once\.\n$/;

describe('ps option properties', () => {
  it('any command line: a listing, or a refusal in procps words, never a crash', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 6 }), (argv) => {
        const out = { stdout: '', stderr: '' };
        const status = runPs(context(['ps', ...argv], out, 950), PROCS);
        expect([0, 1]).toContain(status);
        if (out.stderr) {
          expect(status).toBe(1);
          expect(out.stderr.startsWith('error: ') ? /\nUsage:\n ps \[options\]\n[\s\S]*\nFor more details see ps\(1\)\.\n$/.test(out.stderr) : CONFLICTS.test(out.stderr)).toBe(true);
          expect(out.stdout).toBe('');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('-o with known columns prints their headers, in order', () => {
    const names = Object.keys(COLUMNS).filter((n) => /^[a-z_%~0-9]+$/.test(n));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 8 }), (list) => {
        const out = { stdout: '', stderr: '' };
        runPs(context(['ps', '-e', '-o', list.join(',')], out, 950), PROCS);
        expect(out.stderr).toBe('');
        expect(out.stdout.split('\n')[0].trim().split(/ +/)).toEqual(list.map((n) => COLUMNS[n].header));
        expect(out.stdout.split('\n')).toHaveLength(PROCS.length + 2);
      }),
      { numRuns: 200 },
    );
  });
});
