/**
 * busybox:1.36's applets fail in libbb's words, not coreutils'. Each expected text is the one
 * busybox's source at tag 1_36_1 prints (file and line cited), and was checked against busybox
 * 1.36.1 built from that tag with the docker-library image's configuration
 * (scripts/busybox/extract-usage.sh builds it). The nginx image keeps GNU coreutils.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';
import type { World } from '../../../src/sim/world';

let world: World;
const run = (script: string) => runScript(world, 'cka01', script);

beforeAll(async () => {
  world = bootWorld('cluster');
  const r = await run('kubectl run bb --image=busybox:1.36 -- sleep 3600; kubectl run web --image=nginx; sleep 30; kubectl get pods --no-headers');
  expect(r.stdout).toMatch(/bb +1\/1 +Running/);
  expect(r.stdout).toMatch(/web +1\/1 +Running/);
}, 60_000);

/** The stderr and exit status of one command run in the busybox container. */
async function inBusybox(command: string): Promise<{ stderr: string; status: string }> {
  const r = await run(`kubectl exec bb -- sh -c '${command}' 2>&1 >/dev/null; echo "status=$?"`);
  const status = /status=(\d+)\n$/.exec(r.stdout)?.[1] ?? '';
  return { stderr: r.stdout.replace(/command terminated with exit code \d+\nstatus=\d+\n$/, '').replace(/status=\d+\n$/, ''), status };
}

