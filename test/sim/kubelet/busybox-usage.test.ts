/**
 * busybox's --help and its answer to an option an applet has not: bb_show_usage on stderr
 * (libbb/appletlib.c:127-174 at tag 1_36_1) after the libc's getopt complaint. The usage texts
 * come from the //usage: comments (coreutils/ls.c:99-165, coreutils/sort.c:44-80); the busybox
 * image is linked with uClibc, alpine's busybox with musl.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';
import { usageText } from '../../../src/sim/kubelet/busybox/usage';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

// libbb/messages.c:14 bb_banner "BusyBox v" BB_VER " (" AUTOCONF_TIMESTAMP ")", then " multi-call binary.\n" (appletlib.c:157).
const BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n';
// coreutils/ls.c:99-108 with the image's features (LS_FOLLOWLINKS, LS_RECURSIVE, LS_FILETYPES, HUMAN_READABLE, LS_SORTFILES, LS_TIMESTAMPS, LS_WIDTH; no SELinux).
const LS_TRIVIAL = '[-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...';
// coreutils/sort.c:44-47 with FEATURE_SORT_BIG.
const SORT_TRIVIAL = '[-nrughMcszbdfiokt] [-o FILE] [-k START[.OFS][OPTS][,END[.OFS][OPTS]] [-t CHAR] [FILE]...';

beforeAll(async () => {
  world = bootWorld('cluster');
  const r = await run('kubectl run bb --image=busybox:1.36 -- sleep 3600; kubectl run al --image=alpine -- sleep 3600; sleep 30; kubectl get pods --no-headers');
  expect(r.stdout).toMatch(/bb +1\/1 +Running/);
  expect(r.stdout).toMatch(/al +1\/1 +Running/);
}, 60_000);

describe('--help', () => {
  it('prints the banner and the usage on stderr, and exits 0 (appletlib.c:945-948)', async () => {
    const r = await run('kubectl exec bb -- ls --help; echo "status=$?"');
    expect(r.stdout).toBe('status=0\n');
    // coreutils/ls.c:109-112: full usage opens with "\n\n" "List directory contents\n" "\n\t-1\tOne column output".
    expect(r.stderr.startsWith(`${BANNER}\nUsage: ls ${LS_TRIVIAL}\n\nList directory contents\n\n\t-1\tOne column output\n\t-a\tInclude names starting with .\n`)).toBe(true);
  });

  it('sh --help too: sh is ash, whose usage is shell/ash.c:14522-14526', async () => {
    const r = await run('kubectl exec bb -- sh --help; echo "status=$?"');
    expect(r.stdout).toBe('status=0\n');
    expect(r.stderr.startsWith(`${BANNER}\nUsage: sh [-il] [-|+Cabefmnuvx] [-|+o OPT]... [-c 'SCRIPT' [ARG0 ARGS] | FILE ARGS | -s ARGS]\n`)).toBe(true);
  });

  it('is an operand for echo (appletlib.c:929-940)', async () => {
    const r = await run('kubectl exec bb -- echo --help');
    expect(r.stdout).toBe('--help\n');
    expect(r.stderr).toBe('');
  });
});

describe('an option the applet has not', () => {
  it('sort --version: uClibc getopt_long, then the usage; sort exits 2 (coreutils/sort.c:463)', async () => {
    const r = await run('kubectl exec bb -- sort --version; echo "status=$?"');
    expect(r.stdout).toBe('status=2\n');
    // uClibc libc/unistd/getopt.c: "%s: unrecognized option `--%s'\n".
    expect(r.stderr.startsWith(`sort: unrecognized option \`--version'\n${BANNER}\nUsage: sort ${SORT_TRIVIAL}\n\nSort lines of text\n`)).toBe(true);
  });

  it('ls -y: uClibc "illegal option -- %c", the usage, exit 1', async () => {
    const r = await run('kubectl exec bb -- ls -y; echo "status=$?"');
    expect(r.stdout).toBe('status=1\n');
    expect(r.stderr.startsWith(`ls: illegal option -- y\n${BANNER}\nUsage: ls ${LS_TRIVIAL}\n`)).toBe(true);
    expect(r.stderr).not.toContain('Try ');
  });

  it('a GNU long option busybox rm has not (rm uses getopt32 without long options, coreutils/rm.c:49)', async () => {
    const r = await run('kubectl exec bb -- rm --force /nope; echo "status=$?"');
    expect(r.stdout).toBe('status=1\n');
    // coreutils/rm.c:27-33
    expect(r.stderr).toBe(`rm: unrecognized option \`--force'\n${BANNER}\nUsage: rm [-irf] FILE...\n\nRemove (unlink) FILEs\n\n\t-i\tAlways prompt before removing\n\t-f\tNever prompt\n\t-R,-r\tRecurse\ncommand terminated with exit code 1\n`);
  });

  it('--help after another argument is an unknown option (only argv[1] is looked at, appletlib.c:945)', async () => {
    const r = await run('kubectl exec bb -- ls -l --help; echo "status=$?"');
    expect(r.stdout).toBe('status=1\n');
    expect(r.stderr.startsWith(`ls: unrecognized option \`--help'\n${BANNER}`)).toBe(true);
  });

  it('a letter busybox grep has not (grep -P: its option string, findutils/grep.c, has no P)', async () => {
    const r = await run('kubectl exec bb -- grep -P root /etc/passwd; echo "status=$?"');
    expect(r.stdout).toBe('status=2\n');
    expect(r.stderr.startsWith(`grep: illegal option -- P\n${BANNER}\nUsage: grep `)).toBe(true);
  });

  it('a letter taking an argument takes the rest of its cluster (tail -n1, cut -d: -f1)', async () => {
    const r = await run('kubectl exec bb -- tail -n1 /etc/group; kubectl exec bb -- cut -d: -f1 /etc/passwd');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('nogroup:x:65534:\nroot\ndaemon\nbin\nsys\nsync\nmail\nwww-data\noperator\nnobody\n');
  });

  it('long options busybox has pass (mkdir --parents: coreutils/mkdir.c:63-65)', async () => {
    const r = await run('kubectl exec bb -- mkdir --parents /tmp/a/b; echo "status=$?"');
    expect(r.stdout).toBe('status=0\n');
  });

  it("alpine's musl words it \"unrecognized option: %s\" (musl src/misc/getopt_long.c, src/misc/getopt.c)", async () => {
    const r = await run('kubectl exec al -- sort --version; kubectl exec al -- ls -y');
    expect(r.stderr).toContain('sort: unrecognized option: version\n');
    expect(r.stderr).toContain('ls: unrecognized option: y\n');
  });
});

describe('usageText', () => {
  it('puts "Usage: APPLET " before the text, after a blank line (appletlib.c:156-168)', () => {
    expect(usageText('ls').startsWith(`${BANNER}\nUsage: ls ${LS_TRIVIAL}\n`)).toBe(true);
    expect(usageText('ls').endsWith('\n\t--color[={always,never,auto}]\n')).toBe(true);
  });
});
