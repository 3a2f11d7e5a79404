/** The headless CLI: piped scripts run as `bash -s`, state persists with --state, --list. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sim(args: string[], input: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('npm run sim', () => {
  it('runs piped lines as bash -s and exits with the last status', () => {
    const r = sim([], 'hostname\nwhoami\ncat <<EOF\nheredoc $((6*7))\nEOF\nnosuch\n');
    expect(r.stdout).toBe('cka01\nroot\nheredoc 42\n');
    expect(r.stderr).toBe('bash: line 6: nosuch: command not found\n');
    expect(r.status).toBe(127);
  });

  it('logs in as the given user on the given host', () => {
    const r = sim(['--host', 'cka03', '--user', 'ubuntu'], 'echo "$USER@$(hostname):$PWD"\n');
    expect(r.stdout).toBe('ubuntu@cka03:/home/ubuntu\n');
  });

  it('keeps the world in --state between runs', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sim-')), 'world.json');
    expect(sim(['--state', file], 'echo kept > /root/note\nssh cka02 "echo remote > /tmp/r"\n').status).toBe(0);
    expect(existsSync(file)).toBe(true);
    const r = sim(['--state', file], 'cat /root/note\nssh cka02 cat /tmp/r\n');
    expect(r.stdout).toBe('kept\nremote\n');
  });

  it('lists scenarios', () => {
    const r = sim(['--list'], '');
    expect(r.stdout).toMatch(/^scenario\tmachines\t/m);
  });

  it('rejects unknown hosts and arguments', () => {
    expect(sim(['--host', 'nowhere'], '').status).toBe(2);
    expect(sim(['--bogus'], '').stderr).toContain('unknown argument: --bogus');
  });
});