describe('busybox file errors', () => {
  const cases: [string, string, string, string][] = [
    // [command, stderr, exit status, where busybox says it]
    ['mkdir -p /tmp/d; cat /nope', "cat: can't open '/nope': No such file or directory\n", '1', 'libbb/xfuncs_printf.c:167 (open3_or_warn)'],
    ['mkdir -p /tmp/d; cat /tmp/d', 'cat: read error: Is a directory\n', '1', 'libbb/copyfd.c:90, libbb/messages.c bb_msg_read_error'],
    ['head /nope', 'head: /nope: No such file or directory\n', '1', 'libbb/wfopen.c:15 (fopen_or_warn)'],
    ['tail /nope', "tail: can't open '/nope': No such file or directory\n", '1', 'coreutils/tail.c:180 → libbb/xfuncs_printf.c:167'],
    ['rm /nope', "rm: can't remove '/nope': No such file or directory\n", '1', 'libbb/remove_file.c:23'],
    ['mkdir -p /tmp/d; rm /tmp/d', "rm: '/tmp/d' is a directory\n", '1', 'libbb/remove_file.c:35'],
    ['mkdir /a/b', "mkdir: can't create directory '/a/b': No such file or directory\n", '1', 'libbb/make_directory.c:142'],
    ['cp /nope /tmp', "cp: can't stat '/nope': No such file or directory\n", '1', 'libbb/copy_file.c:98'],
    ['mkdir -p /tmp/d; cp /tmp/d /tmp/e', "cp: omitting directory '/tmp/d'\n", '1', 'libbb/copy_file.c:144'],
    ['mv /nope /tmp', "mv: can't rename '/nope': No such file or directory\n", '1', 'coreutils/mv.c:143'],
    ['touch /nope/x', 'touch: /nope/x: No such file or directory\n', '1', 'coreutils/touch.c:188'],
    ['rmdir /nope', "rmdir: '/nope': No such file or directory\n", '1', 'coreutils/rmdir.c:78'],
    ['chmod 644 /nope', 'chmod: /nope: No such file or directory\n', '1', 'coreutils/chmod.c:102'],
    ['sort /nope', 'sort: /nope: No such file or directory\n', '2', 'libbb/wfopen.c:15 via xfopen; xfunc_error_retval = 2 at coreutils/sort.c:463'],
    ['wc /nope', 'wc: /nope: No such file or directory\n', '1', 'libbb/wfopen.c:15 (coreutils/wc.c:152)'],
    ['stat /nope', "stat: can't stat '/nope': No such file or directory\n", '1', 'coreutils/stat.c:607'],
    ['ln -s /a /nope/b', 'ln: /nope/b: No such file or directory\n', '1', 'coreutils/ln.c:157'],
    ['chown root /nope', 'chown: /nope: No such file or directory\n', '1', 'libbb/recursive_action.c:158'],
    ['du /nope', 'du: /nope: No such file or directory\n', '1', 'coreutils/du.c:151'],
    ['find /nope', 'find: /nope: No such file or directory\n', '1', 'libbb/recursive_action.c:158'],
    ['uniq /nope', "uniq: can't open '/nope': No such file or directory\n", '1', 'coreutils/uniq.c:76 xopen → libbb/xfuncs_printf.c:138'],
    ['md5sum /nope', "md5sum: can't open '/nope': No such file or directory\n", '1', 'coreutils/md5_sha1_sum.c:174 → libbb/xfuncs_printf.c:167'],
    ['sed p /nope', 'sed: /nope: No such file or directory\n', '1', 'editors/sed.c:1636'],
    ['awk 1 /nope', 'awk: /nope: No such file or directory\n', '1', 'editors/awk.c:2842 xfopen_stdin'],
    ['head -n x /etc/passwd', "head: invalid number 'x'\n", '1', 'libbb/xatonum_template.c:74'],
    ['tail -n x /etc/passwd', "tail: invalid number 'x'\n", '1', 'coreutils/tail.c:110 → libbb/xatonum_template.c:74'],
    ['sleep x', "sleep: invalid number 'x'\n", '1', 'coreutils/sleep.c:98 → libbb/xatonum_template.c:74'],
    ['cut /nope', 'cut: expected a list of bytes, characters, or fields\n', '1', 'coreutils/cut.c:234'],
    // sh -c: ash's builtin kill is kill_main under the shell's name (observed on a build of 1_36_1).
    ['kill 99999', "sh: can't kill pid 99999: No such process\n", '1', 'procps/kill.c:336 as ash builtin'],
    ['date -d x', "date: invalid date 'x'\n", '1', 'libbb/messages.c:18 bb_msg_invalid_date'],
    ['diff /nope /nope2', "diff: can't stat '/nope': No such file or directory\n", '2', 'editors/diff.c, xfunc_error_retval 2 at :993'],
    ['tar xf /nope', "tar: can't open '/nope': No such file or directory\n", '1', 'archival/tar.c:1171 xopen → libbb/xfuncs_printf.c:138'],
    ['expr', 'expr: too few arguments\n', '2', 'coreutils/expr.c:546-549'],
  ];
  for (const [command, stderr, status, where] of cases) {
    it(`${command} (${where})`, async () => {
      const r = await inBusybox(command);
      expect(r.stderr).toBe(stderr);
      expect(r.status).toBe(status);
    });
  }
});

describe('a missing operand', () => {
  it('is the usage alone, exit 1 (coreutils/rm.c:72 bb_show_usage; its text at coreutils/rm.c:27-33)', async () => {
    const r = await inBusybox('rm');
    expect(r.stderr).toBe('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: rm [-irf] FILE...\n\nRemove (unlink) FILEs\n\n\t-i\tAlways prompt before removing\n\t-f\tNever prompt\n\t-R,-r\tRecurse\n');
    expect(r.status).toBe('1');
  });
});

describe('the nginx image keeps GNU coreutils', () => {
  it('cat and mkdir word their errors as coreutils does', async () => {
    const r = await run('kubectl exec web -- cat /nope; kubectl exec web -- mkdir /a/b');
    expect(r.stderr).toContain('cat: /nope: No such file or directory\n');
    expect(r.stderr).toContain('mkdir: cannot create directory ‘/a/b’: No such file or directory\n');
  });

  it('rm and an unknown option stay in coreutils words', async () => {
    const r = await run('kubectl exec web -- rm /nope; kubectl exec web -- ls -y');
    expect(r.stderr).toContain("rm: cannot remove '/nope': No such file or directory\n");
    expect(r.stderr).toContain("ls: invalid option -- 'y'\nTry 'ls --help' for more information.\n");
  });
});
