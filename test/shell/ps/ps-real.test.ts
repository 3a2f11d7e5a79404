/**
 * ps on a node against the real procps ps: the header (names, widths, alignment) of each layout, and
 * each error's text, stream and status. The real ps runs on its own small process list (see
 * real-ps.ts), so for listings only the header line is compared; errors are compared whole.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';
import { realPs } from './real-ps';

/** Listings: the header line must match. */
const LAYOUTS = [
  'ps',
  'ps -ef',
  'ps aux',
  'ps -eF',
  'ps -el',
  'ps -ely',
  'ps -ej',
  'ps -ejH',
  'ps -efj',
  'ps -elj',
  'ps -eLf',
  'ps -eT',
  'ps -ec',
  'ps -ecl',
  'ps -eP',
  'ps axjf',
  'ps axu',
  'ps axv',
  'ps axl',
  'ps axj',
  'ps -e --forest',
  'ps -o pid,ppid,cmd',
  'ps -eo pid,comm,%mem --sort=-%mem',
  'ps -o pid,user,etime,args',
  'ps -eo pid,ppid,pgid,sid,tpgid,tty,stat,s,f,ni,pri,opri,priority,wchan:20,nlwp,psr,sz,rss,vsz,%cpu,%mem,c,time,etime,etimes,start,stime,start_time,bsdstart,bsdtime,lstart,comm,args',
  'ps -eo uid,euid,ruid,suid,fuid,gid,egid,rgid,user,euser,ruser,suser,fuser,uname,cmd',
  'ps -o pid=PROCESS,comm=NAME',
  'ps -o pid:3,user:12,comm:4',
  'ps -o pid,tname,tt,tty,lwp,tid,spid,tgid,sess,session,pgrp,thcount,cputime,cputimes,ucmd,ucomm,command',
  'ps -o acflag,addr,cpu,tmout,~,jobc,sl,re,logname,nsigs,nvcsw,wname,nwchan,fsuid,fsgid,fsuser,fsgroup,svuser,svgroup,cpuid,lastcpu,util,trss,tty4,longtname,pri_api,pri_bar,pri_baz,pri_foo,sched,policy,cmd',
  'ps -O rss',
  'ps -O rss,user',
  'ps O rss',
  'ps -fp 1',
  'ps -q 1 -o pid,cmd',
  'ps -u root',
  'ps -U root -u root',
  'ps -efww',
  'ps aux --sort=-rss',
  'ps aux --sort=+pid,-ppid',
  'ps auxk -rss',
  'ps --pid 1 --ppid 1',
  'ps -t -',
  'ps -u',
  'ps -f -o pid',
  'ps -x',
  'ps -ef -O rss',
  'ps -g',
  'ps -t',
  'ps s',
  'ps -s',
  'ps -o pid,pending,blocked,ignored,caught --cols 50',
  'ps -o pid,sig,sigmask,sigignore,sigcatch,sig_block,sig_catch,sig_ignore,sig_pend,tsig,args --cols 200',
  'ps -Hm',
  'ps O p',
  'ps O-p',
  'ps Op -o pid',
  'ps O rss --sort=pid',
  'ps O pid -o pid',
  'ps --sort=pid O rss',
  'ps 1',
  'ps -1',
  'ps +1',
  'ps p 1',
  'ps -s 1',
  'ps -g 1',
  'ps -G root',
  'ps --ppid 1 -o pid',
  'ps -p 0x1 -o pid',
  'ps -p 01 -o pid',
  'ps -o pid=A=B',
  'ps -ef --sort=start_time',
  'ps -e k-pid,+ppid',
  'ps -e -o pid,%cpu,%mem,rss,vsz --sort=-%cpu',
  'ps -ewo pid,args',
  'ps -eo pid,args --cols 20',
  'ps -ocomm,pid',
  'ps -eopid',
  'ps -N -p 1',
  'ps --deselect -p 1',
  'ps -e --headers',
  'ps r',
  'ps x',
  'ps ax',
  'ps -a',
  'ps -d',
  'ps -AH',
];

/** Listings without a header: [the command, the same listing with its header]. */
const HEADERLESS = [
  ['ps -p 1 -o comm=', 'ps -p 1 -o comm'],
  ['ps -p 1 -o pid=,comm=', 'ps -p 1 -o pid,comm'],
  ['ps -C ps -o pid=', 'ps -C ps -o pid'],
  ['ps -ef --no-headers', 'ps -ef'],
  ['ps -ef h', 'ps -ef x'],
  ['ps --no-headers aux', 'ps aux'],
];

/** Errors: stdout, stderr and status must match. */
const ERRORS = [
  'ps -z',
  'ps -o nosuchcol',
  'ps -o pid,nosuchcol',
  'ps -o',
  'ps -p',
  'ps -p 1,',
  'ps -p 1,,2',
  'ps -p x',
  'ps -p 0',
  'ps -C',
  'ps -u nosuchuser',
  'ps -t nosuchtty',
  'ps --sort=foo',
  'ps --sort=',
  'ps --sort pid --sort ppid',
  'ps --foo',
  'ps --forest=1',
  'ps --no-headers=x',
  'ps -o pid:',
  'ps -o pid:0',
  'ps -o pid:x',
  'ps -o ,pid',
  'ps -o pid,,comm',
  'ps -o DefBSD:3',
  'ps -j -o pid',
  'ps uj',
  'ps -y',
  'ps -a x',
  'ps h --no-headers',
  'ps -q 1 -q 1',
  'ps -q 1 -p 1',
  'ps -q 1 --forest',
  'ps -q 1 --sort=pid',
  'ps -q 1 -N',
  'ps -L --forest',
  'ps -L -T',
  'ps A',
  'ps C',
  'ps W',
  'ps L x',
  'ps -',
  'ps --',
  'ps -a-',
  'ps a-',
  'ps --cols=x',
  'ps --cols',
  'ps --rows=0',
  'ps -O',
  'ps --pid',
  'ps --ppid=',
  'ps --sid',
  'ps --tty',
  'ps --user',
  'ps --User',
  'ps --Group',
  'ps --group nosuchgroup',
  'ps -G nosuchgroup',
  'ps k',
  'ps o',
  'ps p',
  'ps U',
  'ps -V -e',
  'ps --version -e',
  'ps --sort=-',
  'ps 1 x',
  'ps -p 1 2 x',
  'ps -G',
  'ps -U',
  'ps -g x,y',
  'ps --sort=+',
  'ps -o pid -O rss',
  'ps -O rss -O vsz',
  'ps -y -f',
  'ps -o pid,nosuch:3',
  'ps --quick-pid=',
  'ps --format=',
  'ps -p 2147483648',
  'ps -p 0x10g',
  'ps -u 4294967295',
  'ps --cols=0',
  'ps Hm',
  'ps -o pid O rss',
  'ps m -m',
  'ps -LT',
  'ps aux h --headers',
];

/** Help and version: procps 4 adds one line to the output section and says its own version. */
const HELP = ['ps --help', 'ps --help s', 'ps --help list', 'ps --help o', 'ps --help threads', 'ps --help m', 'ps --help all', 'ps --help nonsense', 'ps -V', 'ps V', 'ps --version'];
const SINCE_PROCPS_4 = (text: string) => text.replace('  -P                  add psr column\n', '').replace('procps-ng 4.0.2', 'procps-ng 3.3.17');

/** `ps L`: procps 4 lists columns 3.3.17 has not, and no longer alarm and nwchan. */
const ADDED_IN_4 = ['ag_id', 'ag_nice', 'cgroupns', 'cuc', 'cuu', 'oom', 'oomadj', 'pss', 'rbytes', 'rchars', 'rops', 'timens', 'uss', 'wbytes', 'wcbytes', 'wchars', 'wops'];
const REMOVED_IN_4 = ['alarm', 'nwchan'];

const CASES = Object.fromEntries([...LAYOUTS, ...ERRORS, ...HEADERLESS.flat(), ...HELP, 'ps L'].map((c) => [c, c]));
const real = realPs(`${__dirname}/ps-real.golden.json`, CASES);

let world: World;
beforeAll(() => {
  world = bootWorld('cluster');
}, 60_000);

/** The header line, with trailing blanks kept. */
const firstLine = (text: string) => text.split('\n')[0];

describe('ps layouts match the real ps header for header', () => {
  for (const c of LAYOUTS) {
    it(c, async () => {
      const r = await runScript(world, 'cka01', c);
      expect(real[c].stderr).toBe('');
      expect(r.stderr).toBe('');
      expect(firstLine(r.stdout)).toBe(firstLine(real[c].stdout));
    });
  }
});

describe('ps without a header, as the real ps', () => {
  for (const [c, withHeader] of HEADERLESS) {
    it(c, async () => {
      const r = await runScript(world, 'cka01', c);
      const header = firstLine(real[withHeader].stdout);
      // The real listing's first line is a process, not the header; so is ours.
      expect(firstLine(real[c].stdout)).not.toBe(header);
      expect(r.stderr).toBe('');
      expect(r.stdout).not.toContain(header);
      expect(firstLine(r.stdout)).not.toBe('');
    });
  }
});

describe('ps errors match the real ps', () => {
  for (const c of ERRORS) {
    it(c, async () => {
      const r = await runScript(world, 'cka01', c);
      expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual(real[c]);
    });
  }
});

describe("ps help and version are 3.3.17's, the real 4.0.2's less what it added", () => {
  for (const c of HELP) {
    it(c, async () => {
      const r = await runScript(world, 'cka01', c);
      const want = real[c];
      expect({ stdout: r.stdout, stderr: r.stderr, status: r.status }).toEqual({ ...want, stdout: SINCE_PROCPS_4(want.stdout) });
    });
  }
});

describe('ps L', () => {
  it("lists 3.3.17's columns: the real 4.0.2's list less what 4.0 changed", async () => {
    const r = await runScript(world, 'cka01', 'ps L');
    const name = (line: string) => line.split(' ')[0];
    expect(r.stdout.split('\n').filter((l) => !REMOVED_IN_4.includes(name(l)))).toEqual(real['ps L'].stdout.split('\n').filter((l) => !ADDED_IN_4.includes(name(l))));
    expect(r.stdout).toMatch(/^alarm        ALARM   $/m);
  });
});
